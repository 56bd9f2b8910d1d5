import { evaluate } from "../core/evaluate.js";
import { UsageError } from "../core/errors.js";
import type { Profile } from "../core/parse-profile.js";
import type { Approach, Rules } from "../core/rules-schema.js";
import { didYouMean } from "../core/suggest.js";
import { approachData, renderApproach, renderApproachMarkdown, renderSideBySide, renderSideBySideMarkdown } from "../render/approach.js";
import { comparisonData, renderComparisonTable, renderComparisonTableMarkdown } from "../render/comparison-table.js";
import { combinationData, renderCombination, renderCombinationMarkdown } from "../render/combination.js";
import { renderDecisionRecord } from "../render/markdown.js";
import { questionsData, renderQuestions, renderQuestionsMarkdown } from "../render/questions.js";
import { renderRecommendation } from "../render/recommendation.js";
import { serialise } from "../render/serialise.js";
import { wrap } from "../render/style.js";
import { checkSaveTarget, saveProfile } from "../io/save-profile.js";
import { canPrompt } from "../io/terminal.js";
import type { Context } from "./context.js";
import type { Format } from "./formats.js";
import { gatherAnswers, noAnswersError, type AnswerSources } from "./gather-answers.js";


/** Prints data in the chosen format; `human` and `markdown` render the people-facing forms. */
async function output(ctx: Context, format: Format, data: unknown, human: () => string, markdown: () => string): Promise<void> {
  const text = format === "table" ? human() : format === "markdown" ? markdown() : await serialise(format, data);
  ctx.io.stdout.write(text);
}

export async function runTable(ctx: Context, options: { format: Format }): Promise<void> {
  await output(ctx, options.format, comparisonData(ctx.rules), () => renderComparisonTable(ctx.rules, ctx.style), () => renderComparisonTableMarkdown(ctx.rules));
}

export async function runQuestions(ctx: Context, options: { format: Format }): Promise<void> {
  await output(ctx, options.format, questionsData(ctx.rules), () => renderQuestions(ctx.rules, ctx.style), () => renderQuestionsMarkdown(ctx.rules));
}

/** Finds an approach by id, name or alias; a typo gets a suggestion. */
export function resolveApproach(rules: Rules, input: string): Approach {
  const key = input.trim().toLowerCase();
  const hit = rules.approaches.find((a) => a.id === key || a.name.toLowerCase() === key || a.aliases.includes(key));
  if (hit) return hit;
  const known = rules.approaches.flatMap((a) => [a.id, ...a.aliases]);
  const ids = [...rules.approaches.map((a) => a.id), ...rules.combinations.map((c) => c.id)];
  throw new UsageError(`unknown approach "${input}"${didYouMean(key, [...known, ...rules.combinations.map((c) => c.id)])}; known: ${ids.join(", ")} (aliases: ${rules.approaches.flatMap((a) => a.aliases).join(", ")})`);
}

export async function runExplain(ctx: Context, options: { approach: string; format: Format }): Promise<void> {
  // A combination (rag+fine-tuning) can be recommended, so it can be explained too.
  const combination = ctx.rules.combinations.find((c) => c.id === options.approach.trim().toLowerCase());
  if (combination) {
    const { rules, style } = ctx;
    await output(ctx, options.format, combinationData(rules, combination), () => renderCombination(rules, combination, style), () => renderCombinationMarkdown(rules, combination));
    return;
  }
  const approach = resolveApproach(ctx.rules, options.approach);
  await output(ctx, options.format, approachData(ctx.rules, approach), () => renderApproach(ctx.rules, approach, ctx.style), () => renderApproachMarkdown(ctx.rules, approach));
}

export async function runCompare(ctx: Context, options: { approaches: string[]; format: Format }): Promise<void> {
  const approaches = options.approaches.map((input) => resolveApproach(ctx.rules, input));
  if (new Set(approaches.map((a) => a.id)).size < 2) throw new UsageError("compare needs at least two different approaches, e.g. `advise compare rag fine-tuning`");
  const data = { schemaVersion: 1, approaches: approaches.map((a) => approachData(ctx.rules, a)) };
  await output(ctx, options.format, data, () => renderSideBySide(approaches, ctx.style), () => renderSideBySideMarkdown(approaches));
}

export interface RecommendOptions extends AnswerSources {
  format: Format;
  explain: boolean;
  input: boolean;
  save?: string;
  force: boolean;
}

export async function runRecommend(ctx: Context, options: RecommendOptions): Promise<void> {
  let profile: Profile = await gatherAnswers(ctx.rules, ctx.io, options);
  const missing = ctx.rules.dimensions.filter((d) => profile[d.id] === undefined);
  const interactive = options.input && ctx.io.asker !== undefined && canPrompt(() => ctx.io.stdin, ctx.io.stdout) && missing.length > 0;
  const ask = interactive ? await ctx.io.asker!({ color: ctx.style.color }) : undefined;
  if (ask) {
    ctx.io.stdout.write(`${ctx.style.paint.dim(wrap('Answer what you know: "Not sure" (or an empty number) leaves a question open. Ctrl-C quits.', ctx.style.width))}\n`);
    const { askQuestions } = await import("../prompt/questionnaire.js");
    profile = await askQuestions(ctx.rules, profile, ask);
  } else if (Object.keys(profile).length === 0) {
    throw noAnswersError();
  }
  if (options.save && !ask) checkSaveTarget(options.save, options.force);
  const result = evaluate(ctx.rules, profile, { trace: options.explain });
  if (ask) ctx.io.stdout.write("\n");
  await output(ctx, options.format, result, () => renderRecommendation(ctx.rules, result, ctx.style, { explain: options.explain }), () => renderDecisionRecord(ctx.rules, result));

  let target = options.save;
  if (ask && !target && (await ask.confirm("Save these answers as a profile file (for --profile)?", false))) {
    target = (await ask.text("File name", "advise-profile.yaml")).trim() || undefined;
  }
  if (target) {
    const saved = await saveProfile(target, profile, { force: options.force, confirmOverwrite: ask ? (m) => ask.confirm(m, false) : undefined });
    if (saved) ctx.io.stderr.write(`Saved the answers to ${target}; \`advise --profile ${target}\` gives this advice again.\n`);
  }
}
