import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-cli.js";
import { tempDir } from "../helpers.js";

/** Loads the bash script into a real bash and asks it to complete `words` (the last one being typed). */
function complete(script: string, words: string[]): string[] {
  const file = join(tempDir("advise-completion-"), "advise.bash");
  writeFileSync(file, script);
  const quoted = words.map((w) => `'${w}'`).join(" ");
  const run = spawnSync(
    "bash",
    [
      "-c",
      `source '${file}' && COMP_WORDS=(${quoted}) && COMP_CWORD=${words.length - 1} && _advise && printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { encoding: "utf8" },
  );
  expect(run.stderr).toBe("");
  return run.stdout.split("\n").filter(Boolean);
}

const installed = (shell: string) => spawnSync("sh", ["-c", `command -v ${shell}`]).status === 0;

/** Asks a real fish what it completes for `line` (the cursor at its end). */
function fishComplete(script: string, line: string): string[] {
  const file = join(tempDir("advise-completion-"), "advise.fish");
  writeFileSync(file, script);
  const run = spawnSync("fish", ["-c", `source ${file}; complete -C ${JSON.stringify(line)}`], { encoding: "utf8" });
  expect(run.stderr).toBe("");
  return run.stdout
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split("\t")[0]!);
}

/** Asks a real interactive zsh, in a pseudo-terminal of its own (zpty), what it completes for `line`. */
function zshComplete(script: string, line: string, install: "source" | "fpath" = "source"): string[] {
  const file = join(tempDir("advise-completion-"), "_advise");
  writeFileSync(file, script);
  const run = spawnSync(
    "zsh",
    ["-f", fileURLToPath(new URL("./zsh-complete.zsh", import.meta.url)), file, line, install],
    { encoding: "utf8", timeout: 10_000 },
  );
  expect(run.stderr).toBe("");
  return run.stdout.split("\n").filter(Boolean);
}

/** Each case: the command line typed so far (the last word being typed) and what completes it, in any shell. */
const CASES: [string, string[]][] = [
  ["advise ta", ["table"]],
  ["advise --lat", ["--latency"]],
  ["advise --latency in", ["interactive"]],
  ["advise recommend --no-cit", ["--no-citations"]],
  ["advise explain fi", ["fine-tuning", "finetuning", "fine-tune", "finetune"]],
  ["advise table --format ", ["table", "json", "yaml", "markdown"]],
  ["advise --format json ta", ["table"]],
  ["advise table --la", []],
  ["advise rules s", ["show", "schema"]],
  ["advise rules init --", ["--force", "--help"]],
  ["advise rules schema --l", ["--layer"]],
  ["advise rules validate --f", ["--format"]],
  ["advise rules show --format ", ["json", "yaml"]],
  ["advise rules test --format ", ["table", "json", "yaml", "markdown", "junit"]],
  ["advise rules --l", []],
  ["advise completion ", ["bash", "zsh", "fish"]],
  ["advise completion --", ["--rules", "--help"]],
];
const words = (line: string) => line.split(" ");
const sorted = (list: string[]) => [...list].sort();

describe("advise completion", () => {
  const bash = runCli(["completion", "bash"]).stdout;

  it.each(CASES)("completes %j to %j in bash", (line, expected) => {
    expect(sorted(complete(bash, words(line)))).toEqual(sorted(expected));
  });

  it("completes the dimensions of the rules in use", () => {
    const rules = join(tempDir("advise-rules-"), "rules.yaml");
    writeFileSync(rules, readFileSync(new URL("../fixtures/minimal-rules.yaml", import.meta.url), "utf8"));
    const script = runCli(["completion", "bash", "--rules", rules]).stdout;
    expect(complete(script, ["advise", "--si"])).toEqual(["--size"]);
    expect(complete(script, ["advise", "--size", "b"])).toEqual(["both"]);
  });

  it("offers to each command the formats its own parser accepts", () => {
    for (const [line, format] of [
      ["advise table --format ", "junit"],
      ["advise rules show --format ", "table"],
      ["advise rules show --format ", "markdown"],
    ] as const) {
      expect(complete(bash, words(line))).not.toContain(format);
      const run = runCli([...words(line).slice(1).filter(Boolean), format, "--help"]);
      expect(run.code, `${line}${format}`).toBe(2);
    }
  });

  it("describes options and commands in zsh and fish", () => {
    const zsh = runCli(["completion", "zsh"]).stdout;
    expect(zsh).toMatch(/^#compdef advise/);
    expect(zsh).toContain("'--latency[What response time do you need?");
    expect(zsh).toMatch(/'table:print the trade-off table[^']*'/);
    expect(zsh).toContain("_describe -t commands command commands");
    const fish = runCli(["completion", "fish"]).stdout;
    expect(fish).toMatch(
      /complete -c advise .* -l latency -x -a 'strict interactive relaxed batch not-sure' -d 'What response time/,
    );
    expect(fish).toMatch(/complete -c advise .* -l citations .*-a 'yes no not-sure'/);
    const bad = runCli(["completion", "powershel"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown shell "powershel"/);
  });

  it("keeps descriptions from a rules file inert in every shell: quotes, brackets, command substitutions", () => {
    const work = tempDir("advise-hostile-");
    // Control characters are refused when the rules are read; everything a shell reads specially is not.
    const question = "How big? ' \" $(touch pwned) `touch pwned` ] [x] : \\ ; # end";
    const rules = join(work, "rules.yaml");
    writeFileSync(
      rules,
      readFileSync(new URL("../fixtures/minimal-rules.yaml", import.meta.url), "utf8").replace(
        "question: How big?",
        `question: ${JSON.stringify(question)}`,
      ),
    );
    const script = (shell: string) => {
      const run = runCli(["completion", shell, "--rules", rules]);
      expect(run.code).toBe(0);
      return run.stdout;
    };
    for (const shell of ["zsh", "fish"]) expect(script(shell), shell).toContain("$(touch pwned) `touch pwned`");
    expect(complete(script("bash"), ["advise", "--si"])).toEqual(["--size"]);
    if (installed("zsh"))
      expect(zshComplete(script("zsh"), "advise --size ")).toEqual(expect.arrayContaining(["both"]));
    if (installed("fish")) expect(fishComplete(script("fish"), "advise --si")).toEqual(["--size"]);
    expect(existsSync(join(ROOT, "pwned"))).toBe(false);
    expect(existsSync(join(work, "pwned"))).toBe(false);
  });

  const fish = runCli(["completion", "fish"]).stdout;
  it.skipIf(!installed("fish")).each(CASES)(
    "completes %j to %j in fish (skipped where fish is not installed)",
    (line, expected) => {
      expect(sorted(fishComplete(fish, line))).toEqual(sorted(expected));
    },
  );

  const zsh = runCli(["completion", "zsh"]).stdout;
  it.skipIf(!installed("zsh"))(
    "is found by compinit when installed in a folder of fpath (skipped where zsh is not installed)",
    () => {
      expect(zshComplete(zsh, "advise completion ", "fpath")).toEqual(["bash", "zsh", "fish"]);
    },
  );

  it.skipIf(!installed("zsh")).each(CASES)(
    "completes %j to %j in zsh (skipped where zsh is not installed)",
    (line, expected) => {
      expect(sorted(zshComplete(zsh, line))).toEqual(sorted(expected));
    },
  );
});

describe("help topics", () => {
  it.each(["exit-codes", "environment", "formats"])("advise help %s", (topic) => {
    const run = runCli(["help", topic]);
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(100);
  });

  it("lists every dimension flag in help, and suggests the nearest flag for a typo, whatever else is given", () => {
    // recommend sets up only the dimension flags a command line names; help and errors must still see them all.
    const help = runCli(["recommend", "--latency", "strict", "--help"]).stdout;
    for (const flag of ["--need", "--latency", "--citations", "--no-citations", "--prompt-baseline"])
      expect(help).toContain(flag);
    const typo = runCli(["--need", "knowledge", "--knowledge-freshnes", "frequent"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(
      /^advise: unknown option '--knowledge-freshnes' \(did you mean "--knowledge-freshness"\?\)$/m,
    );
    const given = runCli(["--need=knowledge", "--no-citations", "--format", "json"]);
    expect(JSON.parse(given.stdout).profile).toEqual({ need: "knowledge", citations: false });
  });

  it("every command's help starts with its usage, ends with examples and fits a 60-column terminal", () => {
    for (const command of [
      "",
      "recommend",
      "table",
      "cost",
      "questions",
      "explain",
      "compare",
      "completion",
      "rules",
      "rules validate",
      "rules show",
      "rules schema",
      "rules test",
      "rules init",
    ]) {
      const help = runCli([...command.split(" ").filter(Boolean), "--help"], { env: { COLUMNS: "60" } }).stdout;
      expect(help, command).toMatch(/^Usage: advise/);
      expect(help, command).toMatch(/\nExamples:\n(?: {2}# [^\n]*\n)? {2}\$ advise[^\n]*\n/);
      // Examples too: a long one puts its comment above and continues the command with a backslash.
      for (const line of help.split("\n")) expect(line.length, `${command}: ${line}`).toBeLessThanOrEqual(60);
    }
  });

  it("root help lists the options of recommend, the default command", () => {
    const help = runCli(["--help"]).stdout;
    expect(help).toMatch(/Options of recommend, the default command/);
    for (const flag of ["--profile <file>", "--need <value>", "--citations [yes|no]", "--ask", "--save <file>"])
      expect(help).toContain(flag);
  });
});
