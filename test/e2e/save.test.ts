import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
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
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ need: "task-skill", "labeled-examples": 8000, latency: "strict", citations: true });
  });

  it("never overwrites an existing file without --force", () => {
    const file = join(tempDir("advise-save-"), "answers.yaml");
    writeFileSync(file, "mine\n");
    const refused = runCli([...FLAGS, "--save", file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists; pass --force/);
    expect(refused.stdout).toBe("");
    expect(readFileSync(file, "utf8")).toBe("mine\n");
    expect(runCli([...FLAGS, "--save", file, "--force"]).code).toBe(0);
    expect(readFileSync(file, "utf8")).toMatch(/need: task-skill/);
  });

  it("leaves nothing behind when it cannot write", () => {
    const dir = tempDir("advise-save-");
    const run = runCli([...FLAGS, "--save", join(dir, "missing", "answers.yaml")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot save to .* \(ENOENT\)/);
    expect(existsSync(join(dir, "missing"))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
