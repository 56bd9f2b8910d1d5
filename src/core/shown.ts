/**
 * Control characters (but line breaks and tabs), DEL, C1 controls, line and paragraph separators and the bidi
 * overrides and isolates, which can make text read differently from what it is.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

const visible = (char: string) => {
  const code = char.codePointAt(0)!;
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
};

/**
 * Text from outside (a rules file, a profile, a file name, an argument) as it may be shown to a person: every
 * character that a terminal would act on rather than print is written out visibly, e.g. ESC as `\x1b`, so an
 * escape sequence in a file can retitle no window, write no clipboard and erase no line. Line breaks and tabs stay.
 */
export function shown(text: string): string {
  return text.replace(UNSAFE, visible);
}
