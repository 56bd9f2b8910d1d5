import { mdText } from "./markdown-text.js";
import { cumulative, formatMoney, formatRange, type ApproachCost, type CostSketch } from "../core/cost.js";
import { renderGrid } from "./grid.js";
import { wrap, type Style } from "./style.js";

const dashFor = (style: Style) => (style.unicode ? "–" : "-");

/** The notes under the table and the Markdown section: break-even, volume, staleness, assumptions. */
function notes(sketch: CostSketch): { findings: string[]; stale: string[]; assumptions: string[] } {
  const findings: string[] = [];
  if (sketch.breakEven) findings.push(`Break-even: ${sketch.breakEven.summary}`);
  if (sketch.volume) findings.push(`Volume: ${sketch.volume.summary}`);
  if (sketch.budget) findings.push(`Budget: ${sketch.budget.summary}`);
  const stale = sketch.stale.map(
    (p) => `Possibly stale: "${p.label}" was checked on ${p.checked}, more than six months before ${sketch.now}.`,
  );
  return { findings, stale, assumptions: sketch.assumptions };
}

const mark = (sketch: CostSketch, a: ApproachCost) =>
  a.id === sketch.recommendation ? " (recommended)" : a.id === sketch.runnerUp ? " (runner-up)" : "";

/**
 * The cost sketch as a table of low–high ranges per approach (up front, a month, the first 12 months), then the
 * break-even, the volume at which the monthly costs meet, stale prices and the assumptions, all within the width.
 */
export function renderCostTable(sketch: CostSketch, style: Style, width = style.width): string {
  const fitted: Style = { ...style, width };
  const dash = dashFor(style);
  const rows = sketch.approaches.map((a) => [
    `${style.paint.accent(a.name)}${mark(sketch, a)}`,
    formatRange(a.upfront, sketch.currency, dash),
    formatRange(a.monthly, sketch.currency, dash),
    formatRange(a.total12, sketch.currency, dash),
  ]);
  const table = renderGrid(
    [
      { header: "Approach", flex: 2 },
      { header: "Up front", flex: 1, align: "right" },
      { header: "Monthly", flex: 1, align: "right" },
      { header: "12 months", flex: 1, align: "right" },
    ],
    rows,
    fitted,
  );
  const { findings, stale, assumptions } = notes(sketch);
  const bullet = style.unicode ? "• " : "- ";
  const out = [
    table,
    wrap(
      `${sketch.currency}, prices as of ${sketch.asOf}; low${dash}high from the cheapest to the dearest prices.`,
      width,
    ),
    ...findings.map((line) => wrap(line, width)),
    ...stale.map((line) => style.paint.warn(wrap(line, width))),
    style.paint.bold("Assumptions"),
    ...assumptions.map((line) => wrap(`${bullet}${line}`, width, "", "  ")),
  ];
  return `${out.join("\n")}\n`;
}

const MARKERS = ["A", "B", "C", "D", "E", "F", "G", "H"];

/**
 * Cumulative cost over the horizon (24 months by default) per approach, on a logarithmic scale so a million and a
 * hundred fit one chart: one letter per approach at the middle of its range, `x` where lines meet, a legend
 * below. Plain characters that fit `width`; ASCII only when `style.unicode` is off; no meaning rests on colour.
 */
