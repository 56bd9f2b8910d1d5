import displayWidth from "../adapters/string-width.js";
import { breakPieces } from "./line-break.js";

/** How output may look: decided once from flags, environment and the stream, then passed to every renderer. */
export interface Style {
  /** Columns available; tables and paragraphs wrap to fit. */
  width: number;
  /** Box-drawing characters and block bars, or plain ASCII for `TERM=dumb` and `--ascii`. */
  unicode: boolean;
  /** Whether `paint` colours; prompts drawn by other libraries follow it. */
  color: boolean;
  /** Whether to add hints for a person (what to run next): on a terminal only, never in piped or saved output. */
  hints: boolean;
  /** Whether the terminal follows links written as OSC 8 escape sequences; addresses are plain text otherwise. */
  links: boolean;
  paint: Paint;
}

type Brush = (text: string) => string;
export interface Paint {
  bold: Brush;
  dim: Brush;
  accent: Brush;
  good: Brush;
  bad: Brush;
  warn: Brush;
}

const plain: Brush = (text) => text;
export const NO_PAINT: Paint = { bold: plain, dim: plain, accent: plain, good: plain, bad: plain, warn: plain };

/** Stand-ins for the characters the renderers and the built-in rules use, one column each where they can be. */
const ASCII_FOR: Record<string, string> = {
  "•": "*",
  "—": "-",
  "–": "-",
  "…": "...",
  "✗": "x",
  "✔": "v",
  "≥": ">=",
  "≤": "<=",
  "×": "x",
  "→": "->",
  "←": "<-",
  "‘": "'",
  "’": "'",
  "“": '"',
  "”": '"',
  "€": "EUR",
  "·": "*",
};

/** Text for `--ascii` and `TERM=dumb`: accents dropped (Sabiá → Sabia), known symbols spelt out, anything else "?". */
export function asciiOnly(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x00-\x7f]/g, (c) => ASCII_FOR[c] ?? "?");
}

/**
 * Wraps text to `width` columns, indenting every line by `indent` and continuation lines by `hang` more. Lines break
 * between words and, in Chinese and Japanese, between characters (see breakPieces).
 */
export function wrap(text: string, width: number, indent = "", hang = ""): string {
  const room = Math.max(1, width);
  const first = displayWidth(indent);
  const next = displayWidth(indent + hang);
  const lines: string[] = [];
  let line = "";
  let used = 0;
  for (const { text: piece, width: columns, glue } of breakPieces(text, Math.max(1, room - next))) {
    if (line === "") {
      line = (lines.length === 0 ? indent : indent + hang) + piece;
      used = (lines.length === 0 ? first : next) + columns;
    } else if (used + glue.length + columns > room) {
      lines.push(line);
      line = indent + hang + piece;
      used = next + columns;
    } else {
      line += glue + piece;
      used += glue.length + columns;
    }
  }
  if (line !== "") lines.push(line);
  return lines.join("\n");
}
