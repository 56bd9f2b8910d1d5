import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { runCli } from "./run-cli.js";

/**
 * In the bundle, cli-table3 measures text through the string-width adapter (src/adapters/string-width.ts, put there
 * by scripts/adapters.ts). Run from source, advise uses string-width as published; the two must print the same,
 * byte for byte, in colour or not, ASCII or not, at any width, with wide characters and emoji in the text.
 */
async function fromSource(argv: string[], env: Record<string, string>): Promise<string> {
  let out = "";
  const sink = { isTTY: false, write: (text: string) => ((out += text), true) } as unknown as NodeJS.WritableStream;
  const code = await main({ argv, env, stdin: Readable.from([]), stdout: sink, stderr: sink });
  expect(code, argv.join(" ")).toBe(0);
  return out;
}

// A rules layer whose approaches are described in wide characters, combining marks and emoji sequences.
const unicodeRules = join(mkdtempSync(join(tmpdir(), "advise-table-")), "rules.yaml");
writeFileSync(
  unicodeRules,
  [
    "extends: default",
    "approaches:",
    "  - id: rag",
    '    resourceDemand: "中程度から高い 👍🏽"',
    '    bestUseCase: "Réponses à jour: recherche de passages ✔\ufe0f, 検索拡張生成 👨\u200d👩\u200d👧 🇫🇷"',
    "  - id: fine-tuning",
    '    customizationLevel: "e\u0301leve\u0301 — 높음"',
    "",
  ].join("\n"),
);

const COMMANDS = [
  ["table"],
  ["--rules", unicodeRules, "table"],
  ["--rules", unicodeRules, "compare", "rag", "ft"],
  ["compare", "icl", "ft"],
  ["explain", "rag"],
  [
    "--need",
    "knowledge",
    "--corpus-tokens",
    "2m",
    "--citations",
    "--latency",
    "strict",
    "--budget-usd",
    "50k",
    "--explain",
  ],
];

describe("tables drawn by the bundle", () => {
  it.each(["40", "60", "80", "132"])("equal those of cli-table3 as published, %s columns", async (columns) => {
    for (const argv of COMMANDS) {
      for (const [style, extra] of [
        ["plain", []],
        ["colour", []],
        ["ascii", ["--ascii"]],
      ] as const) {
        const env = {
          COLUMNS: columns,
          ...(style === "colour" ? { FORCE_COLOR: "1", NO_COLOR: "" } : { NO_COLOR: "1" }),
        };
        const args = [...argv, ...extra];
        const bundled = runCli(args, { env });
        expect(bundled.code).toBe(0);
        expect(bundled.stdout, `${style}: advise ${args.join(" ")}`).toBe(await fromSource(args, env));
        if (style === "colour") expect(bundled.stdout).toContain("\u001b[");
      }
    }
  });
});

describe("a table of text in wide characters", () => {
  it.each(["80", "100", "132"])(
    "gives each column the width its text takes on screen, so nothing is cut short, at %s columns",
    (columns) => {
      const drawn = runCli(["--rules", "test/fixtures/japanese-rules.yaml", "table"], { env: { COLUMNS: columns } });
      expect(drawn.code).toBe(0);
      expect(drawn.stdout).not.toContain("…");
      // Drawn as a table, its borders in line: every line as wide on screen as the first.
      const lines = drawn.stdout.trimEnd().split("\n");
      expect(lines[0]).toMatch(/^┌/);
      for (const line of lines) expect(stringWidth(line), line).toBe(stringWidth(lines[0]!));
      // Japanese breaks between characters, never before closing punctuation nor after an opening bracket.
      expect(drawn.stdout).not.toMatch(/│ [、。）」ー]/u);
      expect(drawn.stdout).not.toMatch(/[（「] +│/u);
    },
  );
});
