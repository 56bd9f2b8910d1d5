import { codeFrame } from "./code-frame.js";
import { isKey, isPlainQuoted, isPlainValue, jsonScalar, scalar } from "./flat-profile-scalars.js";
import type { ParsedDocument } from "./read-document.js";

interface Position {
  line: number;
  column: number;
}

/** A one-level mapping as read, with where its keys and answers sit and where it starts. */
interface Flat {
  value: Record<string, string | number | boolean | null>;
  where: Map<string, { key: Position; answer: Position }>;
  start: Position;
}

/** Plain `question-id: answer` lines; blank and comment lines (`advise --save` starts the file with one); LF or CRLF. */
function readLines(text: string): Flat | undefined {
  const flat: Flat = { value: {}, where: new Map(), start: { line: 0, column: 1 } };
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "" || line.startsWith("#")) continue;
    const colon = line.indexOf(": ");
    if (colon < 0) return undefined;
    const key = line.slice(0, colon);
    const answer = line.slice(colon + 2);
    if (!isKey(key) || !isPlainValue(answer) || flat.where.has(key)) return undefined;
    flat.value[key] = scalar(answer);
    flat.where.set(key, { key: { line: index + 1, column: 1 }, answer: { line: index + 1, column: colon + 3 } });
    if (flat.start.line === 0) flat.start = { line: index + 1, column: 1 };
  }
  return flat.start.line === 0 ? undefined : flat;
}

/** One JSON object of question ids to strings (printable ASCII, no escapes), numbers, true, false or null. */
function readJsonObject(text: string): Flat | undefined {
  let at = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): Position => ({ line, column: at - lineStart + 1 });
  const skipSpace = () => {
    for (;;) {
      if (text[at] === " ") at++;
      else if (text[at] === "\n" || (text[at] === "\r" && text[at + 1] === "\n")) {
        at += text[at] === "\n" ? 1 : 2;
        line++;
        lineStart = at;
      } else return;
    }
  };
  const quoted = (): string | undefined => {
    const end = text.indexOf('"', at + 1);
    if (text[at] !== '"' || end < 0) return undefined;
    const content = text.slice(at + 1, end);
    at = end + 1;
    return isPlainQuoted(content) ? content : undefined;
  };
  skipSpace();
  if (text[at] !== "{") return undefined;
  const flat: Flat = { value: {}, where: new Map(), start: here() };
  at++;
  for (;;) {
    skipSpace();
    const keyAt = here();
    const key = quoted();
    if (key === undefined || !isKey(key) || flat.where.has(key)) return undefined;
    skipSpace();
    if (text[at] !== ":") return undefined;
    at++;
    skipSpace();
    const answerAt = here();
    let answer: string | number | boolean | null | undefined;
    if (text[at] === '"') answer = quoted();
    else {
      const from = at;
      while (at < text.length && !" \r\n,}".includes(text[at]!)) at++;
      answer = jsonScalar(text.slice(from, at));
    }
    if (answer === undefined) return undefined;
    flat.value[key] = answer;
    flat.where.set(key, { key: keyAt, answer: answerAt });
    skipSpace();
    if (text[at] === ",") at++;
    else if (text[at] === "}") break;
    else return undefined;
  }
  at++;
  skipSpace();
  return at === text.length ? flat : undefined;
}

/**
 * Reads the profiles people and scripts write most, exactly as the YAML parser would, positions included:
 * plain `question-id: answer` lines (the form `advise --save` writes) and a one-line or pretty-printed JSON
 * object of such answers. Undefined for anything else (quotes or escapes in YAML, nesting, a comment after an
 * answer, other spacing, a repeated key, ...), which the YAML parser then reads: it and its code cache take
 * about 2.5 ms to load and run, more than the recommendation. A property test holds the two readings to the same
 * values and positions.
 */
export function readFlatProfile(text: string, file: string | undefined): ParsedDocument | undefined {
  if (text.length > 65536 || text.charCodeAt(0) === 0xfeff) return undefined;
  const flat = text.trimStart().startsWith("{") ? readJsonObject(text) : readLines(text);
  if (!flat) return undefined;
  const { value, where, start } = flat;
  const at = ({ line, column }: Position) => ({ file, line, column, message: "", hint: undefined, frame: codeFrame(text, line, column) });
  return {
    value,
    // As read-document.ts finds a path: the key itself when the path ends in it, else the answer; the mapping
    // itself when the first step is not one of its keys.
    locate(path, key) {
      const step = path.length > 0 ? path[0] : key;
      const found = step === undefined ? undefined : where.get(String(step));
      if (!found) return at(start);
      return at(step === key ? found.key : found.answer);
    },
  };
}
