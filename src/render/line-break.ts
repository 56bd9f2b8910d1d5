import displayWidth from "../adapters/string-width.js";

/** A piece of text a line may end after, the columns it takes, and what joins it to the piece before on a line. */
export interface Piece {
  text: string;
  width: number;
  glue: "" | " ";
}

// Chinese and Japanese are written without spaces: a line may break between any two of their characters, as
// browsers and word processors break them, except where the rules of kinsoku shori forbid it.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u30fc\uff00-\uffef]/u;
/** Characters a line may not start with: closing brackets and punctuation, small kana, the prolonged sound mark. */
const NO_START = new Set(
  "、。，．・：；？！）」』】〕〉》〙〗｝］｠〟’”ー～…‥々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ)]}.,!?:;%",
);
/** Characters a line may not end with: opening brackets. */
const NO_END = new Set("（「『【〔〈《〘〖｛［｟〝‘“([{");
// Colour and link escape sequences take no room and are never separated from the text they mark.
const ESCAPE = /\u001b\[[0-9;]*m|\u001b\]8;;[^\u0007]*\u0007/y;

let graphemes: Intl.Segmenter | undefined;
const graphemesOf = (text: string) => (graphemes ??= new Intl.Segmenter()).segment(text);

/**
 * The pieces of `text` a line may break between: its words and, inside a word, the places Chinese or Japanese text
 * may break. A piece still wider than `room` columns is cut between graphemes; addresses and text with escape
 * sequences in it are not cut, so that they can still be copied and clicked.
 */
export function breakPieces(text: string, room = Infinity): Piece[] {
  const pieces: Piece[] = [];
  for (const word of text.split(/\s+/)) {
    if (word === "") continue;
    let glue: Piece["glue"] = pieces.length === 0 ? "" : " ";
    const address = /^https?:\/\//.test(word);
    for (const part of address ? [word] : cjkParts(word)) {
      const width = displayWidth(part);
      for (const piece of width > room && !address && !part.includes("\u001b")
        ? cut(part, room)
        : [{ text: part, width }]) {
        pieces.push({ ...piece, glue });
        glue = "";
      }
    }
  }
  return pieces;
}

/** A word split where Chinese or Japanese text in it may break; a word without either is one part. */
function cjkParts(word: string): string[] {
  if (!CJK.test(word)) return [word];
  const parts: string[] = [];
  let part = "";
  let before = "";
  let escapedTo = 0;
  for (const { segment: grapheme, index } of graphemesOf(word)) {
    // Escape sequences are made of single-character graphemes; what a grapheme holds past one's end is text.
    const segment = index < escapedTo ? grapheme.slice(escapedTo - index) : grapheme;
    if (segment === "") continue;
    ESCAPE.lastIndex = Math.max(index, escapedTo);
    const escape = ESCAPE.exec(word)?.[0];
    if (escape !== undefined) {
      part += escape;
      escapedTo = ESCAPE.lastIndex;
      continue;
    }
    const breaks =
      before !== "" &&
      (CJK.test(before) || CJK.test(segment)) &&
      !NO_START.has(segment[0]!) &&
      !NO_END.has(before[before.length - 1]!);
    if (breaks && part !== "") {
      parts.push(part);
      part = "";
    }
    part += segment;
    before = segment;
  }
  if (part !== "") parts.push(part);
  return parts;
}

/** Pieces of `word` at most `room` columns wide, cut between the characters a reader sees (grapheme clusters). */
function cut(word: string, room: number): { text: string; width: number }[] {
  const pieces: { text: string; width: number }[] = [];
  let text = "";
  let width = 0;
  for (const { segment } of graphemesOf(word)) {
    const columns = displayWidth(segment);
    if (text !== "" && width + columns > room) {
      pieces.push({ text, width });
      text = "";
      width = 0;
    }
    text += segment;
    width += columns;
  }
  if (text !== "") pieces.push({ text, width });
  return pieces;
}
