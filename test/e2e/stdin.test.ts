import { spawnSync } from "node:child_process";
import { closeSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readInput } from "../../src/io/read-input.js";
import { tempDir } from "../helpers.js";
import { BIN, ROOT, runCli, type CliRun } from "./run-cli.js";

const dir = tempDir("advise-stdin-");

/** The built binary with standard input redirected from a file (`advise ... < file`), not fed through a pipe. */
function fromFile(args: string[], path: string): CliRun {
  const fd = openSync(path, "r");
  try {
    const result = spawnSync(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      stdio: [fd, "pipe", "pipe"],
      encoding: "utf8",
      timeout: 15_000,
      maxBuffer: 1 << 26,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", COLUMNS: "80", NO_COLOR: "1" },
    });
    if (result.error) throw result.error;
    return { stdout: result.stdout, stderr: result.stderr, code: result.status };
  } finally {
    closeSync(fd);
  }
}

const batch = Array.from({ length: 3000 }, (_, i) =>
  JSON.stringify({ need: i % 2 ? "knowledge" : "behavior", "labeled-examples": i * 7, citations: i % 3 === 0 }),
).join("\n");

describe("standard input redirected from a file", () => {
  it.each([
    ["a YAML profile", ["--profile", "-", "--format", "json"], "need: knowledge\ncorpus-tokens: 2m\ncitations: true\n"],
    ["a JSON profile", ["--profile", "-", "--format", "json"], '{"need": "task-skill", "labeled-examples": "8k"}\n'],
    ["a profile with a bad answer", ["--profile", "-"], "need: knowledge\nlatency: soon\n"],
    ["an empty file", ["--profile", "-"], ""],
    ["a batch of several chunks", ["--batch", "-"], batch],
  ])("reads %s as a pipe would give it", (_name, args, text) => {
    const file = join(dir, "input");
    writeFileSync(file, text);
    const redirected = fromFile(args, file);
    expect(redirected).toEqual(runCli(args, { input: text }));
    expect(redirected.stdout.length + redirected.stderr.length).toBeGreaterThan(20);
  });

  it("refuses more than 2 MiB from a file", () => {
    writeFileSync(join(dir, "large"), `# ${"x".repeat(3 * 1024 * 1024)}\n`);
    const result = fromFile(["--profile", "-"], join(dir, "large"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("standard input is larger than 2097152 bytes");
  });

  it("refuses more than 2 MiB from a stream, and stops reading it", async () => {
    const chunk = Buffer.alloc(1024 * 1024, "x");
    let given = 0;
    const stream = Readable.from(
      (function* () {
        for (; given < 8; given++) yield chunk;
      })(),
    );
    await expect(readInput("-", () => stream, "profile")).rejects.toThrow(
      "standard input is larger than 2097152 bytes",
    );
    expect(given).toBeLessThan(8);
  });

  it("reads /dev/null as empty", () => {
    const run = fromFile(["--profile", "-"], "/dev/null");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("empty");
  });
});
