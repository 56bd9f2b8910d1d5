import { test } from "./condition.js";
import { summarize } from "./evaluate.js";
import type { ContextPart, CostItem, CostPlan, CostPrice, CostQuestion, CostRules } from "./cost-schema.js";
import { parseNumber } from "./parse-number.js";
import { isLeftOpen, LEFT_OPEN, type Answer, type Profile } from "./parse-profile.js";
import { indexRules } from "./rules-index.js";
import type { Rules } from "./rules-schema.js";

/**
 * What a price is multiplied by; each basis is worked out from the answers below (docs/cost.md). Kept here rather
 * than beside the schema, so that working out a sketch does not load the schema library.
 */
export const COST_BASES = [
  "once",
  "examples",
  "training-tokens",
  "corpus-tokens",
  "pretraining-gpu-hours",
  "corpus-gpu-hours",
  "queries",
  "input-tokens",
  "output-tokens",
  "hosting-gpu-hours",
  "hours",
] as const;

/** A cost as a range: `low` with every price at the low end of its range, `high` at the high end. */
export interface Range {
  low: number;
  high: number;
}

export interface CostLine {
  /** The item's id in the plan. */
  id: string;
  price: string;
  label: string;
  basis: CostItem["basis"];
  /** How many basis units the item is paid for (a month's worth for running items). */
  quantity: number;
  cost: Range;
}

export interface ApproachCost {
  /** The approach or combination id. */
  id: string;
  name: string;
  /** The variant whose plan priced it, when one did. */
  variant: string | null;
  /** The cost plan used. */
  plan: string;
  upfront: Range;
  monthly: Range;
  total12: Range;
  lines: { upfront: CostLine[]; monthly: CostLine[] };
  note: string | null;
}

export interface BreakEven {
  recommendation: string;
  runnerUp: string;
  /** Months after which the cumulative costs cross, with low and with high prices; null where they do not. */
  months: { low: number | null; high: number | null };
  /** Which of the two is cheaper in the first month, and after the crossing. */
  cheaperFirst: { low: string | null; high: string | null };
  summary: string;
}

export interface VolumeCrossing {
  recommendation: string;
  runnerUp: string;
  /** Requests a day at which their monthly costs are equal, with low and with high prices; null where none. */
  queriesPerDay: { low: number | null; high: number | null };
  current: number;
  summary: string;
}

export interface StalePrice {
  id: string;
  label: string;
  checked: string;
}

export interface CostSketch {
  currency: string;
  /** The oldest check date of the prices used. */
  asOf: string;
  /** The date of the run, against which staleness is judged. */
  now: string;
  horizonMonths: number;
  recommendation: string;
  runnerUp: string | null;
  approaches: ApproachCost[];
  breakEven: BreakEven | null;
  volume: VolumeCrossing | null;
  stale: StalePrice[];
  /** The up-front budget answered, against the recommendation's up-front range; null without one. */
  budget: { usd: number; upfront: Range; summary: string } | null;
  /** Each answer the sketch assumed because the profile lacked it. */
  defaultsUsed: Record<string, Answer>;
  assumptions: string[];
  /** The prices used, with their sources, for tracing a figure to its page. */
  prices: { id: string; label: string; unit: string; low: number; high: number; checked: string; sources: string[] }[];
}

/** What the sketch needs of an evaluation: `evaluate`'s result and `summarize`'s summary both fit. */
export interface Standing {
  recommendation: { id: string; approaches: string[]; variant: string | null };
  ranking: { id: string; excluded: boolean }[];
}

const SCENARIOS = ["low", "high"] as const;
type Scenario = (typeof SCENARIOS)[number];

/** Reads an answer, from the profile or else the rules' defaults, and records each default used. */
class Answers {
  readonly used: Record<string, Answer> = {};
  private readonly numbers = new Map<string, number>();
  constructor(
    private readonly profile: Profile,
    private readonly defaults: Record<string, Answer>,
  ) {}
  with(id: string, value: Answer): Answers {
    const next = new Answers({ ...this.profile, [id]: value }, this.defaults);
    return next;
  }
  value(id: string): Answer | undefined {
    // A question left open ("not-sure") takes the default, as an unanswered one does.
    if (this.profile[id] !== undefined && this.profile[id] !== LEFT_OPEN) return this.profile[id];
    if (this.defaults[id] !== undefined) {
      this.used[id] = this.defaults[id];
      return this.defaults[id];
    }
    return undefined;
  }
  number(id: string): number {
    const known = this.numbers.get(id);
    if (known !== undefined) return known;
    const raw = this.value(id);
    const value = typeof raw === "boolean" ? undefined : parseNumber(raw);
    if (value === undefined || !Number.isFinite(value) || value < 0)
      throw new Error(`the cost sketch needs a number for "${id}"; add it to cost.defaults`);
    this.numbers.set(id, value);
    return value;
  }
}

