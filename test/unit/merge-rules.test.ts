import { describe, expect, it } from "vitest";
import { mergeRules } from "../../src/core/merge-rules.js";
import { cpuTime } from "../helpers.js";

const merged = (base: unknown, layer: unknown) => mergeRules(base, layer).value;

describe("mergeRules", () => {
  it.each([
    ["a mapping merges key by key", { a: 1, b: { c: 2, d: 3 } }, { b: { d: 4 } }, { a: 1, b: { c: 2, d: 4 } }],
    [
      "a list of items with ids merges by id, new ids appended",
      {
        rules: [
          { id: "x", v: 1, w: 1 },
          { id: "y", v: 2 },
        ],
      },
      {
        rules: [
          { id: "x", v: 9 },
          { id: "z", v: 3 },
        ],
      },
      {
        rules: [
          { id: "x", v: 9, w: 1 },
          { id: "y", v: 2 },
          { id: "z", v: 3 },
        ],
      },
    ],
    [
      "a question's values merge by id too",
      { dimensions: [{ id: "q", values: [{ id: "a", label: "A" }] }] },
      { dimensions: [{ id: "q", values: [{ id: "b", label: "B" }] }] },
      {
        dimensions: [
          {
            id: "q",
            values: [
              { id: "a", label: "A" },
              { id: "b", label: "B" },
            ],
          },
        ],
      },
    ],
    ["other lists are replaced", { tieBreak: ["a", "b"] }, { tieBreak: ["b", "a"] }, { tieBreak: ["b", "a"] }],
    [
      "a list with ids outside the known lists is replaced",
      { other: [{ id: "x", v: 1 }] },
      { other: [{ id: "y" }] },
      { other: [{ id: "y" }] },
    ],
    ["scalars are replaced", { version: 1 }, { version: 2 }, { version: 2 }],
    ["extends is not carried over", { a: 1 }, { extends: "default", b: 2 }, { a: 1, b: 2 }],
    [
      "a condition is replaced whole, not merged key by key",
      { rules: [{ id: "r", when: { dim: "a", is: "x" }, because: "b" }] },
      { rules: [{ id: "r", when: { dim: "a", in: ["x", "y"] } }] },
      { rules: [{ id: "r", when: { dim: "a", in: ["x", "y"] }, because: "b" }] },
    ],
    [
      "before puts a new item before the one it names",
      { variants: [{ id: "a" }, { id: "b" }] },
      { variants: [{ id: "mine", before: "a" }] },
      { variants: [{ id: "mine" }, { id: "a" }, { id: "b" }] },
    ],
    [
      "before moves an inherited item",
      { combinations: [{ id: "a" }, { id: "b", v: 1 }] },
      { combinations: [{ id: "b", before: "a" }] },
      { combinations: [{ id: "b", v: 1 }, { id: "a" }] },
    ],
    [
      "disabled is kept for validation to honour",
      { warnings: [{ id: "w", message: "m" }] },
      { warnings: [{ id: "w", disabled: true }] },
      { warnings: [{ id: "w", message: "m", disabled: true }] },
    ],
  ])("%s", (_what, base, layer, expected) => {
    expect(merged(base, layer)).toEqual(expected);
  });

  it("reports a before that names nothing, at the layer's own path", () => {
    const { issues } = mergeRules({ variants: [{ id: "alpha" }] }, { variants: [{ id: "mine", before: "alpah" }] });
    expect(issues).toEqual([
      {
        path: ["variants", 0, "before"],
        message: expect.stringMatching(/before: "alpah" is not another variant.*did you mean "alpha"/),
      },
    ]);
  });

  it("keeps __proto__ and constructor as ordinary keys, without touching prototypes", () => {
    const layer = JSON.parse(
      '{"__proto__": {"polluted": true}, "constructor": {"x": 1}, "sources": {"constructor": {"title": "t"}}}',
    );
    const out = merged({ sources: { a: { title: "a" } } }, layer) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["sources", "__proto__", "constructor"]);
    expect(Object.keys(out.sources as object)).toEqual(["a", "constructor"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it("merges an item whose id is constructor by id", () => {
    expect(
      merged({ rules: [{ id: "constructor", v: 1 }] }, { rules: [{ id: "constructor", v: 2 }, { id: "__proto__" }] }),
    ).toEqual({ rules: [{ id: "constructor", v: 2 }, { id: "__proto__" }] });
  });

  it("does not change its inputs", () => {
    const base = { rules: [{ id: "x", v: 1 }] };
    merged(base, { rules: [{ id: "x", v: 2 }] });
    expect(base).toEqual({ rules: [{ id: "x", v: 1 }] });
  });

  it("takes time in proportion to the lists it merges", () => {
    const time = (n: number) => {
      const base = { rules: Array.from({ length: n }, (_, i) => ({ id: `r${i}`, v: 1 })) };
      const layer = { rules: Array.from({ length: n }, (_, i) => ({ id: `r${i * 2}`, v: 2 })) };
      return cpuTime(() => {
        for (let k = 0; k < 3; k++) merged(base, layer);
      });
    };
    time(2000);
    // The best of five runs of each size, taken in turns, so a busy moment of the machine does not decide the ratio.
    const small: number[] = [];
    const large: number[] = [];
    for (let k = 0; k < 5; k++) {
      small.push(time(20_000));
      large.push(time(40_000));
    }
    expect(Math.min(...large) / Math.min(...small)).toBeLessThan(3);
  });
});
