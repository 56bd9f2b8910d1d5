import type { Result } from "../core/evaluate.js";
import { formatNumber } from "../core/parse-number.js";
import type { Answer } from "../core/parse-profile.js";
import type { Rules } from "../core/rules-schema.js";
import { renderGrid } from "./grid.js";
import { citedSources, reasonSources, renderSource } from "./sources.js";
import { wrap, type Style } from "./style.js";

const MAX_WHAT_IF = 6;
const MAX_SHARPEN = 5;

export function showAnswer(value: Answer): string {
  return typeof value === "number" ? formatNumber(value) : String(value);
}

/** A change as a user would type it: `--labeled-examples 100`, `--citations`, `--no-citations`. */
function asFlag(dimension: string, value: Answer): string {
  if (value === true) return `--${dimension}`;
  if (value === false) return `--no-${dimension}`;
  return `--${dimension} ${showAnswer(value)}`;
}

function scoreBar(score: number, min: number, max: number, style: Style, excluded: boolean): string {
  const cells = 12;
  const span = Math.max(1, max - Math.min(0, min));
  const filled = excluded ? 0 : Math.max(0, Math.round(((score - Math.min(0, min)) / span) * cells));
  const [full, empty] = style.unicode ? ["█", "░"] : ["#", "."];
  return full.repeat(filled) + empty.repeat(cells - filled);
}

function heading(text: string, style: Style): string {
  return `\n${style.paint.bold(text)}`;
}

/** The advice for people: the recommendation in one sentence first, then why, the ranking and what to do. */
export function renderRecommendation(
  rules: Rules,
  result: Result,
  style: Style,
  options: { explain?: boolean } = {},
): string {
  const { paint } = style;
  const names = new Map<string, string>([
    ...rules.approaches.map((a) => [a.id, a.shortName ?? a.name] as const),
    ...rules.combinations.map((c) => [c.id, c.name] as const),
  ]);
  const rec = result.recommendation;
  const out: string[] = [];
  const confidenceColour =
    rec.confidence === "high" ? paint.good : rec.confidence === "medium" ? paint.warn : paint.bad;
  out.push(
    wrap(
      `${paint.bold("Recommendation:")} ${paint.accent(paint.bold(rec.name))}${rec.variantLabel ? ` ${paint.dim("—")} ${rec.variantLabel}` : ""}`,
      style.width,
    ),
  );
  out.push(
    wrap(
      `${paint.bold("Confidence:")} ${confidenceColour(rec.confidence)}. ${rec.confidenceWords}`,
      style.width,
      "",
      "  ",
    ),
  );

  out.push(heading("Why", style));
  // Each reason with the sources of its rule, as the warnings have theirs; the list below gives their addresses.
  const cite = (sources: readonly string[]) => (sources.length > 0 ? ` ${paint.dim(`[${sources.join(", ")}]`)}` : "");
  const sourcesOf = reasonSources(result);
  for (const because of rec.because)
    out.push(wrap(`${paint.good("+")} ${because}${cite(sourcesOf(because))}`, style.width, "  ", "  "));
  const leader = result.ranking.find((a) => a.id === rec.approaches[0]);
  for (const reason of (leader?.reasons ?? []).filter((r) => r.effect < 0).slice(0, 1)) {
    out.push(wrap(`${paint.bad("−")} ${reason.because}${cite(reason.sources)}`, style.width, "  ", "  "));
  }

  out.push(heading("Ranking", style));
  const scores = result.ranking.map((a) => a.score);
  const [min, max] = [Math.min(...scores), Math.max(...scores)];
  const short = new Map(rules.approaches.map((a) => [a.id, a.shortName ?? a.name]));
  const leaderScore = leaderScoreOf(result);
  const rows = result.ranking.map((a, i) => [
    String(i + 1),
    rec.approaches.includes(a.id) ? paint.accent(short.get(a.id)!) : short.get(a.id)!,
    (a.score > 0 ? "+" : "") + String(a.score),
    scoreBar(a.score, min, max, style, a.excluded),
    // The recommended approaches show what speaks for them; the others what speaks against them.
    a.excluded
      ? paint.bad(`excluded: ${a.excludedBy[0]!.because}`)
      : rec.approaches.includes(a.id)
        ? (a.reasons.find((r) => r.effect > 0)?.because ?? paint.dim("no rule in its favour"))
        : whyNot(a, leaderScore),
  ]);
  out.push(
    renderGrid(
      [
        { header: "#", flex: 0, align: "right" },
        { header: "Approach", flex: 0 },
        { header: "Score", flex: 0, align: "right" },
        { header: "", flex: 0 },
        { header: "Main reason for or against", flex: 5 },
      ],
      rows,
      style,
    ),
  );

  if (options.explain) out.push(renderExplanation(result, style));

  if (result.warnings.length > 0) {
    out.push(heading("Warnings", style));
    for (const warning of result.warnings) {
      out.push(
        wrap(
          `${paint.warn("!")} ${paint.bold(warning.id)}: ${warning.message} ${paint.dim(`[${warning.sources.join(", ")}]`)}`,
          style.width,
          "  ",
          "  ",
        ),
      );
    }
  }

  if (result.whatIf.length > 0) {
    out.push(heading("What would change the answer", style));
    for (const item of result.whatIf.slice(0, MAX_WHAT_IF)) {
      const [dimension, value] = Object.entries(item.change)[0]!;
      out.push(
        wrap(
          `• with ${paint.accent(asFlag(dimension, value))} (now ${showAnswer(result.profile[dimension]!)}): ${names.get(item.recommendation) ?? item.recommendation}`,
          style.width,
          "  ",
          "  ",
        ),
      );
    }
    if (result.whatIf.length > MAX_WHAT_IF)
      out.push(paint.dim(`  … ${result.whatIf.length - MAX_WHAT_IF} more in --format json`));
  }

  if (result.sharpen.length > 0) {
    out.push(heading("Questions that would sharpen this advice", style));
    for (const question of result.sharpen.slice(0, MAX_SHARPEN)) {
      // One example answer per outcome: "none → In-context learning; 100k → Fine-tuning".
      const byOutcome = new Map<string, string>();
      for (const c of question.changes)
        if (!byOutcome.has(c.recommendation)) byOutcome.set(c.recommendation, showAnswer(Object.values(c.change)[0]!));
      const shifts = [...byOutcome]
        .slice(0, 3)
        .map(([outcome, value]) => `${value} → ${names.get(outcome) ?? outcome}`);
      out.push(
        wrap(
          `• ${paint.accent(`--${question.dimension}`)}: ${question.question} ${paint.dim(`(${shifts.join("; ")})`)}`,
          style.width,
          "  ",
          "  ",
        ),
      );
    }
    if (result.unanswered.length > 0) {
      out.push(
        paint.dim(
          wrap(
            `${result.unanswered.length} question${result.unanswered.length === 1 ? "" : "s"} unanswered; \`advise questions\` lists them all.`,
            style.width,
            "  ",
            "  ",
          ),
        ),
      );
    }
  }

  out.push(heading("Next steps", style));
  const steps = [...result.plan.map((p) => p.step), ...result.nextSteps];
  steps.forEach((step, i) => out.push(wrap(`${i + 1}. ${step}`, style.width, "  ", "   ")));

  if (result.principles.length > 0) {
    out.push(heading("Principles", style));
    for (const principle of result.principles) out.push(wrap(`• ${principle.text}`, style.width, "  ", "  "));
  }

  const cited = citedSources(result);
  out.push(heading("Sources", style));
  for (const id of cited) out.push(renderSource(rules, id, style));
  if (style.hints)
    out.push(
      "",
      paint.dim(
        wrap(
          `More: \`advise explain ${rec.id}\`${options.explain ? "" : "; every rule that moved each score: add --explain"}; a decision record: --format markdown.`,
          style.width,
        ),
      ),
    );
  return `${out.join("\n")}\n`;
}

