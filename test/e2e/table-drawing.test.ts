import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { runCli } from "./run-cli.js";

/**
 * The bundle draws tables with cli-table3 changed in a few places (tsup.config.ts) and measures text with its own
 * stand-in for string-width (src/vendor-shims). Run from source, advise uses both packages as published; the two
 * must print the same, byte for byte, in colour or not, ASCII or not, at any width.
 */
async function fromSource(argv: string[], env: Record<string, string>): Promise<string> {
  let out = "";
  const sink = { isTTY: false, write: (text: string) => ((out += text), true) } as unknown as NodeJS.WritableStream;
  const code = await main({ argv, env, stdin: Readable.from([]), stdout: sink, stderr: sink });
  expect(code, argv.join(" ")).toBe(0);
  return out;
}

const COMMANDS = [
  ["table"],
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
