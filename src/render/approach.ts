import type { Approach, Rules } from "../core/rules-schema.js";
import { mdLink, mdText } from "./markdown-text.js";
import { renderSource } from "./sources.js";
import { renderGrid } from "./grid.js";
import { wrap, type Style } from "./style.js";

/** What the rules know about one approach, as data; `rules` lists the rules that raise or lower it. */
export function approachData(rules: Rules, approach: Approach) {
  const { aliases, ...rest } = approach;
  return {
    ...rest,
    aliases,
    favouredBy: rules.rules
      .filter((r) => (r.effects[approach.id] ?? 0) > 0)
      .map((r) => ({ rule: r.id, effect: r.effects[approach.id]!, because: r.because })),
    disfavouredBy: rules.rules
      .filter((r) => (r.effects[approach.id] ?? 0) < 0)
      .map((r) => ({ rule: r.id, effect: r.effects[approach.id]!, because: r.because })),
    excludedBy: rules.rules
      .filter((r) => r.exclude.includes(approach.id))
      .map((r) => ({ rule: r.id, because: r.because })),
    variants: rules.variants.filter((v) => v.approach === approach.id).map((v) => ({ id: v.id, label: v.label })),
    sourceLinks: approach.sources.map((id) => ({
      id,
      title: rules.sources[id]?.title ?? id,
      url: rules.sources[id]?.url ?? null,
      ref: rules.sources[id]?.ref ?? null,
    })),
  };
}

function section(title: string, items: string[], style: Style, bullet = "•"): string[] {
  if (items.length === 0) return [];
  return ["", style.paint.bold(title), ...items.map((item) => wrap(`${bullet} ${item}`, style.width, "  ", "  "))];
}

export function renderApproach(rules: Rules, approach: Approach, style: Style): string {
  const data = approachData(rules, approach);
  const { paint } = style;
  const out = [
    wrap(
      `${paint.accent(paint.bold(approach.name))} ${paint.dim(`(${[approach.id, ...approach.aliases].join(", ")})`)}`,
      style.width,
      "",
      "  ",
    ),
    "",
    wrap(approach.description, style.width),
    "",
    wrap(`${paint.bold("Resource demand:")} ${approach.resourceDemand}`, style.width, "", "  "),
    wrap(`${paint.bold("Customization level:")} ${approach.customizationLevel}`, style.width, "", "  "),
    wrap(`${paint.bold("Best use case:")} ${approach.bestUseCase}`, style.width, "", "  "),
    ...(approach.cost ? [wrap(`${paint.bold("Cost:")} ${approach.cost}`, style.width, "", "  ")] : []),
    ...(approach.time ? [wrap(`${paint.bold("Time:")} ${approach.time}`, style.width, "", "  ")] : []),
    ...section("Strengths", approach.strengths, style),
    ...section("Risks", approach.risks, style),
    ...section(
      "Chosen when",
      data.favouredBy.map((r) => `${r.because} ${paint.dim(`(+${r.effect}, ${r.rule})`)}`),
      style,
    ),
    ...section(
      "Ruled out when",
      data.excludedBy.map((r) => `${r.because} ${paint.dim(`(${r.rule})`)}`),
      style,
    ),
    ...section(
      "Variants",
      data.variants.map((v) => `${v.label} ${paint.dim(`(${v.id})`)}`),
      style,
    ),
    ...section("Next steps", approach.nextSteps, style),
    ...(approach.sources.length > 0
      ? ["", paint.bold("Sources"), ...approach.sources.map((id) => renderSource(rules, id, style))]
      : []),
  ];
  return `${out.join("\n")}\n`;
}

export function renderApproachMarkdown(rules: Rules, approach: Approach): string {
  const data = approachData(rules, approach);
  const list = (title: string, items: string[]) =>
    items.length ? ["", `## ${title}`, "", ...items.map((i) => `- ${i}`)] : [];
  return [
    `# ${mdText(approach.name)}`,
    "",
    mdText(approach.description),
    "",
    `- Resource demand: ${mdText(approach.resourceDemand)}`,
    `- Customization level: ${mdText(approach.customizationLevel)}`,
    `- Best use case: ${mdText(approach.bestUseCase)}`,
    ...list("Strengths", approach.strengths.map(mdText)),
    ...list("Risks", approach.risks.map(mdText)),
    ...list("Next steps", approach.nextSteps.map(mdText)),
    ...list(
      "Sources",
      data.sourceLinks.map((s) => `\\[${mdText(s.id)}\\] ${mdLink(s.title, s.url ?? s.ref ?? undefined)}`),
    ),
    "",
  ].join("\n");
}

const FIELDS: [string, (a: Approach) => string][] = [
  ["Resource demand", (a) => a.resourceDemand],
  ["Customization level", (a) => a.customizationLevel],
  ["Best use case", (a) => a.bestUseCase],
  ["Cost", (a) => a.cost ?? "—"],
  ["Time", (a) => a.time ?? "—"],
  ["Strengths", (a) => a.strengths.map((s) => `• ${s}`).join("\n")],
  ["Risks", (a) => a.risks.map((s) => `• ${s}`).join("\n")],
];

/** Approaches side by side: one column each when they fit the width, else one block per field. */
export function renderSideBySide(approaches: Approach[], style: Style): string {
  const nameOf = (a: Approach) => a.shortName ?? a.name;
  const columns = [{ header: "", flex: 1 }, ...approaches.map((a) => ({ header: nameOf(a), flex: 3 }))];
  if (style.width >= 30 * approaches.length + 16) {
    const rows = FIELDS.map(([label, get]) => [style.paint.bold(label), ...approaches.map(get)]);
    return `${renderGrid(columns, rows, style)}\n`;
  }
  const out: string[] = [];
  for (const [label, get] of FIELDS) {
    out.push(style.paint.bold(label));
    for (const a of approaches) {
      const [first = "", ...more] = get(a).split("\n");
      // A list starts on the line after the name, an item a line, so items do not run together.
      if (more.length === 0) out.push(wrap(`${style.paint.accent(nameOf(a))}: ${first}`, style.width, "  ", "  "));
      else
        out.push(
          `  ${style.paint.accent(nameOf(a))}:`,
          ...[first, ...more].map((item) => wrap(item, style.width, "    ", "  ")),
        );
    }
    out.push("");
  }
  return `${out.join("\n")}`;
}

export function renderSideBySideMarkdown(approaches: Approach[]): string {
  // A cell is one line: a list's items stay apart as separate escaped lines joined by a line break tag.
  const cell = (text: string) => text.split("\n").map(mdText).join("<br>");
  return [
    `| | ${approaches.map((a) => cell(a.name)).join(" | ")} |`,
    `|---|${approaches.map(() => "---").join("|")}|`,
    ...FIELDS.map(([label, get]) => `| ${label} | ${approaches.map((a) => cell(get(a))).join(" | ")} |`),
    "",
  ].join("\n");
}
