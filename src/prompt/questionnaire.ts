import type { Profile } from "../core/parse-profile.js";
import type { Rules } from "../core/rules-schema.js";
import type { Asker } from "./asker.js";
import { questionRounds } from "./question-order.js";

/**
 * Asks what the profile does not answer yet: the core round first, then, if the user wants, the rest; each
 * round most decisive question first. Answers already given by flags or a profile file are never asked again.
 */
export async function askQuestions(rules: Rules, given: Profile, ask: Asker): Promise<Profile> {
  const profile: Profile = { ...given };
  const byId = new Map(rules.dimensions.map((d) => [d.id, d]));
  const rounds = questionRounds(rules);
  const core = rounds.core.filter((id) => given[id] === undefined);
  const rest = rounds.rest.filter((id) => given[id] === undefined);
  const askAll = async (ids: string[], offset: number, total: number) => {
    for (const [i, id] of ids.entries()) {
      const dimension = byId.get(id)!;
      const value = await ask.answer(dimension, { index: offset + i + 1, total });
      if (value !== undefined) profile[id] = value;
    }
  };
  await askAll(core, 0, core.length);
  if (rest.length > 0 && (await ask.confirm(`Answer ${rest.length} more question${rest.length === 1 ? "" : "s"} to sharpen the advice?`, false))) {
    await askAll(rest, core.length, core.length + rest.length);
  }
  return profile;
}