/** The number of basis units of one item: the formulas of docs/cost.md. */
function quantityOf(item: CostItem, cost: CostRules, answers: Answers): number {
  const k = cost.constants;
  const tokens = (part: ContextPart) =>
    part === "tuned-prompt-tokens" && answers.value(part) === undefined
      ? answers.number("prompt-tokens")
      : answers.number(part);
  const perQuery = (parts: readonly ContextPart[]) =>
    (parts.length === 0 ? ["prompt-tokens" as const] : parts).reduce((sum, part) => sum + tokens(part), 0);
  const queriesPerMonth = () => answers.number("queries-per-day") * k.daysPerMonth;
  let base: number;
  switch (item.basis) {
    case "once":
      base = 1;
      break;
    case "examples":
      base = answers.number("labeled-examples");
      break;
    case "training-tokens":
      base = answers.number("labeled-examples") * (perQuery(item.context) + answers.number("answer-tokens")) * k.epochs;
      break;
    case "corpus-tokens":
      base = answers.number("corpus-tokens");
      break;
    case "pretraining-gpu-hours":
    case "corpus-gpu-hours": {
      const parameters = answers.number("model-size");
      // From scratch: at least the tokens a parameter competitive models were trained on; continued: one pass.
      const tokens =
        item.basis === "pretraining-gpu-hours"
          ? Math.max(answers.number("corpus-tokens"), k.pretrainingTokensPerParameter * parameters)
          : answers.number("corpus-tokens");
      base = (k.flopsPerParameterToken * parameters * tokens) / (k.gpuPeakFlops * k.utilization) / 3600;
      break;
    }
    case "queries":
      base = queriesPerMonth();
      break;
    case "input-tokens":
      base = queriesPerMonth() * perQuery(item.context);
      break;
    case "output-tokens":
      base = queriesPerMonth() * answers.number("answer-tokens");
      break;
    case "hosting-gpu-hours": {
      const gpusPerReplica = Math.ceil((answers.number("model-size") * k.servingBytesPerParameter) / k.gpuMemoryBytes);
      const replicas = Math.max(1, answers.number("queries-per-day") / k.queriesPerGpuDay);
      base = k.hoursPerMonth * Math.max(1, gpusPerReplica) * replicas;
      break;
    }
    case "hours":
      base = k.hoursPerMonth;
      break;
  }
  return base * item.times;
}

/** The plan that prices `id` (with `variant`, when it has its own) for the answered deployment. */
function planFor(cost: CostRules, ids: (string | null)[], answers: Answers): CostPlan | undefined {
  const deployment = () => answers.value("deployment");
  for (const id of ids) {
    if (id === null) continue;
    const plans = cost.plans.filter((p) => p.for === id);
    // A plan for the answered deployment wins over one for any deployment.
    const plan =
      plans.find((p) => p.deployment?.includes(String(deployment()))) ?? plans.find((p) => p.deployment === undefined);
    if (plan) return plan;
  }
  return undefined;
}

function linesOf(items: CostItem[], cost: CostRules, prices: Map<string, CostPrice>, answers: Answers): CostLine[] {
  return items.map((item) => {
    const price = prices.get(item.price);
    if (!price) throw new Error(`cost item "${item.id}" names unknown price "${item.price}"`);
    const quantity = quantityOf(item, cost, answers);
    return {
      id: item.id,
      price: price.id,
      label: price.label,
      basis: item.basis,
      quantity,
      cost: { low: (quantity * price.low) / price.per, high: (quantity * price.high) / price.per },
    };
  });
}

const sum = (lines: CostLine[]): Range => ({
  low: lines.reduce((s, l) => s + l.cost.low, 0),
  high: lines.reduce((s, l) => s + l.cost.high, 0),
});

/** The variant `evaluate` would pick for `id`: the first of its variants whose condition holds. */
function variantOf(rules: Rules, id: string, profile: Profile): string | null {
  return (
    rules.variants.find((v) => v.approach === id && (v.when === undefined || test(v.when, profile) === true))?.id ??
    null
  );
}

