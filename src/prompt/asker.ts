import type { Answer } from "../core/parse-profile.js";
import type { Dimension } from "../core/rules-schema.js";

export interface Progress {
  index: number;
  total: number;
  /** A round counted on its own, named before the count: "(cost 1/5)". */
  round?: string;
}

/** The questions the questionnaire can put; tests pass a fake, the CLI one built on @inquirer/prompts. */
export interface Asker {
  /** One profile question; undefined means "not sure". */
  answer(dimension: Dimension, progress: Progress): Promise<Answer | undefined>;
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
  /** Free text, e.g. a file name; empty means none. */
  text(message: string, defaultValue?: string): Promise<string>;
}
