import Table from "cli-table3";
import displayWidth from "../adapters/string-width.js";
import { breakPieces } from "./line-break.js";
import { wrap, type Style } from "./style.js";

const ASCII_CHARS = {
  top: "-",
  "top-mid": "+",
  "top-left": "+",
  "top-right": "+",
  bottom: "-",
  "bottom-mid": "+",
  "bottom-left": "+",
  "bottom-right": "+",
  left: "|",
  "left-mid": "+",
  mid: "-",
  "mid-mid": "+",
  right: "|",
  "right-mid": "+",
  middle: "|",
};

export interface Column {
  header: string;
  /** Share of the free width this column may take when the table must shrink; 0 keeps its natural width. */
  flex: number;
  align?: "left" | "right";
}

/**
 * A bordered table that never overflows `style.width`: columns with `flex` share what is left after the fixed
 * columns and wrap their text at word boundaries.
 */
export function renderGrid(columns: Column[], rows: string[][], style: Style): string {
  const padding = 2;
  const cells = columns.map((column, i) => [column.header, ...rows.map((row) => row[i] ?? "")]);
  const natural = cells.map(
    (column) => Math.max(...column.flatMap((cell) => cell.split("\n").map(displayWidth))) + padding,
  );
  // A column never gets narrower than its longest word (or unbreakable run), so words wrap instead of being cut.
  const minimum = columns.map((column, i) =>
    column.flex === 0
      ? natural[i]!
      : Math.min(
          natural[i]!,
          Math.max(...cells[i]!.flatMap((cell) => breakPieces(cell).map((piece) => piece.width))) + padding,
        ),
  );
  const budget = style.width - (columns.length + 1);
  const widths = natural.slice();
  const minimumTotal = minimum.reduce((a, b) => a + b, 0);
  // Too narrow for the columns side by side even with one word a line: one block per row instead.
  if (minimumTotal > budget) return renderStacked(columns, rows, style);
  if (natural.reduce((a, b) => a + b, 0) > budget) {
    widths.splice(0, widths.length, ...minimum);
    let spare = budget - widths.reduce((a, b) => a + b, 0);
    // Share what is left by flex, a column at a time, until every column is at its natural width or none is left.
    while (spare > 0) {
      const growing = columns.map((c, i) => (c.flex > 0 && widths[i]! < natural[i]! ? i : -1)).filter((i) => i >= 0);
      if (growing.length === 0) break;
      const flexTotal = growing.reduce((sum, i) => sum + columns[i]!.flex, 0);
      let given = 0;
      for (const i of growing) {
        const share = Math.max(1, Math.floor((spare * columns[i]!.flex) / flexTotal));
        const give = Math.min(share, natural[i]! - widths[i]!, spare - given);
        widths[i]! += give;
        given += give;
      }
      if (given === 0) break;
      spare -= given;
    }
  }
  // Each cell is wrapped to its column's width as paragraphs are (Chinese and Japanese between characters), a list
  // item's lines hanging under its text; cli-table3 draws them, carrying colour across the lines of a cell.
  const fit = (cell: string, i: number) =>
    cell
      .split("\n")
      .map((line) => wrap(line, widths[i]! - padding, "", line.startsWith("• ") ? "  " : ""))
      .join("\n");
  const table = new Table({
    head: columns.map((c, i) => fit(style.paint.bold(c.header), i)),
    colWidths: widths,
    colAligns: columns.map((c) => c.align ?? "left"),
    style: { head: [], border: [], "padding-left": 1, "padding-right": 1 },
    ...(style.unicode ? {} : { chars: ASCII_CHARS }),
  });
  table.push(...rows.map((row) => row.map(fit)));
  return table.toString();
}

/** Rows as blocks of "header: value" lines, for terminals too narrow for a table. */
function renderStacked(columns: Column[], rows: string[][], style: Style): string {
  const rule = (style.unicode ? "─" : "-").repeat(Math.min(style.width, 40));
  const blocks = rows.map((row) =>
    row
      .map((cell, i) => {
        const header = columns[i]!.header;
        if (cell.trim() === "") return "";
        if (i === 0 && header !== "#") return style.paint.bold(wrap(cell.split("\n").join(" "), style.width));
        const [first = "", ...more] = cell.split("\n");
        const label = header ? `${style.paint.dim(`${header}:`)} ` : "";
        // A cell of several lines (a list) keeps them: one under the other, each wrapped on its own.
        if (more.length === 0) return wrap(`${label}${first}`, style.width, "", "  ");
        return [
          ...(label ? [label.trimEnd()] : []),
          ...[first, ...more].map((line) => wrap(line, style.width, "  ", "  ")),
        ].join("\n");
      })
      .filter((line) => line !== "")
      .join("\n"),
  );
  return [rule, ...blocks.flatMap((block) => [block, rule])].join("\n");
}
