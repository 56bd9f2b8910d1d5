import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYS, startInPty } from "./pty.js";
import { runCli } from "./run-cli.js";
import { tempDir } from "../helpers.js";

describe("the questionnaire in a real terminal", () => {
  it("asks the core questions by keystrokes and prints the advice; the saved profile gives it again", async () => {
    const dir = tempDir("advise-");
    const saved = join(dir, "answers.yaml");
    const pty = startInPty(["--save", saved]);
    try {
      await pty.waitFor(/\(1\/(\d+)\) When a good prompt/);
      const total = Number((await pty.waitFor(/\(1\/(\d+)\)/))[1]);
      // The cursor starts on "Not sure", the last choice; down wraps round to the first.
      pty.send(KEYS.down + KEYS.enter); // need: Knowledge, the first choice
      for (let k = 2; k <= total; k++) {
        // A select shows its choices (❯), a number question says how to skip it: answer numbers with a
        // suffixed number, the rest with the first choice.
        const match = await pty.waitFor(new RegExp(`\\(${k}/${total}\\) [\\s\\S]*?(❯|empty:\\s+not\\s+sure)`));
        pty.send(match[1] !== "❯" ? "2m" : KEYS.down);
        pty.send(KEYS.enter);
      }
      await pty.waitFor(/Answer \d+ more questions/);
      pty.send(KEYS.enter); // the default: no
      await pty.waitFor(/Saved the answers to/);
      expect(await pty.exited).toBe(0);
    } finally {
      pty.kill();
    }
    const shown = pty.text.match(/Recommendation: ([^\n—]+)/)![1]!.trim();
    expect(readFileSync(saved, "utf8")).toMatch(/need: knowledge/);
    // The number questions were answered by typing "2m".
    expect(readFileSync(saved, "utf8")).toMatch(/: 2000000\n/);
    const again = runCli(["--profile", saved, "--format", "json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).recommendation.name).toBe(shown);
  });

  it.each([
    ["Ctrl-C", KEYS.ctrlC],
    ["Ctrl-D", KEYS.ctrlD],
  ])("%s at a question ends with one line and exit 130", async (_name, key) => {
    const pty = startInPty(["--need", "knowledge", "--ask"]);
    try {
      await pty.waitFor(/\(1\/\d+\)/);
      pty.send(key);
      expect(await pty.exited).toBe(130);
    } finally {
      pty.kill();
    }
    expect(pty.text).toMatch(/advise: cancelled\n?$/);
    expect(pty.text).not.toMatch(/\n\s+at .+:\d+:\d+/);
    // The cursor, hidden while a select is shown, is visible again.
    expect(pty.screen.lastIndexOf("\u001b[?25h")).toBeGreaterThan(pty.screen.lastIndexOf("\u001b[?25l"));
  });

  it("SIGTERM at a question shows the cursor again and ends with exit 143", async () => {
    const pty = startInPty(["--need", "knowledge", "--ask"]);
    try {
      await pty.waitFor(/\(1\/\d+\)/);
      await pty.signal("SIGTERM");
      expect(await pty.exited).toBe(143);
    } finally {
      pty.kill();
    }
    expect(pty.text).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(pty.screen.lastIndexOf("\u001b[?25h")).toBeGreaterThan(pty.screen.lastIndexOf("\u001b[?25l"));
  });

  it("does not ask flags again and fits a 60-column terminal", async () => {
    const pty = startInPty(["--need", "behavior", "--timeline", "days", "--ask"], { columns: 60 });
    try {
      const first = await pty.waitFor(/\(1\/(\d+)\) ([^\n]*)/);
      expect(first[2]).not.toMatch(/what is missing|How long until/);
      pty.send(KEYS.ctrlC);
      await pty.exited;
    } finally {
      pty.kill();
    }
    for (const line of pty.text.split("\n")) expect(line.length).toBeLessThanOrEqual(60);
  });

  it.each([
    ["NO_COLOR", [], { NO_COLOR: "1" }],
    ["--no-color", ["--no-color"], {}],
  ] as const)("respects %s in the prompts too", async (_name, flags, env) => {
    const pty = startInPty(["--need", "knowledge", "--ask", ...flags], { env });
    try {
      await pty.waitFor(/\(1\/\d+\)/);
      pty.send(KEYS.ctrlC);
      await pty.exited;
    } finally {
      pty.kill();
    }
    expect(pty.screen).not.toMatch(/\u001b\[(3\d|1|2)m/);
    const coloured = startInPty(["--need", "knowledge", "--ask"]);
    await coloured.waitFor(/\(1\/\d+\)/);
    coloured.send(KEYS.ctrlC);
    await coloured.exited;
    expect(coloured.screen).toMatch(/\u001b\[3\dm/);
  });

  it("never prompts without a terminal, and names the alternatives", () => {
    const run = runCli([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--profile/);
    expect(run.stderr).toMatch(/advise questions/);
  });

  it("never prompts with --no-input, even in a terminal", async () => {
    const pty = startInPty(["--need", "knowledge", "--no-input"]);
    expect(await pty.exited).toBe(0);
    expect(pty.text).toMatch(/Recommendation: /);
    expect(pty.text).not.toMatch(/\(1\/\d+\)/);
  });
});
