import { costData, costQuestions, costSketch, type CostSketch } from "../core/cost.js";
import { evaluate, type Result } from "../core/evaluate.js";
import { UsageError } from "../core/errors.js";
import { recordedProfile, type Profile } from "../core/parse-profile.js";
import type { Approach, Rules } from "../core/rules-schema.js";
import { didYouMean } from "../core/suggest.js";
import {
  approachData,
  renderApproach,
  renderApproachMarkdown,
  renderSideBySide,
  renderSideBySideMarkdown,
} from "../render/approach.js";
import { comparisonData, renderComparisonTable, renderComparisonTableMarkdown } from "../render/comparison-table.js";
import {
  combinationAsApproach,
  combinationData,
  renderCombination,
  renderCombinationMarkdown,
} from "../render/combination.js";
import { renderCostChart, renderCostMarkdown, renderCostTable } from "../render/cost.js";
import { renderDecisionRecord } from "../render/markdown.js";
import { questionsData, renderQuestions, renderQuestionsMarkdown } from "../render/questions.js";
import { renderRecommendation } from "../render/recommendation.js";
import { serialise } from "../render/serialise.js";
import { shown } from "../core/shown.js";
import { asciiOnly, wrap } from "../render/style.js";
import { checkSaveTarget, profileText, SaveError, saveProfile } from "../io/save-profile.js";
import { canPrompt, promptStream } from "../io/terminal.js";
import type { Context } from "./context.js";
import type { Format } from "./formats.js";
import { gatherAnswers, noAnswersError, type Answers, type AnswerSources } from "./gather-answers.js";

/** Prints data in the chosen format; `human` and `markdown` render the people-facing forms. */
async function output(
  ctx: Context,
  format: Format,
  data: unknown,
  human: () => string,
  markdown: () => string,
): Promise<void> {
  const text = format === "table" ? human() : format === "markdown" ? markdown() : await serialise(format, data);
  ctx.io.stdout.write(format === "table" && !ctx.style.unicode ? asciiOnly(text) : text);
}

export async function runTable(ctx: Context, options: { format: Format }): Promise<void> {
  await output(
    ctx,
    options.format,
    comparisonData(ctx.rules),
    () => renderComparisonTable(ctx.rules, ctx.style),
    () => renderComparisonTableMarkdown(ctx.rules),
  );
}

export async function runQuestions(ctx: Context, options: { format: Format }): Promise<void> {
  await output(
    ctx,
    options.format,
    questionsData(ctx.rules),
    () => renderQuestions(ctx.rules, ctx.style),
    () => renderQuestionsMarkdown(ctx.rules),
  );
}

/** Finds an approach by id, name or alias, or a combination by id or name; a typo gets a suggestion. */
function resolveApproach(rules: Rules, input: string): Approach {
  const key = input.trim().toLowerCase();
  const hit = rules.approaches.find((a) => a.id === key || a.name.toLowerCase() === key || a.aliases.includes(key));
  if (hit) return hit;
  const combination = rules.combinations.find((c) => c.id === key || c.name.toLowerCase() === key);
  if (combination) return combinationAsApproach(rules, combination);
  const known = [...rules.approaches.flatMap((a) => [a.id, ...a.aliases]), ...rules.combinations.map((c) => c.id)];
  const ids = [...rules.approaches.map((a) => a.id), ...rules.combinations.map((c) => c.id)];
  throw new UsageError(
    `unknown approach "${shown(input)}"${didYouMean(key, known)}; known: ${ids.join(", ")} (aliases: ${rules.approaches.flatMap((a) => a.aliases).join(", ")})`,
  );
}

export async function runExplain(ctx: Context, options: { approach: string; format: Format }): Promise<void> {
  // A combination (rag+fine-tuning) can be recommended, so it can be explained too.
  const key = options.approach.trim().toLowerCase();
  const combination = ctx.rules.combinations.find((c) => c.id === key || c.name.toLowerCase() === key);
  if (combination) {
    const { rules, style } = ctx;
    await output(
      ctx,
      options.format,
      { schemaVersion: 1, ...combinationData(rules, combination) },
      () => renderCombination(rules, combination, style),
      () => renderCombinationMarkdown(rules, combination),
    );
    return;
  }
  const approach = resolveApproach(ctx.rules, options.approach);
  await output(
    ctx,
    options.format,
    { schemaVersion: 1, ...approachData(ctx.rules, approach) },
    () => renderApproach(ctx.rules, approach, ctx.style),
    () => renderApproachMarkdown(ctx.rules, approach),
  );
}

