/** A few of a file's `lines` around a 1-based line and column, with a caret under the column. */
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
    if (n === line)
      out.push(`  ${" ".repeat(width)} | ${" ".repeat(Math.max(0, column - 1 - start + (start > 0 ? 1 : 0)))}^`);
  }
  return out.join("\n");
}
