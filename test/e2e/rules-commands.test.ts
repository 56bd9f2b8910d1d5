import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Ajv } from "ajv";
import { XMLParser, XMLValidator } from "fast-xml-parser";
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
    const run = runCli([
      "--rules",
      "test/fixtures/extends/layer.yaml",
      "--size",
      "small",
      "--urgent",
      "--format",
      "json",
    ]);
    expect(run.code).toBe(0);
    const data = JSON.parse(run.stdout);
    expect(data.recommendation.id).toBe("costly");
    expect(data.ranking[0].reasons.map((r: { rule: string }) => r.rule)).toEqual(["small-is-cheap"]);
    expect(
      JSON.parse(runCli(["--rules", "test/fixtures/extends/layer.yaml", "table", "--format", "json"]).stdout)
        .approaches[0].bestUseCase,
    ).toBe("Tiny things");
  });

  it("reads ADVISE_RULES, and --rules wins over it", () => {
    const env = { ADVISE_RULES: "test/fixtures/minimal-rules.yaml" };
    expect(
      JSON.parse(runCli(["table", "--format", "json"], { env }).stdout).approaches.map((a: { id: string }) => a.id),
    ).toEqual(["cheap", "costly", "other"]);
    expect(
      JSON.parse(runCli(["table", "--format", "json", "--rules", "rules/default.yaml"], { env }).stdout).approaches,
    ).toHaveLength(4);
  });

  it.each([
    ["an empty file", "", /the file is empty/],
    ["a binary file", Buffer.from([0x76, 0x00, 0x01, 0x02]), /binary file/],
    ["non-UTF-8 text", Buffer.from([0x76, 0x3a, 0x20, 0xff, 0xfe, 0x0a]), /not UTF-8/],
    ["duplicate keys", "version: 1\nversion: 1\n", /the key "version" appears twice/],
    [
      "an alias bomb",
      [
        "a: &a [x,x,x,x,x,x,x,x,x,x]",
        ...Array.from(
          { length: 8 },
          (_, i) => `${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array(10).fill(`*${"abcdefgh"[i]}`).join(",")}]`,
        ),
      ].join("\n"),
      /alias/i,
    ],
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
    expect(JSON.parse(runCli(["rules", "schema"]).stdout)).toEqual(
      JSON.parse(readFileSync(join(ROOT, "schema/rules.schema.json"), "utf8")),
    );
    expect(JSON.parse(runCli(["rules", "schema", "--layer"]).stdout)).toEqual(
      JSON.parse(readFileSync(join(ROOT, "schema/rules-layer.schema.json"), "utf8")),
    );
  });

  it("validates the default rules and the example with an independent validator", () => {
    const complete = ajv.compile(JSON.parse(readFileSync(join(ROOT, "schema/rules.schema.json"), "utf8")));
    const layer = ajv.compile(JSON.parse(readFileSync(join(ROOT, "schema/rules-layer.schema.json"), "utf8")));
    expect(
      complete(parse(readFileSync(join(ROOT, "rules/default.yaml"), "utf8"))),
      JSON.stringify(complete.errors),
    ).toBe(true);
    expect(
      layer(parse(readFileSync(join(ROOT, "examples/acme-rules.yaml"), "utf8"))),
      JSON.stringify(layer.errors),
    ).toBe(true);
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
    expect(check.stdout).toMatch(/valid \(4 approaches, 21 questions/);
    expect(check.code).toBe(0);
  });

  it("prints YAML or JSON only, and says so", () => {
    expect(JSON.parse(runCli(["rules", "show", "--format", "json"]).stdout).approaches).toHaveLength(4);
    for (const args of [
      ["rules", "show", "--format", "table"],
      ["--format", "markdown", "rules", "show"],
    ]) {
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
    const scenarios = file(
      "scenarios.yaml",
      "scenarios:\n  - id: wants-costly\n    profile: { size: small }\n    expect: { top: costly }\n  - id: wants-cheap\n    profile: { size: small }\n    expect: { top: cheap }\n",
    );
    const run = runCli(["rules", "test", scenarios, "--rules", "test/fixtures/minimal-rules.yaml"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /FAIL wants-costly[\s\S]*expected costly[\s\S]*got {6}cheap[\s\S]*because {2}\+3 small-is-cheap/,
    );
    expect(run.stdout).toMatch(/1 passed, 1 failed/);
    const junit = runCli([
      "rules",
      "test",
      scenarios,
      "--rules",
      "test/fixtures/minimal-rules.yaml",
      "--format",
      "junit",
    ]);
    expect(junit.stdout).toMatch(/<testsuites tests="2" failures="1">/);
    expect(junit.stdout).toMatch(/<failure message="expected costly, got cheap">/);
    const json = JSON.parse(
      runCli(["rules", "test", scenarios, "--rules", "test/fixtures/minimal-rules.yaml", "--format", "json"]).stdout,
    );
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
    [
      "a misspelled key in expect",
      "  - id: a\n    profile: { need: knowledge }\n    expect: { top: rag, acceptible: [in-context-learning] }\n",
      /:4:\d+: unknown key "acceptible" \(did you mean "acceptable"\?\)/,
    ],
    [
      "warning for warnings",
      "  - id: a\n    profile: { need: knowledge }\n    expect:\n      top: rag\n      warning: [human-review-required]\n",
      /:6:7: unknown key "warning" \(did you mean "warnings"\?\)/,
    ],
    [
      "an unknown approach",
      "  - id: a\n    profile: { need: knowledge }\n    expect: { top: ragg }\n",
      /:4:20: unknown approach or combination "ragg" \(did you mean "rag"\?\)/,
    ],
    [
      "an unknown warning",
      "  - id: a\n    profile: { need: knowledge }\n    expect: { top: rag, warnings: [human-review-requird] }\n",
      /unknown warning "human-review-requird" \(did you mean "human-review-required"\?\)/,
    ],
    [
      "an invalid profile",
      "  - id: a\n    profile: { need: knowledge, latency: interactiv }\n    expect: { top: rag }\n",
      /:3:42: scenario "a": "interactiv" is not a valid answer to latency \(did you mean "interactive"\?\)/,
    ],
    [
      "a duplicate id",
      "  - id: a\n    profile: {}\n    expect: { top: rag }\n  - id: a\n    profile: {}\n    expect: { top: rag }\n",
      /:5:9: duplicate scenario id "a"/,
    ],
  ])("refuses %s with file:line, exit 2, and runs nothing", (_what, body, message) => {
    const run = runCli(["rules", "test", scenarios(body)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
    expect(run.stderr).not.toMatch(/Invalid input|expected \w+, received/);
  });

  it("resolves approach aliases in top and acceptable", () => {
    const run = runCli([
      "rules",
      "test",
      scenarios(
        "  - id: a\n    profile: { need: knowledge, corpus-tokens: 5m, knowledge-freshness: frequent }\n    expect: { top: retrieval, acceptable: [icl] }\n",
      ),
    ]);
    expect(run.stdout).toMatch(/PASS a/);
    expect(run.code).toBe(0);
  });

  it("honours every format it lists", () => {
    const path = scenarios(
      "  - id: a\n    profile: { need: knowledge, corpus-tokens: 5m, knowledge-freshness: frequent }\n    expect: { top: rag }\n",
    );
    const markdown = runCli(["rules", "test", path, "--format", "markdown"]);
    expect(markdown.stdout).toMatch(/^# Scenarios\n\n1 passed, 0 failed\n\n\| result \| scenario/);
    expect(parse(runCli(["rules", "test", path, "--format", "yaml"]).stdout)).toMatchObject({ passed: 1, failed: 0 });
    const validate = runCli(["rules", "validate", "test/fixtures/invalid-rules.yaml", "--format", "markdown"]);
    expect(validate.stdout).toMatch(/^# Rules check\n\n## test\/fixtures\/invalid-rules\.yaml: 2 problems/);
    expect(validate.stdout).not.toMatch(/✖|\x1b/);
  });
});

describe("extends stays in the folder and is read like --rules", () => {
  const tree = tempDir("advise-extends-");
  const put = (name: string, content: string) => {
    const path = join(tree, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  };
  put("secret.yaml", "password: hunter2\nkey: s3cr3t-value\n");
  put("team/base.yaml", "extends: default\nrules:\n  - id: knowledge-gap-needs-context\n    efects: { rag: 1 }\n");

  it.each([
    ["an absolute path", "extends: /etc/passwd\n", /absolute path/],
    ["a path out of the folder", "extends: ../secret.yaml\n", /leads outside the folder/],
    ["standard input by name", "extends: /dev/stdin\n", /absolute path/],
    ["a missing file", "extends: nowhere.yaml\n", /cannot read the extended rules "nowhere.yaml" \(no such file\)/],
  ])("refuses %s, with exit 2 for --rules and a located problem for validate", (_what, content, message) => {
    const layer = put(`team/layer-${Math.random()}.yaml`, content);
    const validate = runCli(["rules", "validate", layer]);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toMatch(new RegExp(`:1:10: .*${message.source}`));
    const use = runCli(["table", "--rules", layer]);
    expect(use.code).toBe(2);
    expect(use.stderr).toMatch(message);
    expect(use.stdout + use.stderr).not.toMatch(/hunter2|root:|\n\s+at /);
  });

  it("refuses a symbolic link that leads out of the folder", () => {
    symlinkSync(join(tree, "secret.yaml"), join(tree, "team", "link.yaml"));
    const run = runCli(["rules", "validate", put("team/via-link.yaml", "extends: link.yaml\n")]);
    expect(run.stdout).toMatch(/leads outside the folder/);
    expect(run.stdout).not.toMatch(/hunter2/);
  });

  it.skipIf(process.platform === "win32")("refuses a FIFO without waiting for a writer", () => {
    execFileSync("mkfifo", [join(tree, "team", "fifo.yaml")]);
    const started = Date.now();
    const run = runCli(["rules", "validate", put("team/via-fifo.yaml", "extends: fifo.yaml\n")]);
    expect(run.stdout).toMatch(/not a regular file/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("reports a base's problems by line, without its content", () => {
    const run = runCli(["rules", "validate", put("team/over-base.yaml", "extends: base.yaml\n")]);
    expect(run.stdout).toMatch(
      /:1:10: the extended rules "base.yaml" have 1 problem \(line 4\); see them with advise rules validate/,
    );
    expect(run.stdout).not.toMatch(/efects/);
  });

  it("stops a chain of thousands of extends with a located message", () => {
    for (let i = 0; i < 2000; i++) writeFileSync(join(tree, `chain-${i}.yaml`), `extends: chain-${i + 1}.yaml\n`);
    writeFileSync(join(tree, "chain-2000.yaml"), "extends: default\n");
    const run = runCli(["rules", "validate", join(tree, "chain-0.yaml")]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/:1:10: extends goes more than 32 files deep/);
    expect(runCli(["table", "--rules", join(tree, "chain-0.yaml")]).code).toBe(2);
  });
});

describe("advise rules init", () => {
  it("writes a layer that validates and scenarios that pass; refuses to overwrite without --force", () => {
    const folder = tempDir("advise-init-");
    const layer = join(folder, "ours.yaml");
    const first = runCli(["rules", "init", layer]);
    expect(first.code).toBe(0);
    const text = readFileSync(layer, "utf8");
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S+rules-layer\.schema\.json\n/);
    expect(text).toMatch(/^extends: default$/m);
    expect(runCli(["rules", "validate", layer]).code).toBe(0);
    const editor = new Ajv({ allErrors: true, strict: false }).compile(
      JSON.parse(readFileSync(join(ROOT, "schema/rules-layer.schema.json"), "utf8")),
    );
    expect(editor(parse(text)), JSON.stringify(editor.errors)).toBe(true);
    const tested = runCli(["rules", "test", join(folder, "ours-scenarios.yaml"), "--rules", layer]);
    expect(tested.stdout).toMatch(/2 passed, 0 failed/);
    expect(tested.code).toBe(0);
    // Validated as a rules file by mistake (rules validate *.yaml), the scenario file says what it is.
    const mistaken = runCli(["rules", "validate", join(folder, "ours-scenarios.yaml")]);
    expect(mistaken.code).toBe(1);
    expect(mistaken.stdout + mistaken.stderr).toMatch(/this is a scenario file: run it with `advise rules test FILE/);

    writeFileSync(layer, "mine\n");
    const again = runCli(["rules", "init", layer]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exist.*--force/);
    expect(readFileSync(layer, "utf8")).toBe("mine\n");
    expect(runCli(["rules", "init", layer, "--force"]).code).toBe(0);
    expect(readFileSync(layer, "utf8")).toBe(text);
  });

  it("has examples that each validate once uncommented, here and in an editor", () => {
    const editor = new Ajv({ allErrors: true, strict: false }).compile(
      JSON.parse(readFileSync(join(ROOT, "schema/rules-layer.schema.json"), "utf8")),
    );
    const folder = tempDir("advise-init-");
    const layer = join(folder, "ours.yaml");
    runCli(["rules", "init", layer]);
    const text = readFileSync(layer, "utf8");
    const blocks = text.split(/\n(?=# --- )/).slice(1);
    expect(blocks.length).toBeGreaterThanOrEqual(9);
    for (const block of blocks) {
      const uncommented = block
        .split("\n")
        .filter((line) => /^# {0,}(\s*[a-zA-Z-]+:|\s+- )/.test(line) && !line.startsWith("# ---"))
        .map((line) => line.slice(2))
        .join("\n");
      const path = join(folder, `example-${Math.random()}.yaml`);
      writeFileSync(path, `extends: default\n${uncommented}\n`);
      const run = runCli(["rules", "validate", path]);
      expect(run.code, `${uncommented}\n${run.stdout}`).toBe(0);
      expect(
        editor(parse(`extends: default\n${uncommented}\n`)),
        `${uncommented}\n${JSON.stringify(editor.errors)}`,
      ).toBe(true);
    }
  });
});

describe("the worked example", () => {
  it("does not advise a managed retrieval service for EU-only data, which its own rule rules out", () => {
    for (const infra of ["managed", "self-managed", "existing"]) {
      for (const format of ["table", "json", "markdown"]) {
        const run = runCli([
          "--rules",
          "examples/acme-rules.yaml",
          "--need",
          "knowledge",
          "--data-residency",
          "eu-only",
          "--retrieval-infra",
          infra,
          "--corpus-tokens",
          "5m",
          "--knowledge-freshness",
          "frequent",
          "--no-input",
          "--format",
          format,
        ]);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/rag|RAG/);
        expect(run.stdout, `${infra} ${format}`).not.toMatch(/managed retrieval service|managed-rag-service/i);
      }
    }
    const elsewhere = runCli([
      "--rules",
      "examples/acme-rules.yaml",
      "--need",
      "knowledge",
      "--data-residency",
      "anywhere",
      "--retrieval-infra",
      "managed",
      "--corpus-tokens",
      "5m",
      "--knowledge-freshness",
      "frequent",
      "--no-input",
      "--format",
      "json",
    ]);
    expect(JSON.parse(elsewhere.stdout).recommendation.variant).toBe("managed-rag-service");
  });
});

describe("text from a rules or scenario file reaches the terminal as text", () => {
  it.each([
    ["an unknown key", 'extends: default\nrules:\n  - id: small-corpus-fits-in-prompt\n    "x\\e]0;owned\\a": 1\n'],
    [
      "an unknown dimension",
      'extends: default\nrules:\n  - id: small-corpus-fits-in-prompt\n    when: { dim: "\\e[2J", is: 1 }\n',
    ],
    ["an extends path", 'extends: "\\e]52;c;eA==\\a.yaml"\n'],
    [
      "a raw escape in a text",
      'extends: default\nwarnings:\n  - id: overengineering-risk\n    message: "\u001b]8;;http://x\u0007link\u001b]8;;\u0007"\n',
    ],
  ])("in %s", (_what, content) => {
    const path = file(`escape-${Math.random()}.yaml`, content);
    for (const format of ["table", "json", "markdown"]) {
      const run = runCli(["rules", "validate", path, "--format", format]);
      expect(run.code).toBe(1);
      expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(run.stdout).toMatch(/\\x1b|U\+001B/);
    }
  });

  it("in a scenario id", () => {
    const path = file(
      `escape-${Math.random()}.yaml`,
      'scenarios:\n  - id: "a\\e[31mred"\n    profile: {}\n    expect: { top: rag }\n',
    );
    const run = runCli(["rules", "test", path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/control character/);
    expect(run.stdout + run.stderr).not.toMatch(/\u001b/);
  });
});

describe("standard input named twice", () => {
  it.each([[["rules", "validate", "-", "-"]], [["rules", "test", "-", "-"]]])(
    "%j is a usage error, not a silent success",
    (args) => {
      const run = runCli(args, { input: "scenarios: []\n" });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/can be read once/);
    },
  );
});

describe("every problem of a scenario file in one report", () => {
  it("checks a malformed scenario's profile, ids and expectations too", () => {
    const path = file(
      `broken-${Math.random()}.yaml`,
      "scenarios:\n  - id: a\n    profile: { latency: interactiv }\n    expect: { top: ragg, warning: [x] }\n  - id: a\n    profile: {}\n    expect: { top: rag }\n",
    );
    const run = runCli(["rules", "test", path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/4 problems/);
    expect(run.stderr).toMatch(
      /:3:25: scenario "a": "interactiv" is not a valid answer to latency[\s\S]*:4:20: unknown approach or combination "ragg"[\s\S]*:4:26: unknown key "warning"[\s\S]*:5:9: duplicate scenario id "a"/,
    );
  });

  it("checks the well-formed scenarios against the rules even when another is malformed", () => {
    const path = file(
      `mixed-${Math.random()}.yaml`,
      "scenarios:\n  - id: one\n    profile: { need: knowledge }\n    expect:\n      top: rag\n      acceptible: [icl]\n  - id: two\n    profile: { need: knowlege }\n    expect: { top: ragg }\n",
    );
    const run = runCli(["rules", "test", path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/3 problems/);
    expect(run.stderr).toMatch(
      /:6:7: unknown key "acceptible"[\s\S]*:8:22: scenario "two": "knowlege" is not a valid answer to need[\s\S]*:9:20: unknown approach or combination "ragg"/,
    );
  });
});

describe("extends names a file, not a folder", () => {
  it("says so for the folder itself", () => {
    const run = runCli(["rules", "validate", file(`dot-${Math.random()}.yaml`, "extends: .\n")]);
    expect(run.stdout).toMatch(/:1:10: extends "\." names the folder itself/);
  });
});

describe("advise rules init, names", () => {
  it("takes a name without an extension, refuses .json, and never echoes control characters", () => {
    const folder = tempDir("advise-init-");
    expect(runCli(["rules", "init", join(folder, "policy")]).code).toBe(0);
    expect(readFileSync(join(folder, "policy-scenarios.yaml"), "utf8")).toMatch(/^# Scenarios/);
    expect(runCli(["rules", "init", join(folder, "x.json")]).code).toBe(2);
    const odd = runCli(["rules", "init", join(folder, "a\u001b[2Jb.yaml")]);
    expect(odd.code).toBe(0);
    expect(odd.stdout + odd.stderr).not.toMatch(/\u001b/);
    const again = runCli(["rules", "init", join(folder, "a\u001b[2Jb.yaml")]);
    expect(again.code).toBe(2);
    expect(again.stderr).not.toMatch(/\u001b/);
  });
});

describe("advise rules test --format junit, with ids that XML cannot hold as they are", () => {
  it("is well-formed XML, with the escaped ids and without the characters XML 1.0 forbids", () => {
    const file = join(tempDir("advise-junit-"), "scenarios.yaml");
    writeFileSync(
      file,
      'scenarios:\n  - id: "<tag> & \\"quote\\" \\uFFFE\\uFFFF end"\n    profile: { need: knowledge }\n    expect: { top: fine-tuning }\n',
    );
    const run = runCli(["rules", "test", file, "--format", "junit"]);
    expect(run.code).toBe(1);
    expect(XMLValidator.validate(run.stdout)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(run.stdout);
    expect(parsed.testsuites.testsuite.testcase["@_name"]).toMatch(/^<tag> & "quote" [^\uFFFE\uFFFF]* end$/);
  });
});

describe("ADVISE_RULES", () => {
  const broken = { ADVISE_RULES: "no-such-rules.yaml" };

  it("is read relative to the working folder", () => {
    const dir = tempDir("advise-env-rules-");
    writeFileSync(
      join(dir, "ours.yaml"),
      readFileSync(join(ROOT, "examples/acme-rules.yaml"), "utf8").replace(/^extends: .*$/m, "extends: default"),
    );
    const run = runCli(["questions", "--format", "json"], { cwd: dir, env: { ADVISE_RULES: "ours.yaml" } });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).dimensions.length).toBeGreaterThan(
      JSON.parse(runCli(["questions", "--format", "json"]).stdout).dimensions.length,
    );
  });

  it("names the variable when it cannot be used, and stops only the commands that use the rules", () => {
    const table = runCli(["table"], { env: broken });
    expect(table.code).toBe(2);
    expect(table.stderr).toMatch(
      /^advise: ADVISE_RULES="no-such-rules.yaml" cannot be used: rules file "no-such-rules.yaml" does not exist/,
    );
    for (const args of [
      ["--help"],
      ["--version"],
      ["help", "exit-codes"],
      ["completion", "bash"],
      ["rules", "schema"],
      ["rules", "validate", "rules/default.yaml"],
    ]) {
      const run = runCli(args, { env: broken });
      expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(0);
    }
  });

  it("gives way to --rules, the last of which wins", () => {
    const run = runCli(
      ["questions", "--format", "json", "--rules", "no-such.yaml", "--rules", "examples/acme-rules.yaml"],
      { env: broken },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).dimensions.some((d: { id: string }) => d.id === "data-residency")).toBe(true);
  });
});
