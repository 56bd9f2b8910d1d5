import { Command, Help, InvalidArgumentError, Option } from "commander";
import { costQuestions } from "../core/cost.js";
import type { Rules } from "../core/rules-schema.js";
import { didYouMean } from "../core/suggest.js";
import { UsageError } from "../core/errors.js";
import { shown } from "../core/shown.js";
import { wrap } from "../render/style.js";
import { COMPLETION_SCRIPTS, SHELLS, type Shell } from "../render/completion.js";
import { completionSpec } from "./completion-spec.js";
import { runBatch } from "./batch.js";
import { HELP_TOPICS } from "./help-topics.js";
import {
  DEFAULT_INIT_FILE,
  runRulesInit,
  runRulesSchema,
  runRulesShow,
  runRulesTest,
  runRulesValidate,
} from "./rules-commands.js";
import { runCompare, runCost, runExplain, runQuestions, runRecommend, runTable } from "./actions.js";
import type { Context } from "./context.js";
import { FORMAT_NAMES, FORMATS, type Format } from "./formats.js";
import { LEFT_OPEN } from "../core/parse-profile.js";

function parseTestFormat(value: string): Format | "junit" {
  return value === "junit" ? value : parseFormat(value);
}

const DATA_FORMATS = ["yaml", "json"] as const;

function parseDataFormat(value: string): (typeof DATA_FORMATS)[number] {
  if ((DATA_FORMATS as readonly string[]).includes(value)) return value as (typeof DATA_FORMATS)[number];
  throw new InvalidArgumentError(`allowed: ${DATA_FORMATS.join(", ")}${didYouMean(value, DATA_FORMATS)}`);
}

function parseFormat(value: string): Format {
  if ((FORMAT_NAMES as string[]).includes(value)) return value as Format;
  throw new InvalidArgumentError(`allowed: ${FORMAT_NAMES.join(", ")}${didYouMean(value, FORMAT_NAMES)}`);
}

const EXAMPLES = {
  recommend: [
    "advise                                         # ask the questions in a terminal",
    "advise --need knowledge --corpus-tokens 2m --citations --knowledge-freshness frequent",
    "advise --profile answers.yaml --format json    # for scripts",
    "advise --profile answers.yaml --latency strict # a flag overrides the file",
    "advise --profile answers.yaml --format markdown > decision.md",
  ],
  table: ["advise table", "advise table --format json"],
  cost: [
    "advise cost --need task-skill --labeled-examples 8k --queries-per-day 20k",
    "advise cost --profile answers.yaml --prompt-tokens 2k --format json",
  ],
  questions: ["advise questions", "advise questions --format json | jq '.dimensions[].id'"],
  explain: ["advise explain rag", "advise explain ft --format markdown"],
  compare: ["advise compare rag fine-tuning", "advise compare icl rag ft --format json"],
} as const;

