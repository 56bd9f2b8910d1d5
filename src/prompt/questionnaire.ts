import type { Profile } from "../core/parse-profile.js";
import type { Rules } from "../core/rules-schema.js";
import type { Asker } from "./asker.js";
import { CORE_SIZE, questionOrder } from "./question-order.js";

/**
 * Asks what the profile does not answer yet: the most decisive questions first, then, if the user wants,
 * the rest. Answers already given by flags or a profile file are never asked again.
 */
export async function askQuestions(rules: Rules, given: Profile, ask: Asker): Promise<Profile> {
  const profile: Profile = { ...given };
  const byId = new Map(rules.dimensions.map((d) => [d.id, d]));
  const missing = questionOrder(rules).filter((id) => given[id] === undefined);
  const core = missing.slice(0, CORE_SIZE);
  const rest = missing.slice(CORE_SIZE);
  let queue = core;
  let total = core.length;
  for (let index = 0; index < queue.length; index++) {
    const dimension = byId.get(queue[index]!)!;
    const value = await ask.answer(dimension, { index: index + 1, total });
    if (value !== undefined) profile[dimension.id] = value;
    if (index === queue.length - 1 && queue === core && rest.length > 0) {
      if (await ask.confirm(`Answer ${rest.length} more question${rest.length === 1 ? "" : "s"} to sharpen the advice?`, false)) {
        queue = [...core, ...rest];
        total = queue.length;
      }
    }
  }
  return profile;
}
