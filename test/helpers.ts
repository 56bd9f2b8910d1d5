import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll } from "vitest";
import { loadRules } from "../src/core/load-rules.js";
import type { Dimension, Rules } from "../src/core/rules-schema.js";

export const DEFAULT_RULES_TEXT = readFileSync(new URL("../rules/default.yaml", import.meta.url), "utf8");
let cached: Rules | undefined;
/** The built-in rules, validated from the YAML source. */
export function defaultRules(): Rules {
  cached ??= loadRules(DEFAULT_RULES_TEXT, "rules/default.yaml");
  return cached;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new, empty folder under the system's temporary folder, removed when the test file's tests are done. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/**
 * The processor time (user and system, in microseconds) that `run` takes in this process (a promise of it when
 * `run` returns one): other programs on a
 * busy machine stretch the wall clock, much less this. Growth tests compare such times as ratios.
 */
export function cpuTime(run: () => Promise<unknown>): Promise<number>;
export function cpuTime(run: () => unknown): number;
export function cpuTime(run: () => unknown): number | Promise<number> {
  const start = process.cpuUsage();
  const used = () => {
    const { user, system } = process.cpuUsage(start);
    return user + system;
  };
  const done = run();
  return done instanceof Promise ? done.then(used) : used();
}

/** Any answer a question accepts: one of its values, yes or no, or a number drawn from `numbers`. */
export function answerFor(d: Dimension, numbers: fc.Arbitrary<number>): fc.Arbitrary<string | number | boolean> {
  return d.type === "enum"
    ? fc.constantFrom(...d.values.map((v) => v.id))
    : d.type === "boolean"
      ? fc.boolean()
      : numbers;
}
