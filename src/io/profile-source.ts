import type { RawAnswers } from "../core/parse-profile.js";
import { ProfileError } from "../core/errors.js";
import { readInput } from "./read-input.js";

const NOT_A_MAPPING = 'a profile is a mapping of question ids to answers, such as "need: knowledge"';

/** Reads a profile file (YAML or JSON, "-" for stdin) into raw answers that know their line and column. */
export async function readProfileFile(path: string, stdin: () => NodeJS.ReadableStream): Promise<RawAnswers> {
  const { text, name } = await readInput(path, stdin, "profile");
  const { readDocument } = await import("../core/read-document.js");
  const { doc, problems } = readDocument(text, name);
  if (!doc) throw new ProfileError(`${name}: not a readable profile`, problems);
  if (typeof doc.value !== "object" || doc.value === null || Array.isArray(doc.value)) {
    throw new ProfileError(`${name}: ${NOT_A_MAPPING}`, [{ ...doc.locate([]), message: NOT_A_MAPPING }]);
  }
  return {
    origin: name,
    values: doc.value as Record<string, unknown>,
    locate: (key, part) => {
      const { message: _unused, ...where } = doc.locate(part === "key" ? [] : [key], part === "key" ? key : undefined);
      return where;
    },
  };
}
