import * as z from "../vendor/zod.js";
import { CostSchema, Day } from "./cost-schema.js";
import { MAX_ID_LENGTH, MAX_TEXT_LENGTH } from "./limits.js";
import { NUMBER_FORMS, parseNumber } from "./parse-number.js";

// A rules file is checked once per run: zod's compiled fast path (code generated with new Function on the first
// parse of each object schema) costs more than it saves there. Read when a schema is created, so set first.
z.config({ jitless: true });

const ID_FORM = "letters, digits, '-', '+', ':' or '.', starting with a letter or digit";
const Id = z
  .string()
  .max(MAX_ID_LENGTH, `an id of at most ${MAX_ID_LENGTH} characters`)
  .regex(/^[A-Za-z0-9][A-Za-z0-9+:.-]*$/, `an id of ${ID_FORM}`);

/**
 * C0 controls but line feed and tab, DEL and C1 controls: text from a rules file reaches terminals and
 * documents, where these would act (move the cursor, retitle the window, set the clipboard) instead of showing.
 */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const controlFree = (text: string) => !CONTROL_CHARACTER.test(text);
const NO_CONTROL = `text without control characters (line breaks and tabs are fine; escape sequences and other control characters are not)`;
const Text = z
  .string()
  .min(1)
  .max(MAX_TEXT_LENGTH, `at most ${MAX_TEXT_LENGTH} characters`)
  .refine(controlFree, NO_CONTROL);
const SourceIds = z.array(Id).default([]);
/**
 * What a shown item (a warning, a plan step, a rule's reason) fits: `fits` lists the recommendation, approach or
 * variant ids it may be shown with (any of them; all when absent), `notWith` those it contradicts. The evaluator
 * never shows an item with a recommendation, approach or variant it is declared incompatible with.
 */
const Fit = { fits: z.array(Id).optional(), notWith: z.array(Id).default([]) };
/** Layering: `disabled: true` removes the item; `before: <id>` puts it before another item of its list. */
const layering = { disabled: z.boolean().optional(), before: Id.optional() };