function costOf(
  rules: Rules,
  cost: CostRules,
  prices: Map<string, CostPrice>,
  id: string,
  variant: string | null,
  answers: Answers,
): ApproachCost | undefined {
  const plan = planFor(cost, [variant, id], answers);
  if (!plan) return undefined;
  const upfront = linesOf(plan.upfront, cost, prices, answers);
  const monthly = linesOf(plan.monthly, cost, prices, answers);
  const up = sum(upfront);
  const mo = sum(monthly);
  const name =
    rules.approaches.find((a) => a.id === id)?.shortName ??
    rules.approaches.find((a) => a.id === id)?.name ??
    rules.combinations.find((c) => c.id === id)?.name ??
    id;
  return {
    id,
    name,
    variant: plan.for === variant ? variant : null,
    plan: plan.id,
    upfront: up,
    monthly: mo,
    total12: { low: up.low + 12 * mo.low, high: up.high + 12 * mo.high },
    lines: { upfront, monthly },
    note: plan.note ?? null,
  };
}

/** Cumulative cost after `months` months. */
export function cumulative(
  approach: Pick<ApproachCost, "upfront" | "monthly">,
  months: number,
  scenario: Scenario,
): number {
  return approach.upfront[scenario] + months * approach.monthly[scenario];
}

/** The month at which two straight cumulative-cost lines cross, when they cross after month 0. */
export function crossingMonth(
  a: Pick<ApproachCost, "upfront" | "monthly">,
  b: Pick<ApproachCost, "upfront" | "monthly">,
  scenario: Scenario,
): number | null {
  const slope = a.monthly[scenario] - b.monthly[scenario];
  const gap = a.upfront[scenario] - b.upfront[scenario];
  if (slope === 0) return null;
  const month = -gap / slope;
  return month > 0 ? month : null;
}

/** The date `months` calendar months after `day` (YYYY-MM-DD), clamped to the month's last day. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

const staleDates = new WeakMap<CostPrice, string>();

/** The day from which a price counts as stale; worked out once per price, as a batch asks for every record. */
function staleFrom(price: CostPrice, months: number): string {
  let day = staleDates.get(price);
  if (day === undefined) staleDates.set(price, (day = addMonths(price.checked, months)));
  return day;
}

/** Rounds down (low) and up (high) to two significant figures, whole currency units below 100, so a range never claims more precision than it has and still holds the exact figures. */
export function roundRange(range: Range): Range {
  return { low: roundTo(range.low, Math.floor), high: roundTo(range.high, Math.ceil) };
}

function roundTo(value: number, direction: (x: number) => number): number {
  if (value <= 0) return 0;
  const step = value < 100 ? 1 : 10 ** (Math.floor(Math.log10(value)) - 1);
  // A relative nudge keeps 1200.0000001 from rounding up to 1300.
  const scaled = value / step;
  const nearest = Math.round(scaled);
  const units = Math.abs(scaled - nearest) < 1e-9 * Math.max(1, scaled) ? nearest : direction(scaled);
  return units * step;
}

/** Money as people read it: $0, $45, $1.2k, $35k, $1.2M. */
export function formatMoney(value: number, currency = "USD"): string {
  const symbol = currency === "USD" ? "$" : `${currency} `;
  const trim = (n: number) => String(Number(n.toPrecision(2)));
  if (value < 1000) return `${symbol}${Math.round(value)}`;
  if (value < 1e6) return `${symbol}${trim(value / 1e3)}k`;
  if (value < 1e9) return `${symbol}${trim(value / 1e6)}M`;
  return `${symbol}${trim(value / 1e9)}B`;
}

export function formatRange(range: Range, currency = "USD", dash = "–"): string {
  const r = roundRange(range);
  return r.low === r.high
    ? formatMoney(r.low, currency)
    : `${formatMoney(r.low, currency)}${dash}${formatMoney(r.high, currency)}`;
}

const formatCount = (n: number) =>
  n >= 1e6
    ? `${Number((n / 1e6).toPrecision(2))}m`
    : n >= 1e3
      ? `${Number((n / 1e3).toPrecision(2))}k`
      : String(Number(n.toPrecision(2)));

