import { splitCostAnswers } from "../core/cost.js";
import { ProfileError, UsageError } from "../core/errors.js";
import {
  mergeAnswers,
  mergeProfiles,
  parseAnswers,
  type Profile,
  type ProfileAnswers,
  type RawAnswers,
} from "../core/parse-profile.js";
import type { Rules } from "../core/rules-schema.js";
import { readProfileFile } from "../io/profile-source.js";
import type { Io } from "./context.js";

export interface AnswerSources {
  profileFile?: string;
  /** Raw flag values keyed by dimension id, as typed. */
  flags: Record<string, unknown>;
}

/** The answers to the questions the recommendation reads, those left open ("not sure"), and the cost sketch's. */
export interface Answers extends ProfileAnswers {
  /** The answers to the questions only the cost sketch reads (tokens per request, model size). */
  cost: Profile;
}

/** One source of answers, split into the recommendation's and the cost sketch's. */
export function parseSource(rules: Rules, raw: RawAnswers): Answers {
  const { cost, rest, problems } = splitCostAnswers(rules, raw.values);
  if (problems.length > 0) throw new ProfileError(`${raw.origin}: ${problems.join("; ")}`);
  return { ...parseAnswers(rules, { ...raw, values: rest }), cost };
}

/** Answers from the profile file, then flags (later wins); every bad value is reported at once. */
export async function gatherAnswers(rules: Rules, io: Io, sources: AnswerSources): Promise<Answers> {
  const fromFile = sources.profileFile
    ? parseSource(rules, await readProfileFile(sources.profileFile, () => io.stdin))
    : { profile: {}, open: [], cost: {} };
  const fromFlags = parseSource(rules, {
    origin: "flags",
    values: sources.flags,
    locate: (key) => ({ path: `--${key}` }),
  });
  return { ...mergeAnswers(fromFile, fromFlags), cost: mergeProfiles(fromFile.cost, fromFlags.cost) };
}

/** No answers at all; `why` says why none could be asked for either. */
export function noAnswersError(why: string): UsageError {
  return new UsageError(
    `${why}. Pass a profile file (--profile answers.yaml, or - for stdin), ` +
      "answer with flags (e.g. --need knowledge --budget-usd 50k), or run `advise questions` to see them all.",
  );
}
