import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDocument } from "../../src/core/read-document.js";
import { readFlatProfile } from "../../src/core/read-flat-profile.js";

const settings = { seed: Number(process.env.FC_SEED ?? 20261126), numRuns: Number(process.env.FC_RUNS ?? 150) * 20 };

/** Everything a caller can ask of a document about its keys: its value, and where each key, answer or anything else sits. */
function readings(doc: NonNullable<ReturnType<typeof readDocument>["doc"]>, keys: string[]) {
  const probes = [...keys, "missing", "0"];
  return {
    value: doc.value,
    whole: doc.locate([]),
    keys: probes.map((key) => doc.locate([], key)),
    answers: probes.map((key) => doc.locate([key])),
    deeper: probes.map((key) => doc.locate([key, "x"])),
    both: probes.map((key) => doc.locate([key], key)),
  };
}

function expectAlike(text: string): boolean {
  const quick = readFlatProfile(text, "p.yaml");
  if (quick === undefined) return false;
  const { doc, problems } = readDocument(text, "p.yaml");
  expect(problems).toEqual([]);
  const keys = Object.keys(doc!.value as object);
  expect(Object.keys(quick.value as object)).toEqual(keys);
  expect(readings(quick, keys)).toStrictEqual(readings(doc!, keys));
  return true;
}

/** The property over generated texts: every text taken is read alike, and many are taken. */
function holdsAlike(texts: fc.Arbitrary<string>): void {
  let taken = 0;
  fc.assert(
    fc.property(texts, (text) => {
      if (expectAlike(text)) taken++;
    }),
    settings,
  );
  // The property says something only if many of the texts were taken.
  expect(taken).toBeGreaterThan(settings.numRuns / 10);
}

describe("the quick reading of plain profile lines", () => {
  it.each([
    ["need: knowledge\ncitations: true\ncorpus-tokens: 2m\n"],
    ["need: knowledge\r\nlabeled-examples: 0\r\n"],
    ["\n\nbudget-usd: 50000\n\nlatency: strict"],
    ["# Answers for `advise --profile p.yaml`\nneed: knowledge\ncorpus-tokens: 2000000\ncitations: true\n"],
    ["#\n#x: y\nneed: knowledge\n# between\nlatency: strict\n#end"],
    ["a: null\nb: True\nc: FALSE\nd: 0o17\ne: 0x1F\nf: 007\ng: 1e3\nh: 1.\ni: 2.5e-3\nj: 1e\nk: 0X1F\nl: 0o8\nm: Null\nn: yes\n"],
    ['{"need": "knowledge", "labeled-examples": "8k", "citations": true}\n'],
    ['{"need":"knowledge","budget-usd":50000,"x":-0,"y":1.5e3,"z":null,"w":false,"v":-12,"u":0.25}'],
    ['{\n  "need": "knowledge",\n  "corpus-tokens": 2000000\n}\n'],
    ['\n\n  {"need" : "a b # c: d" ,\r\n "latency": "strict"}  \n'],
  ])("reads %j as the YAML parser does", (text) => {
    expect(expectAlike(text)).toBe(true);
  });

  it.each([
    ["need: knowledge # a comment\n"],
    ["  # an indented comment\nneed: knowledge\n"],
    ['need: "knowledge"\n'],
    ["need:  knowledge\n"],
    ["need: knowledge\nneed: behavior\n"],
    ["\ufeffneed: knowledge\n"],
    ["- need\n"],
    ["need: [a, b]\n"],
    ["need: ~\n"],
    ["need:\n"],
    ["true: 1\n"],
    ["Need: knowledge\n"],
    ["budget-usd: -5\n"],
    ["budget-usd: .5\n"],
    [""],
    ["\n\n"],
    ['{"need": "knowledge",}'],
    ['{"need": "know\\nledge"}'],
    ['{"need": ["knowledge"]}'],
    ['{"need": knowledge}'],
    ['{"need": 01}'],
    ['{}'],
    ['{"need":\t"knowledge"}'],
    ['{"need": "knowledge"} x'],
  ])("leaves %j to the YAML parser", (text) => {
    expect(readFlatProfile(text, "p.yaml")).toBeUndefined();
  });

  it("reads any text it takes as the YAML parser does, values and positions", () => {
    // Mostly lines it should take, now and then one it should not, so that both kinds meet in one text.
    const goodKey = fc.constantFrom("need", "corpus-tokens", "a", "x1", "a-", "b--c");
    const badKey = fc.constantFrom("null", "true", "Need", "_x", "", "need ", "1a");
    const goodValue = fc.oneof(
      fc.constantFrom("knowledge", "2m", "0", "007", "0o17", "0o8", "0x1F", "0xg", "0X1F", "1e3", "1E+3", "1e", "1.", "1.5.1", "2.5e-3", "1_000", "null", "NULL", "nULL", "True", "tRUE", "FALSE", "yes", "9".repeat(30)),
      fc.stringMatching(/^[0-9a-fA-FxoeE.+_-]{1,6}$/),
    );
    const badValue = fc.constantFrom("~", "", "-5", ".5", "+1", "a b", "a#b", "a: b", "'q'");
    const line = fc.oneof(
      { weight: 12, arbitrary: fc.tuple(goodKey, goodValue).map(([k, v]) => `${k}: ${v}`) },
      { weight: 1, arbitrary: fc.tuple(fc.oneof(goodKey, badKey), fc.constantFrom(": ", ":", ":  ", " : "), fc.oneof(goodValue, badValue)).map(([k, sep, v]) => `${k}${sep}${v}`) },
      { weight: 2, arbitrary: fc.constantFrom("", " ", "# note", "#", "#need: x", " # indented", "---") },
    );
    const text = fc.tuple(fc.array(line, { maxLength: 6 }), fc.constantFrom("\n", "\r\n"), fc.boolean()).map(([lines, eol, last]) => lines.join(eol) + (last ? eol : ""));
    holdsAlike(text);
  });

  it("reads any JSON object it takes as the YAML parser does, values and positions", () => {
    const key = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('"need"', '"corpus-tokens"', '"a"', '"b-1"') }, { weight: 1, arbitrary: fc.constantFrom('"null"', '"Need"', "need", '"a b"', '""') });
    const value = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('"knowledge"', '"2m"', '"a b: c # d"', '""', '" x "', "0", "-0", "7", "-12", "1.5", "-0.25", "1e3", "1E+3", "2.5e-3", "true", "false", "null", "123456789012345678901234567890") },
      { weight: 1, arbitrary: fc.constantFrom("01", "1.", ".5", "+1", "True", "nul", "knowledge", '"a\\"b"', '"tab\there"', "[1]", '{"a": 1}', "-", "1e") },
    );
    const space = fc.oneof({ weight: 12, arbitrary: fc.constantFrom("", " ", "  ", "\n", "\r\n", "\n  ") }, { weight: 1, arbitrary: fc.constantFrom("\t", "\r") });
    const pair = fc.tuple(space, key, space, value, space).map(([a, k, b, v, c]) => `${a}${k}${b}:${b}${v}${c}`);
    const text = fc
      .tuple(space, fc.array(pair, { minLength: 1, maxLength: 4 }), fc.oneof({ weight: 8, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.constant(",") }), space)
      .map(([before, pairs, trailing, after]) => `${before}{${pairs.join(",")}${trailing}}${after}`);
    holdsAlike(text);
  });
});