export function renderCostChart(sketch: CostSketch, style: Style, width = style.width, height = 12): string {
  const approaches = sketch.approaches.slice(0, MARKERS.length);
  const horizon = sketch.horizonMonths;
  const mid = (a: ApproachCost, m: number) => (cumulative(a, m, "low") + cumulative(a, m, "high")) / 2;
  const values = approaches.flatMap((a) => [mid(a, Math.min(1, horizon)), mid(a, horizon)]).filter((v) => v > 0);
  const legend = approaches.map((a, i) => `${MARKERS[i]} ${a.name}${mark(sketch, a)}`);
  const caption = `Cumulative cost over ${horizon} months, middle of each range, log scale (${sketch.currency}).`;
  if (approaches.length === 0 || values.length === 0)
    return `${wrap(caption, width)}\n${wrap("Nothing to draw: every approach costs nothing here.", width)}\n`;

  const top = 10 ** Math.ceil(Math.log10(Math.max(...values)) + 1e-9);
  const bottom = Math.max(1, Math.min(top / 10, 10 ** Math.floor(Math.log10(Math.min(...values)))));
  const span = Math.log10(top) - Math.log10(bottom);
  const rows = Math.max(4, height);
  const rowOf = (v: number) =>
    v <= bottom ? 0 : Math.min(rows - 1, Math.round(((Math.log10(v) - Math.log10(bottom)) / span) * (rows - 1)));

  const labels: string[] = Array.from({ length: rows }, () => "");
  for (let power = Math.log10(bottom); power <= Math.log10(top) + 1e-9; power++) {
    labels[Math.round(((power - Math.log10(bottom)) / span) * (rows - 1))] = formatMoney(10 ** power, sketch.currency);
  }
  const labelWidth = Math.max(...labels.map((l) => l.length), formatMoney(top, sketch.currency).length);
  const axis = style.unicode ? { v: "│", corner: "└", h: "─", tick: "┤" } : { v: "|", corner: "+", h: "-", tick: "+" };
  const plotWidth = Math.max(8, width - labelWidth - 1);
  const grid: string[][] = Array.from({ length: rows }, () => Array.from({ length: plotWidth }, () => " "));
  approaches.forEach((a, i) => {
    for (let col = 0; col < plotWidth; col++) {
      const month = (col / (plotWidth - 1)) * horizon;
      const row = rowOf(mid(a, month));
      const cell = grid[row]![col]!;
      grid[row]![col] = cell === " " || cell === MARKERS[i] ? MARKERS[i]! : "x";
    }
  });
  const lines: string[] = [];
  for (let r = rows - 1; r >= 0; r--) {
    const label = labels[r]!;
    lines.push(`${label.padStart(labelWidth)}${label ? axis.tick : axis.v}${grid[r]!.join("").replace(/\s+$/, "")}`);
  }
  lines.push(`${" ".repeat(labelWidth)}${axis.corner}${axis.h.repeat(plotWidth)}`);
  const ticks = Array.from({ length: plotWidth }, () => " ");
  const put = (col: number, text: string) => {
    const start = Math.min(Math.max(0, col - Math.floor(text.length / 2)), plotWidth - text.length);
    if (ticks.slice(Math.max(0, start - 1), start + text.length + 1).some((c) => c !== " ")) return;
    for (let i = 0; i < text.length; i++) ticks[start + i] = text[i]!;
  };
  for (let m = 0; m <= horizon; m += horizon >= 12 ? 6 : 1) put(Math.round((m / horizon) * (plotWidth - 1)), String(m));
  lines.push(`${" ".repeat(labelWidth + 1)}${ticks.join("").replace(/\s+$/, "")}`);
  lines.push(`${" ".repeat(labelWidth + 1)}${"months".padStart(Math.min(plotWidth, 6))}`.replace(/\s+$/, ""));
  return `${[wrap(caption, width), ...lines, ...legend.map((l) => wrap(l, width, "", "  ")), wrap("x: two or more lines in one place.", width)].join("\n")}\n`;
}

/** The cost sketch as a Markdown section for a decision record or `--format markdown`. */
export function renderCostMarkdown(sketch: CostSketch, heading = "## Cost sketch"): string {
  const out = [
    heading,
    "",
    `${sketch.currency}, prices as of ${sketch.asOf}; each range runs from the cheapest to the dearest prices.`,
    "",
    "| Approach | Up front | Monthly | 12 months |",
    "|---|---:|---:|---:|",
    ...sketch.approaches.map(
      (a) =>
        `| ${mdText(`${a.name}${mark(sketch, a)}`)} | ${formatRange(a.upfront, sketch.currency)} | ${formatRange(a.monthly, sketch.currency)} | ${formatRange(a.total12, sketch.currency)} |`,
    ),
  ];
  const { findings, stale, assumptions } = notes(sketch);
  if (findings.length > 0) out.push("", ...findings.map((f) => `- ${mdText(f)}`));
  if (stale.length > 0) out.push("", ...stale.map((s) => `- **${mdText(s)}**`));
  out.push("", "Assumptions:", "", ...assumptions.map((a) => `- ${mdText(a)}`));
  out.push("", "Prices:", "", "| Price | Low | High | Unit | Checked | Sources |", "|---|---:|---:|---|---|---|");
  for (const p of sketch.prices)
    out.push(
      `| ${mdText(p.label)} | ${p.low} | ${p.high} | ${mdText(p.unit)} | ${p.checked} | ${p.sources.join(", ")} |`,
    );
  return `${out.join("\n")}\n`;
}
