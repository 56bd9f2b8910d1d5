/**
 * The pieces of YAML that read-flat-profile.ts reads without the parser: question ids, plain scalars as the YAML
 * 1.2 core schema resolves them, and JSON's numbers and words as the same schema resolves them. Scanned by
 * hand: each regular expression costs a compilation at start-up.
 */
const isDigit = (code: number) => code >= 48 && code <= 57;
const isLower = (code: number) => code >= 97 && code <= 122;
const isUpper = (code: number) => code >= 65 && code <= 90;

/** `[a-z][a-z0-9-]*`, and not a word YAML reads as something else: a question id. */
export function isKey(text: string): boolean {
  if (text === "" || text.length > 100 || !isLower(text.charCodeAt(0)) || text === "null" || text === "true" || text === "false") return false;
  for (let i = 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isLower(code) && !isDigit(code) && code !== 45) return false;
  }
  return true;
}

/** `[A-Za-z0-9][A-Za-z0-9._+-]*`: a plain scalar that cannot start or hold anything YAML reads specially. */
export function isPlainValue(text: string): boolean {
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

/** Where the digits starting at `from` end. */
function digitsEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** Where an exponent (`e` or `E`, a sign or none, digits) starting at `from` ends: `from` if none starts there, -1 if it has no digits. */
function exponentEnd(text: string, from: number): number {
  if (text[from] !== "e" && text[from] !== "E") return from;
  const digits = text[from + 1] === "+" || text[from + 1] === "-" ? from + 2 : from + 1;
  const end = digitsEnd(text, digits);
  return end === digits ? -1 : end;
}

/** `[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?` with a fraction or an exponent: YAML's float and floatExp forms. */
function isFloat(text: string): boolean {
  let i = digitsEnd(text, 0);
  if (i === 0) return false;
  const dot = text[i] === ".";
  if (dot) i = digitsEnd(text, i + 1);
  const end = exponentEnd(text, i);
  return end === text.length && (dot || end > i);
}

/**
 * A plain scalar as the YAML 1.2 core schema reads it, in its order (null, bool, octal, decimal and hex integers,
 * floats, else text); signs, dots and `~` cannot start a value here (isPlainValue).
 */
export function scalar(text: string): string | number | boolean | null {
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

/** `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`: a JSON number. */
function isJsonNumber(text: string): boolean {
  const sign = text[0] === "-" ? 1 : 0;
  let i = text[sign] === "0" ? sign + 1 : digitsEnd(text, sign);
  if (i === sign) return false;
  if (text[i] === ".") {
    const fraction = digitsEnd(text, i + 1);
    if (fraction === i + 1) return false;
    i = fraction;
  }
  return exponentEnd(text, i) === text.length;
}

/** A JSON number, true, false or null as YAML's core schema reads it (an integer form by parseInt); undefined for anything else. */
export function jsonScalar(text: string): number | boolean | null | undefined {
  if (text === "true") return true;
  if (text === "false") return false;
  if (text === "null") return null;
  if (!isJsonNumber(text)) return undefined;
  return allOf(text, text[0] === "-" ? 1 : 0, isDigit) ? parseInt(text, 10) : parseFloat(text);
}

/** Text a double-quoted scalar holds as it is: printable ASCII without a quote or a backslash. */
export function isPlainQuoted(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 32 || code > 126 || code === 34 || code === 92) return false;
  }
  return true;
}
