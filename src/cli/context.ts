import type { Rules } from "../core/rules-schema.js";
import type { Style } from "../render/style.js";
import type { Asker } from "../prompt/asker.js";

/** Standard output or error: Node's stream, or a test's stand-in. */
export type Output = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export interface Streams {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: Output;
  stderr: Output;
}

/** Everything from the outside world a command may use; tests pass their own. */
export interface Io extends Streams {
  argv: string[];
  env: Record<string, string | undefined>;
  /** Makes the asker for interactive questions; loaded only when a question is really asked. */
  asker?: (options: { color: boolean; bold: (text: string) => string; output: Output }) => Promise<Asker>;
}

export interface Context {
  io: Io;
  rules: Rules;
  style: Style;
}
