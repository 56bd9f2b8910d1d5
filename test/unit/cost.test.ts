import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  addMonths,
  costData,
  costIssues,
  costSketch,
  crossingMonth,
  formatMoney,
  formatRange,
  roundRange,
  splitCostAnswers,
  type CostSketch,
  type Standing,
} from "../../src/core/cost.js";
import { evaluate } from "../../src/core/evaluate.js";
import { checkRulesText, loadRules } from "../../src/core/load-rules.js";
import { mergeRules } from "../../src/core/merge-rules.js";
import type { Profile } from "../../src/core/parse-profile.js";
import type { Rules } from "../../src/core/rules-schema.js";
import { renderCostChart, renderCostMarkdown, renderCostTable } from "../../src/render/cost.js";
import { NO_PAINT, type Style } from "../../src/render/style.js";
import { DEFAULT_RULES_TEXT, defaultRules } from "../helpers.js";

const settings = { seed: Number(process.env.FC_SEED ?? 20261130), numRuns: Number(process.env.FC_RUNS ?? 100) };

/** The built-in rules with round prices, so that the expected figures can be worked out by hand. */
function roundPriced(): Rules {
  const rules = structuredClone(defaultRules());
  const round: Record<string, [number, number]> = {
    "model-input": [1, 2],
    "model-cached-input": [0.1, 0.2],
    "model-output": [4, 8],
    "tuned-model-input": [2, 4],
    "tuned-model-output": [8, 16],
    "tuned-model-hosting": [0, 1],
    "tuning-training": [10, 20],
    "example-review": [1, 2],
    embedding: [0.1, 0.2],
    "search-service": [1, 2],
    "gpu-hour": [2, 4],
  };
  for (const price of rules.cost!.prices) {
    const [low, high] = round[price.id]!;
    price.low = low;
    price.high = high;
  }
  return rules;
}

const rules = roundPriced();
const everyApproach = (rec: string, variant: string | null = null): Standing => ({
  recommendation: { id: rec, approaches: rec.split("+"), variant },
  ranking: rules.approaches.map((a) => ({ id: a.id, excluded: false })),
});
const answers: Profile = {
  "queries-per-day": 1000,
  "prompt-tokens": 1000,
  "answer-tokens": 200,
  "retrieved-tokens": 2000,
  "corpus-tokens": 1e6,
  "labeled-examples": 500,
  "model-size": 8e9,
  deployment: "hosted-api",
};
const NOW = "2026-12-01";
const sketchOf = (profile: Profile, standing = everyApproach("in-context-learning")) =>
  costSketch(rules, profile, standing, NOW)!;
const find = (sketch: CostSketch, id: string) => sketch.approaches.find((a) => a.id === id)!;

