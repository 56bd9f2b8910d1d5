"use strict";
// Columns a string takes in a terminal. Stands in for string-width 4 inside cli-table3 (see tsup.config.ts):
// that version runs a very large emoji regular expression on every cell, which cost several milliseconds of
// start-up for each table. Same rules: escape codes, control and combining characters take no column; wide
// East Asian characters (the ranges of is-fullwidth-code-point 3) and emoji take two, an emoji sequence (joined,
// with a skin tone or a presentation selector) two in all. CommonJS, because cli-table3 require()s it and calls
// the export itself. test/unit/string-width.test.ts compares the two.

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
// Most text is printable ASCII, one column a character: told by one native match instead of a loop.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// Made on first use: building an emoji class costs about 0.08 ms, and most text has no emoji.
let emoji;
let presentation;

function isFullwidth(code) {
  return (
    code >= 0x1100 &&
    (code <= 0x115f ||
      code === 0x2329 ||
      code === 0x232a ||
      (code >= 0x2e80 && code <= 0x3247 && code !== 0x303f) ||
      (code >= 0x3250 && code <= 0x4dbf) ||
      (code >= 0x4e00 && code <= 0xa4c6) ||
      (code >= 0xa960 && code <= 0xa97c) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe10 && code <= 0xfe19) ||
      (code >= 0xfe30 && code <= 0xfe6b) ||
      (code >= 0xff01 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1b000 && code <= 0x1b001) ||
      (code >= 0x1f200 && code <= 0x1f251) ||
      (code >= 0x20000 && code <= 0x3fffd))
  );
}

function stringWidth(text) {
  if (typeof text !== "string" || text.length === 0) return 0;
  if (PRINTABLE_ASCII.test(text)) return text.length;
  const plain = text.includes("\u001b") ? text.replace(ANSI, "") : text;
  let width = 0;
  let joined = false;
  // Whether the last character was a pictograph measured as one column: a presentation selector after it makes
  // an emoji of it (❤️), two columns.
  let narrowPicture = false;
  for (const char of plain) {
    const code = char.codePointAt(0);
    const picture = narrowPicture;
    narrowPicture = false;
    // What follows a zero-width joiner is part of the emoji before it (👩‍💻 is one picture), as is a skin tone.
    const joins = joined;
    joined = code === 0x200d;
    if (joined || (code >= 0x1f3fb && code <= 0x1f3ff)) continue;
    if (joins && code > 0x2000 && (emoji ??= /\p{Extended_Pictographic}/u).test(char)) continue;
    if (code >= 0xfe00 && code <= 0xfe0f) {
      if (picture && code >= 0xfe0e) width += 1;
      continue;
    }
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0x300 && code <= 0x36f)) continue;
    if (code <= 0x10ff) width += 1;
    else if (isFullwidth(code)) width += 2;
    else if (code > 0xffff) width += (emoji ??= /\p{Extended_Pictographic}/u).test(char) ? 2 : 1;
    else if ((presentation ??= /\p{Emoji_Presentation}/u).test(char)) width += 2;
    else {
      narrowPicture = (emoji ??= /\p{Extended_Pictographic}/u).test(char);
      width += 1;
    }
  }
  return width;
}

module.exports = stringWidth;
module.exports.default = stringWidth;
