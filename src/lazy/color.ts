import { Chalk } from "chalk";
import type { Paint } from "../render/style.js";

// Loaded only when something is painted (a terminal, or FORCE_COLOR): scripts and pipes never load chalk.
export function chalkPaint(): Paint {
  const chalk = new Chalk({ level: 1 });
  return { bold: chalk.bold, dim: chalk.dim, accent: chalk.cyan, good: chalk.green, bad: chalk.red, warn: chalk.yellow };
}