describe("the cost formulas, against hand-worked figures", () => {
  // 1,000 requests a day for 30.4 days: 30,400 requests; 30.4M prompt tokens; 6.08M answer tokens.
  it("in-context learning: prompt and answer tokens at the model's prices, nothing up front", () => {
    const icl = find(sketchOf(answers), "in-context-learning");
    expect(icl.upfront).toEqual({ low: 0, high: 0 });
    expect(icl.monthly.low).toBeCloseTo(30.4 * 1 + 6.08 * 4, 9);
    expect(icl.monthly.high).toBeCloseTo(30.4 * 2 + 6.08 * 8, 9);
    expect(icl.total12.low).toBeCloseTo(12 * 54.72, 9);
  });

  it("RAG: the corpus embedded once; prompt plus retrieved tokens, query embeddings and the search service each month", () => {
    const rag = find(sketchOf(answers), "rag");
    expect(rag.upfront.low).toBeCloseTo(0.1, 9);
    expect(rag.upfront.high).toBeCloseTo(0.2, 9);
    // 91.2M input tokens, 6.08M output, 30.4M tokens embedded, 730 service hours.
    expect(rag.monthly.low).toBeCloseTo(91.2 + 24.32 + 3.04 + 730, 9);
    expect(rag.monthly.high).toBeCloseTo(182.4 + 48.64 + 6.08 + 1460, 9);
  });

  it("fine-tuning on a hosted API: examples reviewed and trained on for three epochs; the tuned model's token prices and hosting", () => {
    const ft = find(sketchOf(answers), "fine-tuning");
    // 500 examples of 1,200 tokens, 3 epochs: 1.8M training tokens.
    expect(ft.upfront.low).toBeCloseTo(500 * 1 + 1.8 * 10, 9);
    expect(ft.upfront.high).toBeCloseTo(500 * 2 + 1.8 * 20, 9);
    expect(ft.monthly.low).toBeCloseTo(30.4 * 2 + 6.08 * 8 + 730 * 0, 9);
    expect(ft.monthly.high).toBeCloseTo(30.4 * 4 + 6.08 * 16 + 730 * 1, 9);
    expect(ft.plan).toBe("fine-tuning");
  });

  it("a fine-tuned model's shorter prompt, when answered, is what it is trained and billed on", () => {
    const ft = find(sketchOf({ ...answers, "tuned-prompt-tokens": 100 }), "fine-tuning");
    // 500 examples of 300 tokens, 3 epochs: 0.45M training tokens; 3.04M input tokens a month.
    expect(ft.upfront.low).toBeCloseTo(500 * 1 + 0.45 * 10, 9);
    expect(ft.monthly.low).toBeCloseTo(3.04 * 2 + 6.08 * 8, 9);
    expect(sketchOf({ ...answers, "tuned-prompt-tokens": 100 }).assumptions.join("\n")).not.toMatch(/same prompt/);
    expect(sketchOf(answers).assumptions.join("\n")).toMatch(/A fine-tuned model is sent the same prompt/);
  });

  it("a self-hosted model is paid by the GPU-hour, more GPUs for a larger model or more volume", () => {
    const selfHosted = { ...answers, deployment: "self-hosted" };
    const ft = find(sketchOf(selfHosted), "fine-tuning");
    expect(ft.plan).toBe("fine-tuning-self-hosted");
    expect(ft.monthly).toEqual({ low: 730 * 2, high: 730 * 4 });
    // 70b at 2.4 bytes a parameter needs 168 GB: three 80 GB GPUs.
    expect(find(sketchOf({ ...selfHosted, "model-size": 70e9 }), "fine-tuning").monthly.low).toBeCloseTo(
      3 * 730 * 2,
      9,
    );
    // 250k requests a day at 100k a GPU-day: 2.5 replicas.
    expect(find(sketchOf({ ...selfHosted, "queries-per-day": 250e3 }), "fine-tuning").monthly.low).toBeCloseTo(
      2.5 * 730 * 2,
      9,
    );
  });

  it("pre-training: 6·N·D FLOPs on at least 286 tokens a parameter (as Llama 2 7B), at 40% of the GPU's peak", () => {
    const pt = find(sketchOf(answers), "pre-training");
    const gpuHours = (6 * 8e9 * 2.288e12) / (989e12 * 0.4) / 3600;
    expect(pt.upfront.low).toBeCloseTo(gpuHours * 2, 6);
    expect(pt.upfront.high).toBeCloseTo(gpuHours * 4, 6);
    const bigCorpus = find(sketchOf({ ...answers, "corpus-tokens": 5e12 }), "pre-training");
    expect(bigCorpus.upfront.low).toBeCloseTo(((6 * 8e9 * 5e12) / (989e12 * 0.4) / 3600) * 2, 4);
  });

  it("continued pre-training: one pass of 6·N·D FLOPs over the corpus on rented GPUs, a small share of from scratch", () => {
    const profile = { ...answers, "corpus-tokens": 2e11 };
    const continued = find(sketchOf(profile, everyApproach("fine-tuning", "continued-pre-training")), "fine-tuning");
    expect(continued.plan).toBe("continued-pre-training");
    const corpusPass = continued.lines.upfront.find((l) => l.id === "train-corpus")!;
    expect(corpusPass.quantity).toBeCloseTo((6 * 8e9 * 2e11) / (989e12 * 0.4) / 3600, 6);
    expect(corpusPass.cost.low).toBeCloseTo(corpusPass.quantity * 2, 6);
    const scratch = find(sketchOf(profile, everyApproach("fine-tuning", "continued-pre-training")), "pre-training");
    expect(corpusPass.cost.high).toBeLessThan(scratch.upfront.low);
  });

  it("a variant with its own plan is priced by it: the whole corpus in a cached prompt", () => {
    const standing = everyApproach("in-context-learning", "long-context-with-prompt-caching");
    const icl = find(sketchOf(answers, standing), "in-context-learning");
    expect(icl.variant).toBe("long-context-with-prompt-caching");
    // Plus 30,400 requests × 1M corpus tokens from the cache at 0.1 per 1M.
    expect(icl.monthly.low).toBeCloseTo(54.72 + 30_400 * 0.1, 6);
  });

  it("works out the recommendation itself when no result is given", () => {
    const real = defaultRules();
    const profile: Profile = { need: "task-skill", "labeled-examples": 8000 };
    const alone = costSketch(real, profile, undefined, NOW)!;
    expect(alone).toEqual(costSketch(real, profile, evaluate(real, profile), NOW));
    expect(alone.recommendation).toBe("fine-tuning");
  });

  it("names every default it used, and only those", () => {
    const sketch = sketchOf({ "queries-per-day": 500, deployment: "hosted-api" });
    expect(Object.keys(sketch.defaultsUsed).sort()).toEqual([
      "answer-tokens",
      "corpus-tokens",
      "labeled-examples",
      "model-size",
      "prompt-tokens",
      "retrieved-tokens",
    ]);
    expect(sketch.assumptions.join("\n")).toMatch(/Assumed prompt-tokens: 1k tokens/);
    expect(Object.keys(sketchOf(answers).defaultsUsed)).toEqual([]);
  });
});

