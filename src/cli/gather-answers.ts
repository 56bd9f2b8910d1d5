import { UsageError } from "../core/errors.js";
import { mergeProfiles, parseProfile, type Profile } from "../core/parse-profile.js";
import type { Rules } from "../core/rules-schema.js";
import { readProfileFile } from "../io/profile-source.js";
import type { Io } from "./context.js";

export interface AnswerSources {
  profileFile?: string;
  /** Raw flag values keyed by dimension id, as typed. */
  flags: Record<string, unknown>;
}

/** Answers from the profile file, then flags (later wins); every bad value is reported at once. */
export async function gatherAnswers(rules: Rules, io: Io, sources: AnswerSources): Promise<Profile> {
  const fromFile = sources.profileFile ? parseProfile(rules, await readProfileFile(sources.profileFile, () => io.stdin)) : {};
  const fromFlags = parseProfile(rules, {
    origin: "flags",
    values: sources.flags,
    locate: (key) => ({ path: `--${key}` }),
  });
  return mergeProfiles(fromFile, fromFlags);
}

/** No answers at all; `why` says why none could be asked for either. */
export function noAnswersError(why: string): UsageError {
  return new UsageError(
    `${why}. Pass a profile file (--profile answers.yaml, or - for stdin), ` +
      "answer with flags (e.g. --need knowledge --budget-usd 50k), or run `advise questions` to see them all.",
  );
}
