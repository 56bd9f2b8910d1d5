import displayWidth from "../adapters/string-width.js";

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

/** Wraps text to `width` columns, indenting every line by `indent` and continuation lines by `hang` more. */
export function wrap(text: string, width: number, indent = "", hang = ""): string {
  const room = Math.max(1, width);
  const wordRoom = Math.max(1, room - displayWidth(indent) - displayWidth(hang));
  // A word wider than a whole line is cut into pieces that fit; links and escape codes stay whole, so
  // they can still be copied and clicked.
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) =>
      displayWidth(word) > wordRoom && !word.includes("\u001b") && !/^https?:\/\//.test(word)
        ? cut(word, wordRoom)
        : [word],
    );
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const start = lines.length === 0 ? indent : indent + hang;
    if (line === "") line = start + word;
    else if (displayWidth(line) + 1 + displayWidth(word) > room) {
      lines.push(line);
      line = indent + hang + word;
    } else line = `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines.join("\n");
}

let graphemes: Intl.Segmenter | undefined;
/** Pieces of `word` at most `room` columns wide, cut between the characters a reader sees (grapheme clusters). */
function cut(word: string, room: number): string[] {
  graphemes ??= new Intl.Segmenter();
  const pieces: string[] = [];
  let piece = "";
  let used = 0;
  for (const { segment } of graphemes.segment(word)) {
    const columns = displayWidth(segment);
    if (piece !== "" && used + columns > room) {
      pieces.push(piece);
      piece = "";
      used = 0;
    }
    piece += segment;
    used += columns;
  }
  if (piece !== "") pieces.push(piece);
  return pieces;
}
