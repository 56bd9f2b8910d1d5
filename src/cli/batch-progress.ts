import type { Output } from "./context.js";

/** A batch shows its progress only once it has run this long, so short batches print nothing extra. */
const PROGRESS_AFTER_MS = 1000;
/** At most this often, so drawing costs nothing next to the work and the line stays readable. */
const PROGRESS_EVERY_MS = 250;

const ERASE_LINE = "\r\x1b[K";
const count = (n: number) => n.toLocaleString("en-US");

export interface BatchProgress {
  /** Records done and bad so far; redraws the line when it is time to. */
  update(done: number, bad: number): void;
  /** Erases the line, if one was drawn (before other output reaches the same terminal, and at the end). */
  clear(): void;
}

/**
 * The progress line of a batch on standard error: records done, rate and errors so far, redrawn in place. Only
 * when standard error is a terminal: a pipe or a file gets nothing, so logs hold only what was asked for.
 */
export function batchProgress(stderr: Output, clock: () => number): BatchProgress {
  if (!stderr.isTTY) return { update() {}, clear() {} };
  const start = clock();
  let drawnAt: number | undefined;
  let visible = false;
  return {
    update(done, bad) {
      const now = clock();
      if (now - start < PROGRESS_AFTER_MS || (drawnAt !== undefined && now - drawnAt < PROGRESS_EVERY_MS)) return;
      drawnAt = now;
      visible = true;
      const rate = Math.round((done * 1000) / (now - start));
      stderr.write(
        `${ERASE_LINE}advise: ${count(done)} records, ${count(rate)}/s, ${count(bad)} ${bad === 1 ? "error" : "errors"} so far`,
      );
    },
    clear() {
      if (!visible) return;
      stderr.write(ERASE_LINE);
      visible = false;
    },
  };
}