/**
 * Requests a day where the two monthly costs meet, low and high: the crossing nearest today's volume, null when
 * none in 1 to 1e9. Every monthly item is linear in requests a day except hosting, which adds replicas above one
 * GPU's daily load (docs/cost.md): between 1, that load and 1e9 the difference of the two costs is a straight line,
 * so each crossing is found exactly from the costs at those volumes.
 */
function volumeCrossings(
  cost: CostRules,
  prices: Map<string, CostPrice>,
  a: ApproachCost,
  b: ApproachCost,
  answers: Answers,
  current: number,
): Record<Scenario, number | null> {
  const volumes = [...new Set([1, Math.min(Math.max(1, cost.constants.queriesPerGpuDay), 1e9), 1e9])];
  const monthly = (target: ApproachCost, q: number) => {
    const at = answers.with("queries-per-day", q);
    return sum(linesOf(planFor(cost, [target.variant, target.id], at)!.monthly, cost, prices, at));
  };
  const gaps = volumes.map((q) => {
    const [ma, mb] = [monthly(a, q), monthly(b, q)];
    return { q, low: ma.low - mb.low, high: ma.high - mb.high };
  });
  const nearest = (scenario: Scenario): number | null => {
    const roots: number[] = [];
    let last: { q: number; d: number } | undefined;
    let firstZero: number | undefined;
    for (const { q, [scenario]: d } of gaps) {
      // Only a change of sign is a crossing; a stretch of equal costs is not.
      if (d === 0) {
        firstZero ??= q;
        continue;
      }
      if (last && Math.sign(last.d) !== Math.sign(d))
        roots.push(firstZero ?? last.q + ((q - last.q) * last.d) / (last.d - d));
      last = { q, d };
      firstZero = undefined;
    }
    if (roots.length === 0) return null;
    const target = Math.log10(Math.max(1, current));
    return roots.reduce((best, q) =>
      Math.abs(Math.log10(q) - target) < Math.abs(Math.log10(best) - target) ? q : best,
    );
  };
  return { low: nearest("low"), high: nearest("high") };
}

function describeBreakEven(r: ApproachCost, o: ApproachCost, months: BreakEven["months"], horizon: number): string {
  const lowFirst = cumulative(r, 0, "low") <= cumulative(o, 0, "low") ? r : o;
  const show = (m: number) => `${Math.ceil(m)} month${Math.ceil(m) === 1 ? "" : "s"}`;
  const known = [months.low, months.high].filter((m): m is number => m !== null);
  if (known.length === 0) {
    const cheaper = cumulative(r, horizon, "low") <= cumulative(o, horizon, "low") ? r : o;
    return `${cheaper.name} stays cheaper than ${(cheaper === r ? o : r).name}; their cumulative costs do not cross.`;
  }
  const other = lowFirst === r ? o : r;
  const when =
    known.length === 2
      ? Math.ceil(known[0]!) === Math.ceil(known[1]!)
        ? `after about ${show(known[0]!)}`
        : `after ${Math.ceil(Math.min(...known))} to ${show(Math.max(...known))}`
      : `after about ${show(known[0]!)} (at the ${months.low !== null ? "low" : "high"} end of prices only)`;
  return `${lowFirst.name} costs less than ${other.name} at first; ${other.name} becomes the cheaper ${when}.`;
}

/** The volume finding in words, one clause for low and one for high prices unless they say the same. */
function describeVolume(r: ApproachCost, o: ApproachCost, q: VolumeCrossing["queriesPerDay"], current: number): string {
  const cheaperAt = (s: Scenario) => (r.monthly[s] === o.monthly[s] ? null : r.monthly[s] < o.monthly[s] ? r : o);
  const parts = SCENARIOS.map((s) => {
    const cheaper = cheaperAt(s);
    const crossing = q[s];
    if (cheaper === null)
      return {
        key: "same",
        text: `${r.name} and ${o.name} cost the same each month at ${formatCount(current)} requests a day`,
      };
    const other = cheaper === r ? o : r;
    if (crossing === null)
      return {
        key: `${cheaper.id} always`,
        text: `${cheaper.name} costs less each month than ${other.name} at any volume`,
      };
    const side = crossing > current ? "above" : "below";
    const text = (at: string) =>
      `${cheaper.name} costs less each month than ${other.name} at ${formatCount(current)} requests a day, ${other.name} ${side} about ${at} requests a day`;
    return { key: `${cheaper.id} ${side}`, crossing, text: text(formatCount(crossing)), with: text };
  });
  const [low, high] = parts as [(typeof parts)[number], (typeof parts)[number]];
  const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  if (low.key !== high.key) return `With low prices, ${low.text}; with high prices, ${high.text}.`;
  if (
    low.crossing === undefined ||
    high.crossing === undefined ||
    formatCount(low.crossing) === formatCount(high.crossing)
  )
    return `${capital(low.text)}.`;
  const [a, b] = [low.crossing, high.crossing].sort((x, y) => x - y) as [number, number];
  return `${capital(low.with!(`${formatCount(a)} to ${formatCount(b)}`))}.`;
}

