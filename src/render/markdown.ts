import type { Result } from "../core/evaluate.js";
import type { Rules } from "../core/rules-schema.js";
import { showAnswer } from "./recommendation.js";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** A decision record a team can commit: context, decision, alternatives, consequences, next steps, sources. */
export function renderDecisionRecord(rules: Rules, result: Result): string {
  const rec = result.recommendation;
  const dimensions = new Map(rules.dimensions.map((d) => [d.id, d]));
  const out: string[] = [];
  out.push(`# Decision: ${rec.name}${rec.variantLabel ? ` (${rec.variantLabel})` : ""}`, "");
  out.push(`Status: proposed. Confidence: ${rec.confidence}. ${rec.confidenceWords}`, "");
  out.push("## Context", "", "| Question | Answer |", "|---|---|");
  for (const [id, value] of Object.entries(result.profile)) {
    out.push(`| ${cell(dimensions.get(id)?.question ?? id)} | \`${cell(showAnswer(value))}\` |`);
  }
  if (result.unanswered.length > 0) out.push("", `Unanswered: ${result.unanswered.map((id) => `\`${id}\``).join(", ")}.`);
  out.push("", "## Decision", "", rec.summary, "");
  for (const because of rec.because) out.push(`- ${because}`);
  out.push("", "## Alternatives considered", "", "| Approach | Score | Why not |", "|---|---|---|");
  const leaderScore = Math.min(...result.ranking.filter((a) => rec.approaches.includes(a.id)).map((a) => a.score));
  for (const approach of result.ranking.filter((a) => !rec.approaches.includes(a.id))) {
    const against = approach.reasons.find((r) => r.effect < 0)?.because ?? "Fewer of the answers point to it.";
    const why = approach.excluded ? `Excluded: ${approach.excludedBy.map((e) => e.because).join(" ")}` : `Scored ${approach.score} against ${leaderScore}. ${against}`;
    out.push(`| ${cell(approach.name)} | ${approach.score} | ${cell(why)} |`);
  }
  if (result.warnings.length > 0) {
    out.push("", "## Consequences and warnings", "");
    for (const warning of result.warnings) out.push(`- **${warning.id}**: ${warning.message} (${warning.sources.join(", ")})`);
  }
  if (result.whatIf.length > 0) {
    out.push("", "## What would change this decision", "");
    for (const item of result.whatIf) {
      const [dimension, value] = Object.entries(item.change)[0]!;
      out.push(`- \`${dimension}: ${showAnswer(value)}\` → ${item.recommendation}`);
    }
  }
  out.push("", "## Next steps", "");
  [...result.plan.map((p) => p.step), ...result.nextSteps].forEach((step, i) => out.push(`${i + 1}. ${step}`));
  const cited = [...new Set([...rec.sources, ...result.warnings.flatMap((w) => w.sources), ...result.plan.flatMap((p) => p.sources)])];
  out.push("", "## Sources", "");
  for (const id of cited) {
    const source = rules.sources[id];
    out.push(`- [${id}] ${source?.url ? `[${source.title}](${source.url})` : (source?.title ?? id)}`);
  }
  return `${out.join("\n")}\n`;
}
