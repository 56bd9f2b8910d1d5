import type { Rules } from "../core/rules-schema.js";

/** What completion needs to know, read from the program and the rules in use. */
export interface CompletionCommand {
  name: string;
  description: string;
  options: string[];
  /** Commands under this one (`advise rules validate`). */
  subcommands: CompletionCommand[];
}

export interface CompletionSpec {
  commands: CompletionCommand[];
  /** Option → the values it takes; "FILE" completes file names. */
  values: Record<string, string[] | "FILE">;
  approaches: string[];
}

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

/** The dimension flags and their values, from the rules (a dimension added in YAML completes too). */
export function dimensionCompletions(rules: Rules): { options: string[]; values: Record<string, string[]> } {
  const options: string[] = [];
  const values: Record<string, string[]> = {};
  for (const d of rules.dimensions) {
    options.push(`--${d.id}`);
    if (d.type === "boolean") options.push(`--no-${d.id}`);
    if (d.type === "enum") values[`--${d.id}`] = d.values.map((v) => v.id);
  }
  return { options, values };
}

const words = (list: string[]) => list.join(" ");

function bash(spec: CompletionSpec): string {
  const names = spec.commands.map((c) => c.name);
  const opts = (c: CompletionCommand) => words(c.options) + (c.name === "explain" || c.name === "compare" ? ` ${words(spec.approaches)}` : "");
  // Cases on "command:subcommand"; the subcommand is empty until one is typed.
  const byCommand = spec.commands
    .flatMap((c) =>
      c.subcommands.length === 0
        ? [`    ${c.name}:*) opts="${opts(c)}" ;;`]
        : [...c.subcommands.map((sub) => `    ${c.name}:${sub.name}) opts="${opts(sub)}" ;;`), `    ${c.name}:*) opts="${words(c.subcommands.map((sub) => sub.name))} ${opts(c)}" ;;`],
    )
    .join("\n");
  const nested = spec.commands.flatMap((c) => c.subcommands.map((sub) => `${c.name}:${sub.name}`));
  const recommend = spec.commands.find((c) => c.name === "recommend")!;
  const valueCases = Object.entries(spec.values)
    .map(([option, values]) => `    ${option}) ${values === "FILE" ? 'COMPREPLY=($(compgen -f -- "$cur"))' : `COMPREPLY=($(compgen -W "${words(values)}" -- "$cur"))`}; return ;;`)
    .join("\n");
  return `# bash completion for advise. Install: advise completion bash > ~/.local/share/bash-completion/completions/advise
_advise() {
  local cur prev cmd sub opts w
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
${valueCases}
  esac
  cmd=""
  sub=""
  for w in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    if [ -z "$cmd" ]; then
      case "$w" in ${names.join("|")}) cmd="$w" ;; esac
    elif [ -z "$sub" ]; then
      case "$cmd:$w" in ${nested.join("|") || "-"}) sub="$w" ;; esac
    fi
  done
  case "$cmd:$sub" in
${byCommand}
    *) opts="${words(names)} ${words(recommend.options)}" ;;
  esac
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -o default -F _advise advise
`;
}

function zsh(spec: CompletionSpec): string {
  return `#compdef advise
# zsh completion for advise, through zsh's bash-completion layer.
# Install: advise completion zsh > "\${fpath[1]}/_advise" (or source it from ~/.zshrc)
autoload -U +X bashcompinit && bashcompinit
${bash(spec).replace(/^# bash completion.*\n/, "")}`;
}

function fish(spec: CompletionSpec): string {
  const quote = (text: string) => `'${text.replace(/'/g, "\\'")}'`;
  const lines = ["# fish completion for advise. Install: advise completion fish > ~/.config/fish/completions/advise.fish", "complete -c advise -f"];
  const optionLines = (command: CompletionCommand, when: string) => {
    for (const option of command.options) {
      const values = spec.values[option];
      const takes = values === "FILE" ? " -r -F" : values ? ` -x -a ${quote(words(values))}` : "";
      lines.push(`complete -c advise -n ${when} -l ${option.replace(/^--/, "")}${takes}`);
    }
  };
  for (const command of spec.commands) lines.push(`complete -c advise -n '__fish_use_subcommand' -a ${command.name} -d ${quote(command.description)}`);
  for (const command of spec.commands) {
    const when = command.name === "recommend" ? `'__fish_use_subcommand; or __fish_seen_subcommand_from recommend'` : `'__fish_seen_subcommand_from ${command.name}'`;
    optionLines(command, when);
    if (command.name === "explain" || command.name === "compare") lines.push(`complete -c advise -n ${when} -a ${quote(words(spec.approaches))}`);
    const subNames = words(command.subcommands.map((sub) => sub.name));
    for (const sub of command.subcommands) {
      lines.push(`complete -c advise -n '__fish_seen_subcommand_from ${command.name}; and not __fish_seen_subcommand_from ${subNames}' -a ${sub.name} -d ${quote(sub.description)}`);
      optionLines(sub, `'__fish_seen_subcommand_from ${command.name}; and __fish_seen_subcommand_from ${sub.name}'`);
    }
  }
  return `${lines.join("\n")}\n`;
}

export const COMPLETION_SCRIPTS = { bash, zsh, fish } satisfies Record<Shell, (spec: CompletionSpec) => string>;
