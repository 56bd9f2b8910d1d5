import displayWidth from "../adapters/string-width.js";

/**
 * A few of a file's `lines` around a 1-based line and column, with a caret under the column: as many spaces as the
 * text before it takes on screen, so that wide characters and emoji earlier on the line do not move it.
 */
export function codeFrame(lines: readonly string[], line: number, column: number, context = 1): string {
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const out: string[] = [];
  // Long lines show a window of about 100 characters around the column, so the caret stays in view.
  const start = Math.max(0, column - 60);
  for (let n = first; n <= last; n++) {
    const marker = n === line ? ">" : " ";
    const full = (lines[n - 1] ?? "").replace(/\t/g, " ");
    const window = full.slice(start, start + 100);
    const content = `${start > 0 && full.length > 0 ? "…" : ""}${window}${full.length > start + 100 ? "…" : ""}`;
    out.push(`${marker} ${String(n).padStart(width)} | ${content}`);
    if (n === line) {
      const before = `${start > 0 ? "…" : ""}${full.slice(start, Math.max(start, column - 1))}`;
      out.push(`  ${" ".repeat(width)} | ${" ".repeat(displayWidth(before))}^`);
    }
  }
  return out.join("\n");
}
