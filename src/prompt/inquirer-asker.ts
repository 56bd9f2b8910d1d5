import { confirm, input, select } from "../vendor/inquirer.js";
import { CancelledError, TerminatedError } from "../core/errors.js";
import { parseAnswer, type Answer } from "../core/parse-profile.js";
import type { Dimension, EnumDimension } from "../core/rules-schema.js";
import { shown } from "../core/shown.js";
import { wrap } from "../render/style.js";
import type { Asker, Progress } from "./asker.js";

/** The value a "Not sure" choice returns; it leaves the question unanswered. */
const NOT_SURE = "\u0000not-sure";

/** The neutral choice: worded so that it cannot be taken for a value such as need "unclear" (issue #19). */
const NOT_SURE_CHOICE = "Not sure — leave open";
const NOT_SURE_MEANING = "Leave it open; the advice says whether it matters.";

export interface PromptStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Aborted when the process is asked to stop (SIGTERM): the prompt tidies the terminal up and ends. */
  signal?: AbortSignal;
  /** How a question is set off (bold in colour); plain text by default. */
  bold?: (text: string) => string;
}

// Text from the rules file (which may be the user's own) is shown through shown(), like every text from outside.
const heading = (dimension: Dimension, { index, total, round }: Progress) =>
  `(${round ? `${round} ` : ""}${index}/${total}) ${shown(dimension.question)}`;

const plain = (text: string) => text;

/**
 * What a choice says under the list when highlighted: its own meaning, then the question's help, each wrapped
 * here (left to Inquirer, a line that fills the width starts the next with a space).
 */
const describe = (meaning: string | undefined, help: string | undefined, width: number) =>
  [meaning, help]
    .filter((text): text is string => Boolean(text))
    .map((text) => wrap(shown(text), width))
    .join("\n");

/**
 * The line an answered question leaves on screen: the question wrapped here, after the "✔ " Inquirer puts before
 * it, and the answer after it when it fits, else on a line of its own, indented. Left to Inquirer, the whole line
 * is wrapped as one and a wrapped line can start with a space. `message` and `answer` are a theme's style hooks.
 */
function answeredLine(question: string, width: number, bold: (text: string) => string) {
  let room = width;
  return {
    message: (text: string, status: string) => {
      if (status !== "done") return bold(text);
      const lines = wrap(`✔ ${question}`, width).slice(2).split("\n");
      room = width - (lines.length === 1 ? 2 : 0) - lines.at(-1)!.length - 1;
      return bold(lines.join("\n"));
    },
    answer: (text: string) => (text.length <= room ? text : `\n  ${text}`),
  };
}

/**
 * A select over the enum's values, labels shown and, for the highlighted one, its meaning and the question's help.
 * The cursor starts on "Not sure", so pressing Enter through never commits an answer that moves the advice.
 */
export function enumPrompt(dimension: EnumDimension, progress: Progress, width = 80, bold = plain) {
  const done = answeredLine(heading(dimension, progress), width, bold);
  return {
    message: heading(dimension, progress),
    theme: { style: { message: done.message, answer: done.answer } },
    choices: [
      ...dimension.values.map((v) => ({
        name: shown(v.label),
        value: v.id,
        description: describe(v.meaning, dimension.help, width),
      })),
      { name: NOT_SURE_CHOICE, value: NOT_SURE, description: describe(NOT_SURE_MEANING, dimension.help, width) },
    ],
    default: NOT_SURE,
    pageSize: 8,
  };
}

export function booleanPrompt(dimension: Dimension, progress: Progress, width = 80, bold = plain) {
  const done = answeredLine(heading(dimension, progress), width, bold);
  return {
    message: heading(dimension, progress),
    theme: { style: { message: done.message, answer: done.answer } },
    choices: [
      { name: "Yes", value: "yes", description: describe(undefined, dimension.help, width) },
      { name: "No", value: "no", description: describe(undefined, dimension.help, width) },
      { name: NOT_SURE_CHOICE, value: NOT_SURE, description: describe(NOT_SURE_MEANING, dimension.help, width) },
    ],
    default: NOT_SURE,
  };
}

