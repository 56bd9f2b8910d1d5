import { codeFrame } from "./code-frame.js";
import type { ParsedDocument } from "./read-document.js";

const isDigit = (code: number) => code >= 48 && code <= 57;
const isLower = (code: number) => code >= 97 && code <= 122;
const isUpper = (code: number) => code >= 65 && code <= 90;

/** `[a-z][a-z0-9-]*`, and not a word YAML reads as something else: a question id. */
function isKey(text: string): boolean {
  if (text === "" || text.length > 100 || !isLower(text.charCodeAt(0)) || text === "null" || text === "true" || text === "false") return false;
  for (let i = 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isLower(code) && !isDigit(code) && code !== 45) return false;
  }
  return true;
}

/** `[A-Za-z0-9][A-Za-z0-9._+-]*`: a plain scalar that cannot start or hold anything YAML reads specially. */
function isPlainValue(text: string): boolean {
  const first = text.charCodeAt(0);
  if (text === "" || !(isLower(first) || isUpper(first) || isDigit(first))) return false;
  for (let i = 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // - . + _
    if (!isLower(code) && !isUpper(code) && !isDigit(code) && code !== 45 && code !== 46 && code !== 43 && code !== 95) return false;
  }
  return true;
}

function allOf(text: string, from: number, accepts: (code: number) => boolean): boolean {
  if (from >= text.length) return false;
  for (let i = from; i < text.length; i++) if (!accepts(text.charCodeAt(i))) return false;
  return true;
}

/** `[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?` with a fraction or an exponent: YAML's float and floatExp forms. */
function isFloat(text: string): boolean {
  let i = 0;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  if (i === 0) return false;
  let shaped = false;
  if (text[i] === ".") {
    shaped = true;
    i++;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  }
  if (text[i] === "e" || text[i] === "E") {
    i++;
    if (text[i] === "+" || text[i] === "-") i++;
    const digits = i;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    if (i === digits) return false;
    shaped = true;
  }
  return shaped && i === text.length;
}

/**
 * A plain scalar as the YAML 1.2 core schema reads it, in its order (null, bool, octal, decimal and hex integers,
 * floats, else text); signs, dots and `~` cannot start a value here (isPlainValue).
 */
function scalar(text: string): string | number | boolean | null {
  switch (text) {
    case "null":
    case "Null":
    case "NULL":
      return null;
    case "true":
    case "True":
    case "TRUE":
      return true;
    case "false":
    case "False":
    case "FALSE":
      return false;
  }
  if (!isDigit(text.charCodeAt(0))) return text;
  if (text.startsWith("0o") && allOf(text, 2, (code) => code >= 48 && code <= 55)) return parseInt(text.slice(2), 8);
  if (allOf(text, 0, isDigit)) return parseInt(text, 10);
  if (text.startsWith("0x") && allOf(text, 2, (code) => isDigit(code) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70))) return parseInt(text.slice(2), 16);
  if (isFloat(text)) return parseFloat(text);
  return text;
}

/**
 * Reads a profile written as plain `question-id: answer` lines (blank and comment lines allowed; LF or CRLF),
 * the form `advise --save` writes and most people type, exactly as the YAML parser would, positions included;
 * undefined for anything else (a comment after an answer, quotes, other spacing, a repeated key, ...), which the
 * YAML parser then reads. The parser and its code cache take about 3 ms to load and run, more than the recommendation.
 * A property test holds the two readings to the same values and positions.
 */
export function readFlatProfile(text: string, file: string | undefined): ParsedDocument | undefined {
  if (text.length > 65536 || text.charCodeAt(0) === 0xfeff) return undefined;
  const value: Record<string, string | number | boolean | null> = {};
  const where = new Map<string, { line: number; valueColumn: number }>();
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    // Blank lines, and comment lines (`advise --save` starts the file with one).
    if (line === "" || line.startsWith("#")) continue;
    const colon = line.indexOf(": ");
    if (colon < 0) return undefined;
    const key = line.slice(0, colon);
    const answer = line.slice(colon + 2);
    if (!isKey(key) || !isPlainValue(answer) || where.has(key)) return undefined;
    value[key] = scalar(answer);
    where.set(key, { line: index + 1, valueColumn: colon + 3 });
  }
  const first = where.values().next().value;
  if (first === undefined) return undefined;
  const at = (line: number, column: number) => ({ file, line, column, message: "", hint: undefined, frame: codeFrame(text, line, column) });
  return {
    value,
    // As read-document.ts finds a path: the key itself when the path ends in it, else the answer; the mapping
    // (its first key) when the first step is not one of its keys.
    locate(path, key) {
      const step = path.length > 0 ? path[0] : key;
      const found = step === undefined ? undefined : where.get(String(step));
      if (!found) return at(first.line, 1);
      return step === key ? at(found.line, 1) : at(found.line, found.valueColumn);
    },
  };
}