function examples(lines: readonly string[], width = 80): string {
  const fitted = lines.flatMap((line) => {
    if (line.length + 4 <= width) return [`  $ ${line}`];
    // Too wide: the comment goes on a line of its own above, and the command continues as a shell reads it.
    const [command = "", comment] = line.split(/\s+#\s+/);
    const out = comment ? [wrap(`# ${comment}`, width, "  ", "  ")] : [];
    let current = "  $";
    for (const word of command.trim().split(/\s+/)) {
      if (current !== "  $" && current.length + word.length + 3 > width) {
        out.push(`${current} \\`);
        current = `     ${word}`;
      } else current += ` ${word}`;
    }
    return [...out, current];
  });
  return `\nExamples:\n${fitted.join("\n")}\n`;
}

/**
 * Help that fits a narrow terminal: where an option's description would get less than 40 columns beside its term
 * (commander then stops wrapping), the description goes on the lines below the term instead.
 */
const NARROW_HELP: Partial<Help> = {
  formatItem(term, termWidth, description, helper) {
    const width = helper.helpWidth ?? 80;
    if (!description || width - termWidth - 4 >= 40)
      return Help.prototype.formatItem.call(helper, term, termWidth, description, helper);
    return `  ${term}\n${helper.boxWrap(description, width - 6).replace(/^/gm, "      ")}`;
  },
};

/** recommend's options, listed in the root help too: recommend is what `advise` alone runs. */
function defaultCommandOptions(recommend: Command, width: number): string {
  const help = recommend.createHelp();
  help.prepareContext({ helpWidth: width });
  const termWidth = help.longestOptionTermLength(recommend, help);
  const items = help
    .visibleOptions(recommend)
    .map((option) => help.formatItem(help.optionTerm(option), termWidth, help.optionDescription(option), help));
  return `\n${help.boxWrap("Options of recommend, the default command (advise --need knowledge is advise recommend --need knowledge):", width)}\n${items.join("\n")}\n`;
}

/** Options as commander declares them: `--name <value>` takes a value, `--name` is a flag, `--no-name` answers no. */
interface OptionSpec {
  flags: string;
  description: string;
}

/** What every command that prints data takes besides --format (whose accepted values differ by command). */
const COMMON_OPTIONS: readonly OptionSpec[] = [
  { flags: "--rules <file>", description: "a rules file to use instead of the built-in one (also ADVISE_RULES)" },
  { flags: "--no-color", description: "no colour, whatever the terminal" },
  { flags: "--ascii", description: "plain ASCII tables and bars" },
];

/** recommend's own options; its answer flags come from the rules in use. */
const RECOMMEND_OPTIONS: readonly OptionSpec[] = [
  { flags: "--profile <file>", description: "answers in a YAML or JSON file; - reads standard input" },
  { flags: "--no-input", description: "never ask questions; evaluate what was given" },
  { flags: "--ask", description: "in a terminal, also ask the questions the flags and profile leave open" },
  { flags: "--explain", description: "show every rule that raised or lowered each approach, and the open ones" },
  {
    flags: "--save <file>",
    description: "save the answers as a profile file (atomically; never overwrites without --force)",
  },
  { flags: "--force", description: "let --save overwrite an existing file" },
  {
    flags: "--batch <file>",
    description: "evaluate many profiles: JSON Lines (or a YAML list) in, JSON Lines out; - reads stdin",
  },
  {
    flags: "--what-if",
    description: "with --batch: each line the whole document, the what-if search included (slower)",
  },
];

/** What an option's value may be, said when the option is given without one. */
const VALUE_HINTS = new WeakMap<Option, string>();

/** The options every command that prints data takes. */
const formatOption = () => {
  const option = new Option(
    "--format <format>",
    `output format: ${FORMAT_NAMES.map((f) => `${f} (${FORMATS[f]})`).join(", ")} (default: table)`,
  ).argParser(parseFormat);
  VALUE_HINTS.set(option, `one of ${FORMAT_NAMES.join(", ")}`);
  return option;
};

/** Options of a command together with those given before the command name (`advise --format json table`). */
const all = (command: Command): Record<string, unknown> => command.optsWithGlobals();
const formatOf = (command: Command): Format => (all(command).format as Format | undefined) ?? "table";

function common(command: Command, format = formatOption()): Command {
  command.addOption(format);
  for (const { flags, description } of COMMON_OPTIONS) command.option(flags, description);
  return command;
}

/** The message for a word that names no command: a suggestion, and the commands there are. */
const unknownCommand = (kind: string, word: string, names: string[]) =>
  `unknown ${kind} "${word}"${didYouMean(word, names)}; commands: ${names.join(", ")}`;

/**
 * Commander's command, with messages that say what is accepted: a missing argument with what the argument takes
 * (its description), an unknown subcommand with the ones there are. Every subcommand is created as one too.
 */
class AdviseCommand extends Command {
  override createCommand(name?: string): Command {
    return new AdviseCommand(name);
  }

  optionMissingArgument(option: Option): void {
    const hint = VALUE_HINTS.get(option);
    this.error(`option '${option.flags}' needs a value${hint ? `: ${hint}` : ""}`, {
      code: "commander.optionMissingArgument",
      exitCode: 2,
    });
  }

  unknownCommand(): void {
    const name = String(this.args[0]);
    const names = this.commands.map((c) => c.name());
    this.error(unknownCommand(`${this.name()} command`, name, names), {
      code: "commander.unknownCommand",
      exitCode: 2,
    });
  }

  /** An unknown option that is not a typo may be a question of a rules file the command line did not name. */
  override error(message: string, options?: { code?: string; exitCode?: number }): never {
    const question =
      options?.code === "commander.unknownOption" &&
      !/Did you mean/.test(message) &&
      (this.name() === "recommend" || this.name() === "cost");
    // Commander puts its suggestion on a line of its own, capitalised; ours read "(did you mean ...?)" inline.
    const oneLine = message.replace(/\n\(Did you mean (.+)\?\)$/, ' (did you mean "$1"?)');
    return super.error(
      question
        ? `${oneLine}; if it is a question of your own rules file, name that file with --rules FILE (or ADVISE_RULES)`
        : oneLine,
      options,
    );
  }

  missingArgument(name: string): void {
    const argument = this.registeredArguments.find((a) => a.name() === name);
    const path = this.parent?.parent ? `${this.parent.name()} ${this.name()}` : this.name();
    const wanted = argument?.variadic ? `<${name}...>` : `<${name}>`;
    this.error(`${path} needs ${wanted}${argument?.description ? `: ${argument.description}` : ""}`, {
      code: "commander.missingArgument",
      exitCode: 2,
    });
  }
}

/**
 * Yes or no, as a yes/no flag's optional value: `--citations`, `--citations=false`, `--citations no`; or
 * `not-sure`, which leaves the question open as in a profile.
 */
function parseYesNo(value: string): boolean | typeof LEFT_OPEN {
  const given = value.trim().toLowerCase();
  if (given === LEFT_OPEN) return LEFT_OPEN;
  const answer = { true: true, yes: true, false: false, no: false }[given];
  if (answer === undefined)
    throw new InvalidArgumentError(`give yes or no (true or false) or ${LEFT_OPEN}, or leave the value out for yes`);
  return answer;
}

/**
 * One flag per question of the rules in use, and per question of the cost sketch: a question added to a rules file
 * becomes a flag with no code change. Returns each question's id with the option attribute that holds its answer.
 */
function addAnswerOptions(command: Command, rules: Rules): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const dimension of rules.dimensions) {
    const values = dimension.type === "enum" ? ` (${dimension.values.map((v) => v.id).join(", ")})` : "";
    if (dimension.type === "boolean") {
      const yes = new Option(`--${dimension.id} [yes|no]`, dimension.question).argParser(parseYesNo);
      command.addOption(yes).addOption(new Option(`--no-${dimension.id}`, `answer no to: ${dimension.question}`));
      attributes.set(dimension.id, yes.attributeName());
    } else {
      const option = new Option(
        `--${dimension.id} <${dimension.type === "number" ? "number" : "value"}>`,
        `${dimension.question}${values}`,
      );
      VALUE_HINTS.set(
        option,
        dimension.type === "enum"
          ? `one of ${dimension.values.map((v) => v.id).join(", ")}, or ${LEFT_OPEN}`
          : `a number such as 500, 50k or 2.5m, or ${LEFT_OPEN}`,
      );
      command.addOption(option);
      attributes.set(dimension.id, option.attributeName());
    }
  }
  for (const question of costQuestions(rules)) {
    const option = new Option(`--${question.id} <number>`, `${question.question} (for the cost sketch)`);
    VALUE_HINTS.set(option, `a number such as 500, 50k or 2.5m, or ${LEFT_OPEN}`);
    command.addOption(option);
    attributes.set(question.id, option.attributeName());
  }
  return attributes;
}

