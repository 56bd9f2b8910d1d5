import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import { tempDir } from "../helpers.js";

/** Loads the bash script into a real bash and asks it to complete `words` (the last one being typed). */
function complete(script: string, words: string[]): string[] {
  const file = join(tempDir("advise-completion-"), "advise.bash");
  writeFileSync(file, script);
  const quoted = words.map((w) => `'${w}'`).join(" ");
  const run = spawnSync("bash", ["-c", `source '${file}' && COMP_WORDS=(${quoted}) && COMP_CWORD=${words.length - 1} && _advise && printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: "utf8" });
  expect(run.stderr).toBe("");
  return run.stdout.split("\n").filter(Boolean);
}

describe("advise completion", () => {
  const bash = runCli(["completion", "bash"]).stdout;

  it.each([
    [["advise", "ta"], ["table"]],
    [["advise", "--lat"], ["--latency"]],
    [["advise", "--latency", "in"], ["interactive"]],
    [["advise", "recommend", "--no-cit"], ["--no-citations"]],
    [["advise", "explain", "fi"], ["fine-tuning", "finetuning", "fine-tune", "finetune"]],
    [["advise", "table", "--format", "j"], ["json"]],
    [["advise", "table", "--la"], []],
    [["advise", "rules", "s"], ["show", "schema"]],
    [["advise", "rules", "schema", "--l"], ["--layer"]],
    [["advise", "rules", "validate", "--f"], ["--format"]],
    [["advise", "rules", "--l"], []],
  ])("completes %j to %j in bash", (words, expected) => {
    expect(complete(bash, words)).toEqual(expected);
  });

  it("completes the dimensions of the rules in use", () => {
    const rules = join(tempDir("advise-rules-"), "rules.yaml");
    writeFileSync(rules, readFileSync(new URL("../fixtures/minimal-rules.yaml", import.meta.url), "utf8"));
    const script = runCli(["completion", "bash", "--rules", rules]).stdout;
    expect(complete(script, ["advise", "--si"])).toEqual(["--size"]);
    expect(complete(script, ["advise", "--size", "b"])).toEqual(["both"]);
  });

  it("prints zsh and fish scripts, and rejects other shells", () => {
    expect(runCli(["completion", "zsh"]).stdout).toMatch(/^#compdef advise/);
    const fish = runCli(["completion", "fish"]).stdout;
    expect(fish).toMatch(/complete -c advise .* -l latency -x -a 'strict interactive relaxed batch'/);
    expect(fish).toMatch(/complete -c advise -n '__fish_seen_subcommand_from rules; and not __fish_seen_subcommand_from validate show schema init test' -a show /);
    expect(fish).toMatch(/complete -c advise -n '__fish_seen_subcommand_from rules; and __fish_seen_subcommand_from schema' -l layer/);
    const bad = runCli(["completion", "powershel"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown shell "powershel"/);
  });

  const installed = (shell: string) => spawnSync("sh", ["-c", `command -v ${shell}`]).status === 0;
  for (const shell of ["zsh", "fish"]) it.skipIf(!installed(shell))(`loads in ${shell} (skipped where it is not installed)`, () => {
    const file = join(tempDir("advise-completion-"), `advise.${shell}`);
    writeFileSync(file, runCli(["completion", shell]).stdout);
    const run = spawnSync(shell, ["-c", shell === "zsh" ? `autoload -U compinit && compinit -u && source '${file}'` : `source '${file}'`], { encoding: "utf8" });
    expect(run.status).toBe(0);
  });
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
    for (const flag of ["--need", "--latency", "--citations", "--no-citations", "--prompt-baseline"]) expect(help).toContain(flag);
    const typo = runCli(["--need", "knowledge", "--knowledge-freshnes", "frequent"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown option '--knowledge-freshnes'[\s\S]*Did you mean --knowledge-freshness\?/);
    const given = runCli(["--need=knowledge", "--no-citations", "--format", "json"]);
    expect(JSON.parse(given.stdout).profile).toEqual({ need: "knowledge", citations: false });
  });

  it("every command's help starts with its usage, ends with examples and fits a 60-column terminal", () => {
    for (const command of ["", "recommend", "table", "cost", "questions", "explain", "compare", "completion", "rules", "rules validate", "rules show", "rules schema", "rules test", "rules init"]) {
      const help = runCli([...command.split(" ").filter(Boolean), "--help"], { env: { COLUMNS: "60" } }).stdout;
      expect(help, command).toMatch(/^Usage: advise/);
      expect(help, command).toMatch(/\nExamples:\n {2}\$ advise[^\n]*\n/);
      for (const line of help.split("\n").filter((l) => !l.startsWith("  $ "))) expect(line.length, `${command}: ${line}`).toBeLessThanOrEqual(60);
    }
  });

  it("root help lists the options of recommend, the default command", () => {
    const help = runCli(["--help"]).stdout;
    expect(help).toMatch(/Options of recommend, the default command/);
    for (const flag of ["--profile <file>", "--need <value>", "--citations [yes|no]", "--ask", "--save <file>"]) expect(help).toContain(flag);
  });
});
