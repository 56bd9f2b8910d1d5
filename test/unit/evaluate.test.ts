import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeCondition, test as truth } from "../../src/core/condition.js";
import { decide } from "../../src/core/decide.js";
import { evaluate } from "../../src/core/evaluate.js";
import { loadRules } from "../../src/core/load-rules.js";
import type { Profile } from "../../src/core/parse-profile.js";
import { defaultRules } from "../helpers.js";

const rules = loadRules(readFileSync(new URL("../fixtures/minimal-rules.yaml", import.meta.url), "utf8"));

describe("conditions are three-valued", () => {
  it.each([
    [{ dim: "size", is: "small" }, {}, undefined],
    [{ dim: "size", is: "small" }, { size: "small" }, true],
    [{ dim: "size", in: ["large", "both"] }, { size: "small" }, false],
    [{ dim: "budget", lt: 1000 }, { budget: 999 }, true],
    [{ dim: "budget", lt: 1000 }, { budget: 1000 }, false],
    [{ dim: "budget", lte: 1000 }, { budget: 1000 }, true],
    [{ dim: "budget", gt: 1000 }, { budget: 1000 }, false],
    [{ dim: "budget", gte: 1000 }, { budget: 1000 }, true],
    [{ not: { dim: "urgent", is: true } }, {}, undefined],
    [{ not: { dim: "urgent", is: true } }, { urgent: false }, true],
    [
      {
        all: [
          { dim: "urgent", is: true },
          { dim: "size", is: "small" },
        ],
      },
      { urgent: false },
      false,
    ],
    [
      {
        all: [
          { dim: "urgent", is: true },
          { dim: "size", is: "small" },
        ],
      },
      { urgent: true },
      undefined,
    ],
    [
      {
        any: [
          { dim: "urgent", is: true },
          { dim: "size", is: "small" },
        ],
      },
      { urgent: true },
      true,
    ],
    [
      {
        any: [
          { dim: "urgent", is: true },
          { dim: "size", is: "small" },
        ],
      },
      { urgent: false },
      undefined,
    ],
    [{ recommended: ["cheap"] }, {}, undefined],
  ] as const)("%j with %j is %s", (condition, profile, expected) => {
    expect(truth(condition as never, profile as Profile)).toBe(expected);
  });

  it("reads back as text", () => {
    expect(
      describeCondition({ all: [{ dim: "budget", lt: 200_000 }, { not: { dim: "size", in: ["small", "large"] } }] }),
    ).toBe("(budget < 200k and not size in {small, large})");
  });
});

describe("evaluate", () => {
  it.each([
    // profile, recommendation, ranking order
    [{ size: "small" }, "cheap", ["cheap", "costly", "other"]],
    [{ size: "large" }, "costly", ["costly", "cheap", "other"]],
    [{ size: "large", budget: 500 }, "cheap", ["cheap", "other", "costly"]],
    [{ size: "both" }, "cheap+costly", ["costly", "cheap", "other"]],
    [{ size: "both", budget: 10 }, "cheap", ["cheap", "other", "costly"]],
    [{ urgent: true }, "cheap", ["cheap", "costly", "other"]],
    // Nothing fires: ties fall back to the tieBreak order, then the approaches' order.
    [{ urgent: false }, "cheap", ["cheap", "costly", "other"]],
  ] as const)("%j → %s", (profile, recommendation, order) => {
    const result = evaluate(rules, profile as Profile);
    expect(result.recommendation.id).toBe(recommendation);
    expect(result.ranking.map((a) => a.id)).toEqual(order);
  });

  it("lists unanswered dimensions and fires no rule on them", () => {
    const result = evaluate(rules, { size: "small" }, { trace: true });
    expect(result.unanswered).toEqual(["budget", "urgent"]);
    expect(evaluate(rules, { size: "small" }).trace).toBeUndefined();
    const statuses = Object.fromEntries(result.trace!.filter((t) => t.kind === "rule").map((t) => [t.id, t.status]));
    expect(statuses).toEqual({
      "small-is-cheap": "fired",
      "large-is-costly": "not-fired",
      "low-budget-excludes-costly": "unknown",
      "urgent-favours-cheap": "unknown",
    });
  });

  it("gives every reason with its rule, effect, because and sources", () => {
    const cheap = evaluate(rules, { size: "small" }).ranking[0]!;
    expect(cheap.reasons).toEqual([
      { rule: "small-is-cheap", effect: 3, because: "Small projects suit the cheap approach.", sources: ["S1"] },
    ]);
  });

  it("ranks excluded approaches last with the reason", () => {
    const last = evaluate(rules, { size: "large", budget: 10 }).ranking.at(-1)!;
    expect(last).toMatchObject({
      id: "costly",
      excluded: true,
      score: 3,
      excludedBy: [{ rule: "low-budget-excludes-costly" }],
    });
  });

  it("raises warnings that depend on the recommendation only when it applies", () => {
    expect(evaluate(rules, { size: "large", urgent: true }).warnings.map((w) => w.id)).toEqual(["urgent-and-costly"]);
    expect(evaluate(rules, { size: "small", urgent: true }).warnings).toEqual([]);
  });

  it("is deterministic", () => {
    const profile = { size: "both", budget: 5000, urgent: true } as Profile;
    expect(JSON.stringify(evaluate(rules, profile))).toBe(JSON.stringify(evaluate(rules, profile)));
  });

  it("says how sure it is from the margin and the open questions", () => {
    const r = defaultRules();
    const full = {
      need: "knowledge",
      "knowledge-freshness": "frequent",
      citations: true,
      "retrieval-infra": "managed",
      "corpus-tokens": 5e6,
      "labeled-examples": 0,
      timeline: "weeks",
      "budget-usd": 5e4,
    } as Profile;
    expect(evaluate(r, full).recommendation.confidence).toBe("high");
    expect(evaluate(r, { need: "knowledge" }).recommendation.confidence).toBe("low");
  });
});

