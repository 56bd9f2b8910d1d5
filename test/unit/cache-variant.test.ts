import { describe, expect, it } from "vitest";
import { cacheVariant, OTHER_COMMANDS, VALUE_OPTIONS_BEFORE_COMMAND } from "../../src/cli/cache-variant.js";
import { COMMON_OPTIONS } from "../../src/cli/options.js";
import { buildProgram } from "../../src/cli/program.js";
import { defaultRules } from "../helpers.js";

describe("the code cache chosen for a command line", () => {
  it.each([
    [["table"], "table"],
    [["table", "--format", "json"], "table"],
    [["--ascii", "table"], "table"],
    [["--format", "json", "table"], "table"],
    [["--rules", "ours.yaml", "--format=yaml", "table"], "table"],
    [[], "recommend"],
    [["recommend", "--need", "knowledge"], "recommend"],
    [["--need", "knowledge", "--format", "table"], "recommend"],
    [["--profile", "answers.yaml"], "recommend"],
    [["--need", "knowledge", "--format", "json"], "recommend-json"],
    [["--format=json", "--profile", "-"], "recommend-json"],
    [["recommend", "--need", "knowledge", "--format", "yaml"], "recommend"],
    [["explain", "rag"], undefined],
    [["rules", "validate", "ours.yaml"], undefined],
    [["help", "table"], undefined],
    [["--help"], undefined],
    [["table", "--help"], undefined],
    [["--version"], undefined],
    [["--batch", "in.jsonl"], undefined],
  ] as const)("%j -> %s", (argv, expected) => {
    expect(cacheVariant(argv)).toBe(expected);
  });

  it("knows every command of the program", () => {
    const program = buildProgram(
      defaultRules(),
      "0.0.0",
      () => {
        throw new Error("no command runs here");
      },
      { writeOut: () => {}, writeErr: () => {}, getOutHelpWidth: () => 80, getErrHelpWidth: () => 80, getOutHasColors: () => false, getErrHasColors: () => false },
      [],
    );
    const names = program.commands.map((c) => c.name());
    expect([...names].sort()).toEqual(["recommend", "table", ...OTHER_COMMANDS.filter((c) => c !== "help")].sort());
  });

  it("knows which options given before the command name take a value", () => {
    const taking = ["--format", ...COMMON_OPTIONS.filter((o) => o.flags.includes("<")).map((o) => o.flags.split(" ")[0]!)];
    expect([...VALUE_OPTIONS_BEFORE_COMMAND].sort()).toEqual(taking.sort());
  });
});
