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

  it("breaks Japanese between characters but never inside a Latin word written in it", () => {
    const text =
      "ベクトルDB（pgvector、OpenSearch など）と全文検索のハイブリッド構成（multilingual-e5-large）が一般的です。";
    for (let width = 24; width <= 60; width++) {
      const lines = wrap(text, width).split("\n");
      for (const word of ["pgvector", "OpenSearch", "multilingual-e5-large"])
        expect(
          lines.some((line) => line.includes(word)),
          `${word} at ${width}`,
        ).toBe(true);
      for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(width);
    }
  });

  it("keeps closing punctuation off the start of a line and opening brackets off its end (kinsoku)", () => {
    const text =
      "国内保管が必須のデータです。海外リージョン（us-east-1 など）を使う前に、承認を得てください。「ー」も。";
    for (let width = 6; width <= 50; width++) {
      const lines = wrap(text, width).split("\n");
      for (const line of lines.slice(1)) expect(line, `at ${width}`).not.toMatch(/^[、。）」ー]/u);
      for (const line of lines) expect(line, `at ${width}`).not.toMatch(/[（「]$/u);
      expect(lines.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
    }
  });

  it("never separates a colour code from the text it marks", () => {
    const bold = "\u001b[1m検索拡張生成（Retrieval-Augmented Generation, RAG）\u001b[22m";
    for (let width = 8; width <= 40; width++) {
      const wrapped = wrap(bold, width);
      expect(wrapped.match(/\u001b\[1m|\u001b\[22m/g), `at ${width}`).toEqual(["\u001b[1m", "\u001b[22m"]);
      expect(wrapped).toMatch(/^\u001b\[1m検/u);
    }
  });
});
