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
 * Whether to paint what goes to a stream: --no-color, then NO_COLOR, then FORCE_COLOR, then TERM=dumb, then
 * whether the stream is a terminal (https://no-color.org, https://force-color.org).
 */
export function colorFor(
  stream: TerminalStream,
  env: Record<string, string | undefined>,
  options: StyleOptions = {},
): boolean {
  if (options.color === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined) return !["0", "false"].includes(env.FORCE_COLOR);
  return env.TERM !== "dumb" && stream.isTTY === true;
}

let chalk: Paint | undefined;

/** chalk's colours, 16-colour level, loaded only when something is painted (colorFor decides). */
export async function chalkPaint(): Promise<Paint> {
  if (!chalk) {
    const { Chalk } = await import("chalk");
    const c = new Chalk({ level: 1 });
    chalk = { bold: c.bold, dim: c.dim, accent: c.cyan, good: c.green, bad: c.red, warn: c.yellow };
  }
  return chalk;
}

/** Decides colour, character set and width once. `paint` is what colours; without colour nothing is painted. */
export function styleFor(
  stream: TerminalStream,
  env: Record<string, string | undefined>,
  options: StyleOptions,
  paint: Paint,
): Style {
  const color = colorFor(stream, env, options);
  const columns = stream.isTTY && stream.columns ? stream.columns : Number(env.COLUMNS) || 80;
  return {
    width: Math.max(40, Math.min(columns, 200)),
    unicode: !(options.ascii || env.TERM === "dumb"),
    color,
    hints: stream.isTTY === true,
    links: stream.isTTY === true && followsLinks(env),
    paint: color ? paint : NO_PAINT,
  };
}

/**
 * Whether the terminal follows OSC 8 links: FORCE_HYPERLINK decides when set; otherwise the terminals known to
 * (iTerm2, WezTerm, VS Code, Windows Terminal, GNOME's VTE 0.50 and newer, kitty, Ghostty). Others show the address.
 */
function followsLinks(env: Record<string, string | undefined>): boolean {
  if (env.FORCE_HYPERLINK !== undefined) return !["0", "false", ""].includes(env.FORCE_HYPERLINK);
  if (env.TERM === "dumb") return false;
  if (["iTerm.app", "WezTerm", "vscode", "ghostty"].includes(env.TERM_PROGRAM ?? "")) return true;
  if (env.WT_SESSION || env.TERM === "xterm-kitty" || env.TERM === "xterm-ghostty") return true;
  return Number(env.VTE_VERSION ?? 0) >= 5000;
}

/**
 * Where questions are drawn: standard output on a terminal, else standard error on one, so that
 * `advise --format markdown > decision.md` can still ask; undefined when neither is a terminal.
 */
export function promptStream<T extends TerminalStream>(stdout: T, stderr: T): T | undefined {
  return stdout.isTTY === true ? stdout : stderr.isTTY === true ? stderr : undefined;
}

/** Questions need a terminal on both ends; standard input is looked at only when there is one to draw them on. */
export function canPrompt(stdin: () => TerminalStream, stdout: TerminalStream, stderr: TerminalStream): boolean {
  return promptStream(stdout, stderr) !== undefined && stdin().isTTY === true;
}
