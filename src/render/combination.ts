import { mdLink, mdText } from "./markdown-text.js";
import type { Approach, Combination, Rules } from "../core/rules-schema.js";
import { renderSource } from "./sources.js";
import { wrap, type Style } from "./style.js";

/** What the rules know about a combination such as rag+fine-tuning, as data. */
/**
 * A combination in the shape of an approach, for the side-by-side view: its parts' table cells joined, its summary
 * as the use case, its reason as its strength.
 */
export function combinationAsApproach(rules: Rules, combination: Combination): Approach {
  const parts = combination.approaches
    .map((id) => rules.approaches.find((a) => a.id === id))
    .filter((a): a is Approach => a !== undefined);
  const joined = (cell: (a: Approach) => string | undefined) =>
    parts.map((a) => `${a.shortName ?? a.name}: ${cell(a)?.replace(/\.$/, "") ?? "—"}`).join("; ");
  return {
    id: combination.id,
    name: combination.name,
    aliases: [],
    resourceDemand: joined((a) => a.resourceDemand),
    customizationLevel: joined((a) => a.customizationLevel),
    bestUseCase: combination.summary,
    description: combination.summary,
    strengths: [combination.because],
    risks: parts.flatMap((a) => a.risks.slice(0, 1)),
    cost: joined((a) => a.cost),
    time: joined((a) => a.time),
    nextSteps: combination.nextSteps,
    sources: combination.sources,
  };
}

export function combinationData(rules: Rules, combination: Combination) {
  return {
    ...combination,
    approachNames: combination.approaches.map((id) => rules.approaches.find((a) => a.id === id)?.name ?? id),
    variants: rules.variants.filter((v) => v.approach === combination.id).map((v) => ({ id: v.id, label: v.label })),
    sourceLinks: combination.sources.map((id) => ({
      id,
      title: rules.sources[id]?.title ?? id,
      url: rules.sources[id]?.url ?? null,
      ref: rules.sources[id]?.ref ?? null,
    })),
  };
}

export function renderCombination(rules: Rules, combination: Combination, style: Style): string {
  const data = combinationData(rules, combination);
  const { paint } = style;
  const list = (title: string, items: string[]) =>
    items.length ? ["", paint.bold(title), ...items.map((item) => wrap(`• ${item}`, style.width, "  ", "  "))] : [];
  return `${[
    paint.accent(paint.bold(combination.name)) + paint.dim(` (${combination.id})`),
    "",
    wrap(combination.summary, style.width),
    "",
    wrap(
      `${paint.bold("Combines:")} ${data.approachNames.join(" + ")}; see \`advise explain\` for each.`,
      style.width,
      "",
      "  ",
    ),
    wrap(`${paint.bold("Recommended when:")} ${combination.because}`, style.width, "", "  "),
    ...list(
      "Variants",
      data.variants.map((v) => `${v.label} ${paint.dim(`(${v.id})`)}`),
    ),
    ...list("Next steps", combination.nextSteps),
    ...(combination.sources.length > 0
      ? ["", paint.bold("Sources"), ...combination.sources.map((id) => renderSource(rules, id, style))]
      : []),
  ].join("\n")}\n`;
}

export function renderCombinationMarkdown(rules: Rules, combination: Combination): string {
  const data = combinationData(rules, combination);
  return [
    `# ${mdText(combination.name)}`,
    "",
    mdText(combination.summary),
    "",
    `- Combines: ${data.approachNames.map(mdText).join(" + ")}`,
    `- Recommended when: ${mdText(combination.because)}`,
    "",
    "## Next steps",
    "",
    ...combination.nextSteps.map((s) => `- ${mdText(s)}`),
    "",
    "## Sources",
    "",
    ...data.sourceLinks.map((s) => `- \\[${mdText(s.id)}\\] ${mdLink(s.title, s.url ?? s.ref ?? undefined)}`),
    "",
  ].join("\n");
}
