import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import { costData, costSketch } from "../../src/core/cost.js";
import { evaluate } from "../../src/core/evaluate.js";
import { parseProfile } from "../../src/core/parse-profile.js";
import { defaultRules, tempDir } from "../helpers.js";
import { BIN, runCli, TODAY } from "./run-cli.js";

const dir = tempDir("advise-batch-");
const lines = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

describe("recommend --batch", () => {
  it("gives exactly one line per record, in order, and exit 2 after all when some were bad", () => {
    const input = [
      '{"need":"knowledge","citations":true}',
      '{"need":"knowlege"}',
      "not json",
      "",
      "[1]",
      '{"labeled-examples":-3}',
      '{"need":"behavior","timeline":"days"}',
    ].join("\n");
    const run = runCli(["--batch", "-"], { input });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^advise: 4 of 6 records were bad/);
    const out = lines(run.stdout);
    expect(out.map((r) => r.line)).toEqual([1, 2, 3, 5, 6, 7]);
    expect(out[0].recommendation.id).toBe("rag");
    expect(out[1].error.message).toMatch(/did you mean "knowledge"/);
    expect(out[2].error.message).toMatch(/not valid JSON/);
    expect(out[3].error.message).toMatch(/JSON object/);
    expect(out[4].error.message).toMatch(/must not be negative/);
    expect(out[5].recommendation.id).toBe("in-context-learning");
  });

  it("prints, with --what-if, for each record the document recommend --format json prints, plus its line", () => {
    const profiles = [
      { need: "task-skill", "labeled-examples": "20k", latency: "strict" },
      {
        need: "foundation",
        "corpus-tokens": "300b",
        "budget-usd": "5m",
        "ml-expertise": "research",
        timeline: "quarters",
      },
      // With the volume known, the document has its cost sketch, and a cost question is answered like the others.
      { need: "knowledge", "corpus-tokens": "2m", "queries-per-day": "20k", "prompt-tokens": "2k" },
    ];
    const batch = lines(
      runCli(["--batch", "-", "--what-if"], { input: profiles.map((p) => JSON.stringify(p)).join("\n") }).stdout,
    );
    profiles.forEach((profile, i) => {
      const single = JSON.parse(
        runCli(["--profile", "-", "--format", "json"], { input: JSON.stringify(profile) }).stdout,
      );
      expect(batch[i]).toEqual({ line: i + 1, ...single });
    });
  });

  it("echoes each record's own id, as given, on its result or error line; an id is not a question", () => {
    const input = [
      '{"id":"team-a","need":"knowledge"}',
      '{"need":"behavior","id":42}',
      '{"id":"team-c","need":"knowlege"}',
      '{"id":{"team":"d"},"need":"knowledge"}',
      '{"id":null}',
      '{"need":"knowledge"}',
    ].join("\n");
    const run = runCli(["--batch", "-"], { input });
    expect(run.code).toBe(2);
    const out = lines(run.stdout);
    expect(out.map((r) => [r.line, r.id, r.error ? "error" : r.recommendation.id])).toEqual([
      [1, "team-a", "rag"],
      [2, 42, "in-context-learning"],
      [3, "team-c", "error"],
      [4, undefined, "error"],
      [5, undefined, "error"],
      [6, undefined, "rag"],
    ]);
    expect(out[0].profile).toEqual({ need: "knowledge" });
    expect(out[2].error.message).toMatch(/did you mean "knowledge"/);
    expect(out[3].error.message).toBe('the record\'s "id" must be a string or a number, not object');
    expect(out[4].error.message).toBe('the record\'s "id" must be a string or a number, not null');
    expect("id" in out[5]).toBe(false);
    const yaml = join(dir, "ids.yaml");
    writeFileSync(yaml, "- id: team-a\n  need: knowledge\n- id: 7\n  need: behavior\n");
    expect(lines(runCli(["--batch", yaml]).stdout).map((r) => [r.line, r.id])).toEqual([
      [1, "team-a"],
      [3, 7],
    ]);
  });

  it("writes lines that the shipped batch-record schema accepts, results and errors alike, and it rejects others", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addSchema(JSON.parse(readFileSync(new URL("../../schema/result.schema.json", import.meta.url), "utf8")));
    const validate = ajv.compile(
      JSON.parse(readFileSync(new URL("../../schema/batch-record.schema.json", import.meta.url), "utf8")),
    );
    const input = [
      '{"id":"team-a","need":"knowledge","citations":true}',
      '{"id":3,"need":"knowlege"}',
      "not json",
      '{"need":"behavior"}',
      '{"need":"knowledge","queries-per-day":"20k","prompt-tokens":"2k"}',
    ].join("\n");
    for (const extra of [[], ["--what-if"]]) {
      const out = lines(runCli(["--batch", "-", ...extra], { input }).stdout);
      expect(out.map((r) => Boolean(r.error))).toEqual([false, true, true, false, false]);
      expect(out.map((r) => "cost" in r)).toEqual([false, false, false, false, true]);
      for (const record of out) expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
    }
    const [result, error] = lines(runCli(["--batch", "-"], { input }).stdout);
    for (const wrong of [
      { ...result, line: 0 },
      { ...result, id: true },
      { ...result, schemaVersion: undefined },
      { ...error, error: { message: "x" } },
      { ...error, extra: 1 },
      { line: 1 },
    ]) {
      expect(validate(JSON.parse(JSON.stringify(wrong)))).toBe(false);
    }
  });

  const hasJq = spawnSync("sh", ["-c", "command -v jq"]).status === 0;
  it.skipIf(!hasJq)(
    "joins results back to inputs by id as the README shows (skipped where jq is not installed)",
    () => {
      const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
      const script = /Joining the results back to the inputs by `id`[^`]*```sh\n([\s\S]*?)```/.exec(readme)![1]!;
      const work = tempDir("advise-join-");
      writeFileSync(
        join(work, "teams.jsonl"),
        '{"id":"team-a","need":"knowledge"}\n{"id":2,"need":"knowlege"}\n{"id":"team-c","need":"behavior"}\n',
      );
      const run = spawnSync("bash", ["-c", `advise() { "${process.execPath}" "${BIN}" "$@"; }\n${script}`], {
        cwd: work,
        encoding: "utf8",
      });
      expect(run.status).toBe(0);
      expect(lines(run.stdout).map((r) => [r.id, r.input.need, r.advice.slice(0, 20)])).toEqual([
        ["team-a", "knowledge", "rag"],
        [2, "knowlege", '"knowlege" is not a '],
        ["team-c", "behavior", "in-context-learning"],
      ]);
    },
  );

  it("decides every record of a large, varied batch as the evaluator does alone", () => {
    // Numbers on, around and between the rules' bounds, so that records share decisions and also just miss them.
    const rules = defaultRules();
    const numbers = [
      0,
      1,
      50,
      99,
      100,
      101,
      5000,
      19_999,
      20_000,
      200_000,
      1e6,
      1e9,
      3e11,
      2.5,
      1e21,
      "2m",
      "50k",
      "0.5k",
    ];
    const records = Array.from({ length: 3000 }, (_, i) => {
      const record: Record<string, unknown> = {};
      rules.dimensions.forEach((d, k) => {
        const pick = (i * 7919 + k * 104_729) % 9973;
        if (pick % 3 === 0) return;
        record[d.id] =
          d.type === "enum"
            ? d.values[pick % d.values.length]!.id
            : d.type === "boolean"
              ? pick % 2 === 0
              : numbers[pick % numbers.length];
      });
      return record;
    });
    const run = runCli(["--batch", "-"], { input: records.map((r) => JSON.stringify(r)).join("\n") });
    expect(run.code).toBe(0);
    const out = run.stdout.trimEnd().split("\n");
    expect(out).toHaveLength(records.length);
    out.forEach((text, i) => {
      const profile = parseProfile(rules, { origin: "test", values: records[i]! });
      // Without --what-if the search is skipped; the cost sketch is there as in --format json when the volume is known.
      const result = evaluate(rules, profile, { search: "none" });
      const sketch = profile["queries-per-day"] === undefined ? undefined : costSketch(rules, profile, result, TODAY);
      expect(text).toBe(JSON.stringify({ line: i + 1, ...result, ...(sketch ? { cost: costData(sketch) } : {}) }));
    });
  });

  it("makes a line that is not UTF-8 an error line of its own, and decodes characters split between reads", () => {
    const file = join(dir, "mixed.jsonl");
    // A two-byte character placed across the boundary between the first two 64 KB reads of the file.
    const filler = '{"need":"knowledge"}\n';
    const head = filler.repeat(Math.floor((1 << 16) / filler.length) - 1);
    const pad = "x".repeat((1 << 16) - Buffer.byteLength(head) - '{"need":"'.length - 1);
    writeFileSync(
      file,
      Buffer.concat([Buffer.from(`${head}{"need":"${pad}é"}\n`), Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from(filler)]),
    );
    const run = runCli(["--batch", file]);
    expect(run.code).toBe(2);
    const out = lines(run.stdout);
    const records = head.split("\n").length - 1;
    expect(out).toHaveLength(records + 3);
    expect(out[records].error.message).toContain(`${pad}é" is not a valid answer to need`);
    expect(out[records + 1]).toEqual({
      line: records + 2,
      error: { message: "not UTF-8 text; save the file as UTF-8", problems: [] },
    });
    expect(out[records + 2].recommendation.id).toBe("rag");
    expect(run.stderr).toMatch(/^advise: 2 of \d+ records were bad/);
  });

  it.each([
    [["--batch", "-", "--need", "behavior", "--citations"], /cannot be combined with --need, --citations/],
    [["--batch", "-", "--profile", "p.yaml", "--explain"], /cannot be combined with --profile, --explain/],
    [["--batch", "-", "--format", "table"], /--batch writes JSON Lines .*--format table does not apply/],
    [["--need", "knowledge", "--what-if"], /--what-if goes with --batch/],
  ])("rejects %j as a usage error, naming what does not fit", (args, message) => {
    // No input: each is refused before standard input is read (and a write to a child that has ended fails).
    const run = runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
  });

  it("takes --no-input and --format json with --batch, which change nothing", () => {
    const plain = runCli(["--batch", "-"], { input: '{"need":"knowledge"}\n' });
    const given = runCli(["--batch", "-", "--no-input", "--format", "json"], { input: '{"need":"knowledge"}\n' });
    expect(given.code).toBe(0);
    expect(given.stdout).toBe(plain.stdout);
  });

  it("answers each record as it arrives when records come slowly", async () => {
    const child = spawn(process.execPath, [BIN, "--batch", "-"], { stdio: ["pipe", "pipe", "pipe"] });
    const firstLine = new Promise<string>((resolve, reject) => {
      let seen = "";
      child.stdout.on("data", (chunk) => {
        seen += chunk;
        if (seen.includes("\n")) resolve(seen);
      });
      child.on("close", () => reject(new Error(`ended before answering the first record: ${seen}`)));
    });
    try {
      // The first record only; standard input stays open until its answer is out.
      child.stdin.write('{"need":"knowledge"}\n');
      const first = JSON.parse((await firstLine).split("\n")[0]!);
      expect(first.recommendation.id).toBe("rag");
      child.stdin.end('{"need":"behavior"}\n');
      const [code] = await once(child, "close");
      expect(code).toBe(0);
    } finally {
      child.kill();
    }
  }, 15_000);

  it("reads a YAML list and names the line of each record", () => {
    const file = join(dir, "profiles.yaml");
    writeFileSync(file, "- need: knowledge\n  citations: true\n- need: nope\n- latency: strict\n");
    const run = runCli(["--batch", file]);
    expect(run.code).toBe(2);
    expect(lines(run.stdout).map((r) => [r.line, r.error ? "error" : r.recommendation.id])).toEqual([
      [1, "rag"],
      [3, "error"],
      [4, "fine-tuning"],
    ]);
  });

  it("reads a JSON array as a list, and explains that pretty-printed JSON wants one profile a line", () => {
    const array = runCli(["--batch", "-"], {
      input: '[{"id":"a","need":"knowledge"},\n {"id":"b","need":"behavior"}]',
    });
    expect(array.code).toBe(0);
    expect(lines(array.stdout).map((r) => [r.id, r.line])).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
    for (const input of [
      '{\n  "need": "knowledge"\n}\n',
      '{\n  "need": "knowledge"\n}\n{\n  "need": "behavior"\n}\n',
    ]) {
      const pretty = runCli(["--batch", "-"], { input });
      expect(pretty.code).toBe(2);
      expect(pretty.stdout).toBe("");
      expect(pretty.stderr).toMatch(/JSON Lines hold one profile a line \(jq -c writes them\)/);
    }
    const one = runCli(["--batch", "-"], { input: "need: knowledge\n" });
    expect(one.stderr).toMatch(/--profile reads a single profile/);
    const singular = runCli(["--batch", "-"], { input: '{"need":"knowlege"}\n' });
    expect(singular.stderr).toMatch(/^advise: 1 of 1 record was bad; it has an "error" line/);
  });

  it("adds what-if with --what-if", () => {
    const out = lines(
      runCli(["--batch", "-", "--what-if"], { input: '{"need":"knowledge","corpus-tokens":"5m","citations":true}' })
        .stdout,
    );
    expect(Array.isArray(out[0].whatIf)).toBe(true);
    expect(out[0].whatIf.length).toBeGreaterThan(0);
  });

  it("streams 300k records with flat memory", () => {
    const make = (count: number) => {
      const file = join(dir, `big-${count}.jsonl`);
      const needs = ["knowledge", "behavior", "task-skill", "knowledge-and-behavior", "foundation", "unclear"];
      const record = (i: number) =>
        JSON.stringify({ need: needs[i % 6], "labeled-examples": (i * 37) % 20000, citations: i % 2 === 0 });
      const fd = openSync(file, "w");
      for (let start = 0; start < count; start += 100_000)
        writeSync(
          fd,
          `${Array.from({ length: Math.min(100_000, count - start) }, (_, i) => record(start + i)).join("\n")}\n`,
        );
      closeSync(fd);
      return file;
    };
    const probe = join(dir, "rss.mjs");
    writeFileSync(
      probe,
      'import { writeFileSync } from "node:fs"; process.on("exit", () => writeFileSync(process.env.RSS_FILE, String(process.resourceUsage().maxRSS)));\n',
    );
    const peak = (file: string) => {
      const rss = join(dir, "rss.txt");
      const run = spawnSync(process.execPath, ["--import", probe, BIN, "--batch", file], {
        env: { PATH: process.env.PATH, RSS_FILE: rss },
        stdio: ["ignore", "ignore", "pipe"],
        timeout: 60_000,
      });
      expect(run.status).toBe(0);
      return Number(readFileSync(rss, "utf8"));
    };
    // Flat: three times the records must not need noticeably more memory. The smaller batch is large enough for
    // the heap to have reached its working size (below about 100k full results it is still growing).
    const small = peak(make(100_000));
    const large = peak(make(300_000));
    // Memory that grew with the records would be about three times as much; the heap settling a little higher on
    // a longer run is not growth.
    expect(large / small).toBeLessThan(1.5);
  }, 120_000);
});

