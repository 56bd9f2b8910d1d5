import type { Result } from "../core/evaluate.js";
import type { Rules } from "../core/rules-schema.js";
import { mdLink, mdText } from "./markdown-text.js";
import { citedSources, reasonSources } from "./sources.js";
import { leaderScoreOf, showAnswer, whyNot } from "./recommendation.js";

/** A decision record a team can commit: context, decision, alternatives, consequences, next steps, sources. */
export function renderDecisionRecord(rules: Rules, result: Result): string {
  const rec = result.recommendation;
  const dimensions = new Map(rules.dimensions.map((d) => [d.id, d]));
  const out: string[] = [];
  out.push(`# Decision: ${mdText(rec.name)}${rec.variantLabel ? ` (${mdText(rec.variantLabel)})` : ""}`, "");
  out.push(`Status: proposed. Confidence: ${rec.confidence}. ${mdText(rec.confidenceWords)}`, "");
  out.push("## Context", "", "| Question | Answer |", "|---|---|");
  for (const [id, value] of Object.entries(result.profile)) {
    // Answers are values the profile checks accepted (ids, numbers, yes or no): safe in code spans.
    out.push(`| ${mdText(dimensions.get(id)?.question ?? id)} | \`${showAnswer(value)}\` |`);
  }
  if (result.unanswered.length > 0)
    out.push("", `Unanswered: ${result.unanswered.map((id) => `\`${id}\``).join(", ")}.`);
  out.push("", "## Decision", "", mdText(rec.summary), "");
  const sourcesOf = reasonSources(result);
  for (const because of rec.because) {
    const sources = sourcesOf(because);
    out.push(`- ${mdText(because)}${sources.length > 0 ? ` (${sources.join(", ")})` : ""}`);
  }
  out.push("", "## Alternatives considered", "", "| Approach | Score | Why not |", "|---|---|---|");
  const leaderScore = leaderScoreOf(result);
  for (const approach of result.ranking.filter((a) => !rec.approaches.includes(a.id))) {
    const against = whyNot(approach, leaderScore);
    const why = approach.excluded
      ? `Excluded: ${approach.excludedBy.map((e) => e.because).join(" ")}`
      : `Scored ${approach.score} against ${leaderScore}. ${against}`;
    out.push(`| ${mdText(approach.name)} | ${approach.score} | ${mdText(why)} |`);
  }
  if (result.warnings.length > 0) {
    out.push("", "## Consequences and warnings", "");
    for (const warning of result.warnings)
      out.push(`- **${warning.id}**: ${mdText(warning.message)} (${warning.sources.join(", ")})`);
  }
  if (result.whatIf.length > 0) {
    out.push("", "## What would change this decision", "");
    for (const item of result.whatIf) {
      const [dimension, value] = Object.entries(item.change)[0]!;
      out.push(`- \`${dimension}: ${showAnswer(value)}\` → ${item.recommendation}`);
    }
  }
  out.push("", "## Next steps", "");
  [...result.plan.map((p) => p.step), ...result.nextSteps].forEach((step, i) => out.push(`${i + 1}. ${mdText(step)}`));
  if (result.principles.length > 0) {
    out.push("", "## Principles", "");
    for (const principle of result.principles) out.push(`- ${mdText(principle.text)}`);
  }
  // --explain: what moved each score, and the rules still waiting on an answer, as the terminal shows them.
  if (result.trace) {
    out.push(
      "",
      "## How each approach scored",
      "",
      "| Approach | Effect | Reason | Rule | Sources |",
      "|---|---|---|---|---|",
    );
    for (const approach of result.ranking) {
      for (const e of approach.excludedBy)
        out.push(
          `| ${mdText(approach.name)} | excluded | ${mdText(e.because)} | \`${e.rule}\` | ${e.sources.join(", ")} |`,
        );
      for (const r of approach.reasons)
        out.push(
          `| ${mdText(approach.name)} | ${r.effect > 0 ? "+" : ""}${r.effect} | ${mdText(r.because)} | \`${r.rule}\` | ${r.sources.join(", ")} |`,
        );
    }
    const open = result.trace.filter((t) => t.kind === "rule" && t.status === "unknown");
    if (open.length > 0) {
      out.push("", "## Rules waiting on an answer", "");
      for (const entry of open) {
        const missing = Object.entries(entry.answers)
          .filter(([, v]) => v === null)
          .map(([k]) => `\`${k}\``);
        out.push(`- \`${entry.id}\`: ${mdText(entry.condition)} (needs ${missing.join(", ")})`);
      }
    }
  }
  const cited = citedSources(result);
  out.push("", "## Sources", "");
  for (const id of cited) {
    const source = rules.sources[id];
    out.push(`- \\[${id}\\] ${mdLink(source?.title ?? id, source?.url ?? source?.ref)}`);
  }
  return `${out.join("\n")}\n`;
}