describe("break-even and volume", () => {
  it("finds the month where two cumulative lines cross, and none when they do not", () => {
    const a = { upfront: { low: 0, high: 0 }, monthly: { low: 100, high: 300 } };
    const b = { upfront: { low: 1000, high: 3000 }, monthly: { low: 50, high: 100 } };
    expect(crossingMonth(a, b, "low")).toBeCloseTo(20, 9);
    expect(crossingMonth(a, b, "high")).toBeCloseTo(15, 9);
    expect(crossingMonth(b, b, "low")).toBeNull();
    expect(crossingMonth({ upfront: { low: 0, high: 0 }, monthly: { low: 10, high: 10 } }, b, "low")).toBeNull();
  });

  it("reports when the runner-up overtakes the recommendation, and the volume where their monthly costs meet", () => {
    // Pre-training: 154,230 up front and one GPU at 1,460 a month (low prices); in-context learning: nothing up
    // front and 0.05472 a month for each request a day (low prices).
    const standing: Standing = {
      recommendation: { id: "pre-training", approaches: ["pre-training"], variant: null },
      ranking: [
        { id: "pre-training", excluded: false },
        { id: "in-context-learning", excluded: false },
      ],
    };
    const sketch = sketchOf({ ...answers, "queries-per-day": 100e3 }, standing);
    const upfront = ((6 * 8e9 * 2.288e12) / (989e12 * 0.4) / 3600) * 2;
    expect(sketch.runnerUp).toBe("in-context-learning");
    expect(sketch.breakEven!.months.low).toBeCloseTo(upfront / (5472 - 1460), 6);
    expect(sketch.breakEven!.months.high).toBeCloseTo((2 * upfront) / (10944 - 2920), 6);
    expect(sketch.breakEven!.summary).toBe(
      "In-Context Learning costs less than Pre-Training at first; Pre-Training becomes the cheaper after about 39 months.",
    );
    expect(sketch.volume!.queriesPerDay.low).toBeCloseTo(1460 / 0.05472, 3);
    expect(sketch.volume!.queriesPerDay.high).toBeCloseTo(2920 / 0.10944, 3);
    expect(sketch.volume!.summary).toBe(
      "Pre-Training costs less each month than In-Context Learning at 100k requests a day, In-Context Learning below about 27k requests a day.",
    );
  });

  it("says whether the recommendation's up-front cost fits the budget answered", () => {
    const standing = everyApproach("fine-tuning");
    const ft = (budget?: number) =>
      sketchOf(budget === undefined ? answers : { ...answers, "budget-usd": budget }, standing);
    const { low, high } = find(ft(), "fine-tuning").upfront;
    expect(ft().budget).toBeNull();
    expect(ft(low / 2).budget!.summary).toMatch(
      /^Fine-Tuning costs more up front than the .* budget even at the cheapest prices/,
    );
    expect(ft((low + high) / 2).budget!.summary).toMatch(/fits the .* budget only at the cheaper prices\.$/);
    expect(ft(high * 2).budget!.summary).toMatch(/fits the .* budget\.$/);
    expect(ft(high * 2).budget!.usd).toBe(high * 2);
  });

  it("says so when the two never cross", () => {
    const sketch = sketchOf(answers, everyApproach("rag"));
    expect(sketch.runnerUp).toBe("pre-training");
    const icl = sketchOf(answers, {
      recommendation: { id: "rag", approaches: ["rag"], variant: null },
      ranking: [
        { id: "rag", excluded: false },
        { id: "in-context-learning", excluded: false },
      ],
    });
    expect(icl.breakEven!.months).toEqual({ low: null, high: null });
    expect(icl.breakEven!.summary).toBe(
      "In-Context Learning stays cheaper than RAG; their cumulative costs do not cross.",
    );
    expect(icl.volume!.queriesPerDay).toEqual({ low: null, high: null });
  });
});

