/**
 * Text from a file as it may be shown to a person: control characters (C0 but line feed and tab, DEL, C1) are
 * written as \xNN escapes, so an escape sequence in a file is seen, not obeyed by the terminal.
 */
export function visible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** The lines of the last text framed: a file with many problems is split once, not once per problem. */
let split: { text: string; lines: string[] } | undefined;
function linesOf(text: string): string[] {
  if (split?.text !== text) split = { text, lines: text.split(/\r?\n/) };
  return split.lines;
}

/** A few lines of `text` around a 1-based line and column, with a caret under the column. */
export function codeFrame(text: string, line: number, column: number, context = 1): string {
  const lines = linesOf(text);
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const out: string[] = [];
  // Long lines show a window of about 100 characters around the column, so the caret stays in view.
  const start = Math.max(0, column - 60);
  for (let n = first; n <= last; n++) {
    const marker = n === line ? ">" : " ";
    const full = (lines[n - 1] ?? "").replace(/\t/g, " ");
    // A frame shows the file's raw text: control characters in it are shown as escapes, never sent to a terminal.
    const window = visible(full.slice(start, start + 100));
    const content = `${start > 0 && full.length > 0 ? "…" : ""}${window}${full.length > start + 100 ? "…" : ""}`;
    out.push(`${marker} ${String(n).padStart(width)} | ${content}`);
    if (n === line) out.push(`  ${" ".repeat(width)} | ${" ".repeat(Math.max(0, column - 1 - start + (start > 0 ? 1 : 0)))}^`);
  }
  return out.join("\n");
}
