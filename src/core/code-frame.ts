/** A few lines of `text` around a 1-based line and column, with a caret under the column. */
export function codeFrame(text: string, line: number, column: number, context = 1): string {
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === line ? ">" : " ";
    const content = (lines[n - 1] ?? "").replace(/\t/g, " ");
    out.push(`${marker} ${String(n).padStart(width)} | ${content.length > 100 ? `${content.slice(0, 100)}…` : content}`);
    if (n === line) out.push(`  ${" ".repeat(width)} | ${" ".repeat(Math.max(0, column - 1))}^`);
  }
  return out.join("\n");
}
