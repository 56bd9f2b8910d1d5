import { shown } from "../core/shown.js";

/** The words an option or argument completes to; "FILE" completes file names. */
export type Completions = string[] | "FILE";

export interface CompletionOption {
  name: string;
  description: string;
  /** What its value completes to; absent for a flag that takes no value ([] for a free value, such as a number). */
  values?: Completions;
}

/** What completion needs to know of one command, read from the program and the rules in use. */
export interface CompletionCommand {
  name: string;
  description: string;
  options: CompletionOption[];
  /** What its arguments complete to (approaches, shells, files), if it takes any. */
  arguments?: Completions;
  /** Commands under this one (`advise rules validate`). */
  subcommands: CompletionCommand[];
}

export interface CompletionSpec {
  /** `advise` before any command: the default command's options, and the commands as its words. */
  root: CompletionCommand;
  commands: CompletionCommand[];
}

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

const words = (list: readonly string[]) => list.join(" ");
/** Descriptions come from the rules file too: one line, control characters made visible. */
const oneLine = (text: string) => shown(text.replace(/\s+/g, " ").trim());
const singleQuoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** Every command of the spec with its "command:subcommand" key (the subcommand empty when there is none). */
function keyed(spec: CompletionSpec): [string, CompletionCommand][] {
  return spec.commands.flatMap((c): [string, CompletionCommand][] => [
    [
      `${c.name}:`,
      { ...c, arguments: c.arguments ?? (c.subcommands.length > 0 ? c.subcommands.map((s) => s.name) : undefined) },
    ],
    ...c.subcommands.map((s): [string, CompletionCommand] => [`${c.name}:${s.name}`, s]),
  ]);
}

/** Options that take a value, anywhere: the word after one is its value, not a command. */
const valueOptions = (spec: CompletionSpec) => [
  ...new Set(
    [spec.root, ...spec.commands, ...spec.commands.flatMap((c) => c.subcommands)].flatMap((c) =>
      c.options.filter((o) => o.values).map((o) => o.name),
    ),
  ),
];

function bashCase(key: string, command: CompletionCommand): string {
  const values = command.options
    .filter((o) => o.values)
    .map(
      (o) =>
        `        ${o.name}) ${o.values === "FILE" ? 'COMPREPLY=($(compgen -f -- "$cur"))' : `COMPREPLY=($(compgen -W "${words(o.values!)}" -- "$cur"))`}; return ;;`,
    );
  const args = command.arguments === "FILE" ? "files=1" : `args="${words(command.arguments ?? [])}"`;
  return [
    `    ${key})`,
    `      opts="${words(command.options.map((o) => o.name))}"; ${args}`,
    `      case "$prev" in`,
    ...values,
    "      esac ;;",
  ].join("\n");
}

function bash(spec: CompletionSpec): string {
  const names = spec.commands.map((c) => c.name);
  const nested = spec.commands.flatMap((c) => c.subcommands.map((s) => `${c.name}:${s.name}`));
  return `# bash completion for advise. Install: advise completion bash > ~/.local/share/bash-completion/completions/advise
_advise() {
  local cur prev cmd="" sub="" w skip="" opts="" args="" files=""
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for w in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    if [ -n "$skip" ]; then skip=""; continue; fi
    case "$w" in ${valueOptions(spec).join("|")}) skip=1; continue ;; esac
    if [ -z "$cmd" ]; then
      case "$w" in ${names.join("|")}) cmd="$w" ;; esac
    elif [ -z "$sub" ]; then
      case "$cmd:$w" in ${nested.join("|") || "-"}) sub="$w" ;; esac
    fi
  done
  case "$cmd:$sub" in
${keyed(spec)
  .map(([key, command]) => bashCase(key, command))
  .join("\n")}
${bashCase("*", spec.root)}
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  elif [ -n "$args" ]; then COMPREPLY=($(compgen -W "$args" -- "$cur"))
  elif [ -n "$files" ]; then COMPREPLY=($(compgen -f -- "$cur"))
  else COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  fi
}
complete -o default -F _advise advise
`;
}

/** An _arguments spec: `--name[description]:label:action`, quoted for zsh. */
function zshOption(option: CompletionOption): string {
  const description = oneLine(option.description)
    .replace(/\\/g, "\\\\")
    .replace(/[[\]:]/g, "\\$&");
  const action =
    option.values === undefined ? "" : option.values === "FILE" ? ":file:_files" : `:value:(${words(option.values)})`;
  return singleQuoted(
    `${option.name}[${description}]${option.values !== undefined && option.values !== "FILE" && option.values.length === 0 ? ":value: " : action}`,
  );
}

function zshCase(key: string, command: CompletionCommand, describe: Map<string, string>): string {
  const specs = command.options.map(zshOption);
  const args = command.arguments;
  if (args === "FILE") specs.push(`'*:file:_files'`);
  else if (args && describe.has(key)) specs.push(`'1:command:${describe.get(key)}'`);
  else if (args) specs.push(singleQuoted(`*:value:(${words(args)})`));
  return `    (${key}) _arguments -s -S \\\n      ${specs.join(" \\\n      ")} ;;`;
}