/** Example answers in the question's own unit, so that a count is not offered dollars nor money billions. */
function examplesFor(dimension: Dimension): string {
  const unit = dimension.type === "number" ? (dimension.unit ?? "").toLowerCase() : "";
  if (unit === "usd") return "$20k, $1.5m";
  if (unit === "tokens") return "200k, 2m, 300b";
  if (unit === "parameters") return "8b, 70b";
  return "500, 20k";
}

/**
 * A text input that accepts 50k, $20,000 or 2.5m and explains a bad entry inline; empty means not sure. The
 * question's help goes on a line of its own under the question (an input has no description line).
 */
export function numberPrompt(dimension: Dimension, progress: Progress, width = 80, bold = plain) {
  // Wrapped here, indented, so that a narrow terminal does not break it at an odd place.
  const help = dimension.help ? `\n${wrap(shown(dimension.help), width, "  ")}` : "";
  const question = heading(dimension, progress);
  // Once answered, the help goes, as it does under a select: the question and its answer stay.
  const done = answeredLine(question, width, bold);
  return {
    message: `${question}${help}\n  (e.g. ${examplesFor(dimension)}; empty: not sure)`,
    theme: { style: { message: done.message } },
    // Once answered, an empty entry says what it meant, as the selects do.
    transformer: (raw: string, { isFinal }: { isFinal: boolean }) =>
      isFinal ? done.answer(raw.trim() === "" ? NOT_SURE_CHOICE : raw) : raw,
    validate: (raw: string) => {
      if (raw.trim() === "") return true;
      const parsed = parseAnswer(dimension, raw);
      return "error" in parsed ? shown(parsed.error) : true;
    },
  };
}

/** Turns what a prompt returned into an answer, or undefined for "not sure". */
export function toAnswer(dimension: Dimension, raw: string): Answer | undefined {
  if (raw === NOT_SURE || raw.trim() === "") return undefined;
  const parsed = parseAnswer(dimension, raw);
  return "value" in parsed ? parsed.value : undefined;
}

/** Ctrl-C or Ctrl-D in a prompt is a cancellation, not a crash (Inquirer's ExitPromptError); SIGTERM aborts it. */
async function cancellable<T>(prompt: Promise<T>): Promise<T> {
  try {
    return await prompt;
  } catch (error) {
    if (error instanceof Error && error.name === "ExitPromptError") throw new CancelledError("cancelled");
    if (error instanceof Error && error.name === "AbortPromptError") throw new TerminatedError("terminated");
    throw error;
  }
}

/**
 * The width questions are laid out to: one column short of the terminal's, as a line that fills the last column
 * leaves Inquirer's redrawing a blank line under it.
 */
const columnsOf = (output: NodeJS.WritableStream) => ((output as { columns?: number }).columns || 80) - 1;

/** A message of several lines wrapped line by line, a "  - " item's continuation lines under its text. */
export function wrapMessage(message: string, width: number): string {
  return message
    .split("\n")
    .map((line) => {
      const [, indent = "", bullet = ""] = /^(\s*)(- )?/.exec(line)!;
      return wrap(line.slice(indent.length), width, indent, " ".repeat(bullet.length));
    })
    .join("\n");
}

/** The questions in a terminal, over Inquirer's select, input and confirm prompts. */
export function inquirerAsker(streams: PromptStreams): Asker {
  const context = { input: streams.input, output: streams.output, signal: streams.signal, clearPromptOnDone: false };
  return {
    answer: (dimension, progress) => {
      const raw =
        dimension.type === "enum"
          ? select(enumPrompt(dimension, progress, columnsOf(streams.output), streams.bold), context)
          : dimension.type === "boolean"
            ? select(booleanPrompt(dimension, progress, columnsOf(streams.output), streams.bold), context)
            : input(numberPrompt(dimension, progress, columnsOf(streams.output), streams.bold), context);
      return cancellable(raw.then((value) => toAnswer(dimension, value)));
    },
    confirm: (message, defaultValue) =>
      cancellable(
        confirm({ message: wrapMessage(message, columnsOf(streams.output)), default: defaultValue }, context),
      ),
    text: (message, defaultValue) => cancellable(input({ message, default: defaultValue }, context)),
  };
}
