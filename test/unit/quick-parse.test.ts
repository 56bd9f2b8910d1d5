import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import type { Context } from "../../src/cli/context.js";
import { buildProgram } from "../../src/cli/program.js";
import { quickParse } from "../../src/cli/quick-parse.js";
import { loadRules } from "../../src/core/load-rules.js";
import type { Rules } from "../../src/core/rules-schema.js";
import { defaultRules } from "../helpers.js";

// What commander's actions are called with, recorded instead of run.
const called = vi.hoisted(() => ({ calls: [] as [string, unknown][] }));
vi.mock("../../src/cli/actions.js", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../src/cli/actions.js")>()),
  runRecommend: async (_ctx: Context, options: unknown) => void called.calls.push(["recommend", options]),
  runTable: async (_ctx: Context, options: unknown) => void called.calls.push(["table", options]),
}));

const rules = defaultRules();
// Fixed seed and bounded runs in CI; FC_RUNS=5000 (for example) runs longer, FC_SEED picks another seed.
const settings = { seed: Number(process.env.FC_SEED ?? 20261126), numRuns: Number(process.env.FC_RUNS ?? 150) * 20 };
const silent = { writeOut: () => {}, writeErr: () => {}, getOutHelpWidth: () => 80, getErrHelpWidth: () => 80, getOutHasColors: () => false, getErrHasColors: () => false };

/** The action commander calls for a command line and its options, or the error it ends with. */
async function throughCommander(rules: Rules, argv: string[]): Promise<{ command: string; options: unknown } | { error: string }> {
  called.calls.length = 0;
  const program = buildProgram(rules, "0.0.0", () => ({}) as Context, silent, argv);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    return { error: String(error) };
  }
  expect(called.calls).toHaveLength(1);
  const [command, options] = called.calls[0]!;
  return { command, options };
}

const recommend = (options: object) => ({ command: "recommend", options: { profileFile: undefined, flags: {}, format: "table", explain: false, input: true, save: undefined, force: false, ...options } });

describe("the quick reading of common command lines", () => {
  it.each([
    [[], recommend({})],
    [["recommend"], recommend({})],
    [["--need", "knowledge", "--citations", "--format", "json"], recommend({ flags: { need: "knowledge", citations: true }, format: "json" })],
    [["recommend", "--no-citations", "--corpus-tokens=2m", "--format=yaml"], recommend({ flags: { "corpus-tokens": "2m", citations: false }, format: "yaml" })],
    [["--profile", "-", "--no-input", "--explain"], recommend({ profileFile: "-", input: false, explain: true })],
    [["--save", "p.yaml", "--force", "--latency", "strict", "--ascii", "--no-color"], recommend({ save: "p.yaml", force: true, flags: { latency: "strict" } })],
    // A value is taken as it is, even one that looks like an option, as commander takes it.
    [["--need", "--latency"], recommend({ flags: { need: "--latency" } })],
    [["--budget-usd", "-5"], recommend({ flags: { "budget-usd": "-5" } })],
    [["table"], { command: "table", options: { format: "table" } }],
    [["table", "--format", "markdown", "--rules", "ours.yaml"], { command: "table", options: { format: "markdown" } }],
    // The options every command takes, given before the command name.
    [["--format", "json", "table"], { command: "table", options: { format: "json" } }],
    [["--rules=ours.yaml", "--no-color", "recommend", "--need", "knowledge"], recommend({ flags: { need: "knowledge" } })],
    [["--ascii", "--format", "yaml", "--need", "knowledge"], recommend({ flags: { need: "knowledge" }, format: "yaml" })],
  ])("%j", (argv, expected) => {
    expect(quickParse(argv, rules)).toStrictEqual(expected);
  });

  it("gives the answers in the rules' order, as commander does: the order of the profile and of any problems", () => {
    const quick = quickParse(["--timeline", "weeks", "--need", "knowledge"], rules);
    expect(quick?.command === "recommend" && Object.keys(quick.options.flags)).toEqual(["need", "timeline"]);
  });

  it.each([
    [["--help"]],
    [["-h"]],
    [["--version"]],
    [["-V"]],
    [["help"]],
    [["questions"]],
    [["explain", "rag"]],
    [["table", "--need", "knowledge"]],
    [["recommend", "table"]],
    [["--need", "knowledge", "table"]],
    [["--explain", "table"]],
    [["--ascii", "explain", "rag"]],
    [["--format", "json", "table", "--format", "yaml"]],
    [["--need", "knowledge", "extra"]],
    [["--profile", "--help"]],
    [["--need", "-V"]],
    [["--need", "--", "--latency=strict"]],
    [["--need", "knowledge", "--need", "data"]],
    [["--citations", "--no-citations"]],
    [["--no-need", "knowledge"]],
    [["--citations=yes"]],
    [["--need"]],
    [["--format", "html"]],
    [["--format"]],
    [["--", "--need", "knowledge"]],
    [["--nee", "knowledge"]],
    [["--input"]],
    [["--batch", "in.jsonl"]],
    [["--batch", "in.jsonl", "--what-if"]],
    [["table", "--no-input"]],
  ])("leaves %j to commander", (argv) => {
    expect(quickParse(argv, rules)).toBeUndefined();
  });

  // The built-in rules, and a small rules file whose questions are other ones (an enum, a number, a yes/no).
  const minimal = loadRules(readFileSync(new URL("../fixtures/minimal-rules.yaml", import.meta.url), "utf8"));
  it.each([
    ["the built-in rules", rules],
    ["a rules file of one's own", minimal],
  ])("reads any command line it takes exactly as commander does, with %s", async (_name, ruleSet) => {
    const dimensionTokens = ruleSet.dimensions.flatMap((d) => [`--${d.id}`, `--no-${d.id}`, `--${d.id}=2m`]);
    const optionTokens = ["--format", "--format=json", "--format=yaml", "--format=bad", "--rules", "--no-color", "--ascii", "--profile", "--no-input", "--input", "--explain", "--save", "--force", "--batch", "--what-if", "--help", "-h", "-V", "--", "--unknown", "--explain=yes", "--rules=r.yaml"];
    const valueTokens = ["json", "markdown", "table", "recommend", "knowledge", "strict", "2m", "0", "-", "-5", "", "x.yaml", "yes", "help"];
    const token = fc.oneof(fc.constantFrom(...dimensionTokens), fc.constantFrom(...optionTokens), fc.constantFrom(...valueTokens));
    // Often some of the options every command takes, then a command name, then anything.
    const before = fc.array(fc.constantFrom("--format", "--format=json", "--rules", "--no-color", "--ascii", "json", "yaml", "table", "x.yaml"), { maxLength: 3 });
    const argv = fc
      .tuple(before, fc.constantFrom([], ["recommend"], ["table"]), fc.array(token, { maxLength: 8 }))
      .map(([first, command, rest]) => [...first, ...command, ...rest]);
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(argv, async (line) => {
        const quick = quickParse(line, ruleSet);
        if (quick === undefined) return;
        taken++;
        const commander = await throughCommander(ruleSet, line);
        expect(commander).toStrictEqual(quick);
        if (quick.command === "recommend" && "options" in commander) {
          expect(Object.keys((commander.options as typeof quick.options).flags)).toEqual(Object.keys(quick.options.flags));
        }
      }),
      settings,
    );
    // The property says something only if many of the lines were taken.
    expect(taken).toBeGreaterThan(settings.numRuns / 15);
  });
});
