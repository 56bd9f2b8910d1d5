"use strict";
// Columns a string takes in a terminal. Stands in for string-width 4 inside cli-table3 (see tsup.config.ts):
// that version runs a very large emoji regular expression on every cell, which cost several milliseconds of
// start-up for each table. Same rules: escape codes, control and combining characters take no column; wide
// East Asian characters (the ranges of is-fullwidth-code-point 3) and emoji take two. CommonJS, because
// cli-table3 require()s it and calls the export itself.

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
// Made on first use: building the emoji class costs about 0.08 ms, and most text has no character beyond U+FFFF.
let emoji;

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
  const plain = text.includes("\u001b") ? text.replace(ANSI, "") : text;
  let width = 0;
  for (const char of plain) {
    const code = char.codePointAt(0);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0x300 && code <= 0x36f) || code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f)) continue;
    width += code > 0x10ff && (isFullwidth(code) || (code > 0xffff && (emoji ??= /\p{Extended_Pictographic}/u).test(char))) ? 2 : 1;
  }
  return width;
}

module.exports = stringWidth;
module.exports.default = stringWidth;
