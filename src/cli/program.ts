import { Command, InvalidArgumentError, Option } from "commander";
import type { Rules } from "../core/rules-schema.js";
import { didYouMean } from "../core/suggest.js";
import { UsageError } from "../core/errors.js";
import { COMPLETION_SCRIPTS, SHELLS, type Shell } from "../render/completion.js";
import { completionSpec } from "./completion-spec.js";
import { runBatch } from "./batch.js";
import { HELP_TOPICS } from "./help-topics.js";
import { DEFAULT_INIT_FILE, runRulesInit, runRulesSchema, runRulesShow, runRulesTest, runRulesValidate } from "./rules-commands.js";
import { runCompare, runExplain, runQuestions, runRecommend, runTable } from "./actions.js";
import type { Context } from "./context.js";
import { FORMAT_NAMES, FORMATS, type Format } from "./formats.js";
import { COMMON_OPTIONS, RECOMMEND_OPTIONS } from "./options.js";

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
  questions: ["advise questions", "advise questions --format json | jq '.dimensions[].id'"],
  explain: ["advise explain rag", "advise explain ft --format markdown"],
  compare: ["advise compare rag fine-tuning", "advise compare icl rag ft --format json"],
} as const;

function examples(lines: readonly string[]): string {
  return `Examples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;
}


/** The options every command that prints data takes. */
const formatOption = () => new Option("--format <format>", `output format: ${FORMAT_NAMES.map((f) => `${f} (${FORMATS[f]})`).join(", ")} (default: table)`).argParser(parseFormat);

/** Options of a command together with those given before the command name (`advise --format json table`). */
const all = (command: Command): Record<string, unknown> => command.optsWithGlobals();
const formatOf = (command: Command): Format => (all(command).format as Format | undefined) ?? "table";

function common(command: Command, format = formatOption()): Command {
  command.addOption(format);
  for (const { flags, description } of COMMON_OPTIONS) command.option(flags, description);
  return command;
}

/** The message for a word that names no command: a suggestion, and the commands there are. */
const unknownCommand = (kind: string, word: string, names: string[]) => `unknown ${kind} "${word}"${didYouMean(word, names)}; commands: ${names.join(", ")}`;

/**
 * Commander's command, with messages that say what is accepted: a missing argument with what the argument takes
 * (its description), an unknown subcommand with the ones there are. Every subcommand is created as one too.
 */
class AdviseCommand extends Command {
  override createCommand(name?: string): Command {
    return new AdviseCommand(name);
  }

  unknownCommand(): void {
    const name = String(this.args[0]);
    const names = this.commands.map((c) => c.name());
    this.error(unknownCommand(`${this.name()} command`, name, names), { code: "commander.unknownCommand", exitCode: 2 });
  }

  missingArgument(name: string): void {
    const argument = this.registeredArguments.find((a) => a.name() === name);
    const path = this.parent?.parent ? `${this.parent.name()} ${this.name()}` : this.name();
    const wanted = argument?.variadic ? `<${name}...>` : `<${name}>`;
    this.error(`${path} needs ${wanted}${argument?.description ? `: ${argument.description}` : ""}`, { code: "commander.missingArgument", exitCode: 2 });
  }
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
 * The dimensions whose flags recommend needs for this command line: those it names. A flag that names no option
 * at all brings every dimension, so that the error can suggest the nearest; so does any help, which lists them.
 */
function dimensionsFor(rules: Rules, argv: readonly string[], known: Set<string | undefined>): Rules["dimensions"] {
  const ids = new Set(rules.dimensions.map((d) => d.id));
  const named = new Set<string>();
  for (const arg of argv) {
    if (arg === "--") break;
    if (arg === "help" || arg === "--help" || arg === "-h") return rules.dimensions;
    if (!arg.startsWith("--")) continue;
    const equals = arg.indexOf("=");
    const flag = equals < 0 ? arg : arg.slice(0, equals);
    if (known.has(flag)) continue;
    // No dimension id starts with "no-" (check-rules.ts): --no-citations answers citations.
    const id = flag.startsWith("--no-") ? flag.slice(5) : flag.slice(2);
    if (!ids.has(id)) return rules.dimensions;
    named.add(id);
  }
  return rules.dimensions.filter((d) => named.has(d.id));
}

/**
 * Builds the command tree. The dimension flags come from the rules in use, so a dimension added to a rules
 * file becomes a flag with no code change. Actions only translate options into a typed call.
 *
 * Each command's options, arguments and action are set up only when that command is about to parse (commander's
 * preSubcommand hook): some sixty options cost measurable start-up time, and one command line uses one command.
 * Help (any help, just before it is written) and completion read every command, so they set them all up first.
 */
export function buildProgram(rules: Rules, version: string, makeContext: MakeContext, output: ProgramOutput, argv: readonly string[]): Command {
  // Set before any subcommand is added: subcommands inherit these settings when they are created.
  const program = new AdviseCommand("advise")
    .exitOverride()
    .configureOutput({
      ...output,
      outputError: (text, write) => write(`advise: ${text.replace(/^error: /, "")}`),
    })
    .description("Advice on customizing a foundation model: pre-training, fine-tuning, in-context learning or RAG.")
    .version(version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    // Also accepted before the command name (and only there: after it, the command's own options apply).
    .enablePositionalOptions()
    .addOption(formatOption().hideHelp())
    .showSuggestionAfterError(true)
    .addHelpText("before", examples(EXAMPLES.recommend))
    .addHelpText("after", `\nMore help: ${Object.keys(HELP_TOPICS).map((t) => `advise help ${t}`).join(", ")}.\n`);
  for (const { flags } of COMMON_OPTIONS) program.addOption(new Option(flags).hideHelp());

  const setUps = new Map<Command, () => void>();
  /** A command whose set-up waits until it is dispatched (or everything is wanted). */
  const define = (parent: Command, name: string, description: string, setUp: (command: Command) => void, opts?: { isDefault: boolean }): Command => {
    const command = parent.command(name, opts).description(description);
    setUps.set(command, () => setUp(command));
    return command;
  };
  const setUp = (command: Command) => {
    setUps.get(command)?.();
    setUps.delete(command);
  };
  // Help and completion read every command and every option.
  let everything = false;
  const setUpAll = () => {
    everything = true;
    for (const command of [...setUps.keys()]) setUp(command);
  };

  const dimensionOptions = new Map<string, string>();
  define(program, "recommend", "rank the approaches for a project and print the advice (the default command)", (command) => {
    common(command).allowExcessArguments(true).addHelpText("before", examples(EXAMPLES.recommend));
    for (const { flags, description } of RECOMMEND_OPTIONS) command.option(flags, description);
    const known = new Set([...program.options, ...command.options].map((o) => o.long));
    for (const dimension of everything ? rules.dimensions : dimensionsFor(rules, argv, known)) {
      const values = dimension.type === "enum" ? ` (${dimension.values.map((v) => v.id).join(", ")})` : "";
      if (dimension.type === "boolean") {
        const yes = new Option(`--${dimension.id}`, dimension.question);
        command.addOption(yes).addOption(new Option(`--no-${dimension.id}`, `answer no to: ${dimension.question}`));
        dimensionOptions.set(dimension.id, yes.attributeName());
      } else {
        const option = new Option(`--${dimension.id} <${dimension.type === "number" ? "number" : "value"}>`, `${dimension.question}${values}`);
        command.addOption(option);
        dimensionOptions.set(dimension.id, option.attributeName());
      }
    }
    command.action(async (_options, command: Command) => {
      const options = all(command);
      if (command.args.length > 0) {
        const names = program.commands.map((c) => c.name());
        const word = command.args[0]!;
        // `advise recommend table`: a command name after the command is not an unknown command.
        if (word === command.name()) throw new UsageError(`"${word}" is given twice; recommend takes options only`);
        if (names.includes(word)) throw new UsageError(`recommend takes options, not "${word}"; to run ${word}: advise ${word}`);
        throw new UsageError(unknownCommand("command", word, names));
      }
      const answerFlags = [...dimensionOptions].filter(([, attribute]) => options[attribute] !== undefined).map(([id]) => `--${id}`);
      if (options.batch !== undefined) {
        // Every answer comes from the batch file and the output is JSON Lines: options for one profile are a
        // mistake (--no-input is not: a batch never asks, and scripts pass it everywhere).
        const single = ["profile", "explain", "save", "force"].filter((name) => options[name] !== undefined).map((name) => `--${name}`);
        const clashing = [...single, ...answerFlags];
        if (clashing.length > 0) throw new UsageError(`--batch takes every answer from its file and cannot be combined with ${clashing.join(", ")}`);
        if (options.format !== undefined && options.format !== "json") throw new UsageError(`--batch writes JSON Lines (one JSON object a line); --format ${String(options.format)} does not apply`);
        await runBatch(makeContext(options), { file: options.batch as string, whatIf: options.whatIf === true });
        return;
      }
      if (options.whatIf === true) throw new UsageError("--what-if goes with --batch; a single recommendation always includes the what-if search");
      const flags: Record<string, unknown> = {};
      for (const [id, attribute] of dimensionOptions) if (options[attribute] !== undefined) flags[id] = options[attribute];
      await runRecommend(makeContext(options), {
        profileFile: options.profile as string | undefined,
        flags,
        format: formatOf(command),
        explain: options.explain === true,
        input: options.input !== false,
        save: options.save as string | undefined,
        force: options.force === true,
      });
    });
  }, { isDefault: true });

  define(program, "table", "print the trade-off table of the four approaches", (command) =>
    common(command)
      .addHelpText("before", examples(EXAMPLES.table))
      .action(async (_options, command: Command) => runTable(makeContext(all(command)), { format: formatOf(command) })),
  );

  define(program, "questions", "list the questions (profile dimensions), their types and allowed values", (command) =>
    common(command)
      .addHelpText("before", examples(EXAMPLES.questions))
      .action(async (_options, command: Command) => runQuestions(makeContext(all(command)), { format: formatOf(command) })),
  );

  const approachIds = rules.approaches.map((a) => a.id).join(", ");
  const someAliases = rules.approaches.flatMap((a) => a.aliases.slice(0, 1)).join(", ");
  define(program, "explain", "everything the rules know about one approach", (command) =>
    common(command)
      .argument("<approach>", `one of ${approachIds}, or a name${someAliases ? ` or alias (${someAliases})` : ""}`)
      .addHelpText("before", examples(EXAMPLES.explain))
      .action(async (approach: string, _options, command: Command) => runExplain(makeContext(all(command)), { approach, format: formatOf(command) })),
  );

  define(program, "compare", "approaches side by side", (command) =>
    common(command)
      .argument("<approaches...>", `two or more of ${approachIds} (names and aliases work too)`)
      .addHelpText("before", examples(EXAMPLES.compare))
      .action(async (approaches: string[], _options, command: Command) => runCompare(makeContext(all(command)), { approaches, format: formatOf(command) })),
  );

  const rulesCommand = define(program, "rules", "check, test and describe rules files (your own, or layered over the built-in ones)", (command) => {
    command.addHelpText("before", examples(["advise rules validate ours.yaml", "advise rules test scenarios.yaml --rules ours.yaml", "advise rules show", "advise rules schema > rules.schema.json"]));
  });
  rulesCommand.hook("preSubcommand", (_command, subcommand) => setUp(subcommand));
  define(rulesCommand, "validate", "check rules files: every problem with file:line:column, a code frame and a hint; exit 1 if any is invalid", (command) =>
    common(command)
      .argument("<files...>", "rules files (YAML or JSON)")
      .addHelpText("before", examples(["advise rules validate ours.yaml", "advise rules validate ours.yaml --format json"]))
      .action(async (files: string[], _options, command: Command) => runRulesValidate(makeContext(all(command)), { files, format: formatOf(command) })),
  );
  define(rulesCommand, "show", "print the rules in use (built-in, or --rules FILE with what it extends merged in), valid as a rules file", (command) =>
    common(command, new Option("--format <format>", "yaml or json (default: yaml)").argParser(parseDataFormat))
      .addHelpText("before", examples(["advise rules show > rules.yaml", "advise rules show --rules ours.yaml --format json | jq '.rules | length'"]))
      .action(async (_options, command: Command) => {
        // A --format given before the command name was read as one of the general formats.
        const format = (all(command).format as string | undefined) ?? "yaml";
        if (format !== "yaml" && format !== "json") throw new UsageError(`rules show prints yaml or json, not ${format}`);
        await runRulesShow(makeContext(all(command)), { format });
      }),
  );
  define(rulesCommand, "schema", "print the JSON Schema (draft-07) of rules files, for editors", (command) =>
    command
      .option("--layer", "the schema of a file that extends another (nothing required)")
      .addHelpText("before", examples(["advise rules schema > rules.schema.json", "advise rules schema --layer"]))
      .action(async (options) => runRulesSchema(makeContext({}), { layer: options.layer === true })),
  );
  define(rulesCommand, "init", "write a starter rules file over the built-in rules, with a scenario file beside it", (command) =>
    command
      .argument("[file]", `the rules file to write (default: ${DEFAULT_INIT_FILE}); the scenarios go beside it as FILE-scenarios.yaml`)
      .option("--force", "replace files that exist")
      .addHelpText("before", examples(["advise rules init ours.yaml", "advise rules validate ours.yaml"]))
      .action(async (file: string | undefined, options) => runRulesInit(makeContext({}), { file: file ?? DEFAULT_INIT_FILE, force: options.force === true })),
  );
  define(rulesCommand, "test", "run scenarios against the rules in use; exit 1 if any fails", (command) =>
    common(command, new Option("--format <format>", "table, json, yaml, markdown or junit (JUnit XML for CI) (default: table)").argParser(parseTestFormat))
      .argument("<files...>", "scenario files (scenarios: id, profile, expect)")
      .addHelpText("before", examples(["advise rules test scenarios.yaml", "advise rules test scenarios.yaml --rules ours.yaml --format junit > junit.xml"]))
      .action(async (files: string[], _options, command: Command) => runRulesTest(makeContext(all(command)), { files, format: (all(command).format as Format | "junit" | undefined) ?? "table" })),
  );

  define(program, "completion", "print a shell completion script (commands, options, dimension flags and their values)", (command) =>
    command
      .argument("<shell>", `one of ${SHELLS.join(", ")}`)
      .option("--rules <file>", "complete the dimensions of this rules file (also ADVISE_RULES)")
      .addHelpText("before", examples(["advise completion bash > ~/.local/share/bash-completion/completions/advise", "advise completion fish > ~/.config/fish/completions/advise.fish"]))
      .action((shell: string) => {
        if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`unknown shell "${shell}"${didYouMean(shell, SHELLS)}; supported: ${SHELLS.join(", ")}`);
        setUpAll();
        makeContext({}).io.stdout.write(COMPLETION_SCRIPTS[shell as Shell](completionSpec(program, rules)));
      }),
  );

  program.hook("preSubcommand", (_program, subcommand) => setUp(subcommand));
  program.on("beforeAllHelp", setUpAll);
  return program;
}
