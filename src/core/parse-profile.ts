import { ProfileError, type Problem } from "./errors.js";
import { NUMBER_FORMS, parseNumber } from "./parse-number.js";
import { indexRules } from "./rules-index.js";
import type { Dimension, EnumDimension, Rules } from "./rules-schema.js";
import { didYouMean } from "./suggest.js";

export type Answer = string | number | boolean;
/** Normalised answers keyed by dimension id; an unanswered dimension is absent. */
export type Profile = Record<string, Answer>;

/**
 * The answer that means "asked, and left open": accepted for any question in a profile file or a flag, it counts as
 * unanswered for the advice, but a questionnaire does not ask it again, so a saved session replays as it was.
 */
export const LEFT_OPEN = "not-sure";

/** A profile with the questions explicitly left open beside it. */
export interface ProfileAnswers {
  profile: Profile;
  /** Dimension ids answered "not sure". */
  open: string[];
}

// Anchored, so a very long answer is turned down at its first character rather than copied to compare it.
const LEFT_OPEN_FORM = new RegExp(`^\\s*${LEFT_OPEN}\\s*$`, "i");
export const isLeftOpen = (raw: unknown): boolean => typeof raw === "string" && LEFT_OPEN_FORM.test(raw);

const TRUE = ["true", "yes", "y", "1", "on"];
const FALSE = ["false", "no", "n", "0", "off"];

/** A value as a message may quote it; lists and mappings by their kind, since they may be huge or deep. */
function describeValue(raw: unknown): string {
  if (typeof raw === "string") return `"${raw.length > 60 ? `${raw.slice(0, 60)}…` : raw}"`;
  if (Array.isArray(raw)) return "a list";
  if (typeof raw === "object" && raw !== null) return "a mapping";
  return String(raw);
}

const spellings = new WeakMap<EnumDimension, Map<string, string>>();

/** An enum's accepted spellings in lower case, each to the id it stands for; an id wins over an alias. */
function spellingsOf(dimension: EnumDimension): Map<string, string> {
  let known = spellings.get(dimension);
  if (!known) {
    known = new Map(Object.entries(dimension.aliases));
    // In reverse, so that of two ids alike but for case, the first listed wins.
    for (const { id } of [...dimension.values].reverse()) known.set(id.toLowerCase(), id);
    spellings.set(dimension, known);
  }
  return known;
}

/** The normalised answer, or undefined when the dimension does not accept it (parseAnswer says why). */
function answerOf(dimension: Dimension, raw: unknown): Answer | undefined {
  switch (dimension.type) {
    case "number":
      return parseNumber(raw);
    case "boolean": {
      if (typeof raw === "boolean") return raw;
      const text = String(raw).trim().toLowerCase();
      return TRUE.includes(text) ? true : FALSE.includes(text) ? false : undefined;
    }
    case "enum":
      return typeof raw === "string" ? spellingsOf(dimension).get(raw.trim().toLowerCase()) : undefined;
  }
}

/** Why a dimension does not accept an answer, and what it accepts. */
function rejection(dimension: Dimension, raw: unknown): string {
  const shown = describeValue(raw);
  switch (dimension.type) {
    case "number": {
      const numeric = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw.trim()) : Number.NaN;
      const why =
        numeric < 0
          ? " (it must not be negative)"
          : numeric === Infinity || (Number.isNaN(numeric) && typeof raw === "number")
            ? " (it must be finite)"
            : "";
      return `${shown} is not a valid answer to ${dimension.id}${why}; expected ${NUMBER_FORMS}`;
    }
    case "boolean":
      return `${shown} is not a valid answer to ${dimension.id}; expected true or false (yes/no)`;
    case "enum": {
      const ids = dimension.values.map((v) => v.id);
      const hint = typeof raw === "string" ? didYouMean(raw.trim(), [...ids, ...Object.keys(dimension.aliases)]) : "";
      return `${shown} is not a valid answer to ${dimension.id}${hint}; allowed: ${ids.join(", ")}`;
    }
  }
}

/** Reads one answer for one dimension; returns the normalised value or a message saying what is accepted. */
export function parseAnswer(dimension: Dimension, raw: unknown): { value: Answer } | { error: string } {
  const value = answerOf(dimension, raw);
  return value !== undefined ? { value } : { error: rejection(dimension, raw) };
}

export interface RawAnswers {
  /** Where these answers came from, for messages: a file name, "flags". */
  origin: string;
  values: Record<string, unknown>;
  /** Optional locator for file-based answers, so messages can give a line and column. */
  locate?: (key: string, part: "key" | "value") => Partial<Problem>;
}

/** Validates raw answers against the rules' dimensions, reporting every problem at once; "not sure" is unanswered. */
export function parseProfile(rules: Rules, raw: RawAnswers): Profile {
  return parseAnswers(rules, raw).profile;
}

/** As parseProfile, and also lists the questions answered "not sure" (LEFT_OPEN). */
export function parseAnswers(rules: Rules, raw: RawAnswers): ProfileAnswers {
  const { dimensions } = indexRules(rules);
  const profile: Profile = {};
  const open: string[] = [];
  // Allocated only when something is wrong: a batch parses every record through here.
  let problems: Problem[] | undefined;
  for (const key in raw.values) {
    if (!Object.hasOwn(raw.values, key)) continue;
    const value = raw.values[key];
    const dimension = dimensions.get(key);
    if (!dimension) {
      (problems ??= []).push({
        ...raw.locate?.(key, "key"),
        message: `unknown question "${key}"${didYouMean(key, [...dimensions.keys()])}; run \`advise questions\` for the list`,
      });
      continue;
    }
    if (value === null || value === undefined) continue;
    const answer = answerOf(dimension, value);
    if (answer !== undefined) profile[key] = answer;
    else if (isLeftOpen(value)) open.push(key);
    else (problems ??= []).push({ ...raw.locate?.(key, "value"), message: rejection(dimension, value) });
  }
  if (problems) {
    const head = problems.length === 1 ? problems[0]!.message : `${problems.length} problems`;
    throw new ProfileError(`${raw.origin}: ${head}`, problems);
  }
  return { profile, open };
}

/** Later sources override earlier ones: profile file, then flags, then answers to questions. */
export function mergeProfiles(...layers: Profile[]): Profile {
  return Object.assign({}, ...layers) as Profile;
}

/** As mergeProfiles; a later answer closes a question an earlier source left open, and a later "not sure" opens it. */
export function mergeAnswers(...layers: ProfileAnswers[]): ProfileAnswers {
  const profile: Profile = {};
  const open = new Set<string>();
  for (const layer of layers) {
    for (const [id, value] of Object.entries(layer.profile)) {
      profile[id] = value;
      open.delete(id);
    }
    for (const id of layer.open) {
      delete profile[id];
      open.add(id);
    }
  }
  return { profile, open: [...open] };
}

/** The answers as a profile file records them, in the rules' order, questions left open as LEFT_OPEN. */
export function recordedProfile(rules: Rules, { profile, open }: ProfileAnswers): Profile {
  const recorded: Profile = {};
  for (const { id } of rules.dimensions) {
    if (profile[id] !== undefined) recorded[id] = profile[id];
    else if (open.includes(id)) recorded[id] = LEFT_OPEN;
  }
  return recorded;
}