/**
 * The cost sketch for a profile: per approach (as the recommendation's variant, where the rules price it) the
 * up-front, monthly and 12-month cost as low–high ranges, when the runner-up's cumulative cost crosses the
 * recommendation's, at what volume their monthly costs meet, and every assumption made. `now` (YYYY-MM-DD) is
 * the date of the run, against which prices are judged stale. `result` is what `evaluate` (or `summarize`) gave
 * for the same profile; without it the recommendation is worked out here. `profile` may also hold the answers to
 * the cost questions (see `splitCostAnswers`). Undefined when the rules have no `cost` section.
 */
export function costSketch(
  rules: Rules,
  profile: Profile,
  result: Standing | undefined,
  now: string,
): CostSketch | undefined {
  const cost = rules.cost;
  if (!cost) return undefined;
  const standing = result ?? summarize(rules, profile);
  const { prices, dimensions } = indexRules(rules);
  const answers = new Answers(profile, cost.defaults);
  const rec = standing.recommendation;
  const runnerUpId = standing.ranking.find((a) => !rec.approaches.includes(a.id) && !a.excluded)?.id ?? null;

  const ids = [rec.id, ...standing.ranking.filter((a) => !a.excluded || a.id === rec.id).map((a) => a.id)];
  const approaches: ApproachCost[] = [];
  for (const id of [...new Set(ids)]) {
    const variant = id === rec.id ? rec.variant : variantOf(rules, id, profile);
    const priced = costOf(rules, cost, prices, id, variant, answers);
    if (priced) approaches.push(priced);
  }
  const recCost = approaches.find((a) => a.id === rec.id);
  const runnerCost = approaches.find((a) => a.id === runnerUpId);

  let breakEven: BreakEven | null = null;
  let volume: VolumeCrossing | null = null;
  if (recCost && runnerCost) {
    const months = { low: crossingMonth(recCost, runnerCost, "low"), high: crossingMonth(recCost, runnerCost, "high") };
    const cheaperFirst = (s: Scenario) => {
      const a = cumulative(recCost, 0, s);
      const b = cumulative(runnerCost, 0, s);
      return a === b ? null : a < b ? recCost.id : runnerCost.id;
    };
    breakEven = {
      recommendation: recCost.id,
      runnerUp: runnerCost.id,
      months,
      cheaperFirst: { low: cheaperFirst("low"), high: cheaperFirst("high") },
      summary: describeBreakEven(recCost, runnerCost, months, cost.horizonMonths),
    };
    const current = answers.number("queries-per-day");
    const q = volumeCrossings(cost, prices, recCost, runnerCost, answers, current);
    volume = {
      recommendation: recCost.id,
      runnerUp: runnerCost.id,
      queriesPerDay: q,
      current,
      summary: describeVolume(recCost, runnerCost, q, current),
    };
  }

  // The budget question is about up-front cost: said plainly when the recommendation's may not fit in it.
  const budgetUsd = typeof profile["budget-usd"] === "number" ? profile["budget-usd"] : undefined;
  let budget: CostSketch["budget"] = null;
  if (budgetUsd !== undefined && recCost) {
    const { low, high } = recCost.upfront;
    const range = formatRange(roundRange(recCost.upfront), cost.currency);
    const summary =
      low > budgetUsd
        ? `${recCost.name} costs more up front than the ${formatMoney(budgetUsd, cost.currency)} budget even at the cheapest prices (${range}).`
        : high > budgetUsd
          ? `${recCost.name}'s up-front cost (${range}) fits the ${formatMoney(budgetUsd, cost.currency)} budget only at the cheaper prices.`
          : `${recCost.name}'s up-front cost (${range}) fits the ${formatMoney(budgetUsd, cost.currency)} budget.`;
    budget = { usd: budgetUsd, upfront: recCost.upfront, summary };
  }

  const usedPrices = [
    ...new Set(approaches.flatMap((a) => [...a.lines.upfront, ...a.lines.monthly].map((l) => l.price))),
  ].map((id) => prices.get(id)!);
  const asOf = usedPrices.map((p) => p.checked).sort()[0] ?? now;
  const stale = usedPrices
    .filter((p) => staleFrom(p, cost.staleAfterMonths) < now)
    .map((p) => ({ id: p.id, label: p.label, checked: p.checked }));
  const k = cost.constants;
  const assumptions = [
    ...Object.entries(answers.used).map(([id, value]) => {
      const dimension = dimensions.get(id);
      const question = cost.questions.find((q) => q.id === id);
      const unit =
        dimension?.type === "number" && dimension.unit
          ? ` ${dimension.unit}`
          : question?.unit
            ? ` ${question.unit}`
            : "";
      return `Assumed ${id}: ${typeof value === "number" ? formatCount(value) : String(value)}${unit} (not answered).`;
    }),
    `Low uses every price at the low end of its range (a small model, the cheapest offer); high every price at the high end (a large model, the dearest offer).`,
    `A month is ${k.daysPerMonth} days and ${k.hoursPerMonth} hours; fine-tuning makes ${k.epochs} passes over the examples.`,
    ...(answers.value("tuned-prompt-tokens") === undefined
      ? [
          "A fine-tuned model is sent the same prompt as the base model; answer tuned-prompt-tokens if tuning would shorten it.",
        ]
      : []),
    `Self-hosted models are served from ${formatCount(k.gpuMemoryBytes / 1e9)} GB GPUs at ${k.servingBytesPerParameter} bytes a parameter, one replica per ${formatCount(k.queriesPerGpuDay)} requests a day.`,
    `Pre-training compute is ${k.flopsPerParameterToken} FLOPs per parameter per training token, at ${Math.round(k.utilization * 100)}% of a ${k.gpuPeakFlops / 1e12} TFLOP/s GPU, on at least ${k.pretrainingTokensPerParameter} tokens a parameter.`,
    `Staff time, evaluation, storage, taxes and discounts (batch, caching beyond the variant that uses it, commitments) are not included.`,
  ];
  return {
    currency: cost.currency,
    asOf,
    now,
    horizonMonths: cost.horizonMonths,
    recommendation: rec.id,
    runnerUp: runnerUpId,
    approaches,
    breakEven,
    volume,
    stale,
    budget,
    defaultsUsed: { ...answers.used },
    assumptions,
    prices: usedPrices.map((p) => ({
      id: p.id,
      label: p.label,
      unit: p.unit,
      low: p.low,
      high: p.high,
      checked: p.checked,
      sources: p.sources,
    })),
  };
}

