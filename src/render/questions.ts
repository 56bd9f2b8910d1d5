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
    // The cost sketch's own questions: answered like number questions, read only by the sketch.
    costQuestions: (rules.cost?.questions ?? []).map((q) => ({
      id: q.id,
      flag: `--${q.id} <number>`,
      question: q.question,
      help: q.help ?? null,
      unit: q.unit ?? null,
      assumed: rules.cost?.defaults[q.id] ?? null,
    })),
  };
}

const COLUMNS = [
  { header: "Flag / key", flex: 0 },
  { header: "Question", flex: 2 },
  { header: "Accepted answers", flex: 3 },
];

export function renderQuestions(rules: Rules, style: Style): string {
  const rows = rules.dimensions.map((d) => {
    const accepted =
      d.type === "enum"
        ? d.values.map((v) => `${style.paint.accent(v.id)}: ${v.meaning}`).join("\n")
        : d.type === "number"
          ? `number >= 0${d.unit ? ` (${d.unit})` : ""}; 50k, 2.5m, 300b`
          : `--${d.id} or --no-${d.id}`;
    return [style.paint.bold(d.id), d.question, accepted];
  });
  const table = renderGrid(COLUMNS, rows, style);
  const costRows = (rules.cost?.questions ?? []).map((q) => {
    const assumed = rules.cost?.defaults[q.id];
    return [
      style.paint.bold(q.id),
      q.question,
      `number >= 0${q.unit ? ` (${q.unit})` : ""}${assumed === undefined ? "" : `; assumed ${String(assumed)} when unanswered`}`,
    ];
  });
  const costTable =
    costRows.length === 0
      ? ""
      : `\n${wrap(`${style.paint.bold("For the cost sketch")} ${style.paint.dim("(advise cost, and recommend once queries-per-day is answered)")}`, style.width)}\n${renderGrid(
          COLUMNS,
          costRows,
          style,
        )}\n`;
  const hint = style.hints
    ? `${style.paint.dim(wrap("Pass answers as flags (--need knowledge) or in a file (--profile answers.yaml). Every question is optional; not-sure leaves one open.", style.width))}\n`
    : "";
  return `${table}\n${costTable}${hint}`;
}

/** The questions as a Markdown list: id, type, question and the accepted values. */
export function renderQuestionsMarkdown(rules: Rules): string {
  const line = (d: Rules["dimensions"][number]) =>
    `- \`${d.id}\` (${d.type}): ${mdText(d.question)}${d.type === "enum" ? ` One of ${d.values.map((v) => `\`${v.id}\``).join(", ")}.` : ""}`;
  const cost = (rules.cost?.questions ?? []).map((q) => `- \`${q.id}\` (number, cost sketch): ${mdText(q.question)}`);
  return `${[...rules.dimensions.map(line), ...cost].join("\n")}\n`;
}
