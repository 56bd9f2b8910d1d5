import { costQuestions } from "../core/cost.js";
import { evaluate } from "../core/evaluate.js";
import { LEFT_OPEN, type Profile, type ProfileAnswers } from "../core/parse-profile.js";
import type { Rules } from "../core/rules-schema.js";
import { shown } from "../core/shown.js";
import type { Asker } from "./asker.js";
import { questionRounds } from "./question-order.js";

/** How many questions the second-round offer lists before it says how many more. */
const NAMED = 4;

/** An offer of more questions: what they are for, the questions as a list, and "Answer it/them?". */
function offerOf(heading: string, items: string[], count: number): string {
  return [heading, ...items.map((item) => `  - ${item}`), `Answer ${count === 1 ? "it" : "them"}?`].join("\n");
}

/**
 * The second round, the questions that could change the advice first (as the evaluator finds them for the answers
 * so far, most decisive first), and the offer that says so.
 */
export function secondRound(
  rules: Rules,
  answers: ProfileAnswers,
  rest: string[],
): { changing: string[]; others: string[]; offer: string } {
  const waiting = new Set(rest);
  const changing = evaluate(rules, answers.profile)
    .sharpen.map((q) => q.dimension)
    .filter((id) => waiting.has(id));
  const others = rest.filter((id) => !changing.includes(id));
  const byId = new Map(rules.dimensions.map((d) => [d.id, d]));
  // The questions in their own words, as they will be asked; text from the rules file is shown, never obeyed.
  const listed = [
    ...changing.slice(0, NAMED).map((id) => shown(byId.get(id)?.question ?? id)),
    ...(changing.length > NAMED ? [`and ${changing.length - NAMED} more`] : []),
  ];
  const offer =
    changing.length === 0
      ? rest.length === 1
        ? "The other question would not change this recommendation. Answer it anyway?"
        : `None of the ${rest.length} other questions would change this recommendation. Answer them anyway?`
      : offerOf(
          changing.length === rest.length
            ? `${rest.length === 1 ? "The other question" : `All ${rest.length} other questions`} could change this advice:`
            : `${changing.length} of the ${rest.length} other questions could change this advice:`,
          listed,
          changing.length,
        );
  return { changing, others, offer };
}

/**
 * Asks what the answers do not cover yet: the core round first, then, while the user wants, the questions that could
 * still change the advice given the answers so far, and when none could, the rest. Questions answered or left open
 * ("not sure") by flags or a profile file are never asked again; a question left open here is recorded as open.
 */
export async function askQuestions(rules: Rules, given: ProfileAnswers, ask: Asker): Promise<ProfileAnswers> {
  const answers: ProfileAnswers = { profile: { ...given.profile }, open: [...given.open] };
  const byId = new Map(rules.dimensions.map((d) => [d.id, d]));
  const rounds = questionRounds(rules);
  const pending = (id: string) => given.profile[id] === undefined && !given.open.includes(id);
  let asked = 0;
  const askAll = async (ids: string[]) => {
    const total = asked + ids.length;
    for (const id of ids) {
      const value = await ask.answer(byId.get(id)!, { index: ++asked, total });
      if (value !== undefined) answers.profile[id] = value;
      else answers.open.push(id);
    }
  };
  await askAll(rounds.core.filter(pending));
  let rest = rounds.rest.filter(pending);
  while (rest.length > 0) {
    const { changing, others, offer } = secondRound(rules, answers, rest);
    if (!(await ask.confirm(offer, false))) break;
    const round = changing.length > 0 ? changing : others;
    await askAll(round);
    rest = rest.filter((id) => !round.includes(id));
  }
  return answers;
}

/**
 * The cost sketch's own questions (tokens in a request and an answer, retrieved text, model size), offered once the
 * advice's questions are done and only when there will be a sketch, that is when the volume is known. The offer
 * says what the sketch assumes for each; a question left open keeps that assumption and is recorded as not-sure.
 * Returns the cost answers.
 */
export async function askCostQuestions(
  rules: Rules,
  answers: { profile: Profile; cost: Profile },
  ask: Asker,
): Promise<Profile> {
  const waiting = costQuestions(rules).filter((q) => answers.cost[q.id] === undefined);
  if (answers.profile["queries-per-day"] === undefined || waiting.length === 0) return answers.cost;
  const defaults = rules.cost?.defaults ?? {};
  const assumed = (id: string) => (defaults[id] === undefined ? "" : ` (assumed: ${shown(String(defaults[id]))})`);
  const offer = offerOf(
    `The cost sketch assumes ${waiting.length === 1 ? "a figure" : `${waiting.length} figures`} you can give:`,
    waiting.map((q) => `${shown(q.question)}${assumed(q.id)}`),
    waiting.length,
  );
  if (!(await ask.confirm(offer, false))) return answers.cost;
  const cost: Profile = { ...answers.cost };
  for (const [i, q] of waiting.entries()) {
    const { id, question, help, unit, sources } = q;
    const value = await ask.answer(
      { id, type: "number", question, help, unit, sources, core: false },
      { index: i + 1, total: waiting.length, round: "cost" },
    );
    // Left open, it is recorded so, and a saved profile does not ask it again.
    cost[id] = value ?? LEFT_OPEN;
  }
  return cost;
}
