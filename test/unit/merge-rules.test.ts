import { describe, expect, it } from "vitest";
import { mergeRules } from "../../src/core/merge-rules.js";

describe("mergeRules", () => {
  it.each([
    ["a mapping merges key by key", { a: 1, b: { c: 2, d: 3 } }, { b: { d: 4 } }, { a: 1, b: { c: 2, d: 4 } }],
    ["a list of items with ids merges by id, new ids appended", { r: [{ id: "x", v: 1, w: 1 }, { id: "y", v: 2 }] }, { r: [{ id: "x", v: 9 }, { id: "z", v: 3 }] }, { r: [{ id: "x", v: 9, w: 1 }, { id: "y", v: 2 }, { id: "z", v: 3 }] }],
    ["nested lists with ids merge too", { d: [{ id: "q", values: [{ id: "a", label: "A" }] }] }, { d: [{ id: "q", values: [{ id: "b", label: "B" }] }] }, { d: [{ id: "q", values: [{ id: "a", label: "A" }, { id: "b", label: "B" }] }] }],
    ["other lists are replaced", { tieBreak: ["a", "b"] }, { tieBreak: ["b", "a"] }, { tieBreak: ["b", "a"] }],
    ["scalars are replaced", { version: 1 }, { version: 2 }, { version: 2 }],
    ["extends is not carried over", { a: 1 }, { extends: "default", b: 2 }, { a: 1, b: 2 }],
  ])("%s", (_what, base, layer, expected) => {
    expect(mergeRules(base, layer)).toEqual(expected);
  });

  it("ignores __proto__ and constructor keys", () => {
    const layer = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"x": 1}, "ok": 1}');
    const merged = mergeRules({}, layer) as Record<string, unknown>;
    expect(merged).toEqual({ ok: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("does not change its inputs", () => {
    const base = { r: [{ id: "x", v: 1 }] };
    mergeRules(base, { r: [{ id: "x", v: 2 }] });
    expect(base).toEqual({ r: [{ id: "x", v: 1 }] });
  });
});