export async function runCompare(ctx: Context, options: { approaches: string[]; format: Format }): Promise<void> {
  const approaches = options.approaches.map((input) => resolveApproach(ctx.rules, input));
  if (new Set(approaches.map((a) => a.id)).size < 2)
    throw new UsageError("compare needs at least two different approaches, e.g. `advise compare rag fine-tuning`");
  const data = { schemaVersion: 1, approaches: approaches.map((a) => approachData(ctx.rules, a)) };
  await output(
    ctx,
    options.format,
    data,
    () => renderSideBySide(approaches, ctx.style),
    () => renderSideBySideMarkdown(approaches),
  );
}

export interface RecommendOptions extends AnswerSources {
  format: Format;
  explain: boolean;
  /** false with --no-input: never ask. */
  input: boolean;
  /** --ask: in a terminal, ask the questions not answered by flags or the profile. */
  ask: boolean;
  save?: string;
  force: boolean;
}

export async function runRecommend(ctx: Context, options: RecommendOptions): Promise<void> {
  if (options.save === "") throw new UsageError("--save needs a file name, or - for standard output");
  if (options.profileFile === "") throw new UsageError("--profile needs a file name, or - for standard input");
  // Checked before anything is asked or printed.
  if (options.save && options.save !== "-") checkSaveTarget(options.save, options.force);
  let answers = await gatherAnswers(ctx.rules, ctx.io, options);
  let profile: Profile = answers.profile;
  const given = Object.keys(profile).length + answers.open.length > 0;
  const missing = ctx.rules.dimensions.filter((d) => profile[d.id] === undefined && !answers.open.includes(d.id));
  // The cost sketch's questions count once there is a sketch to sharpen, that is once the volume is known.
  const costMissing =
    profile["queries-per-day"] === undefined
      ? []
      : costQuestions(ctx.rules).filter((q) => answers.cost[q.id] === undefined);
  // As gh and npm do: answers given on the command line or in a file mean output, not a questionnaire.
  const interactive =
    options.input &&
    (!given || options.ask) &&
    ctx.io.asker !== undefined &&
    canPrompt(() => ctx.io.stdin, ctx.io.stdout, ctx.io.stderr) &&
    missing.length + costMissing.length > 0;
  // The questions go to the terminal: standard output, or standard error when the advice is redirected.
  const prompts = promptStream(ctx.io.stdout, ctx.io.stderr) ?? ctx.io.stdout;
  const ask = interactive
    ? await ctx.io.asker!({ color: ctx.style.color, bold: ctx.style.paint.bold, output: prompts })
    : undefined;
  if (ask) {
    prompts.write(
      `${ctx.style.paint.dim(wrap('Answer what you know: Enter alone leaves a question open ("Not sure"). Ctrl-C quits.', ctx.style.width))}\n`,
    );
    const { askCostQuestions, askQuestions } = await import("../prompt/questionnaire.js");
    answers = { ...answers, ...(await askQuestions(ctx.rules, answers, ask)) };
    answers = { ...answers, cost: await askCostQuestions(ctx.rules, answers, ask) };
    profile = answers.profile;
  } else if (!given) {
    const file = options.profileFile === "-" ? "standard input" : options.profileFile;
    throw noAnswersError(
      file
        ? `the profile from ${shown(file)} holds no answers`
        : !options.input
          ? "no answers given, and --no-input says not to ask"
          : "no answers given, and no terminal to ask them in",
    );
  }
  const result = evaluate(ctx.rules, profile, { trace: options.explain });
  if (ask) prompts.write("\n");
  const sketch = sketchFor(ctx, { profile, cost: answers.cost }, result);
  await output(
    ctx,
    options.format,
    resultDocument(result, sketch),
    () =>
      `${renderRecommendation(ctx.rules, result, ctx.style, { explain: options.explain })}${sketch ? `\n${ctx.style.paint.bold("Cost sketch")} ${ctx.style.paint.dim("(advise cost for the chart and every assumption)")}\n${renderCostTable(sketch, ctx.style)}` : ""}`,
    () => `${renderDecisionRecord(ctx.rules, result)}${sketch ? `\n${renderCostMarkdown(sketch)}` : ""}`,
  );

  // "Not sure" answers are recorded too, so the saved profile replays the session without asking them again.
  const recorded = { ...recordedProfile(ctx.rules, answers), ...answers.cost };
  if (options.save === "-") {
    ctx.io.stdout.write(`\n${await profileText("-", recorded)}`);
    return;
  }
  let target = options.save;
  if (ask && !target && (await ask.confirm("Save these answers as a profile file (for --profile)?", false))) {
    target = (await ask.text("File name", "advise-profile.yaml")).trim() || undefined;
  }
  // In a session, a name that cannot be used is explained and asked again: the answers are never lost.
  while (target) {
    try {
      if (
        await saveProfile(target, recorded, {
          force: options.force,
          confirmOverwrite: ask ? (m) => ask.confirm(m, false) : undefined,
        })
      ) {
        ctx.io.stderr.write(
          `${wrap(`Saved the answers to ${shown(target)}; \`advise --profile ${shown(target)}\` gives this advice again.`, ctx.style.width)}\n`,
        );
        return;
      }
    } catch (error) {
      if (!ask || !(error instanceof SaveError)) throw error;
      ctx.io.stderr.write(`${ctx.style.paint.bad("advise:")} ${error.message}\n`);
    }
    if (!ask) return;
    target = (await ask.text("Another file name (empty: do not save)", "")).trim() || undefined;
  }
}

/** The cost sketch joins the advice once the volume is known: without it every running cost is a guess. */
export function sketchFor(
  ctx: Context,
  answers: Pick<Answers, "profile" | "cost">,
  result: Result,
  now = today(ctx),
): CostSketch | undefined {
  return answers.profile["queries-per-day"] !== undefined
    ? costSketch(ctx.rules, { ...answers.profile, ...answers.cost }, result, now)
    : undefined;
}

/** A recommendation as `--format json` prints it, and as each line of a batch holds it. */
export function resultDocument(result: Result, sketch: CostSketch | undefined) {
  return sketch ? { ...result, cost: costData(sketch) } : result;
}

/** The run's date as YYYY-MM-DD: ADVISE_TODAY when set (for reproducible records), else today. */
export function today(ctx: Context): string {
  const given = ctx.io.env.ADVISE_TODAY;
  if (given === undefined || given === "") return new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(given) || Number.isNaN(Date.parse(given)))
    throw new UsageError(`ADVISE_TODAY="${shown(given)}" is not a date; give it as YYYY-MM-DD, e.g. 2026-11-30`);
  return given;
}

export interface CostOptions extends AnswerSources {
  format: Format;
}

/** `advise cost`: what each approach would cost up front, each month and over a year, with the break-even. */
export async function runCost(ctx: Context, options: CostOptions): Promise<void> {
  if (options.profileFile === "") throw new UsageError("--profile needs a file name, or - for standard input");
  const { profile, cost } = await gatherAnswers(ctx.rules, ctx.io, options);
  const result = evaluate(ctx.rules, profile, { search: "none" });
  const sketch = costSketch(ctx.rules, { ...profile, ...cost }, result, today(ctx));
  if (!sketch) throw new UsageError("the rules in use have no cost section, so there are no prices to work with");
  const data = {
    schemaVersion: 1,
    recommendation: {
      id: result.recommendation.id,
      approaches: result.recommendation.approaches,
      variant: result.recommendation.variant,
    },
    cost: costData(sketch),
  };
  await output(
    ctx,
    options.format,
    data,
    () => `${renderCostTable(sketch, ctx.style)}\n${renderCostChart(sketch, ctx.style)}`,
    () => renderCostMarkdown(sketch, "# Cost sketch"),
  );
}