/** The sketch as data for --format json and yaml (the `cost` property of schema/result.schema.json), ranges rounded. */
export function costData(sketch: CostSketch) {
  const round = (m: number | null) => (m === null ? null : Math.ceil(m));
  const sig = (q: number | null) => (q === null ? null : Number(q.toPrecision(2)));
  return {
    currency: sketch.currency,
    asOf: sketch.asOf,
    horizonMonths: sketch.horizonMonths,
    approaches: sketch.approaches.map((a) => ({
      id: a.id,
      variant: a.variant,
      upfront: roundRange(a.upfront),
      monthly: roundRange(a.monthly),
      total12: roundRange(a.total12),
    })),
    breakEven: sketch.breakEven && {
      recommendation: sketch.breakEven.recommendation,
      runnerUp: sketch.breakEven.runnerUp,
      months: { low: round(sketch.breakEven.months.low), high: round(sketch.breakEven.months.high) },
      summary: sketch.breakEven.summary,
    },
    volume: sketch.volume && {
      queriesPerDay: { low: sig(sketch.volume.queriesPerDay.low), high: sig(sketch.volume.queriesPerDay.high) },
      current: sketch.volume.current,
      summary: sketch.volume.summary,
    },
    stale: sketch.stale,
    budget: sketch.budget && {
      usd: sketch.budget.usd,
      upfront: roundRange(sketch.budget.upfront),
      summary: sketch.budget.summary,
    },
    assumptions: sketch.assumptions,
  };
}

/** The questions only the cost sketch reads; none when the rules have no `cost` section. */
export function costQuestions(rules: Rules): CostQuestion[] {
  return rules.cost?.questions ?? [];
}

