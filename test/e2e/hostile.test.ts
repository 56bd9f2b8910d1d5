import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, runCli } from "./run-cli.js";
import { tempDir } from "../helpers.js";

const dir = tempDir("advise-hostile-");
const put = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
mkdirSync(join(dir, "a-directory"));
spawnSync("mkfifo", [join(dir, "a-fifo")]);

const deepYaml = `a: ${"[".repeat(5000)}${"]".repeat(5000)}\n`;
const deepJson = `{"need": ${"[".repeat(5000)}${"]".repeat(5000)}}\n`;
const bomb = [
  "a: &a [x,x,x,x,x,x,x,x,x,x]",
  ...Array.from(
    { length: 8 },
    (_, i) => `${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array(10).fill(`*${"abcdefgh"[i]}`).join(",")}]`,
  ),
].join("\n");
const binary = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]);
const latin1 = Buffer.from("need: caf\xe9\n", "latin1");
const huge = `# ${"x".repeat(3 * 1024 * 1024)}\n`;
const minimal = readFileSync(join(ROOT, "test/fixtures/minimal-rules.yaml"), "utf8");

/** [name, arguments, standard input, expected exit code, what the message must say] */
type Case = [string, string[], string, number, RegExp];
const profileCases: Case[] = [
  [
    "malformed YAML",
    ["--profile", put("p1.yaml", "need: [knowledge\n")],
    "",
    2,
    /p1\.yaml:\d+:\d+: .*(flow|end|indent)/i,
  ],
  ["malformed JSON", ["--profile", put("p2.json", '{"need": "knowledge"')], "", 2, /p2\.json:\d+:\d+/],
  ["a wrong type", ["--profile", put("p3.yaml", "need: 5\n")], "", 2, /5 is not a valid answer to need; allowed:/],
  ["a list instead of a mapping", ["--profile", put("p4.yaml", "- need\n")], "", 2, /a profile is a mapping/],
  [
    "an unknown key",
    ["--profile", put("p5.yaml", "lateny: strict\n")],
    "",
    2,
    /unknown question "lateny" \(did you mean "latency"\?\)/,
  ],
  [
    "an unknown value",
    ["--profile", put("p6.yaml", "latency: soon\n")],
    "",
    2,
    /"soon" is not a valid answer to latency; allowed: strict/,
  ],
  [
    "a huge number",
    ["--profile", put("p7.yaml", "budget-usd: 1e400\n")],
    "",
    2,
    /Infinity is not a valid answer to budget-usd \(it must be finite\)/,
  ],
  ["a negative number", ["--profile", put("p8.yaml", "labeled-examples: -10\n")], "", 2, /must not be negative/],
  [
    "not a number",
    ["--profile", put("p9.yaml", "budget-usd: .nan\n")],
    "",
    2,
    /NaN is not a valid answer to budget-usd/,
  ],
  ["an empty file", ["--profile", put("p10.yaml", "")], "", 2, /the file is empty/],
  ["a binary file", ["--profile", put("p11.bin", binary)], "", 2, /binary file/],
  ["non-UTF-8 text", ["--profile", put("p12.yaml", latin1)], "", 2, /not UTF-8/],
  ["a directory", ["--profile", join(dir, "a-directory")], "", 2, /is a directory/],
  ["a missing file", ["--profile", join(dir, "nope.yaml")], "", 2, /does not exist/],
  ["a named pipe", ["--profile", join(dir, "a-fifo")], "", 2, /not a regular file; use - to read standard input/],
  ["a very large file", ["--profile", put("p13.yaml", huge)], "", 2, /at most \d+ are read/],
  ["deep nesting", ["--profile", put("p14.yaml", deepYaml)], "", 2, /nested too deeply/],
  ["an alias bomb", ["--profile", put("p15.yaml", bomb)], "", 2, /alias/i],
  [
    "a __proto__ key",
    ["--profile", put("p16.yaml", "__proto__: { need: knowledge }\n")],
    "",
    2,
    /unknown question "__proto__"/,
  ],
  [
    "duplicate keys",
    ["--profile", put("p17.yaml", "need: knowledge\nneed: behavior\n")],
    "",
    2,
    /the key "need" appears twice in this mapping/,
  ],
  ["closed standard input", ["--profile", "-"], "", 2, /the file is empty/],
  ["stdin that is not YAML", ["--profile", "-"], "\u0000\u0001", 2, /binary/],
];
const rulesCases: Case[] = [
  ["malformed YAML", ["--rules", put("r1.yaml", "version: [1\n"), "table"], "", 2, /r1\.yaml:\d+:\d+/],
  ["a binary file", ["--rules", put("r2.yaml", binary), "table"], "", 2, /binary file/],
  ["a directory", ["--rules", join(dir, "a-directory"), "questions"], "", 2, /is a directory/],
  ["a missing file", ["--rules", join(dir, "nope.yaml"), "table"], "", 2, /does not exist/],
  ["deep nesting", ["--rules", put("r3.yaml", deepYaml), "table"], "", 2, /nested too deeply/],
  ["an alias bomb", ["--rules", put("r4.yaml", bomb), "table"], "", 2, /alias/i],
  [
    "a __proto__ key",
    ["--rules", put("r5.yaml", `${minimal}__proto__: { x: 1 }\n`), "table"],
    "",
    2,
    /unknown key "__proto__"/,
  ],
  ["a very large file", ["--rules", put("r6.yaml", huge), "table"], "", 2, /at most \d+ are read/],
  ["non-UTF-8 text", ["--rules", put("r7.yaml", latin1), "table"], "", 2, /not UTF-8/],
  ["an empty file", ["--rules", put("r8.yaml", "\n\n"), "table"], "", 2, /the file is empty/],
  [
    "wrong types",
    ["--rules", put("r9.yaml", minimal.replace("version: 1", "version: one")), "table"],
    "",
    2,
    /r9\.yaml:1:\d+/,
  ],
  [
    "validate: every problem",
    [
      "rules",
      "validate",
      put(
        "r10.yaml",
        minimal.replace("dim: size, is: small", "dim: sise, is: small").replace("sources: [S1]", "sources: [S9]"),
      ),
    ],
    "",
    1,
    /2 problems/,
  ],
  ["validate: a missing file", ["rules", "validate", join(dir, "nope.yaml")], "", 2, /does not exist/],
  [
    "a question named like an option",
    [
      "--rules",
      put("r11.yaml", "extends: default\ndimensions:\n  - { id: format, type: boolean, question: Formatted? }\n"),
      "--help",
    ],
    "",
    2,
    /r11\.yaml:3:\d+: "format" cannot be a question id/,
  ],
];
const batchCases: Case[] = [
  ["a missing file", ["--batch", join(dir, "nope.jsonl")], "", 2, /does not exist/],
  ["a directory", ["--batch", join(dir, "a-directory")], "", 2, /is a directory/],
  ["a binary record", ["--batch", "-"], "\u0000\u0001\u0002\n", 2, /not valid JSON/],
  ["deep nesting", ["--batch", "-"], deepJson, 2, /a list is not a valid answer to need/],
  ["huge numbers", ["--batch", "-"], '{"budget-usd": 1e400}\n', 2, /1 of 1 record was bad; it has an "error" line/],
  [
    "a __proto__ record",
    ["--batch", "-"],
    '{"__proto__": {"need": "knowledge"}}\n',
    2,
    /unknown question \\?"__proto__/,
  ],
  [
    "a replacement character, which is valid UTF-8",
    ["--batch", "-"],
    '{"need": "know\uFFFDledge"}\n',
    2,
    /is not a valid answer to need/,
  ],
  [
    "a YAML batch that is not a list",
    ["--batch", put("b1.yaml", "need: knowledge\n")],
    "",
    2,
    /a batch is JSON Lines, a JSON array or a YAML list of profiles/,
  ],
];
const scenarioCases: Case[] = [
  ["malformed YAML", ["rules", "test", put("s1.yaml", "scenarios: [\n")], "", 2, /s1\.yaml/],
  [
    "not a scenario file",
    ["rules", "test", put("s2.yaml", "scenarios:\n  - profile: {}\n")],
    "",
    2,
    /not a scenario file/,
  ],
  ["a missing file", ["rules", "test", join(dir, "nope.yaml")], "", 2, /does not exist/],
  [
    "an invalid profile in a scenario",
    ["rules", "test", put("s3.yaml", "scenarios:\n  - id: x\n    profile: { need: nope }\n    expect: { top: rag }\n")],
    "",
    2,
    /scenario "x": "nope" is not a valid answer to need/,
  ],
];
const flagCases: Case[] = [
  ["--budget-usd Infinity", ["--budget-usd", "Infinity"], "", 2, /must be finite/],
  ["--budget-usd NaN", ["--budget-usd", "NaN"], "", 2, /not a valid answer to budget-usd/],
  ["--budget-usd 1e400", ["--budget-usd", "1e400"], "", 2, /must be finite/],
  ["an empty value", ["--labeled-examples", ""], "", 2, /"" is not a valid answer to labeled-examples/],
  [
    "a missing value",
    ["--latency"],
    "",
    2,
    /option .--latency <value>. needs a value: one of strict, interactive, relaxed, batch, or not-sure/,
  ],
  ["an unknown command", ["tabel"], "", 2, /did you mean "table"/],
  ["an unknown format", ["table", "--format", "xml"], "", 2, /allowed: table, json, yaml, markdown/],
  ["an unknown shell", ["completion", "tcsh"], "", 2, /unknown shell/],
  ["compare with one approach", ["compare", "rag", "retrieval"], "", 2, /at least two different approaches/],
  ["save over a directory", ["--need", "knowledge", "--save", join(dir, "a-directory")], "", 2, /is a directory/],
  [
    "explain without an approach",
    ["explain"],
    "",
    2,
    /explain needs <approach>: one of pre-training, fine-tuning, in-context-learning, rag/,
  ],
  ["rules validate without a file", ["rules", "validate"], "", 2, /rules validate needs <files\.\.\.>: rules files/],
  ["completion without a shell", ["completion"], "", 2, /completion needs <shell>: one of bash, zsh, fish/],
  [
    "an unknown rules command",
    ["rules", "valdate"],
    "",
    2,
    /unknown rules command "valdate" \(did you mean "validate"\?\); commands: validate, show, schema, init, test/,
  ],
  [
    "a command after recommend",
    ["recommend", "table"],
    "",
    2,
    /recommend takes options, not "table"; to run table: advise table/,
  ],
  [
    "help on something unknown",
    ["help", "tabel"],
    "",
    2,
    /no help on "tabel" \(did you mean "table"\?\); commands: .*topics: exit-codes/,
  ],
  [
    "standard input named twice in rules validate",
    ["rules", "validate", "-", "-"],
    "version: 1\n",
    2,
    /can be read once/,
  ],
  [
    "standard input named for the rules and the profile",
    ["--rules", "-", "--profile", "-"],
    "{}\n",
    2,
    /--rules and --profile both name standard input/,
  ],
  ["an empty --save", ["--need", "knowledge", "--save", ""], "", 2, /--save needs a file name/],
  ["an empty --profile", ["--profile", ""], "", 2, /--profile needs a file name/],
  [
    "a save into a missing folder",
    ["--need", "knowledge", "--save", join(dir, "nowhere", "a.yaml")],
    "",
    2,
    /the folder .*nowhere\/ does not exist/,
  ],
  ["an escape sequence in an option", ["--\u001b]0;title\u0007"], "", 2, /unknown option '--\\x1b\]0;title\\x07'/],
];

