import { Chalk } from "chalk";
import { NO_PAINT, type Paint, type Style } from "../render/style.js";

export interface TerminalStream {
  isTTY?: boolean;
  columns?: number;
}

export interface StyleOptions {
  color?: boolean;
  ascii?: boolean;
}

/**
 * Decides colour, character set and width once. Colour: --no-color, then NO_COLOR, then FORCE_COLOR,
 * then TERM=dumb, then whether the stream is a terminal (https://no-color.org, https://force-color.org).
 */
export function styleFor(stream: TerminalStream, env: Record<string, string | undefined>, options: StyleOptions = {}): Style {
  const dumb = env.TERM === "dumb";
  let color: boolean;
  if (options.color === false) color = false;
  else if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") color = false;
  else if (env.FORCE_COLOR !== undefined) color = !["0", "false"].includes(env.FORCE_COLOR);
  else color = !dumb && stream.isTTY === true;
  const columns = stream.isTTY && stream.columns ? stream.columns : Number(env.COLUMNS) || 80;
  return { width: Math.max(40, Math.min(columns, 200)), unicode: !(options.ascii || dumb), color, paint: color ? chalkPaint() : NO_PAINT };
}

function chalkPaint(): Paint {
  const chalk = new Chalk({ level: 1 });
  return { bold: chalk.bold, dim: chalk.dim, accent: chalk.cyan, good: chalk.green, bad: chalk.red, warn: chalk.yellow };
}

/** Questions need a terminal on both ends; standard input is looked at only when standard output is one. */
export function canPrompt(stdin: () => TerminalStream, stdout: TerminalStream): boolean {
  return stdout.isTTY === true && stdin().isTTY === true;
}