/**
 * Splits raw answers (flags or a profile's keys) into the cost questions' answers, parsed as numbers like any
 * number answer (2k, 8b), or not-sure (kept as such: the sketch assumes its default, a session does not ask it),
 * and the rest, which go to the recommendation as before. `problems` names each answer
 * that is not a number.
 */
export function splitCostAnswers(
  rules: Rules,
  raw: Record<string, unknown>,
): { cost: Profile; rest: Record<string, unknown>; problems: string[] } {
  const ids = new Set(costQuestions(rules).map((q) => q.id));
  const cost: Profile = {};
  const rest: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!ids.has(key)) {
      // Defined, not assigned: a key named __proto__ stays an ordinary (unknown) key.
      Object.defineProperty(rest, key, { value, enumerable: true, writable: true, configurable: true });
      continue;
    }
    if (isLeftOpen(value)) {
      cost[key] = LEFT_OPEN;
      continue;
    }
    const parsed = parseNumber(value);
    if (parsed === undefined || parsed < 0)
      problems.push(`"${key}" must be a number such as 2k or 8b, got ${JSON.stringify(value)}`);
    else cost[key] = parsed;
  }
  return { cost, rest, problems };
}

/** Problems in the `cost` section that its schema cannot see: unknown ids of prices, sources and plans' targets. */
export function costIssues(rules: Rules): { path: (string | number)[]; message: string }[] {
  const cost = rules.cost;
  if (!cost) return [];
  const issues: { path: (string | number)[]; message: string }[] = [];
  const sources = new Set(Object.keys(rules.sources));
  const priceIds = new Set(cost.prices.map((p) => p.id));
  const targets = new Set([
    ...rules.approaches.map((a) => a.id),
    ...rules.combinations.map((c) => c.id),
    ...rules.variants.map((v) => v.id),
  ]);
  const deployments = rules.dimensions.find((d) => d.id === "deployment");
  const deploymentValues = deployments?.type === "enum" ? new Set(deployments.values.map((v) => v.id)) : undefined;
  const unique = (section: string, ids: string[]) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id))
        issues.push({ path: ["cost", section, i, "id"], message: `duplicate id "${id}" in cost.${section}` });
      seen.add(id);
    });
  };
  unique(
    "prices",
    cost.prices.map((p) => p.id),
  );
  unique(
    "plans",
    cost.plans.map((p) => p.id),
  );
  unique(
    "questions",
    cost.questions.map((q) => q.id),
  );
  const cite = (path: (string | number)[], ids: string[]) =>
    ids.forEach((id, i) => {
      if (!sources.has(id))
        issues.push({ path: [...path, i], message: `unknown source "${id}"; add it under sources` });
    });
  cost.prices.forEach((p, i) => cite(["cost", "prices", i, "sources"], p.sources));
  cost.questions.forEach((q, i) => {
    cite(["cost", "questions", i, "sources"], q.sources);
    if (rules.dimensions.some((d) => d.id === q.id))
      issues.push({ path: ["cost", "questions", i, "id"], message: `"${q.id}" is already a question in dimensions` });
  });
  cite(["cost", "constants", "sources"], cost.constants.sources);
  const answerable = new Set([...rules.dimensions.map((d) => d.id), ...cost.questions.map((q) => q.id)]);
  for (const id of Object.keys(cost.defaults)) {
    if (!answerable.has(id))
      issues.push({ path: ["cost", "defaults", id], message: `"${id}" is neither a question nor a cost question` });
  }
  cost.plans.forEach((plan, i) => {
    if (!targets.has(plan.for))
      issues.push({
        path: ["cost", "plans", i, "for"],
        message: `unknown approach, combination or variant "${plan.for}"`,
      });
    plan.deployment?.forEach((value, j) => {
      if (deploymentValues && !deploymentValues.has(value))
        issues.push({
          path: ["cost", "plans", i, "deployment", j],
          message: `"${value}" is not a value of "deployment"`,
        });
    });
    (["upfront", "monthly"] as const).forEach((part) =>
      plan[part].forEach((item, j) => {
        if (!priceIds.has(item.price))
          issues.push({ path: ["cost", "plans", i, part, j, "price"], message: `unknown price "${item.price}"` });
        if (!COST_BASES.includes(item.basis))
          issues.push({ path: ["cost", "plans", i, part, j, "basis"], message: `unknown basis "${item.basis}"` });
      }),
    );
  });
  return issues;
}
