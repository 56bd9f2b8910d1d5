import type { Command } from "commander";
import type { Rules } from "../core/rules-schema.js";
import { dimensionCompletions, type CompletionCommand, type CompletionSpec } from "../render/completion.js";
import { FORMAT_NAMES } from "./formats.js";

/** Reads every command's options back from the program, so completion cannot drift from the real flags. */
export function completionSpec(program: Command, rules: Rules): CompletionSpec {
  const dimensions = dimensionCompletions(rules);
  const values: CompletionSpec["values"] = { "--format": [...FORMAT_NAMES], "--profile": "FILE", "--rules": "FILE", "--save": "FILE", "--batch": "FILE", ...dimensions.values };
  const describe = (command: Command): CompletionCommand => ({
    name: command.name(),
    description: command.description(),
    options: [...new Set(command.options.map((o) => o.long!).filter(Boolean).concat("--help"))],
    subcommands: command.commands.map(describe),
  });
  return {
    commands: program.commands.map(describe),
    values,
    approaches: [...rules.approaches.flatMap((a) => [a.id, ...a.aliases]), ...rules.combinations.map((c) => c.id)],
  };
}