describe("hostile input to the built binary", () => {
  const all: [string, Case[]][] = [
    ["profile", profileCases],
    ["rules", rulesCases],
    ["batch", batchCases],
    ["scenarios", scenarioCases],
    ["flags", flagCases],
  ];
  it("has at least 40 cases", () => expect(all.flatMap(([, cases]) => cases).length).toBeGreaterThanOrEqual(40));

  for (const [group, cases] of all) {
    describe(group, () => {
      it.each(cases)("%s", (_name, args, input, code, message) => {
        const started = Date.now();
        const run = runCli(args, { input });
        expect(Date.now() - started).toBeLessThan(8000);
        expect(run.code, run.stderr).toBe(code);
        expect(run.stdout + run.stderr).toMatch(message);
        expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
        expect(run.stderr).not.toMatch(/internal error/);
      });
    });
  }
});

describe("signals", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("%s mid-run ends at once with exit %i and no stack", async (signal, code) => {
    const child = spawn(process.execPath, [BIN, "--batch", "-", "--what-if"], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.resume();
    child.stdin.on("error", () => {});
    child.stdin.write(`${'{"need":"knowledge"}\n'.repeat(2000)}`); // keep it busy, stdin left open
    await once(child.stdout, "data");
    const started = Date.now();
    child.kill(signal);
    const [exit] = await once(child, "close");
    expect(exit).toBe(code);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