describe("recommend --batch, progress", () => {
  // About 100k records a few seconds long: well past the second after which progress shows.
  const file = join(dir, "progress.jsonl");
  writeFileSync(
    file,
    `${Array.from({ length: 100_000 }, (_, i) => JSON.stringify({ id: i, need: i % 2 ? "knowledge" : "behavior" })).join("\n")}\n`,
  );

  it("is shown in place on a terminal's standard error, and erased at the end", async () => {
    const out = join(dir, "progress-out.jsonl");
    const child = spawn(
      "script",
      ["-qfec", `exec '${process.execPath}' '${BIN}' --batch '${file}' > '${out}'`, "/dev/null"],
      { env: { PATH: process.env.PATH ?? "", TERM: "xterm" } },
    );
    let screen = "";
    child.stdout.on("data", (chunk: Buffer) => (screen += chunk.toString("utf8")));
    const [code] = await once(child, "close");
    expect(code).toBe(0);
    expect(screen).toMatch(/^\r\u001b\[Kadvise: [\d,]+ records, [\d,]+\/s, 0 errors so far/);
    expect(screen.endsWith("\r\u001b[K")).toBe(true);
    expect(readFileSync(out, "utf8").trimEnd().split("\n")).toHaveLength(100_000);
  }, 60_000);

  it("prints nothing extra when standard error is a pipe", () => {
    const run = spawnSync(process.execPath, [BIN, "--batch", file], {
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
  }, 60_000);
});

describe("recommend --batch, stopped by a signal", () => {
  const file = join(dir, "signal.jsonl");
  writeFileSync(
    file,
    `${Array.from({ length: 200_000 }, (_, i) => JSON.stringify({ need: "knowledge", "labeled-examples": i })).join("\n")}\n`,
  );

  it.each([
    ["SIGINT", "a file", 130],
    ["SIGTERM", "a file", 143],
    ["SIGINT", "a pipe left open", 130],
    ["SIGTERM", "a pipe left open", 143],
  ] as const)("%s ends a batch reading %s at once, with exit %i", async (signal, source, expected) => {
    const fromPipe = source !== "a file";
    const child = spawn(process.execPath, [BIN, "--batch", fromPipe ? "-" : file], { stdio: ["pipe", "pipe", "pipe"] });
    child.stdin.on("error", () => {});
    // A pipe gets a few records and stays open: the batch then waits for more when the signal comes.
    if (fromPipe) child.stdin.write('{"need":"knowledge"}\n{"need":"behavior"}\n');
    let lines = 0;
    child.stdout.on("data", (chunk: Buffer) => (lines += chunk.toString().split("\n").length - 1));
    await once(child.stdout, "data");
    child.kill(signal);
    const [code] = await once(child, "close");
    expect(code).toBe(expected);
    expect(lines).toBeLessThan(200_000);
  });
});
