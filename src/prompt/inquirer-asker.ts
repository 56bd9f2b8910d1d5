import { confirm, input, select } from "@inquirer/prompts";
import { CancelledError } from "../core/errors.js";
import { parseAnswer, type Answer } from "../core/parse-profile.js";
import type { Asker } from "./asker.js";

const NOT_SURE = Symbol("not sure");
export interface PromptStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/** Ctrl-C or Ctrl-D in a prompt is a cancellation, not a crash (Inquirer's ExitPromptError). */
async function cancellable<T>(prompt: Promise<T>): Promise<T> {
  try {
    return await prompt;
  } catch (error) {
    if (error instanceof Error && (error.name === "ExitPromptError" || error.name === "AbortPromptError")) throw new CancelledError("cancelled");
    throw error;
  }
}

/** The questions in a terminal: a select for enums and yes/no, a validated input for numbers. */
export function inquirerAsker(streams: PromptStreams): Asker {
  const asker = promptAsker(streams);
  return {
    answer: (dimension, progress) => cancellable(asker.answer(dimension, progress)),
    confirm: (message, defaultValue) => cancellable(asker.confirm(message, defaultValue)),
    text: (message, defaultValue) => cancellable(asker.text(message, defaultValue)),
  };
}

function promptAsker(streams: PromptStreams): Asker {
  const context = { input: streams.input, output: streams.output, clearPromptOnDone: false };
  return {
    async answer(dimension, { index, total }) {
      const message = `(${index}/${total}) ${dimension.question}`;
      if (dimension.type === "enum") {
        const value = await select<string | typeof NOT_SURE>(
          {
            message,
            choices: [
              ...dimension.values.map((v) => ({ name: v.label, value: v.id, description: v.meaning })),
              { name: "Not sure", value: NOT_SURE, description: "Leave it open; the advice will say what it would change." },
            ],
            pageSize: 8,
          },
          context,
        );
        return value === NOT_SURE ? undefined : value;
      }
      if (dimension.type === "boolean") {
        const value = await select<boolean | typeof NOT_SURE>(
          { message, choices: [{ name: "Yes", value: true }, { name: "No", value: false }, { name: "Not sure", value: NOT_SURE }] },
          context,
        );
        return value === NOT_SURE ? undefined : value;
      }
      const text = await input(
        {
          message: `${message} ${"(e.g. 50k or 2.5m; empty if not sure)"}`,
          theme: { style: { help: (t: string) => t } },
          validate: (raw) => {
            if (raw.trim() === "") return true;
            const parsed = parseAnswer(dimension, raw);
            return "error" in parsed ? parsed.error : true;
          },
        },
        context,
      );
      if (text.trim() === "") return undefined;
      const parsed = parseAnswer(dimension, text);
      return "value" in parsed ? (parsed.value as Answer) : undefined;
    },
    confirm: (message, defaultValue) => confirm({ message, default: defaultValue }, context),
    text: (message, defaultValue) => input({ message, default: defaultValue }, context),
  };
}
