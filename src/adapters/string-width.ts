// What cli-table3 and Inquirer (through wrap-ansi) get when they require string-width: see scripts/adapters.ts.
// string-width 4, the version both depend on, compiles a 10 KB emoji expression the first time it measures any text,
// a few milliseconds of every `advise table`. Later versions of string-width answer printable ASCII by its length
// first; this does the same in front of version 4, which still measures everything else.
import stringWidth from "string-width";
import stripAnsi from "strip-ansi";

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The columns `text` takes in a terminal, as string-width counts them. */
export default function width(text: string): number {
  if (typeof text !== "string") return stringWidth(text);
  const plain = text.includes("\u001b") || text.includes("\u009b") ? stripAnsi(text) : text;
  return PRINTABLE_ASCII.test(plain) ? plain.length : stringWidth(text);
}
