import { shown } from "../core/shown.js";

/**
 * Text from a rules file or a profile as inline Markdown: on one line, with every character that could start
 * Markdown or HTML (emphasis, code, links, images, tags, entities, table cells, headings and lists at the start of a
 * line) escaped, so a decision record shows the text and nothing else.
 */
export function mdText(text: string): string {
  return shown(text)
    .replace(/\s*[\n\t]\s*/g, " ")
    .trim()
    .replace(/[\\`*_[\]<>|~&]/g, "\\$&")
    .replace(/^([-+#=])/, "\\$1")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

/** A link to a source: only http(s) addresses become links, percent-encoded; anything else is shown as text. */
export function mdLink(title: string, url: string | undefined): string {
  if (!url) return mdText(title);
  let href: URL | undefined;
  try {
    href = new URL(url);
  } catch {
    href = undefined;
  }
  if (!href || (href.protocol !== "https:" && href.protocol !== "http:")) return `${mdText(title)} (${mdText(url)})`;
  return `[${mdText(title)}](${href.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`;
}

/** A fenced block (a code frame, say) longer than any run of backticks inside it, so the text cannot close it. */
export function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}text\n${shown(text)}\n${fence}`;
}