/** The answers given as flags, by question id. */
function answersOf(options: Record<string, unknown>, attributes: Map<string, string>): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [id, attribute] of attributes) if (options[attribute] !== undefined) answers[id] = options[attribute];
  return answers;
}

export type MakeContext = (options: { color?: boolean; ascii?: boolean }) => Context;

/** Where commander writes, and what it needs to know about the terminals it writes to. */
export interface ProgramOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
  getOutHelpWidth(): number;
  getErrHelpWidth(): number;
  getOutHasColors(): boolean;
  getErrHasColors(): boolean;
}

/**
 * Builds the command tree. The dimension flags come from the rules in use, so a dimension added to a rules
 * file becomes a flag with no code change. Actions only translate options into a typed call.
 */
export function buildProgram(rules: Rules, version: string, makeContext: MakeContext, output: ProgramOutput): Command {
  // Set before any subcommand is added: subcommands inherit these settings when they are created.
  const program: Command = new AdviseCommand("advise")
    .exitOverride()
    .configureOutput({
      ...output,
      // Commander's messages quote the command line, which may hold anything.
      outputError: (text, write) => write(`advise: ${shown(text.replace(/^error: /, ""))}`),
    })
    .description("Advice on customizing a foundation model: pre-training, fine-tuning, in-context learning or RAG.")
    .version(version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .configureHelp(NARROW_HELP)
    // Also accepted before the command name (and only there: after it, the command's own options apply).
    .enablePositionalOptions()
    .addOption(formatOption().hideHelp())
    .showSuggestionAfterError(true)
    .addHelpText("after", () =>
      defaultCommandOptions(
        program.commands.find((c) => c.name() === "recommend")!,
        output.getOutHelpWidth(),
      ),
    )
    .addHelpText("after", examples(EXAMPLES.recommend, output.getOutHelpWidth()))
    .addHelpText(
      "after",
      () =>
        `\n${wrap(
          `More help: ${Object.keys(HELP_TOPICS)
            .map((t) => `advise help ${t}`)
            .join(", ")}.`,
          output.getOutHelpWidth(),
        )}\n`,
    );
  for (const { flags } of COMMON_OPTIONS) program.addOption(new Option(flags).hideHelp());

  const define = (
    parent: Command,
    name: string,
    description: string,
    setUp: (command: Command) => void,
    opts?: { isDefault: boolean },
  ): Command => {
    const command = parent.command(name, opts).description(description);
    setUp(command);
    return command;
  };

  define(
    program,
    "recommend",
    "rank the approaches for a project and print the advice (the default command)",
    (command) => {
      common(command)
        .allowExcessArguments(true)
        .addHelpText("after", examples(EXAMPLES.recommend, output.getOutHelpWidth()));
      for (const { flags, description } of RECOMMEND_OPTIONS) command.option(flags, description);
      const dimensionOptions = addAnswerOptions(command, rules);
      command.action(async (_options, command: Command) => {
        const options = all(command);
        if (command.args.length > 0) {
          const names = program.commands.map((c) => c.name());
          const word = command.args[0]!;
          // `advise recommend table`: a command name after the command is not an unknown command.
          if (word === command.name()) throw new UsageError(`"${word}" is given twice; recommend takes options only`);
          if (names.includes(word))
            throw new UsageError(`recommend takes options, not "${word}"; to run ${word}: advise ${word}`);
          throw new UsageError(unknownCommand("command", word, names));
        }
        const answerFlags = [...dimensionOptions]
          .filter(([, attribute]) => options[attribute] !== undefined)
          .map(([id]) => `--${id}`);
        if (options.batch !== undefined) {
          // Every answer comes from the batch file and the output is JSON Lines: options for one profile are a
          // mistake (--no-input is not: a batch never asks, and scripts pass it everywhere).
          const single = ["profile", "explain", "save", "force"]
            .filter((name) => options[name] !== undefined)
            .map((name) => `--${name}`);
          const clashing = [...single, ...answerFlags];
          if (clashing.length > 0)
            throw new UsageError(
              `--batch takes every answer from its file and cannot be combined with ${clashing.join(", ")}`,
            );
          if (options.format !== undefined && options.format !== "json")
            throw new UsageError(
              `--batch writes JSON Lines (one JSON object a line); --format ${String(options.format)} does not apply`,
            );
          await runBatch(makeContext(options), { file: options.batch as string, whatIf: options.whatIf === true });
          return;
        }
        if (options.whatIf === true)
          throw new UsageError(
            "--what-if goes with --batch; a single recommendation always includes the what-if search",
          );
        await runRecommend(makeContext(options), {
          profileFile: options.profile as string | undefined,
          flags: answersOf(options, dimensionOptions),
          format: formatOf(command),
          explain: options.explain === true,
          input: options.input !== false,
          ask: options.ask === true,
          save: options.save as string | undefined,
          force: options.force === true,
        });
      });
    },
    { isDefault: true },
  );

  define(program, "table", "print the trade-off table of the four approaches", (command) =>
    common(command)
      .addHelpText("after", examples(EXAMPLES.table, output.getOutHelpWidth()))
      .action(async (_options, command: Command) => runTable(makeContext(all(command)), { format: formatOf(command) })),
  );

  define(
    program,
    "cost",
    "what each approach would cost: up front, each month and over a year, and when one overtakes another",
    (command) => {
      common(command).addHelpText("after", examples(EXAMPLES.cost, output.getOutHelpWidth()));
      command.option("--profile <file>", "answers in a YAML or JSON file; - reads standard input");
      const answerOptions = addAnswerOptions(command, rules);
      command.action(async (_options, command: Command) => {
        const options = all(command);
        await runCost(makeContext(options), {
          profileFile: options.profile as string | undefined,
          flags: answersOf(options, answerOptions),
          format: formatOf(command),
        });
      });
    },
  );

  define(program, "questions", "list the questions (profile dimensions), their types and allowed values", (command) =>
    common(command)
      .addHelpText("after", examples(EXAMPLES.questions, output.getOutHelpWidth()))
      .action(async (_options, command: Command) =>
        runQuestions(makeContext(all(command)), { format: formatOf(command) }),
      ),
  );

  const approachIds = rules.approaches.map((a) => a.id).join(", ");
  const someAliases = rules.approaches.flatMap((a) => a.aliases.slice(0, 1)).join(", ");
  define(program, "explain", "everything the rules know about one approach", (command) =>
    common(command)
      .argument("<approach>", `one of ${approachIds}, or a name${someAliases ? ` or alias (${someAliases})` : ""}`)
      .addHelpText("after", examples(EXAMPLES.explain, output.getOutHelpWidth()))
      .action(async (approach: string, _options, command: Command) =>
        runExplain(makeContext(all(command)), { approach, format: formatOf(command) }),
      ),
  );

  define(program, "compare", "approaches side by side", (command) =>
    common(command)
      .argument("<approaches...>", `two or more of ${approachIds} (names and aliases work too)`)
      .addHelpText("after", examples(EXAMPLES.compare, output.getOutHelpWidth()))
      .action(async (approaches: string[], _options, command: Command) =>
        runCompare(makeContext(all(command)), { approaches, format: formatOf(command) }),
      ),
  );

  const rulesCommand = define(
    program,
    "rules",
    "check, test and describe rules files (your own, or layered over the built-in ones)",
    (command) => {
      command.addHelpText(
        "after",
        examples(
          [
            "advise rules validate ours.yaml",
            "advise rules test scenarios.yaml --rules ours.yaml",
            "advise rules show",
            "advise rules schema > rules.schema.json",
          ],
          output.getOutHelpWidth(),
        ),
      );
    },
  );
  define(
    rulesCommand,
    "validate",
    "check rules files: every problem with file:line:column, a code frame and a hint; exit 1 if any is invalid",
    (command) =>
      common(command)
        .argument("<files...>", "rules files (YAML or JSON)")
        .addHelpText(
          "after",
          examples(
            ["advise rules validate ours.yaml", "advise rules validate ours.yaml --format json"],
            output.getOutHelpWidth(),
          ),
        )
        .action(async (files: string[], _options, command: Command) =>
          runRulesValidate(makeContext(all(command)), { files, format: formatOf(command) }),
        ),
  );
  define(
    rulesCommand,
    "show",
    "print the rules in use (built-in, or --rules FILE with what it extends merged in), valid as a rules file",
    (command) =>
      common(command, new Option("--format <format>", "yaml or json (default: yaml)").argParser(parseDataFormat))
        .addHelpText(
          "after",
          examples(
            [
              "advise rules show > rules.yaml",
              "advise rules show --rules ours.yaml --format json | jq '.rules | length'",
            ],
            output.getOutHelpWidth(),
          ),
        )
        .action(async (_options, command: Command) => {
          // A --format given before the command name was read as one of the general formats.
          const format = (all(command).format as string | undefined) ?? "yaml";
          if (format !== "yaml" && format !== "json")
            throw new UsageError(`rules show prints yaml or json, not ${format}`);
          await runRulesShow(makeContext(all(command)), { format });
        }),
  );
  define(rulesCommand, "schema", "print the JSON Schema (draft-07) of rules files, for editors", (command) =>
    command
      .option("--layer", "the schema of a file that extends another (nothing required)")
      .addHelpText(
        "after",
        examples(["advise rules schema > rules.schema.json", "advise rules schema --layer"], output.getOutHelpWidth()),
      )
      .action(async (options) => runRulesSchema(makeContext({}), { layer: options.layer === true })),
  );
  define(
    rulesCommand,
    "init",
    "write a starter rules file over the built-in rules, with a scenario file beside it",
    (command) =>
      command
        .argument(
          "[file]",
          `the rules file to write (default: ${DEFAULT_INIT_FILE}); the scenarios go beside it as FILE-scenarios.yaml`,
        )
        .option("--force", "replace files that exist")
        .addHelpText(
          "after",
          examples(["advise rules init ours.yaml", "advise rules validate ours.yaml"], output.getOutHelpWidth()),
        )
        .action(async (file: string | undefined, options) =>
          runRulesInit(makeContext({}), { file: file ?? DEFAULT_INIT_FILE, force: options.force === true }),
        ),
  );
  define(rulesCommand, "test", "run scenarios against the rules in use; exit 1 if any fails", (command) =>
    common(
      command,
      new Option(
        "--format <format>",
        "table, json, yaml, markdown or junit (JUnit XML for CI) (default: table)",
      ).argParser(parseTestFormat),
    )
      .argument("<files...>", "scenario files (scenarios: id, profile, expect)")
      .addHelpText(
        "after",
        examples(
          [
            "advise rules test scenarios.yaml",
            "advise rules test scenarios.yaml --rules ours.yaml --format junit > junit.xml",
          ],
          output.getOutHelpWidth(),
        ),
      )
      .action(async (files: string[], _options, command: Command) =>
        runRulesTest(makeContext(all(command)), {
          files,
          format: (all(command).format as Format | "junit" | undefined) ?? "table",
        }),
      ),
  );

  define(
    program,
    "completion",
    "print a shell completion script (commands, options, dimension flags and their values)",
    (command) =>
      command
        .argument("<shell>", `one of ${SHELLS.join(", ")}`)
        .option("--rules <file>", "complete the dimensions of this rules file (also ADVISE_RULES)")
        .addHelpText(
          "after",
          examples(
            [
              "advise completion bash > ~/.local/share/bash-completion/completions/advise",
              "advise completion fish > ~/.config/fish/completions/advise.fish",
            ],
            output.getOutHelpWidth(),
          ),
        )
        .action((shell: string) => {
          if (!(SHELLS as readonly string[]).includes(shell))
            throw new UsageError(
              `unknown shell "${shell}"${didYouMean(shell, SHELLS)}; supported: ${SHELLS.join(", ")}`,
            );
          makeContext({}).io.stdout.write(COMPLETION_SCRIPTS[shell as Shell](completionSpec(program, rules)));
        }),
  );

  return program;
}
