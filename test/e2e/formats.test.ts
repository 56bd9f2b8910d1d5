import { openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { parse } from "yaml";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { BIN, runCli } from "./run-cli.js";
import { defaultRules, tempDir } from "../helpers.js";

const schema = JSON.parse(readFileSync(new URL("../../schema/result.schema.json", import.meta.url), "utf8"));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const PROFILE = [
  "--need",
  "knowledge-and-behavior",
  "--labeled-examples",
  "5k",
  "--corpus-tokens",
  "100m",
  "--knowledge-freshness",
  "realtime",
  "--retrieval-infra",
  "managed",
];

describe("output formats", () => {
  it.each([
    ["json", (text: string) => JSON.parse(text)],
    ["yaml", (text: string) => parse(text)],
  ])("recommend --format %s parses and matches the shipped schema", (format, read) => {
    for (const extra of [[], ["--explain"], ["--queries-per-day", "20k"]]) {
      const run = runCli([...PROFILE, ...extra, "--format", format]);
      expect(run.code).toBe(0);
      const data = read(run.stdout);
      expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
      expect(data.recommendation.id).toBe("rag+fine-tuning");
      // The cost sketch joins the advice once the volume is known.
      expect(data.cost !== undefined).toBe(extra[0] === "--queries-per-day");
    }
  });

  it("the schema rejects what breaks the contract", () => {
    const data = JSON.parse(runCli([...PROFILE, "--format", "json"]).stdout);
    expect(validate({ ...data, schemaVersion: 2 })).toBe(false);
    expect(validate({ ...data, recommendation: { ...data.recommendation, confidence: "sure" } })).toBe(false);
    const { ranking: _ranking, ...withoutRanking } = data;
    expect(validate(withoutRanking)).toBe(false);
  });

  it("advise cost --format json: every approach as low-high ranges, low never above high, under the shipped schema", () => {
    const run = runCli(["cost", ...PROFILE, "--queries-per-day", "20k", "--format", "json"]);
    expect(run.code).toBe(0);
    const data = JSON.parse(run.stdout);
    const validateCost = new Ajv({ allErrors: true, strict: false }).compile({
      ...schema,
      ...schema.definitions.cost,
      definitions: schema.definitions,
    });
    expect(validateCost(data.cost), JSON.stringify(validateCost.errors)).toBe(true);
    expect(data.cost.approaches[0].id).toBe(data.recommendation.id);
    expect(data.cost.approaches.length).toBeGreaterThan(1);
    for (const approach of data.cost.approaches)
      for (const key of ["upfront", "monthly", "total12"])
        expect(approach[key].low).toBeLessThanOrEqual(approach[key].high);
  });

  it.each(["table", "questions", "explain rag", "compare rag icl", "cost --need knowledge"])(
    "advise %s prints one document in every format",
    (command) => {
      const args = command.split(" ");
      expect(() => JSON.parse(runCli([...args, "--format", "json"]).stdout)).not.toThrow();
      expect(parse(runCli([...args, "--format", "yaml"]).stdout)).toBeTypeOf("object");
      expect(runCli([...args, "--format", "markdown"]).stdout).toMatch(/^(#|\||- )/);
    },
  );
});

describe("the terminal", () => {
  const table = (env: Record<string, string>, args: string[] = []) => runCli(["table", ...args], { env });
  const hasColour = (text: string) => /\u001b\[\d+m/.test(text);

  it("colours only when asked or on a terminal", () => {
    expect(hasColour(table({}).stdout)).toBe(false);
    expect(hasColour(table({ NO_COLOR: "", FORCE_COLOR: "1" }).stdout)).toBe(true);
    expect(hasColour(table({ NO_COLOR: "1", FORCE_COLOR: "1" }).stdout)).toBe(false);
    expect(hasColour(table({ NO_COLOR: "", FORCE_COLOR: "1" }, ["--no-color"]).stdout)).toBe(false);
    expect(hasColour(table({ NO_COLOR: "", FORCE_COLOR: "0" }).stdout)).toBe(false);
  });

  it("falls back to ASCII for TERM=dumb and --ascii", () => {
    for (const run of [table({ TERM: "dumb" }), table({}, ["--ascii"])]) {
      expect(run.stdout).toMatch(/^\+-+\+/);
      expect(run.stdout).not.toMatch(/[^\x00-\x7f]/);
    }
  });

  it("writes only ASCII under --ascii in every view, the rules' own text included (Sabiá → Sabia)", () => {
    for (const args of [
      ["--profile", "examples/profile.yaml", "--explain"],
      ["--need", "foundation", "--language-support", "low-resource", "--queries-per-day", "1k"],
      ["compare", "rag", "ft", "icl"],
      ["explain", "ft"],
      ["questions"],
      ["cost", "--need", "knowledge", "--queries-per-day", "1k"],
    ]) {
      const run = runCli([...args, "--ascii"], { env: { COLUMNS: "60" } });
      expect(run.code, args.join(" ")).toBe(0);
      expect(run.stdout.match(/[^\x00-\x7f]/g), args.join(" ")).toBeNull();
    }
  });

  it.each([40, 60, 80, 160])("fits %i columns, never overflowing, in English or in Japanese", (width) => {
    const japanese = ["--rules", "test/fixtures/japanese-rules.yaml"];
    for (const args of [
      ["table"],
      ["questions"],
      ["compare", "rag", "ft", "icl"],
      [...PROFILE, "--explain"],
      ["explain", "pre-training"],
      [...japanese, "table"],
      [...japanese, "questions"],
      [...japanese, "compare", "rag", "ft", "icl"],
      [...japanese, ...PROFILE, "--explain", "--data-location", "japan-only"],
      [...japanese, "explain", "rag"],
    ]) {
      const run = runCli(args, { env: { COLUMNS: String(width) } });
      expect(run.code).toBe(0);
      // An address (a URL, a section of the seed) stands whole on a line of its own, so it can be copied or clicked.
      const lines = run.stdout.split("\n");
      for (const line of lines.filter((l) => /https?:\/\//.test(l))) expect(line).toMatch(/^ +https?:\/\/\S+$/);
      // Measured in screen columns: a Japanese character takes two.
      const longest = Math.max(...lines.filter((l) => !/^ +\S+[/#]\S+$/.test(l)).map((l) => stringWidth(l)));
      expect(longest, args.join(" ")).toBeLessThanOrEqual(width);
    }
  });

  it("keeps a list's items one a line when a narrow terminal stacks what would be a table", () => {
    const compare = runCli(["compare", "rag", "ft"], { env: { COLUMNS: "60" } });
    const bullets = compare.stdout.split("\n").filter((line) => line.includes("•"));
    expect(bullets.length).toBe(
      defaultRules()
        .approaches.filter((a) => a.id === "rag" || a.id === "fine-tuning")
        .flatMap((a) => [...a.strengths, ...a.risks]).length,
    );
    for (const line of bullets) expect(line).toMatch(/^ {4}• \S/);
    const questions = runCli(["questions"], { env: { COLUMNS: "50" } });
    expect(questions.stdout).toMatch(/\nAccepted answers:\n {2}knowledge: /);
  });

  it("writes to a file and to /dev/null as to a pipe", () => {
    const dir = tempDir("advise-out-");
    const file = join(dir, "out.json");
    const toFile = spawnSync(process.execPath, [BIN, ...PROFILE, "--format", "json"], {
      stdio: ["ignore", openSync(file, "w"), "pipe"],
      encoding: "utf8",
    });
    expect(toFile.status).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8")).schemaVersion).toBe(1);
    const devNull = openSync("/dev/null", "w");
    for (const args of [["table"], ["nope-command"]]) {
      const run = spawnSync(process.execPath, [BIN, ...args], {
        stdio: ["ignore", devNull, devNull],
        encoding: "utf8",
      });
      expect(run.status, args.join(" ")).toBe(args[0] === "table" ? 0 : 2);
    }
  });

  it("at a terminal, writes its output whole, and errors in colour", () => {
    // `advise --format json > file` and `advise table` typed at a terminal.
    const dir = tempDir("advise-tty-");
    const inTerminal = (args: string[], out?: string) =>
      spawnSync(
        "script",
        [
          "-qfec",
          `'${process.execPath}' '${BIN}' ${args.join(" ")}${out ? ` > '${out}'` : ""}; echo "exit $?"`,
          "/dev/null",
        ],
        {
          encoding: "utf8",
          env: { PATH: process.env.PATH ?? "", TERM: "xterm-256color" },
        },
      ).stdout.replace(/\r/g, "");
    const json = join(dir, "out.json");
    expect(inTerminal([...PROFILE, "--format", "json"], json)).toContain("exit 0");
    expect(JSON.parse(readFileSync(json, "utf8")).schemaVersion).toBe(1);
    const table = inTerminal(["table", "--ascii"]);
    expect(table).toMatch(/Customization Approach[\s\S]*Retrieval-Augmented[\s\S]*advise compare[\s\S]*exit 0/);
    const bad = inTerminal(["--latency", "realtime"], join(dir, "none.txt"));
    expect(bad).toContain("exit 2");
    expect(bad).toContain("\u001b[31madvise:");
    expect(bad.replace(/\u001b\[[0-9;]*m/g, "")).toMatch(/advise: .*realtime/);
  });

  it("ends quietly when the reader goes away (advise ... | head -1)", async () => {
    const child = spawn(process.execPath, [BIN, "--batch", "-"], { stdio: ["pipe", "pipe", "pipe"] });
    child.stdin.on("error", () => {}); // it stops reading once its reader is gone
    child.stdin.end(Array.from({ length: 20_000 }, () => '{"need":"knowledge"}').join("\n"));
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    await once(child.stdout, "data");
    child.stdout.destroy();
    const [code] = await once(child, "close");
    expect(code).toBe(0);
    expect(stderr).toBe("");
  });
});

describe("the decision record", () => {
  it("holds how each approach scored and the rules waiting on an answer with --explain, and not without", () => {
    const plain = runCli(["--profile", "examples/profile.yaml", "--format", "markdown"]);
    const explained = runCli(["--profile", "examples/profile.yaml", "--format", "markdown", "--explain"]);
    expect(plain.stdout).not.toMatch(/## How each approach scored/);
    expect(explained.stdout).toMatch(
      /\n## How each approach scored\n\n\| Approach \| Effect \| Reason \| Rule \| Sources \|\n/,
    );
    expect(explained.stdout).toMatch(/\| \+4 \| .* \| `knowledge-gap-needs-context` \|/);
    expect(explained.stdout).toMatch(/\n## Rules waiting on an answer\n/);
  });
});

describe("questions", () => {
  it("lists the cost sketch's questions too, with what the sketch assumes, as flags a profile may also hold", () => {
    const run = runCli(["questions", "--format", "json"]);
    expect(run.code).toBe(0);
    const data = JSON.parse(run.stdout);
    expect(data.costQuestions.map((q: { id: string }) => q.id)).toEqual(
      defaultRules().cost!.questions.map((q) => q.id),
    );
    const size = data.costQuestions.find((q: { id: string }) => q.id === "model-size");
    expect(size).toMatchObject({ flag: "--model-size <number>", assumed: defaultRules().cost!.defaults["model-size"] });
  });
});

describe("yes/no flags", () => {
  it.each([
    [["--citations"], true],
    [["--citations=false"], false],
    [["--citations", "false"], false],
    [["--citations=no"], false],
    [["--citations", "yes"], true],
    [["--no-citations"], false],
  ])("%j answers %s", (flags, expected) => {
    const run = runCli(["--need", "knowledge", ...flags, "--format", "json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).profile.citations).toBe(expected);
  });

  it("takes not-sure, which leaves the question open as a profile's not-sure does", () => {
    const run = runCli(["--need", "knowledge", "--citations=not-sure", "--format", "json"]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.profile.citations).toBeUndefined();
    expect(result.unanswered).toContain("citations");
  });

  it("says what a yes/no flag accepts", () => {
    const run = runCli(["--need", "knowledge", "--citations=maybe"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--citations.*give yes or no \(true or false\) or not-sure/);
  });
});