describe("stale prices", () => {
  it("flags a price checked more than six months before the run, judged at the date passed in", () => {
    expect(addMonths("2026-11-30", 6)).toBe("2027-05-30");
    expect(addMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(costSketch(rules, answers, everyApproach("rag"), "2027-05-30")!.stale).toEqual([]);
    const later = costSketch(rules, answers, everyApproach("rag"), "2027-06-01")!;
    expect(later.stale.map((p) => p.id)).toContain("model-input");
    expect(renderCostTable(later, style(100, true))).toMatch(
      /Possibly stale: "Model input tokens" was checked on 2026-11-30/,
    );
  });
});

describe("rounding", () => {
  it("rounds outwards to two significant figures, whole units below 100", () => {
    expect(roundRange({ low: 1234, high: 1234 })).toEqual({ low: 1200, high: 1300 });
    expect(roundRange({ low: 54.72, high: 109.44 })).toEqual({ low: 54, high: 110 });
    expect(roundRange({ low: 0.1, high: 0.2 })).toEqual({ low: 0, high: 1 });
    expect(roundRange({ low: 1200, high: 1200 })).toEqual({ low: 1200, high: 1200 });
    expect(formatMoney(35_000)).toBe("$35k");
    expect(formatMoney(1_200_000)).toBe("$1.2M");
    expect(formatRange({ low: 54.72, high: 109.44 }, "USD", "-")).toBe("$54-$110");
  });
});

const positive = (max: number) => fc.double({ min: 0, max, noNaN: true, noDefaultInfinity: true });
const profileArb = fc.record({
  "queries-per-day": positive(1e7),
  "prompt-tokens": positive(1e5),
  "tuned-prompt-tokens": positive(1e5),
  "answer-tokens": positive(1e4),
  "retrieved-tokens": positive(1e5),
  "corpus-tokens": positive(1e12),
  "labeled-examples": positive(1e6),
  "model-size": positive(1e12),
  deployment: fc.constantFrom("hosted-api", "hosted-api-no-fine-tuning", "self-hosted", "on-device", "air-gapped"),
});

describe("properties", () => {
  const real = defaultRules();
  const standing: Standing = {
    recommendation: { id: "rag+fine-tuning", approaches: ["rag", "fine-tuning"], variant: null },
    ranking: real.approaches.map((a) => ({ id: a.id, excluded: false })),
  };
  const ranges = (s: CostSketch) =>
    s.approaches.flatMap((a) => [
      a.upfront,
      a.monthly,
      a.total12,
      roundRange(a.upfront),
      roundRange(a.monthly),
      roundRange(a.total12),
    ]);

  it("keeps low ≤ high everywhere, before and after rounding", () => {
    fc.assert(
      fc.property(profileArb, (profile) => {
        for (const range of ranges(costSketch(real, profile, standing, NOW)!)) {
          expect(range.low).toBeGreaterThanOrEqual(0);
          expect(range.low).toBeLessThanOrEqual(range.high);
        }
      }),
      settings,
    );
  });

  it("never lowers a cost when volume or tokens per request rise", () => {
    const growing = fc.constantFrom(
      "queries-per-day",
      "prompt-tokens",
      "tuned-prompt-tokens",
      "answer-tokens",
      "retrieved-tokens",
      "corpus-tokens",
      "labeled-examples",
      "model-size",
    );
    fc.assert(
      fc.property(profileArb, growing, fc.double({ min: 1, max: 100, noNaN: true }), (profile, id, factor) => {
        const before = costSketch(real, profile, standing, NOW)!;
        const after = costSketch(real, { ...profile, [id]: (profile[id] as number) * factor + 1 }, standing, NOW)!;
        for (const a of before.approaches) {
          const b = after.approaches.find((x) => x.id === a.id && x.plan === a.plan);
          if (!b) continue;
          for (const part of ["upfront", "monthly", "total12"] as const) {
            expect(b[part].low).toBeGreaterThanOrEqual(a[part].low * (1 - 1e-12));
            expect(b[part].high).toBeGreaterThanOrEqual(a[part].high * (1 - 1e-12));
          }
        }
      }),
      settings,
    );
  });

  it("finds where the monthly costs meet: at that volume they are equal, and on either side they differ in sign", () => {
    const monthly = (profile: Profile, q: number, id: string, s: "low" | "high") =>
      costSketch(real, { ...profile, "queries-per-day": q }, standing, NOW)!.approaches.find((a) => a.id === id)!
        .monthly[s];
    let found = 0;
    fc.assert(
      fc.property(profileArb, (profile) => {
        const sketch = costSketch(real, profile, standing, NOW)!;
        if (!sketch.volume) return;
        const { recommendation, runnerUp } = sketch.volume;
        for (const s of ["low", "high"] as const) {
          const q = sketch.volume.queriesPerDay[s];
          if (q === null) continue;
          found++;
          const gap = (at: number) => monthly(profile, at, recommendation, s) - monthly(profile, at, runnerUp, s);
          const scale = Math.max(1, monthly(profile, q, recommendation, s));
          expect(Math.abs(gap(q)) / scale).toBeLessThan(1e-6);
          expect(Math.sign(gap(q / 1.5)) * Math.sign(gap(q * 1.5))).toBeLessThanOrEqual(0);
        }
      }),
      settings,
    );
    expect(found).toBeGreaterThan(10);
  });

  it("draws the table and chart within any width, in ASCII when asked", () => {
    fc.assert(
      fc.property(profileArb, fc.integer({ min: 30, max: 160 }), fc.boolean(), (profile, width, unicode) => {
        const sketch = costSketch(real, profile, standing, "2028-01-01")!;
        for (const text of [
          renderCostTable(sketch, style(width, unicode)),
          renderCostChart(sketch, style(width, unicode)),
        ]) {
          for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(width);
          if (!unicode) expect(text).toMatch(/^[\x20-\x7e\n]*$/);
        }
      }),
      { ...settings, numRuns: Math.min(settings.numRuns, 60) },
    );
  });
});

function style(width: number, unicode: boolean): Style {
  return { width, unicode, color: false, hints: false, links: false, paint: NO_PAINT };
}

describe("renderings", () => {
  const standing: Standing = {
    recommendation: { id: "in-context-learning", approaches: ["in-context-learning"], variant: null },
    ranking: ["in-context-learning", "pre-training", "fine-tuning", "rag"].map((id) => ({ id, excluded: false })),
  };
  const sketch = costSketch(rules, { ...answers, "queries-per-day": 100e3 }, standing, NOW)!;
  it.each([
    [60, true],
    [100, true],
    [60, false],
    [100, false],
  ])("table and chart at %i columns, unicode %s", async (width, unicode) => {
    const text = `${renderCostTable(sketch, style(width, unicode))}\n${renderCostChart(sketch, style(width, unicode))}`;
    for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(width);
    await expect(text).toMatchFileSnapshot(`../golden/cost-${width}${unicode ? "" : "-ascii"}.txt`);
  });

  it("as Markdown, with every price used and its sources", async () => {
    const markdown = renderCostMarkdown(sketch);
    expect(markdown).toMatch(/^## Cost sketch\n/);
    for (const price of sketch.prices) expect(markdown).toContain(`| ${price.label} |`);
    await expect(markdown).toMatchFileSnapshot("../golden/cost.md");
  });
});

describe("the rules' cost section", () => {
  it("cites known sources, prices and targets, and every source of a price has a url and the date it was checked", () => {
    const real = defaultRules();
    expect(costIssues(real)).toEqual([]);
    for (const price of real.cost!.prices) {
      for (const id of price.sources) {
        expect(real.sources[id]?.url).toMatch(/^https:\/\//);
        expect(real.sources[id]?.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    const broken = structuredClone(real);
    broken.cost!.plans[0]!.monthly[0]!.price = "nope";
    broken.cost!.prices[0]!.sources = ["C404"];
    broken.cost!.defaults["prompt-tokenz"] = 5;
    expect(costIssues(broken).map((i) => i.message)).toEqual([
      'unknown source "C404"; add it under sources',
      '"prompt-tokenz" is neither a question nor a cost question',
      'unknown price "nope"',
    ]);
  });

  it("lets a layer replace one price by id", () => {
    const layer = { cost: { prices: [{ id: "model-input", low: 0.5, checked: "2027-01-15" }] } };
    const layered = loadRules(JSON.stringify(mergeRules(parse(DEFAULT_RULES_TEXT), layer).value));
    const price = layered.cost!.prices.find((p) => p.id === "model-input")!;
    const before = defaultRules().cost!.prices.find((p) => p.id === "model-input")!;
    expect([price.low, price.high, price.checked]).toEqual([0.5, before.high, "2027-01-15"]);
    expect(layered.cost!.prices).toHaveLength(defaultRules().cost!.prices.length);
  });

  it("rejects a price whose low exceeds its high, saying where", () => {
    const { rules: parsed, problems } = checkRulesText(
      DEFAULT_RULES_TEXT.replace(/(id: model-input,[^}]*?low: )[\d.]+(, high: [\d.]+,)/, (_, a, b) => `${a}1e9${b}`),
      "ours.yaml",
    );
    expect(parsed).toBeUndefined();
    expect(problems[0]).toMatchObject({
      path: "cost.prices[0]",
      message: 'price "model-input": a price\'s low must not exceed its high',
    });
  });

  it("splits the cost questions' answers from the rest, parsed as numbers", () => {
    const { cost, rest, problems } = splitCostAnswers(defaultRules(), {
      "prompt-tokens": "2k",
      "model-size": "70b",
      need: "knowledge",
      "answer-tokens": "lots",
    });
    expect(cost).toEqual({ "prompt-tokens": 2000, "model-size": 70e9 });
    expect(rest).toEqual({ need: "knowledge" });
    expect(problems).toHaveLength(1);
  });
});

describe("the JSON shape", () => {
  const schema = JSON.parse(readFileSync(new URL("../../schema/result.schema.json", import.meta.url), "utf8"));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);

  it("validates under the result schema, as the cost property of a recommendation", () => {
    const real = defaultRules();
    for (const profile of [
      { need: "knowledge", "knowledge-freshness": "frequent", "corpus-tokens": 5e6 },
      { need: "task-skill", "labeled-examples": 8000, "queries-per-day": 200e3 },
      {},
    ] as Profile[]) {
      const result = evaluate(real, profile);
      const cost = costData(costSketch(real, profile, result, NOW)!);
      expect(Object.keys(cost)).toEqual(
        expect.arrayContaining(["currency", "asOf", "approaches", "breakEven", "assumptions"]),
      );
      const document = JSON.parse(JSON.stringify({ ...result, cost }));
      expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it("is rejected by the schema when a range is malformed", () => {
    const result = evaluate(defaultRules(), {});
    const cost = costData(costSketch(defaultRules(), {}, result, NOW)!);
    const broken = JSON.parse(
      JSON.stringify({ ...result, cost: { ...cost, approaches: [{ ...cost.approaches[0], monthly: { low: 1 } }] } }),
    );
    expect(validate(broken)).toBe(false);
  });
});