describe("what-if", () => {
  it("finds the threshold a rule uses", () => {
    const result = evaluate(rules, { size: "large", budget: 5000 });
    expect(result.recommendation.id).toBe("costly");
    // The threshold is 1,000: the change offered is a round number below it (900), not 999.
    expect(result.whatIf).toContainEqual({ change: { budget: 900 }, recommendation: "cheap" });
  });

  it("lists unanswered questions that could change the result", () => {
    const result = evaluate(rules, { size: "large" });
    expect(result.sharpen.map((q) => q.dimension)).toEqual(["budget"]);
  });

  it("finds changes that only a combination reads, and rules that stop firing by becoming unknown", () => {
    const text = readFileSync(new URL("../fixtures/minimal-rules.yaml", import.meta.url), "utf8")
      .replace("when: { dim: size, is: both }", "when: { dim: pair, is: true }")
      .replace(
        "  - { id: urgent, type: boolean, question: Is it urgent? }",
        "  - { id: urgent, type: boolean, question: Is it urgent? }\n  - { id: pair, type: boolean, question: Both at once? }",
      )
      .replace(
        "warnings:",
        "  - id: urgent-or-rich-is-other\n    when: { any: [{ dim: urgent, is: true }, { dim: budget, gt: 1m }] }\n    effects: { other: 10 }\n    because: Other.\nwarnings:",
      );
    const custom = loadRules(text);
    // Only the combination reads `pair`: no rule changes, yet the recommendation does.
    expect(evaluate(custom, { size: "large" }).sharpen).toContainEqual(
      expect.objectContaining({
        dimension: "pair",
        changes: [{ change: { pair: true }, recommendation: "cheap+costly" }],
      }),
    );
    // urgent: false leaves the `any` unknown (budget is open), so the rule stops firing.
    const result = evaluate(custom, { urgent: true, size: "small" });
    expect(result.recommendation.id).toBe("other");
    expect(result.whatIf).toContainEqual({ change: { urgent: false }, recommendation: "cheap" });
  });

  it("promises only changes that really produce the recommendation (default rules, many profiles)", () => {
    const r = defaultRules();
    const random = mulberry32(7);
    for (let n = 0; n < 150; n++) {
      const profile: Profile = {};
      for (const d of r.dimensions) {
        if (random() < 0.35) continue;
        if (d.type === "enum") profile[d.id] = d.values[Math.floor(random() * d.values.length)]!.id;
        else if (d.type === "boolean") profile[d.id] = random() < 0.5;
        else profile[d.id] = Math.floor(10 ** (random() * 12));
      }
      const result = evaluate(r, profile);
      for (const item of result.whatIf) {
        const changed = decide(r, { ...profile, ...item.change });
        expect(changed.recommendationId, JSON.stringify({ profile, item })).toBe(item.recommendation);
        expect(item.recommendation).not.toBe(result.recommendation.id);
      }
      for (const question of result.sharpen) {
        for (const item of question.changes)
          expect(decide(r, { ...profile, ...item.change }).recommendationId).toBe(item.recommendation);
      }
    }
  });
});

/** A small seeded generator, so the generated profiles are the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
