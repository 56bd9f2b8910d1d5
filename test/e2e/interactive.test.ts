import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYS, startInPty } from "./pty.js";
import { runCli } from "./run-cli.js";
import { defaultRules, tempDir } from "../helpers.js";
import { questionRounds } from "../../src/prompt/question-order.js";

/** Presses Enter at every question of a round of `total`, which leaves each open ("Not sure", an empty number). */
async function enterThrough(pty: ReturnType<typeof startInPty>, total: number) {
  for (let k = 1; k <= total; k++) {
    await pty.waitFor(new RegExp(`\\(${k}/${total}\\) [\\s\\S]*?(❯|empty:\\s+not\\s+sure)`));
    pty.send(KEYS.enter);
  }
}

/** At the offer of more questions: declines it and declines saving the answers, and the run ends with 0. */
async function declineMoreAndSaving(pty: ReturnType<typeof startInPty>) {
  pty.send(KEYS.enter);
  await pty.waitFor(/Save these answers/);
  pty.send(KEYS.enter);
  expect(await pty.exited).toBe(0);
}

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
      await pty.waitFor(/other\s+questions?\s+(could|would)\s+change\s+this/);
      pty.send(KEYS.enter); // the default: no
      await pty.waitFor(/Saved the answers to/);
      expect(await pty.exited).toBe(0);
    } finally {
      pty.kill();
    }
    const shown = pty.text.match(/Recommendation: ([^\n—]+)/)![1]!.trim();
    expect(readFileSync(saved, "utf8")).toMatch(/need: knowledge/);
    // The number questions were answered by typing "2m".
    expect(readFileSync(saved, "utf8")).toMatch(/: 2m\n/);
    const again = runCli(["--profile", saved, "--format", "json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).recommendation.name).toBe(shown);
  });

  it("asks on standard error when the advice goes to a file, and the file holds only the advice", async () => {
    const { core } = questionRounds(defaultRules());
    const out = join(tempDir("advise-"), "decision.md");
    const pty = startInPty(["--format", "markdown"], { stdoutTo: out });
    try {
      await enterThrough(pty, core.length);
      await pty.waitFor(/other\s+questions?\s+(could|would)\s+change\s+this/);
      await declineMoreAndSaving(pty);
    } finally {
      pty.kill();
    }
    const record = readFileSync(out, "utf8");
    expect(record).toMatch(/^# Decision: /);
    expect(record).not.toMatch(/Answer what you know|Not sure — leave open|\(1\//);
  });

  it("says so at once when a batch would read standard input from the terminal", async () => {
    const pty = startInPty(["--batch", "-"]);
    try {
      await pty.waitFor(/standard input is a terminal; pipe a file in or name one/);
      expect(await pty.exited).toBe(2);
    } finally {
      pty.kill();
    }
  });

  it('records "Not sure" in the saved profile, which then asks nothing already recorded, at 60 columns', async () => {
    const { core, rest } = questionRounds(defaultRules());
    const dir = tempDir("advise-");
    const saved = join(dir, "open.yaml");
    const pty = startInPty(["--save", saved], { columns: 60 });
    try {
      await enterThrough(pty, core.length);
      await pty.waitFor(/other\s+questions?\s+(could|would)\s+change\s+this/);
      pty.send(KEYS.enter);
      await pty.waitFor(/Saved the answers to/);
      expect(await pty.exited).toBe(0);
    } finally {
      pty.kill();
    }
    // Enter alone answered nothing: the cursor started on "Not sure" and the numbers were left empty.
    const text = readFileSync(saved, "utf8");
    for (const id of core) expect(text).toMatch(new RegExp(`^${id}: not-sure$`, "m"));
    expect(pty.text).toMatch(/Not sure — leave open/);
    expect(pty.text).toMatch(/Enter alone leaves a question open/);
    // The questions fit; the advice after them is the renderers' to fit (a link, for one, is never broken).
    // Inquirer redraws with cursor movements, so a cursor movement ends a line as a new line does.
    const questions = pty.screen
      .slice(0, pty.screen.indexOf("Recommendation:"))
      .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "\n");
    expect(questions).toMatch(/About 750 words make 1,000 tokens/);
    for (const line of questions.replace(/\r/g, "").split("\n"))
      expect(line, line).toHaveLength(Math.min(line.length, 60));

    const again = startInPty(["--profile", saved, "--ask"]);
    try {
      const offer = await again.waitFor(
        /(\d+) of the (\d+) other questions could change|the (\d+) other questions would change/,
      );
      expect(Number(offer[2] ?? offer[3])).toBe(rest.length);
      await declineMoreAndSaving(again);
    } finally {
      again.kill();
    }
    expect(again.text).not.toMatch(/\(1\/\d+\)/);
    expect(again.text).toMatch(/Recommendation: /);
  });

  it("a session's answers survive a mistyped folder and a refusal to overwrite", async () => {
    const dir = tempDir("advise-");
    const taken = join(dir, "taken.yaml");
    writeFileSync(taken, "need: behavior\n");
    const good = join(dir, "good.yaml");
    const { core } = questionRounds(defaultRules());
    const pty = startInPty(["--need", "knowledge", "--ask"]);
    try {
      await enterThrough(pty, core.length - 1);
      await pty.waitFor(/other\s+questions?\s+(could|would)\s+change\s+this/);
      pty.send(KEYS.enter);
      await pty.waitFor(/Save these answers/);
      pty.send("y" + KEYS.enter);
      await pty.waitFor(/File name/);
      pty.send(join(dir, "nodir", "x.yaml") + KEYS.enter);
      await pty.waitFor(/folder \S*nodir\/ does not exist/);
      await pty.waitFor(/Another file name/);
      pty.send(taken + KEYS.enter);
      await pty.waitFor(/exists\. Replace it\?/);
      pty.send(KEYS.enter); // the default: no
      const from = pty.screen.length;
      await pty.waitFor(/Another file name/, from);
      pty.send(good + KEYS.enter);
      await pty.waitFor(/Saved the answers to/);
      expect(await pty.exited).toBe(0);
    } finally {
      pty.kill();
    }
    expect(readFileSync(taken, "utf8")).toBe("need: behavior\n");
    expect(readFileSync(good, "utf8")).toMatch(/^need: knowledge$/m);
    expect(readFileSync(good, "utf8")).toMatch(/: not-sure$/m);
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
