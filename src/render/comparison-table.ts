import { mdText } from "./markdown-text.js";
import type { Rules } from "../core/rules-schema.js";
import { renderGrid } from "./grid.js";
import { wrap, type Style } from "./style.js";

/** The seed's trade-off table, one row per approach, from the rules file. */
export function renderComparisonTable(rules: Rules, style: Style): string {
  const rows = rules.approaches.map((a) => [
    style.paint.accent(a.name),
    a.resourceDemand,
    a.customizationLevel,
    a.bestUseCase,
  ]);
  const table = renderGrid(
    [
      { header: "Customization Approach", flex: 2 },
      { header: "Resource Demand", flex: 1 },
      { header: "Customization Level", flex: 2 },
      { header: "Best Use Case", flex: 3 },
    ],
    rows,
    style,
  );
  const hint = style.hints
    ? `${style.paint.dim(wrap("More on one approach: advise explain <approach>. Side by side: advise compare <a> <b>.", style.width))}\n`
    : "";
  return `${table}\n${hint}`;
}

/** The same table as data, for --format json and yaml. */
export function comparisonData(rules: Rules) {
  return {
    schemaVersion: 1 as const,
    approaches: rules.approaches.map((a) => ({
      id: a.id,
      name: a.name,
      resourceDemand: a.resourceDemand,
      customizationLevel: a.customizationLevel,
      bestUseCase: a.bestUseCase,
      cost: a.cost ?? null,
      time: a.time ?? null,
    })),
  };
}

export function renderComparisonTableMarkdown(rules: Rules): string {
  const lines = [
    "| Customization Approach | Resource Demand | Customization Level | Best Use Case |",
    "|---|---|---|---|",
    ...rules.approaches.map(
      (a) => `| ${[a.name, a.resourceDemand, a.customizationLevel, a.bestUseCase].map(mdText).join(" | ")} |`,
    ),
  ];
  return `${lines.join("\n")}\n`;
}