/** --explain: per approach, what raised and lowered its score, and why excluded approaches are out. */
function renderExplanation(result: Result, style: Style): string {
  const { paint } = style;
  const out: string[] = [heading("How each approach scored", style)];
  for (const approach of result.ranking) {
    out.push(
      wrap(
        `${paint.bold(approach.name)} ${paint.dim(`(score ${approach.score}${approach.excluded ? ", excluded" : ""})`)}`,
        style.width,
        "  ",
        "  ",
      ),
    );
    for (const exclusion of approach.excludedBy) {
      out.push(
        wrap(
          `${paint.bad("✗")} ${exclusion.because} ${paint.dim(`[${exclusion.rule}; ${exclusion.sources.join(", ")}]`)}`,
          style.width,
          "    ",
          "  ",
        ),
      );
    }
    for (const reason of approach.reasons) {
      const sign = reason.effect > 0 ? paint.good(`+${reason.effect}`) : paint.bad(`${reason.effect}`);
      out.push(
        wrap(
          `${sign} ${reason.because} ${paint.dim(`[${reason.rule}; ${reason.sources.join(", ")}]`)}`,
          style.width,
          "    ",
          "   ",
        ),
      );
    }
    if (approach.reasons.length === 0 && approach.excludedBy.length === 0) out.push(paint.dim("    no rule applied"));
  }
  const open = (result.trace ?? []).filter((t) => t.kind === "rule" && t.status === "unknown");
  if (open.length > 0) {
    out.push(heading("Rules waiting on an answer", style));
    for (const entry of open) {
      const missing = Object.entries(entry.answers)
        .filter(([, v]) => v === null)
        .map(([k]) => k);
      out.push(
        wrap(
          `? ${entry.id}: ${entry.condition} ${paint.dim(`(needs ${missing.join(", ")})`)}`,
          style.width,
          "    ",
          "  ",
        ),
      );
    }
  }
  return out.join("\n");
}

/** The score the recommendation stands on: the lowest of its approaches' (a combination is as strong as its weakest). */
export function leaderScoreOf(result: Result): number {
  const rec = result.recommendation;
  return Math.min(...result.ranking.filter((a) => rec.approaches.includes(a.id)).map((a) => a.score));
}

/**
 * Why an approach that is neither recommended nor excluded lost: the strongest answer against it; when no answer
 * counts against it, that it scored level and lost the tie-break, or that the answers favour the recommendation
 * more (with its own strongest reason, labelled as its own).
 */
export function whyNot(approach: Result["ranking"][number], leaderScore: number): string {
  const against = approach.reasons.find((r) => r.effect < 0);
  if (against) return against.because;
  const own = approach.reasons.find((r) => r.effect > 0);
  const lost =
    approach.score >= leaderScore
      ? "Level with the recommendation; a tie goes to the approach that is cheaper to try."
      : "Nothing counts against it, but the answers favour the recommendation more.";
  return own
    ? `${lost} For it: ${own.because}`
    : approach.score >= leaderScore
      ? lost
      : "No answer counts for or against it.";
}
