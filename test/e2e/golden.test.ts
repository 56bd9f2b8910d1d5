import { describe, expect, it } from "vitest";
import { golden, runCli } from "./run-cli.js";

const R01 = [
  "--need",
  "knowledge",
  "--knowledge-freshness",
  "frequent",
  "--corpus-tokens",
  "2m",
  "--labeled-examples",
  "0",
  "--budget-usd",
  "50k",
  "--queries-per-day",
  "20000",
  "--latency",
  "interactive",
  "--citations",
  "--error-cost",
  "medium",
  "--data-sensitivity",
  "public",
  "--deployment",
  "hosted-api",
  "--ml-expertise",
  "none",
  "--timeline",
  "weeks",
  "--retrieval-infra",
  "managed",
];

/** name → command line; each golden file holds the command, exit code, stdout and stderr. */
const CASES: Record<string, string[]> = {
  table: ["table"],
  "table-ascii-60": ["table", "--ascii"],
  "table-json": ["table", "--format", "json"],
  "table-markdown": ["table", "--format", "markdown"],
  questions: ["questions"],
  "recommend-help-center": R01,
  "recommend-help-center-json": [...R01, "--format", "json"],
  "recommend-explain": ["--need", "task-skill", "--labeled-examples", "8", "--timeline", "days", "--explain"],
  "recommend-markdown": [...R01, "--format", "markdown"],
  "explain-rag": ["explain", "retrieval"],
  "explain-combination": ["explain", "rag+fine-tuning"],
  compare: ["compare", "icl", "ft"],
  "cost-help-center": ["cost", ...R01],
  "cost-help-center-60-ascii": ["cost", ...R01, "--ascii"],
  "cost-help-center-json": ["cost", ...R01, "--format", "json"],
  "error-negative-budget": ["--budget-usd", "-5"],
  "error-enum-typo": ["--latency", "interactiv"],
  "error-enum-unknown": ["--latency", "realtime"],
  "error-not-a-number": ["--labeled-examples", "lots"],
  "error-unknown-option": ["--frobnicate"],
  "error-unknown-command-value": ["--format", "xml"],
  "error-unknown-approach": ["explain", "rga"],
  "error-no-answers": [],
  "error-profile-unknown-key": ["--profile", "test/fixtures/profile-unknown-key.yaml"],
  "error-profile-missing": ["--profile", "no-such-file.yaml"],
  "error-rules-not-yaml": ["--rules", "test/fixtures/not-yaml.yaml", "table"],
  "error-rules-invalid": ["--rules", "test/fixtures/invalid-rules.yaml", "table"],
};

describe("the built binary", () => {
  it.each(Object.entries(CASES))("%s", async (name, args) => {
    const run = runCli(args, { env: name.includes("-60") ? { COLUMNS: "60", TERM: "dumb" } : {} });
    await expect(golden(args, run)).toMatchFileSnapshot(`../golden/${name}.txt`);
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    if (name.startsWith("error-")) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.trim().split("\n")[0]).toMatch(/^advise: /);
    } else {
      expect(run.code).toBe(0);
      expect(run.stderr).toBe("");
    }
  });

  it("prints one JSON document with the contract's fields", () => {
    const run = runCli([...R01, "--format", "json"]);
    const data = JSON.parse(run.stdout);
    expect(data.schemaVersion).toBe(1);
    expect(data.recommendation).toMatchObject({
      id: "rag",
      approaches: ["rag"],
      variant: "managed-rag-service",
      confidence: expect.stringMatching(/high|medium|low/),
    });
    expect(data.ranking.map((a: { id: string }) => a.id).sort()).toEqual([
      "fine-tuning",
      "in-context-learning",
      "pre-training",
      "rag",
    ]);
    expect(data.profile["budget-usd"]).toBe(50_000);
    expect(Array.isArray(data.whatIf) && Array.isArray(data.unanswered) && Array.isArray(data.warnings)).toBe(true);
  });

  it("reads a profile from stdin and lets flags override it", () => {
    const run = runCli(["--profile", "-", "--format", "json", "--latency", "strict"], {
      input: '{"need": "behavior", "latency": "batch"}',
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).profile).toEqual({ need: "behavior", latency: "strict" });
  });

  it("prints the version and help with exit 0", () => {
    expect(runCli(["--version"]).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = runCli(["recommend", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--budget-usd <number>");
    expect(help.stdout).toContain("Examples:");
  });
});
