import type { Argument, Command, Option } from "commander";
import type { Rules } from "../core/rules-schema.js";
import {
  SHELLS,
  type CompletionCommand,
  type CompletionOption,
  type CompletionSpec,
  type Completions,
} from "../render/completion.js";
import { FORMAT_NAMES } from "./formats.js";
import { LEFT_OPEN } from "../core/parse-profile.js";

/**
 * The formats any command might take: the general ones and the CI report of `rules test`. Each command offers
 * those its own --format parser accepts, so a command that narrows or widens them completes what it takes.
 */
const FORMAT_CANDIDATES = [...FORMAT_NAMES, "junit"];

/** Whether commander's parser for the option takes the value (no parser takes anything). */
function accepts(option: Option, value: string): boolean {
  if (!option.parseArg) return true;
  try {
    option.parseArg(value, undefined);
    return true;
  } catch {
    return false;
  }
}

/** The values an option takes: its declared choices, the formats its parser accepts, files, or a rules enum. */
function optionValues(option: Option, enums: Map<string, string[]>): Completions | undefined {
  if (!option.required && !option.optional) return undefined;
  if (option.argChoices) return [...option.argChoices];
  if (option.long === "--format") return FORMAT_CANDIDATES.filter((format) => accepts(option, format));
  if (/<file>/.test(option.flags)) return "FILE";
  return enums.get(option.long!) ?? [];
}

/** The words a command's arguments take, by the argument's name (or its declared choices). */
function argumentValues(args: readonly Argument[], approaches: string[]): Completions | undefined {
  const byName: Record<string, Completions> = {
    approach: approaches,
    approaches,
    shell: [...SHELLS],
    file: "FILE",
    files: "FILE",
  };
  for (const argument of args) {
    if (argument.argChoices) return [...argument.argChoices];
    const values = byName[argument.name()];
    if (values) return values;
  }
  return undefined;
}

/**
 * Reads every command, its options and arguments back from the program, so completion cannot drift from what
 * the commands accept. The first command is the root: the default command's options, with the commands as words.
 */
export function completionSpec(program: Command, rules: Rules): CompletionSpec {
  // Every question also takes not-sure; a yes/no question's flag takes yes or no as its optional value.
  const enums = new Map<string, string[]>(
    rules.dimensions.flatMap((d) =>
      d.type === "enum"
        ? [[`--${d.id}`, [...d.values.map((v) => v.id), LEFT_OPEN]] as [string, string[]]]
        : d.type === "boolean"
          ? [[`--${d.id}`, ["yes", "no", LEFT_OPEN]] as [string, string[]]]
          : [],
    ),
  );
  const approaches = [...rules.approaches.flatMap((a) => [a.id, ...a.aliases]), ...rules.combinations.map((c) => c.id)];
  const describe = (command: Command): CompletionCommand => {
    // As help lists them: hidden ones left out, the help option (and its description) in.
    const visible = command.createHelp().visibleOptions(command);
    const options = visible
      .filter((o) => o.long)
      .map((o): CompletionOption => ({ name: o.long!, description: o.description, values: optionValues(o, enums) }));
    return {
      name: command.name(),
      description: command.description(),
      options,
      arguments: argumentValues(command.registeredArguments, approaches),
      subcommands: command.commands.map(describe),
    };
  };
  const commands = program.commands.map(describe);
  const defaultCommand = commands.find((c) => c.name === "recommend")!;
  return { root: { ...defaultCommand, name: "", arguments: commands.map((c) => c.name) }, commands };
}
