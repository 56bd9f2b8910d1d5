import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { codeFrame } from "../../src/core/code-frame.js";

/** The screen column the caret line points at, and the screen column where `text` starts on the marked line. */
function columns(frame: string, text: string): { caret: number; text: number } {
  const lines = frame.split("\n");
  const marked = lines.find((l) => l.startsWith(">"))!;
  const caretLine = lines[lines.indexOf(marked) + 1]!;
  return {
    caret: stringWidth(caretLine.slice(0, caretLine.indexOf("^"))),
    text: stringWidth(marked.slice(0, marked.indexOf(text))),
  };
}

describe("codeFrame", () => {
  it("puts the caret under the column, with wide characters and emoji earlier on the line", () => {
    const line = "  - { id: japan-only, label: 国内のみ 🗾, meening: x }";
    const frame = codeFrame(["values:", line], 2, line.indexOf("meening") + 1);
    const { caret, text } = columns(frame, "meening");
    expect(caret).toBe(text);
  });

  it("keeps the caret under the column of a long line shown as a window", () => {
    const line = `${"検索".repeat(80)} key: x`;
    const frame = codeFrame([line], 1, line.indexOf("key") + 1);
    expect(frame).toContain("…");
    const { caret, text } = columns(frame, "key");
    expect(caret).toBe(text);
  });

  it("puts the caret under a plain ASCII column as before", () => {
    expect(codeFrame(["a: 1", "bb: 2"], 2, 2)).toBe("  1 | a: 1\n> 2 | bb: 2\n    |  ^");
  });
});
