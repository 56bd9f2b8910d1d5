import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/program.js";
import { RESERVED_DIMENSION_IDS } from "../../src/core/check-rules.js";
import { costQuestions } from "../../src/core/cost.js";
import { defaultRules } from "../helpers.js";

describe("question ids reserved for advise's own options", () => {
  it("are exactly the names of the options that recommend parses beside the question flags", () => {
    const rules = defaultRules();
    const program = buildProgram(
      rules,
      "0.0.0",
      () => {
        throw new Error("no command runs here");
      },
      {
        writeOut: () => {},
        writeErr: () => {},
        getOutHelpWidth: () => 80,
        getErrHelpWidth: () => 80,
        getOutHasColors: () => false,
        getErrHasColors: () => false,
      },
    );
    const recommend = program.commands.find((c) => c.name() === "recommend")!;
    const questionFlags = new Set([
      ...rules.dimensions.flatMap((d) => [`--${d.id}`, `--no-${d.id}`]),
      ...costQuestions(rules).map((q) => `--${q.id}`),
    ]);
    const own = [...program.options, ...recommend.options]
      .map((o) => o.long!)
      .filter((flag) => !questionFlags.has(flag))
      .map((flag) => flag.replace(/^--(no-)?/, ""));
    expect([...new Set([...own, "help"])].sort()).toEqual([...RESERVED_DIMENSION_IDS].sort());
  });
});
