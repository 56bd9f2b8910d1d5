import type { Rules } from "../core/rules-schema.js";
import { mdText } from "./markdown-text.js";
import { renderGrid } from "./grid.js";
import { wrap, type Style } from "./style.js";

/** The dimensions as data: what a script author needs to build flags or a profile file. */
export function questionsData(rules: Rules) {
  return {
    schemaVersion: 1 as const,
    dimensions: rules.dimensions.map((d) => ({
      id: d.id,
      type: d.type,
      flag:
        d.type === "boolean" ? `--${d.id} / --no-${d.id}` : `--${d.id} <${d.type === "number" ? "number" : "value"}>`,
      question: d.question,
      help: d.help ?? null,
      ...(d.type === "enum" ? { values: d.values, aliases: d.aliases } : {}),
      ...(d.type === "number"
        ? { unit: d.unit ?? null, accepts: "a number ≥ 0, with optional suffix k, m, b, t" }
        : {}),
    })),
  };
}

export function renderQuestions(rules: Rules, style: Style): string {
  const rows = rules.dimensions.map((d) => {
    const accepted =
      d.type === "enum"
        ? d.values.map((v) => `${style.paint.accent(v.id)}: ${v.meaning}`).join("\n")
        : d.type === "number"
          ? `number ≥ 0${d.unit ? ` (${d.unit})` : ""}; 50k, 2.5m, 300b`
          : `--${d.id} or --no-${d.id}`;
    return [style.paint.bold(d.id), d.question, accepted];
  });
  const table = renderGrid(
    [
      { header: "Flag / key", flex: 0 },
      { header: "Question", flex: 2 },
      { header: "Accepted answers", flex: 3 },
    ],
    rows,
    style,
  );
  const hint = style.hints
    ? `${style.paint.dim(wrap("Pass answers as flags (--need knowledge) or in a file (--profile answers.yaml). Every question is optional.", style.width))}\n`
    : "";
  return `${table}\n${hint}`;
}

/** The questions as a Markdown list: id, type, question and the accepted values. */
export function renderQuestionsMarkdown(rules: Rules): string {
  const line = (d: Rules["dimensions"][number]) =>
    `- \`${d.id}\` (${d.type}): ${mdText(d.question)}${d.type === "enum" ? ` One of ${d.values.map((v) => `\`${v.id}\``).join(", ")}.` : ""}`;
  return `${rules.dimensions.map(line).join("\n")}\n`;
}
