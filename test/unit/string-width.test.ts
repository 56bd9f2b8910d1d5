import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
// The bundle's stand-in, and the string-width 4 that cli-table3 depends on (see tsup.config.ts).
const standIn = require("../../src/vendor-shims/string-width.cjs") as (text: unknown) => number;
const published = require("string-width") as (text: string) => number;

describe("the string-width stand-in", () => {
  it.each([
    ["", "empty"],
    ["Retrieval-Augmented Generation (RAG)", "printable ASCII"],
    ["~!@#$%^&*()_+{}|:\"<>? `-=[]\\;',./", "ASCII punctuation"],
    ["tab\there", "a control character"],
    ["del\u007fete", "DEL"],
    ["\u001b[1m\u001b[36mbold cyan\u001b[39m\u001b[22m", "escape codes"],
    ["naïve café", "Latin-1 letters"],
    ["e\u0301", "a combining mark"],
    ["検索拡張生成", "wide East Asian characters"],
    ["한국어 텍스트", "Hangul"],
    ["ｆｕｌｌ", "fullwidth forms"],
    ["ok 🙂", "an emoji"],
    ["👍🏽 👍🏿", "emoji with a skin tone"],
    ["👩‍💻 and 👨‍👩‍👧", "emoji joined by zero-width joiners"],
    ["🇺🇸 🇯🇵", "flags"],
    ["❤️ ✔︎", "variation selectors"],
    ["≥ 50k → RAG", "symbols"],
  ])("measures %j as string-width 4 does (%s)", (text) => {
    expect(standIn(text)).toBe(published(text));
  });

  it("departs from it only where string-width 4 miscounts: emoji newer than its table, a joiner between letters", () => {
    expect(standIn("🧑🏽‍🚀")).toBe(2);
    expect(published("🧑🏽‍🚀")).toBe(5);
    expect(standIn("x\u200dy")).toBe(2);
  });

  it("measures what is not a string as nothing", () => {
    expect(standIn(undefined)).toBe(0);
    expect(standIn(42)).toBe(0);
  });
});