function zsh(spec: CompletionSpec): string {
  // Commands and subcommands are offered with their descriptions, through _describe.
  const describe = new Map<string, string>();
  const lists: string[] = [];
  const list = (key: string, name: string, commands: CompletionCommand[]) => {
    describe.set(key, `${name}`);
    lists.push(
      `${name}() {\n  local -a commands=(\n${commands.map((c) => `    ${singleQuoted(`${c.name.replace(/:/g, "\\:")}:${oneLine(c.description)}`)}`).join("\n")}\n  )\n  _describe -t commands command commands\n}`,
    );
  };
  list("*", "_advise_commands", spec.commands);
  for (const c of spec.commands)
    if (c.subcommands.length > 0) list(`${c.name}:`, `_advise_${c.name.replace(/\W/g, "_")}_commands`, c.subcommands);
  const names = spec.commands.map((c) => c.name);
  const nested = spec.commands.flatMap((c) => c.subcommands.map((s) => `${c.name}:${s.name}`));
  return `#compdef advise
# zsh completion for advise. Install: advise completion zsh > "\${fpath[1]}/_advise", or source it from ~/.zshrc
# after compinit.
${lists.join("\n")}
_advise() {
  local cmd="" sub="" w skip="" i pos=1
  for ((i = 2; i < CURRENT; i++)); do
    w=\${words[i]}
    if [[ -n $skip ]]; then skip=""; continue; fi
    case $w in (${valueOptions(spec).join("|")}) skip=1; continue ;; esac
    if [[ -z $cmd ]]; then
      case $w in (${names.join("|")}) cmd=$w; pos=$i ;; esac
    elif [[ -z $sub ]]; then
      case "$cmd:$w" in (${nested.join("|") || "-"}) sub=$w; pos=$i ;; esac
    fi
  done
  # The words from the command on, so that its arguments count from 1.
  if (( pos > 1 )); then
    words=("\${(@)words[pos,-1]}")
    (( CURRENT -= pos - 1 ))
  fi
  case "$cmd:$sub" in
${keyed(spec)
  .map(([key, command]) => zshCase(key, command, describe))
  .join("\n")}
${zshCase("*", spec.root, describe)}
  esac
}
if [[ "\${funcstack[1]}" == _advise ]]; then _advise "$@"; else compdef _advise advise; fi
`;
}

function fish(spec: CompletionSpec): string {
  const quote = (text: string) => `'${text.replace(/[\\']/g, "\\$&")}'`;
  const names = spec.commands.map((c) => c.name);
  const nested = spec.commands.flatMap((c) => c.subcommands.map((s) => `${c.name}:${s.name}`));
  // "command:subcommand" of the line typed so far, as bash and zsh find it: the value of an option is no command.
  const lines = [
    "# fish completion for advise. Install: advise completion fish > ~/.config/fish/completions/advise.fish",
    "function __advise_command",
    "    set -l cmd ''; set -l sub ''; set -l skip 0",
    "    for w in (commandline -opc)[2..-1]",
    "        if test $skip = 1; set skip 0; continue; end",
    `        if contains -- $w ${words(valueOptions(spec))}; set skip 1; continue; end`,
    '        if test -z "$cmd"',
    `            contains -- $w ${words(names)}; and set cmd $w`,
    '        else if test -z "$sub"',
    `            contains -- \"$cmd:$w\" ${words(nested)}; and set sub $w`,
    "        end",
    "    end",
    '    echo "$cmd:$sub"',
    "end",
    "complete -c advise -f",
  ];
  const add = (key: string, command: CompletionCommand) => {
    const when = quote(`test (__advise_command) = '${key}'`);
    for (const option of command.options) {
      const takes =
        option.values === "FILE"
          ? " -r -F"
          : option.values
            ? ` -x${option.values.length > 0 ? ` -a ${quote(words(option.values))}` : ""}`
            : "";
      lines.push(
        `complete -c advise -n ${when} -l ${option.name.replace(/^--/, "")}${takes} -d ${quote(oneLine(option.description))}`,
      );
    }
    const described =
      key === ":"
        ? spec.commands
        : key.endsWith(":")
          ? (spec.commands.find((c) => `${c.name}:` === key)?.subcommands ?? [])
          : [];
    for (const c of described)
      lines.push(`complete -c advise -n ${when} -a ${c.name} -d ${quote(oneLine(c.description))}`);
    if (command.arguments === "FILE") lines.push(`complete -c advise -n ${when} -F`);
    else if (command.arguments && described.length === 0)
      lines.push(`complete -c advise -n ${when} -a ${quote(words(command.arguments))}`);
  };
  add(":", spec.root);
  for (const [key, command] of keyed(spec)) add(key, command);
  return `${lines.join("\n")}\n`;
}

export const COMPLETION_SCRIPTS = { bash, zsh, fish } satisfies Record<Shell, (spec: CompletionSpec) => string>;
