import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { golden, ROOT, runCli } from "./run-cli.js";
import { tempDir } from "../helpers.js";

const dir = tempDir("advise-rules-");
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe("advise rules validate", () => {
  it.each([
    ["validate-ok", ["rules", "validate", "rules/default.yaml", "examples/acme-rules.yaml"]],
    ["validate-invalid", ["rules", "validate", "test/fixtures/invalid-rules.yaml"]],
    ["validate-bad-layer", ["rules", "validate", "test/fixtures/extends/bad-layer.yaml"]],
    ["validate-cycle", ["rules", "validate", "test/fixtures/extends/a.yaml"]],
    ["validate-missing-base", ["rules", "validate", "test/fixtures/extends/missing.yaml"]],
    ["validate-json", ["rules", "validate", "test/fixtures/invalid-rules.yaml", "--format", "json"]],
  ])("%s", async (name, args) => {
    const run = runCli(args);
    await expect(golden(args, run)).toMatchFileSnapshot(`../golden/${name}.txt`);
    expect(run.code).toBe(name === "validate-ok" ? 0 : 1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("reports every problem, with did-you-mean for keys and ids", () => {
    const run = runCli(["rules", "validate", "test/fixtures/extends/bad-layer.yaml", "--format", "json"]);
    const problems = JSON.parse(run.stdout).files[0].problems;
    expect(problems.map((p: { message: string }) => p.message)).toEqual([
      expect.stringMatching(/unknown key "efects" \(did you mean "effects"\?\)/),
      expect.stringMatching(/"knowlege" is not a value of "need" \(did you mean "knowledge"\?\)/),
    ]);
    expect(problems[0]).toMatchObject({ line: 4, column: 5 });
  });

  it("layers a file over the one it extends", () => {
    const run = runCli(["--rules", "test/fixtures/extends/layer.yaml", "--size", "small", "--urgent", "--format", "json"]);
    expect(run.code).toBe(0);
    const data = JSON.parse(run.stdout);
    expect(data.recommendation.id).toBe("costly");
    expect(data.ranking[0].reasons.map((r: { rule: string }) => r.rule)).toEqual(["small-is-cheap"]);
    expect(JSON.parse(runCli(["--rules", "test/fixtures/extends/layer.yaml", "table", "--format", "json"]).stdout).approaches[0].bestUseCase).toBe("Tiny things");
  });

  it("reads ADVISE_RULES, and --rules wins over it", () => {
    const env = { ADVISE_RULES: "test/fixtures/minimal-rules.yaml" };
    expect(JSON.parse(runCli(["table", "--format", "json"], { env }).stdout).approaches.map((a: { id: string }) => a.id)).toEqual(["cheap", "costly", "other"]);
    expect(JSON.parse(runCli(["table", "--format", "json", "--rules", "rules/default.yaml"], { env }).stdout).approaches).toHaveLength(4);
  });

  it.each([
    ["an empty file", "", /the file is empty/],
    ["a binary file", Buffer.from([0x76, 0x00, 0x01, 0x02]), /binary file/],
    ["non-UTF-8 text", Buffer.from([0x76, 0x3a, 0x20, 0xff, 0xfe, 0x0a]), /not UTF-8/],
    ["duplicate keys", "version: 1\nversion: 1\n", /Map keys must be unique/],
    ["an alias bomb", ["a: &a [x,x,x,x,x,x,x,x,x,x]", ...Array.from({ length: 8 }, (_, i) => `${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array(10).fill(`*${"abcdefgh"[i]}`).join(",")}]`)].join("\n"), /alias/i],
    ["a huge file", `# ${"x".repeat(3 * 1024 * 1024)}\n`, /at most \d+ are read/],
  ])("rejects %s with a clear message", (_what, content, message) => {
    const run = runCli(["rules", "validate", file(`hostile-${Math.random()}.yaml`, content as string)]);
    expect(run.code).toBeGreaterThan(0);
    expect(run.stdout + run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("accepts a byte-order mark", () => {
    const text = readFileSync(join(ROOT, "test/fixtures/minimal-rules.yaml"), "utf8");
    expect(runCli(["rules", "validate", file("bom.yaml", `\uFEFF${text}`)]).code).toBe(0);
  });
});

describe("advise rules schema", () => {
  const ajv = new Ajv({ allErrors: true, strict: false });

  it("prints the shipped schemas, so they cannot drift from the code", () => {
    expect(JSON.parse(runCli(["rules", "schema"]).stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, "schema/rules.schema.json"), "utf8")));
    expect(JSON.parse(runCli(["rules", "schema", "--layer"]).stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, "schema/rules-layer.schema.json"), "utf8")));
  });

  it("validates the default rules and the example with an independent validator", () => {
    const complete = ajv.compile(JSON.parse(readFileSync(join(ROOT, "schema/rules.schema.json"), "utf8")));
    const layer = ajv.compile(JSON.parse(readFileSync(join(ROOT, "schema/rules-layer.schema.json"), "utf8")));
    expect(complete(parse(readFileSync(join(ROOT, "rules/default.yaml"), "utf8"))), JSON.stringify(complete.errors)).toBe(true);
    expect(layer(parse(readFileSync(join(ROOT, "examples/acme-rules.yaml"), "utf8"))), JSON.stringify(layer.errors)).toBe(true);
    expect(complete({ version: 1, approaches: [] })).toBe(false);
    expect(layer({ extends: "default", rules: [{ id: "x", efects: {} }] })).toBe(false);
  });
});

describe("advise rules show", () => {
  it("prints the merged rules of a layered file, which validate as a complete rules file on their own", () => {
    const shown = runCli(["rules", "show", "--rules", "examples/acme-rules.yaml"]);
    expect(shown.code).toBe(0);
    const rules = parse(shown.stdout);
    expect(rules.extends).toBeUndefined();
    expect(rules.dimensions.map((d: { id: string }) => d.id)).toContain("data-residency");
    expect(rules.dimensions.length).toBe(parse(runCli(["rules", "show"]).stdout).dimensions.length + 1);
    const check = runCli(["rules", "validate", "-"], { input: shown.stdout });
    expect(check.stdout).toMatch(/valid \(4 approaches, 20 questions/);
    expect(check.code).toBe(0);
  });

  it("prints YAML or JSON only, and says so", () => {
    expect(JSON.parse(runCli(["rules", "show", "--format", "json"]).stdout).approaches).toHaveLength(4);
    for (const args of [["rules", "show", "--format", "table"], ["--format", "markdown", "rules", "show"]]) {
      const run = runCli(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/yaml.*json|json.*yaml/);
      expect(run.stdout).toBe("");
    }
  });
});

describe("advise rules test", () => {
  it("passes the project's scenarios and the shared ones with the default rules", () => {
    const files = ["test/scenarios/guidance.yaml", "../shared/scenarios/public-guidance.yaml"].filter((f) => {
      try {
        readFileSync(join(ROOT, f));
        return true;
      } catch {
        return false;
      }
    });
    const run = runCli(["rules", "test", ...files]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/\d+ passed, 0 failed/);
  });

  it("reports a failure with what was expected, what came out and why; exit 1; JUnit for CI", async () => {
    const scenarios = file("scenarios.yaml", "scenarios:\n  - id: wants-costly\n    profile: { size: small }\n    expect: { top: costly }\n  - id: wants-cheap\n    profile: { size: small }\n    expect: { top: cheap }\n");
    const run = runCli(["rules", "test", scenarios, "--rules", "test/fixtures/minimal-rules.yaml"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL wants-costly[\s\S]*expected costly[\s\S]*got {6}cheap[\s\S]*because {2}\+3 small-is-cheap/);
    expect(run.stdout).toMatch(/1 passed, 1 failed/);
    const junit = runCli(["rules", "test", scenarios, "--rules", "test/fixtures/minimal-rules.yaml", "--format", "junit"]);
    expect(junit.stdout).toMatch(/<testsuites tests="2" failures="1">/);
    expect(junit.stdout).toMatch(/<failure message="expected costly, got cheap">/);
    const json = JSON.parse(runCli(["rules", "test", scenarios, "--rules", "test/fixtures/minimal-rules.yaml", "--format", "json"]).stdout);
    expect(json).toMatchObject({ passed: 1, failed: 1 });
  });

  it("rejects a file that is not a scenario file, with exit 2", () => {
    const run = runCli(["rules", "test", file("nope.yaml", "scenarios:\n  - id: x\n")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/:2:5: scenario "x" needs profile and expect/);
  });
});

describe("advise rules test is strict", () => {
  const scenarios = (body: string) => file(`strict-${Math.random()}.yaml`, `scenarios:\n${body}`);
  it.each([
    ["a misspelled key in expect", "  - id: a\n    profile: { need: knowledge }\n    expect: { top: rag, acceptible: [in-context-learning] }\n", /:4:\d+: unknown key "acceptible" \(did you mean "acceptable"\?\)/],
    ["warning for warnings", "  - id: a\n    profile: { need: knowledge }\n    expect:\n      top: rag\n      warning: [human-review-required]\n", /:6:7: unknown key "warning" \(did you mean "warnings"\?\)/],
    ["an unknown approach", "  - id: a\n    profile: { need: knowledge }\n    expect: { top: ragg }\n", /:4:20: unknown approach or combination "ragg" \(did you mean "rag"\?\)/],
    ["an unknown warning", "  - id: a\n    profile: { need: knowledge }\n    expect: { top: rag, warnings: [human-review-requird] }\n", /unknown warning "human-review-requird" \(did you mean "human-review-required"\?\)/],
    ["an invalid profile", "  - id: a\n    profile: { need: knowledge, latency: interactiv }\n    expect: { top: rag }\n", /:3:42: scenario "a": "interactiv" is not a valid latency \(did you mean "interactive"\?\)/],
    ["a duplicate id", "  - id: a\n    profile: {}\n    expect: { top: rag }\n  - id: a\n    profile: {}\n    expect: { top: rag }\n", /:5:9: duplicate scenario id "a"/],
  ])("refuses %s with file:line, exit 2, and runs nothing", (_what, body, message) => {
    const run = runCli(["rules", "test", scenarios(body)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
    expect(run.stderr).not.toMatch(/Invalid input|expected \w+, received/);
  });

  it("resolves approach aliases in top and acceptable", () => {
    const run = runCli(["rules", "test", scenarios("  - id: a\n    profile: { need: knowledge, corpus-tokens: 5m, knowledge-freshness: frequent }\n    expect: { top: retrieval, acceptable: [icl] }\n")]);
    expect(run.stdout).toMatch(/PASS a/);
    expect(run.code).toBe(0);
  });

  it("honours every format it lists", () => {
    const path = scenarios("  - id: a\n    profile: { need: knowledge, corpus-tokens: 5m, knowledge-freshness: frequent }\n    expect: { top: rag }\n");
    const markdown = runCli(["rules", "test", path, "--format", "markdown"]);
    expect(markdown.stdout).toMatch(/^# Scenarios\n\n1 passed, 0 failed\n\n\| result \| scenario/);
    expect(parse(runCli(["rules", "test", path, "--format", "yaml"]).stdout)).toMatchObject({ passed: 1, failed: 0 });
    const validate = runCli(["rules", "validate", "test/fixtures/invalid-rules.yaml", "--format", "markdown"]);
    expect(validate.stdout).toMatch(/^# Rules check\n\n## test\/fixtures\/invalid\\-rules\.yaml: 2 problems/);
    expect(validate.stdout).not.toMatch(/✖|\x1b/);
  });
});
