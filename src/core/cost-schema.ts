import * as z from "../vendor/zod.js";
import { NUMBER_FORMS, parseNumber } from "./parse-number.js";
import { COST_BASES } from "./cost.js";

// Set before any schema is created here too, since this module is evaluated before the rules schema's.
z.config({ jitless: true });

// The optional `cost:` section of a rules file: unit prices with their sources and check dates, the constants the
// formulas need, the answers assumed when a profile lacks them, and for each approach (or variant, or combination)
// the items its cost is made of. Lists are keyed by `id`, so an organisation's layer replaces a price by naming it.

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9+:.-]*$/, "an id of letters, digits, '-', '+', ':' or '.'");
const Text = z.string().min(1);
/** A calendar date written YYYY-MM-DD. */
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date such as 2026-11-30")
  .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)), "not a calendar date");
const Amount = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const parsed = parseNumber(value);
  if (parsed === undefined || !Number.isFinite(parsed) || parsed < 0) {
    ctx.addIssue({ code: "custom", message: `expected ${NUMBER_FORMS} (not negative), got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return parsed;
});

export type CostBasis = (typeof COST_BASES)[number];

/** The per-query token counts an `input-tokens` item may add up. */
/** `tuned-prompt-tokens` is the prompt a fine-tuned model needs; the full prompt when not answered. */
export const CONTEXT_PARTS = ["prompt-tokens", "tuned-prompt-tokens", "retrieved-tokens", "corpus-tokens"] as const;
export type ContextPart = (typeof CONTEXT_PARTS)[number];

export const CostPriceSchema = z
  .strictObject({
    id: Id,
    label: Text,
    /** How the price is quoted, for people: "USD per 1M tokens". */
    unit: Text,
    /** The number of basis units the price is quoted for: 1m for a price per million tokens. */
    per: Amount.default(1),
    low: Amount,
    high: Amount,
    checked: Day,
    sources: z.array(Id).min(1),
  })
  .refine((price) => price.low <= price.high, { message: "a price's low must not exceed its high" })
  .refine((price) => price.per > 0, { message: "`per` must be more than 0" });

export const CostItemSchema = z.strictObject({
  id: Id,
  price: Id,
  basis: z.enum(COST_BASES),
  /**
   * For `input-tokens`, the token counts sent with each request; for `training-tokens`, those an example holds
   * besides its answer. Prompt tokens alone when empty.
   */
  context: z.array(z.enum(CONTEXT_PARTS)).default([]),
  /** How many times the basis is paid, such as training runs or epochs; 1 when absent. */
  times: Amount.default(1),
});

export const CostPlanSchema = z.strictObject({
  id: Id,
  /** The approach, variant or combination the plan prices; a variant's plan is preferred to its approach's. */
  for: Id,
  /** Only where the model runs as answered (the `deployment` question); any deployment when absent. */
  deployment: z.array(Id).min(1).optional(),
  upfront: z.array(CostItemSchema).default([]),
  monthly: z.array(CostItemSchema).default([]),
  note: Text.optional(),
});

const Positive = Amount.refine((n) => n > 0, "expected more than 0");

export const CostSchema = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/, "a currency code such as USD"),
  /** Prices checked longer ago than this, at the date of the run, are flagged as possibly stale. */
  staleAfterMonths: z.number().int().min(1).default(6),
  /** How far the cumulative chart and break-even look ahead. */
  horizonMonths: z.number().int().min(1).max(120).default(24),
  constants: z.strictObject({
    daysPerMonth: Positive,
    hoursPerMonth: Positive,
    /** Passes over the training data in a fine-tuning run. */
    epochs: Positive,
    /** Training FLOPs per parameter per token: the 6·N·D rule. */
    flopsPerParameterToken: Positive,
    /** Peak dense FLOP/s of the GPU the GPU-hour prices are for. */
    gpuPeakFlops: Positive,
    /** Share of the peak a training run achieves (model FLOPs utilization). */
    utilization: Positive.refine((n) => n <= 1, "a share, at most 1"),
    /** Bytes of GPU memory one parameter takes when serving, including cache and overhead. */
    servingBytesPerParameter: Positive,
    gpuMemoryBytes: Positive,
    /** Requests a day one serving GPU handles; more volume adds GPUs. */
    queriesPerGpuDay: Positive,
    /** Pre-training tokens per parameter when no corpus size is given (compute-optimal). */
    pretrainingTokensPerParameter: Positive,
    sources: z.array(Id).default([]),
  }),
  /**
   * Questions only the sketch reads (tokens per request, model size): numbers, answered like any number question,
   * kept out of `dimensions` so that they take no part in the recommendation or its confidence.
   */
  questions: z
    .array(
      z.strictObject({
        id: Id,
        question: Text,
        help: Text.optional(),
        unit: Text.optional(),
        sources: z.array(Id).default([]),
      }),
    )
    .default([]),
  /** Answers assumed when a profile lacks them; each one used is named in the sketch's assumptions. */
  defaults: z.record(Id, z.union([z.number(), z.string(), z.boolean()])).default({}),
  prices: z.array(CostPriceSchema).min(1),
  plans: z.array(CostPlanSchema).min(1),
});

export type CostRules = z.output<typeof CostSchema>;
export type CostPrice = z.output<typeof CostPriceSchema>;
export type CostItem = z.output<typeof CostItemSchema>;
export type CostPlan = z.output<typeof CostPlanSchema>;
export type CostQuestion = CostRules["questions"][number];
