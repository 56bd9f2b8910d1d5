import fc from "fast-check";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { wrap } from "../../src/render/style.js";

const settings = { seed: Number(process.env.FC_SEED ?? 20261130), numRuns: Number(process.env.FC_RUNS ?? 300) };

// Words in scripts whose characters take one or two columns, with and without spaces between them.
const words = fc.oneof(
  fc.string({ unit: fc.constantFrom("a", "b", "é", "e\u0301", "—"), minLength: 1, maxLength: 30 }),
  fc.string({ unit: fc.constantFrom("検", "索", "拡", "張", "한", "국", "，"), minLength: 1, maxLength: 40 }),
  fc.constantFrom("👍🏽", "👨‍👩‍👧", "🇫🇷"),
);

describe("wrap", () => {
  it("keeps every line within the width, counting wide characters as two columns", () => {
    fc.assert(
      fc.property(fc.array(words, { maxLength: 12 }), fc.integer({ min: 2, max: 100 }), (parts, width) => {
        const text = parts.join(" ");
        const lines = wrap(text, width, "  ", "  ").split("\n");
        for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(Math.max(width, 4 + 2));
        // Nothing is lost: the words come back in order.
        expect(lines.join("").replace(/\s+/g, "")).toBe(text.replace(/\s+/g, ""));
      }),
      settings,
    );
  });

  it("wraps a sentence written without spaces at the width, not at the number of characters", () => {
    const sentence = "検索拡張生成は質問の時点で関連する文章を探し出します";
    const lines = wrap(sentence, 20).split("\n");
    expect(lines.map((line) => stringWidth(line))).toEqual([20, 20, 12]);
    expect(lines.join("")).toBe(sentence);
  });

  it("cuts a long word between the characters a reader sees, never inside one", () => {
    expect(wrap("e\u0301".repeat(5), 2).split("\n")).toEqual(["e\u0301e\u0301", "e\u0301e\u0301", "e\u0301"]);
  });
});
