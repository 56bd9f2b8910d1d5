import type { RawAnswers } from "../core/parse-profile.js";
import type { ParsedDocument } from "../core/read-document.js";
import { ProfileError } from "../core/errors.js";
import { readFlatProfile } from "../core/read-flat-profile.js";
import { readInput } from "./read-input.js";

/** Reads a profile file (YAML or JSON, "-" for stdin) into raw answers that know their line and column. */
export async function readProfileFile(path: string, stdin: () => NodeJS.ReadableStream): Promise<RawAnswers> {
  const { text, name } = await readInput(path, stdin, "profile");
  // Plain `id: answer` lines are read here; anything else by the YAML parser, loaded only then.
  const doc = readFlatProfile(text, name) ?? (await parse(text, name));
  if (typeof doc.value !== "object" || doc.value === null || Array.isArray(doc.value)) {
    throw new ProfileError(`${name}: a profile is a mapping of question ids to answers, such as "need: knowledge"`, [{ ...doc.locate([]), message: 'a profile is a mapping of question ids to answers, such as "need: knowledge"' }]);
  }
  const values = doc.value as Record<string, unknown>;
  return {
    origin: name,
    values,
    locate: (key, part) => {
      const { message: _unused, ...where } = doc.locate(part === "key" ? [] : [key], part === "key" ? key : undefined);
      return where;
    },
  };
}

async function parse(text: string, name: string): Promise<ParsedDocument> {
  const { readDocument } = await import("../lazy/yaml.js");
  const { doc, problems } = readDocument(text, name);
  if (!doc) throw new ProfileError(`${name}: not a readable profile`, problems);
  return doc;
}
