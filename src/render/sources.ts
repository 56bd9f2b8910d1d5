import type { Result } from "../core/evaluate.js";
import type { Rules } from "../core/rules-schema.js";
import { wrap, type Style } from "./style.js";

/** A link a terminal can follow (OSC 8) where the style says it can, else the address as plain text. */
function link(url: string, style: Style): string {
  return style.links ? `\u001b]8;;${url}\u001b\\${url}\u001b]8;;\u001b\\` : url;
}

/**
 * A source for people: its id and title wrapped to the width, then its address (or, for the seed, the section) on
 * a line of its own, never broken, so it can be copied or clicked whole.
 */
export function renderSource(rules: Rules, id: string, style: Style, indent = "  "): string {
  const source = rules.sources[id];
  const title = wrap(`${style.paint.dim(`[${id}]`)} ${source?.title ?? id}`, style.width, indent, "    ");
  const where = source?.url ? link(source.url, style) : source?.ref;
  return where ? `${title}\n${indent}    ${style.paint.dim(where)}` : title;
}

/** Every source the advice cites (the recommendation, its warnings, plan steps and principles), each once. */
export function citedSources(result: Result): string[] {
  return [
    ...new Set([
      ...result.recommendation.sources,
      ...result.warnings.flatMap((w) => w.sources),
      ...result.plan.flatMap((p) => p.sources),
      ...result.principles.flatMap((p) => p.sources),
    ]),
  ];
}

/** The sources of each reason the recommendation gives (its `because` lines), from the rules that gave them. */
export function reasonSources(result: Result): (because: string) => string[] {
  const rec = result.recommendation;
  const reasons = result.ranking.filter((a) => rec.approaches.includes(a.id)).flatMap((a) => a.reasons);
  return (because) => reasons.find((r) => r.because === because)?.sources ?? [];
}
