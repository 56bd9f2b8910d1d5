import { Readable, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BatchError, runBatch } from "../../src/cli/batch.js";
import type { Context, Output } from "../../src/cli/context.js";
import { defaultRules } from "../helpers.js";

/** A stream that keeps what is written to it; `isTTY` says whether it stands for a terminal. */
function sink(isTTY: boolean): Output & { text: () => string } {
  const parts: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      parts.push(String(chunk));
      done();
    },
  }) as Writable & { isTTY?: boolean };
  if (isTTY) stream.isTTY = true;
  return Object.assign(stream, { text: () => parts.join("") });
}

/** Runs a batch of `count` records (every tenth one bad) with a clock that moves `step` ms each time it is read. */
async function batch(options: { count: number; stderrIsTTY: boolean; stdoutIsTTY?: boolean; step: number }) {
  const input = Array.from({ length: options.count }, (_, i) =>
    i % 10 === 9 ? '{"need":"nope"}' : JSON.stringify({ id: i, need: "knowledge" }),
  ).join("\n");
  const stdout = sink(options.stdoutIsTTY ?? false);
  const stderr = sink(options.stderrIsTTY);
  let now = 0;
  const ctx = {
    io: { stdin: Readable.from([Buffer.from(input)]), stdout, stderr, argv: [], env: {} },
    rules: defaultRules(),
  } as unknown as Context;
  const error = await runBatch(ctx, { file: "-", whatIf: false, clock: () => (now += options.step) }).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BatchError);
  return { stdout: stdout.text(), stderr: stderr.text(), elapsed: now };
}

const ERASE = "\r\x1b[K";

describe("batch progress", () => {
  it("is drawn in place on a terminal once a batch runs longer than a second, at most four times a second, and cleared", async () => {
    const run = await batch({ count: 2000, stderrIsTTY: true, step: 100 });
    const draws = run.stderr.split(ERASE).filter(Boolean);
    expect(draws.length).toBeGreaterThan(2);
    expect(draws.length).toBeLessThanOrEqual(Math.ceil(run.elapsed / 250));
    for (const draw of draws) expect(draw).toMatch(/^advise: [\d,]+ records, [\d,]+\/s, [\d,]+ errors? so far$/);
    const last = draws.at(-1)!.match(/^advise: ([\d,]+) records, [\d,]+\/s, ([\d,]+) errors? so far$/)!;
    expect(Number(last[1]!.replace(/,/g, ""))).toBeGreaterThan(0);
    expect(Number(last[2]!.replace(/,/g, ""))).toBe(Math.floor(Number(last[1]!.replace(/,/g, "")) / 10));
    expect(run.stderr.endsWith(ERASE)).toBe(true);
    expect(run.stdout.trimEnd().split("\n")).toHaveLength(2000);
  });

  it("prints nothing when standard error is a pipe or a file", async () => {
    const run = await batch({ count: 2000, stderrIsTTY: false, step: 100 });
    expect(run.stderr).toBe("");
    expect(run.stdout.trimEnd().split("\n")).toHaveLength(2000);
  });

  it("prints nothing for a batch done within a second, even on a terminal", async () => {
    const run = await batch({ count: 2000, stderrIsTTY: true, step: 0.001 });
    expect(run.stderr).toBe("");
  });

  it("makes way for output lines when standard output is the same terminal", async () => {
    const run = await batch({ count: 2000, stderrIsTTY: true, stdoutIsTTY: true, step: 100 });
    const draws = run.stderr.split(ERASE).filter(Boolean);
    expect(draws.length).toBeGreaterThan(2);
    // Each drawing is erased before the next output is written: every drawing is followed by an erase.
    expect(run.stderr).toMatch(
      new RegExp(`^(${ERASE.replace(/[[\]\\]/g, "\\$&")}advise: [^\\r]*${ERASE.replace(/[[\]\\]/g, "\\$&")})+$`),
    );
  });
});
