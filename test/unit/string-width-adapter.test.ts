import fc from "fast-check";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import width from "../../src/adapters/string-width.js";

const settings = { seed: Number(process.env.FC_SEED ?? 20261130), numRuns: Number(process.env.FC_RUNS ?? 500) };

// Text as the tables and prompts meet it: words, colour codes, wide and combining characters, emoji sequences.
const pieces = fc.oneof(
  fc.string({ unit: "binary-ascii" }),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("\u001b[1m", "\u001b[22m", "\u001b[31m", "\u001b[39m", "\u009b4m", "\u001b]8;;x\u0007", "\u001b"),
  fc.constantFrom("古", "한", "é", "e\u0301", "👍", "👍🏽", "👨‍👩‍👧", "🇫🇷", "1\ufe0f\u20e3", "\u200b", "\t", "\u007f"),
);

describe("the string-width adapter the bundle uses", () => {
  it("measures any text as string-width does", () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const text = parts.join("");
        expect(width(text)).toBe(stringWidth(text));
      }),
      settings,
    );
  });

  it("measures printable ASCII by its length, with or without colour codes", () => {
    expect(width("Fine-Tuning")).toBe(11);
    expect(width("\u001b[1mRAG\u001b[22m")).toBe(3);
    expect(width("")).toBe(0);
    expect(width("古い")).toBe(4);
  });
});
