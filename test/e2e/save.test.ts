import {
  chmodSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, runCli } from "./run-cli.js";
import { tempDir } from "../helpers.js";

const FLAGS = ["--need", "task-skill", "--labeled-examples", "8k", "--latency", "strict", "--citations"];

describe("--save", () => {
  it("writes a profile that --profile reads back to the same result", () => {
    const dir = tempDir("advise-save-");
    const file = join(dir, "answers.yaml");
    const first = runCli([...FLAGS, "--save", file, "--format", "json"]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/Saved the answers to/);
    const again = runCli(["--profile", file, "--format", "json"]);
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(first.stdout));
    expect(readdirSync(dir)).toEqual(["answers.yaml"]);
  });

  it("writes JSON for a .json name", () => {
    const file = join(tempDir("advise-save-"), "answers.json");
    expect(runCli([...FLAGS, "--save", file]).code).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({
      need: "task-skill",
      "labeled-examples": 8000,
      latency: "strict",
      citations: true,
    });
  });

  it("never overwrites an existing file without --force", () => {
    const file = join(tempDir("advise-save-"), "answers.yaml");
    writeFileSync(file, "mine\n");
    const refused = runCli([...FLAGS, "--save", file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists; pass --force to replace it/);
    expect(refused.stdout).toBe("");
    expect(readFileSync(file, "utf8")).toBe("mine\n");
    expect(runCli([...FLAGS, "--save", file, "--force"]).code).toBe(0);
    expect(readFileSync(file, "utf8")).toMatch(/need: task-skill/);
  });

  it("leaves nothing behind when it cannot write", () => {
    const dir = tempDir("advise-save-");
    const run = runCli([...FLAGS, "--save", join(dir, "missing", "answers.yaml")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot save to .*: the folder .*missing\/ does not exist/);
    expect(run.stdout).toBe("");
    expect(existsSync(join(dir, "missing"))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("--save, with names and files that could be turned against it", () => {
  it("lets one of two saves to one name win, refuses the other, and leaves the winner's file whole", async () => {
    const dir = tempDir("advise-save-race-");
    const file = join(dir, "answers.yaml");
    for (let round = 0; round < 5; round++) {
      rmSync(file, { force: true });
      const runs = ["knowledge", "behavior"].map(
        (need) =>
          new Promise<{ code: number | null; need: string }>((done) => {
            const child = spawn(process.execPath, [BIN, "--need", need, "--save", file], { stdio: "ignore" });
            child.on("close", (code) => done({ code, need }));
          }),
      );
      const results = await Promise.all(runs);
      const winners = results.filter((r) => r.code === 0);
      expect(winners.length, JSON.stringify(results)).toBe(1);
      expect(results.filter((r) => r.code === 2)).toHaveLength(1);
      expect(readFileSync(file, "utf8")).toContain(`need: ${winners[0]!.need}`);
      expect(readdirSync(dir)).toEqual(["answers.yaml"]);
    }
  });

  it("neither follows nor replaces a symbolic link, even a broken one, without --force; with it, writes through", () => {
    const dir = tempDir("advise-save-link-");
    const real = join(dir, "real.yaml");
    writeFileSync(real, "mine\n");
    symlinkSync(real, join(dir, "link.yaml"));
    symlinkSync(join(dir, "nowhere.yaml"), join(dir, "broken.yaml"));
    for (const name of ["link.yaml", "broken.yaml"]) {
      const run = runCli([...FLAGS, "--save", join(dir, name)]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/is a symbolic link; pass --force/);
      expect(run.stdout).toBe("");
    }
    expect(readFileSync(real, "utf8")).toBe("mine\n");
    expect(existsSync(join(dir, "nowhere.yaml"))).toBe(false);
    expect(runCli([...FLAGS, "--save", join(dir, "link.yaml"), "--force"]).code).toBe(0);
    expect(lstatSync(join(dir, "link.yaml")).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, "utf8")).toMatch(/need: task-skill/);
  });

  it("keeps an existing file's permissions when --force replaces it", () => {
    const file = join(tempDir("advise-save-mode-"), "answers.yaml");
    writeFileSync(file, "mine\n", { mode: 0o600 });
    chmodSync(file, 0o600);
    expect(runCli([...FLAGS, "--save", file, "--force"]).code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("writes the file's name into the file only quoted, so a line break in it adds no answer", () => {
    const dir = tempDir("advise-save-name-");
    const name = "a\nlatency: relaxed\n.yaml";
    expect(runCli(["--need", "knowledge", "--save", join(dir, name)]).code).toBe(0);
    const again = runCli(["--profile", join(dir, name), "--format", "json"]);
    expect(JSON.parse(again.stdout).profile).toEqual({ need: "knowledge" });
  });

  it("saves the cost sketch's answers too, so the profile gives the same sketch again", () => {
    const dir = tempDir("advise-save-cost-");
    const file = join(dir, "p.yaml");
    const flags = ["--need", "knowledge", "--queries-per-day", "5k", "--prompt-tokens", "2k", "--model-size", "70b"];
    const first = runCli([...flags, "--format", "json", "--save", file]);
    expect(first.code).toBe(0);
    expect(readFileSync(file, "utf8")).toMatch(/\nprompt-tokens: 2k\nmodel-size: 70b\n$/);
    const again = runCli(["--profile", file, "--format", "json"]);
    expect(JSON.parse(again.stdout).cost).toEqual(JSON.parse(first.stdout).cost);
    expect(JSON.parse(again.stdout).cost.assumptions.join(" ")).not.toMatch(/Assumed (prompt-tokens|model-size)/);
  });

  it("reads a cost question left open as not-sure: the sketch assumes its default, as for one unanswered", () => {
    const open = runCli([
      "--need",
      "knowledge",
      "--queries-per-day",
      "5k",
      "--prompt-tokens",
      "not-sure",
      "--format",
      "json",
    ]);
    const unanswered = runCli(["--need", "knowledge", "--queries-per-day", "5k", "--format", "json"]);
    expect(open.code, open.stderr).toBe(0);
    expect(JSON.parse(open.stdout).cost).toEqual(JSON.parse(unanswered.stdout).cost);
    expect(JSON.parse(open.stdout).cost.assumptions.join(" ")).toMatch(/Assumed prompt-tokens/);
  });

  it("saves to standard output for -, and refuses an empty name as a usage error", () => {
    const run = runCli(["--need", "knowledge", "--format", "json", "--save", "-"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\n# Answers for advise --profile "-"\nneed: knowledge\n$/);
    expect(existsSync(join(ROOT, "-"))).toBe(false);
    for (const args of [
      ["--save", ""],
      ["--profile", ""],
    ]) {
      const empty = runCli(["--need", "knowledge", ...args]);
      expect(empty.code, args.join(" ")).toBe(2);
      expect(empty.stderr).toMatch(/needs a file name/);
      expect(empty.stdout).toBe("");
    }
  });
});