/** A number in a rules file may be written like an answer: 200k, 1b. */
const Amount = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const parsed = parseNumber(value);
  if (parsed === undefined) {
    ctx.addIssue({ code: "custom", message: `expected ${NUMBER_FORMS}, got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return parsed;
});
const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export interface Condition {
  dim?: string;
  is?: string | number | boolean;
  in?: (string | number | boolean)[];
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
  recommended?: string[];
}

export const COMPARISONS = ["is", "in", "gt", "gte", "lt", "lte"] as const;
const LOGIC = ["all", "any", "not", "recommended"] as const;

const LOWER = ["gt", "gte"] as const;
const UPPER = ["lt", "lte"] as const;

/**
 * One shape for every condition node, so a misspelled key is reported as such: a leaf names `dim` and one
 * comparison, or a range (one of gt/gte with one of lt/lte); a branch is exactly one of `all`, `any`, `not`;
 * `recommended` tests the recommendation (warnings only). A range is read as `all` of its two bounds, so the
 * evaluator sees one comparison per leaf.
 */
const ConditionSchema: z.ZodType<Condition, unknown> = z.lazy(() =>
  z
    .strictObject({
      dim: Id.optional(),
      is: Scalar.optional(),
      in: z.array(Scalar).min(1).optional(),
      gt: Amount.optional(),
      gte: Amount.optional(),
      lt: Amount.optional(),
      lte: Amount.optional(),
      all: z.array(ConditionSchema).min(1).optional(),
      any: z.array(ConditionSchema).min(1).optional(),
      not: ConditionSchema.optional(),
      recommended: z.array(Id).min(1).optional(),
    })
    .superRefine((node, ctx) => {
      const comparisons = COMPARISONS.filter((key) => node[key] !== undefined);
      const logic = LOGIC.filter((key) => node[key] !== undefined);
      if (node.dim !== undefined) {
        if (logic.length > 0) {
          ctx.addIssue({
            code: "custom",
            message: `a condition on "${node.dim}" cannot also hold ${logic.join(", ")}; put both in all: [...]`,
          });
        } else if (comparisons.length === 0) {
          ctx.addIssue({
            code: "custom",
            message: `a condition on "${node.dim}" needs one of ${COMPARISONS.join(", ")}`,
          });
        } else if (comparisons.length > 1 && !isRange(node)) {
          ctx.addIssue({
            code: "custom",
            message: `a condition on "${node.dim}" has ${comparisons.join(" and ")}; it takes one comparison, or a range of one of gt/gte with one of lt/lte`,
          });
        }
      } else if (comparisons.length > 0) {
        ctx.addIssue({ code: "custom", message: `${comparisons.join(", ")} needs dim: the question it compares` });
      } else if (logic.length !== 1) {
        ctx.addIssue({
          code: "custom",
          message:
            logic.length === 0
              ? `an empty condition; write { dim, ${COMPARISONS.join("|")} } or one of ${LOGIC.join(", ")}`
              : `a condition holds one of ${LOGIC.join(", ")}, not ${logic.join(" and ")}; nest them`,
        });
      }
    })
    .transform((node): Condition => {
      if (!isRange(node)) return node;
      const lower = LOWER.find((key) => node[key] !== undefined)!;
      const upper = UPPER.find((key) => node[key] !== undefined)!;
      return {
        all: [
          { dim: node.dim, [lower]: node[lower] },
          { dim: node.dim, [upper]: node[upper] },
        ],
      };
    }),
);

function isRange(node: Condition): boolean {
  const present = (keys: readonly (keyof Condition)[]) => keys.filter((key) => node[key] !== undefined).length;
  return (
    node.dim !== undefined &&
    present(LOWER) === 1 &&
    present(UPPER) === 1 &&
    node.is === undefined &&
    node.in === undefined
  );
}

const Effects = z.record(Id, z.number().finite());

export const ApproachSchema = z.strictObject({
  id: Id,
  name: Text,
  /** A name short enough for a table cell; the full name when absent. */
  shortName: Text.optional(),
  aliases: z.array(Id).default([]),
  resourceDemand: Text,
  customizationLevel: Text,
  bestUseCase: Text,
  description: Text,
  strengths: z.array(Text).default([]),
  risks: z.array(Text).default([]),
  cost: Text.optional(),
  time: Text.optional(),
  nextSteps: z.array(Text).default([]),
  sources: SourceIds,
  ...layering,
});

export const CombinationSchema = z.strictObject({
  id: Id,
  name: Text,
  approaches: z.array(Id).min(2),
  summary: Text,
  when: ConditionSchema,
  /** Each approach of the combination must score at least this much on its own. */
  minComponentScore: z.number().finite().default(0),
  because: Text,
  nextSteps: z.array(Text).default([]),
  sources: SourceIds,
  ...layering,
});

const VariantSchema = z.strictObject({
  id: Id,
  approach: Id,
  label: Text,
  when: ConditionSchema.optional(),
  because: Text,
  /** Steps of this variant, shown instead of the approach's or combination's own next steps. */
  nextSteps: z.array(Text).optional(),
  sources: SourceIds,
  ...layering,
});

const EnumValueSchema = z.strictObject({ id: Id, label: Text, meaning: Text, ...layering });

/** Answers are matched in lower case, so alias keys are too. */
const Aliases = z
  .record(z.string().min(1).max(MAX_ID_LENGTH).refine(controlFree, NO_CONTROL), Id)
  .default({})
  .transform((aliases) =>
    Object.fromEntries(Object.entries(aliases).map(([key, value]) => [key.toLowerCase(), value])),
  );

export const DimensionSchema = z.discriminatedUnion("type", [
  z.strictObject({
    id: Id,
    type: z.literal("enum"),
    question: Text,
    help: Text.optional(),
    /** Asked in the short first round of the questionnaire. */
    core: z.boolean().default(false),
    values: z.array(EnumValueSchema).min(2),
    aliases: Aliases,
    sources: SourceIds,
    ...layering,
  }),
  z.strictObject({
    id: Id,
    type: z.literal("number"),
    question: Text,
    help: Text.optional(),
    /** Asked in the short first round of the questionnaire. */
    core: z.boolean().default(false),
    unit: Text.optional(),
    sources: SourceIds,
    ...layering,
  }),
  z.strictObject({
    id: Id,
    type: z.literal("boolean"),
    question: Text,
    help: Text.optional(),
    /** Asked in the short first round of the questionnaire. */
    core: z.boolean().default(false),
    sources: SourceIds,
    ...layering,
  }),
]);

const RuleSchema = z
  .strictObject({
    id: Id,
    when: ConditionSchema,
    effects: Effects.default({}),
    exclude: z.array(Id).default([]),
    because: Text,
    /** The reason as shown for one approach the rule moves, where `because` argues for another. */
    becauseFor: z.record(Id, Text).default({}),
    sources: SourceIds,
    disabled: z.boolean().default(false),
    ...Fit,
    before: Id.optional(),
  })
  .refine((rule) => Object.keys(rule.effects).length > 0 || rule.exclude.length > 0, {
    message: "a rule needs `effects`, `exclude` or both",
  });

const WarningSchema = z.strictObject({
  id: Id,
  when: ConditionSchema,
  message: Text,
  sources: SourceIds,
  ...Fit,
  ...layering,
});

const PlanStepSchema = z.strictObject({
  id: Id,
  when: ConditionSchema.optional(),
  /** Show the step while its condition is still open for lack of an answer. */
  showWhenUnknown: z.boolean().default(false),
  step: Text,
  sources: SourceIds,
  ...Fit,
  ...layering,
});

/** A principle that holds whatever the steps: shown apart from them. */
const PrincipleSchema = z.strictObject({ id: Id, text: Text, sources: SourceIds, ...layering });

/** Holds the confidence at most at `max` when `when` holds, for the reason given. */
const ConfidenceCapSchema = z.strictObject({
  id: Id,
  when: ConditionSchema,
  max: z.enum(["medium", "low"]),
  because: Text,
  sources: SourceIds,
  ...layering,
});

const Level = z.strictObject({
  minMargin: z.number().min(0),
  maxUnansweredShare: z.number().min(0).max(1),
  minAnsweredShare: z.number().min(0).max(1).default(0),
});

const SourceSchema = z.strictObject({
  title: Text,
  url: z
    .url({ protocol: /^https?$/, error: "an http or https URL" })
    .max(MAX_TEXT_LENGTH)
    .optional(),
  ref: Text.optional(),
  /** The day the source was last checked to say what the rules cite it for (YYYY-MM-DD). */
  checked: Day.optional(),
  disabled: z.boolean().optional(),
});

export const RulesSchema = z.strictObject({
  $schema: z.string().optional(),
  /** "default" (the built-in rules) or the path of another rules file, relative to this one. */
  extends: z.string().optional(),
  version: z.literal(1),
  tieBreak: z.array(Id).default([]),
  confidence: z.strictObject({
    high: Level,
    medium: Level,
    words: z.strictObject({ high: Text, medium: Text, low: Text }),
    caps: z.array(ConfidenceCapSchema).default([]),
  }),
  approaches: z.array(ApproachSchema).min(1),
  combinations: z.array(CombinationSchema).default([]),
  variants: z.array(VariantSchema).default([]),
  dimensions: z.array(DimensionSchema).min(1),
  rules: z.array(RuleSchema).default([]),
  warnings: z.array(WarningSchema).default([]),
  plan: z.array(PlanStepSchema).default([]),
  principles: z.array(PrincipleSchema).default([]),
  /** Unit prices and cost items for the cost sketch (docs/cost.md). */
  cost: CostSchema.optional(),
  sources: z.record(Id, SourceSchema).default({}),
});

export type Rules = z.output<typeof RulesSchema>;
export type Approach = z.output<typeof ApproachSchema>;
export type Combination = z.output<typeof CombinationSchema>;
export type Dimension = z.output<typeof DimensionSchema>;
export type EnumDimension = Extract<Dimension, { type: "enum" }>;
