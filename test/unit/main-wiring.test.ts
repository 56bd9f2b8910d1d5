import { Readable } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";

// Whether main went to commander: the module that holds it is replaced by a recorder.
const loaded = vi.hoisted(() => ({ commander: [] as string[][] }));
vi.mock("../../src/cli/run-program.js", () => ({
  runProgram: async (_rules: unknown, _version: string, _context: unknown, output: { writeOut(text: string): void }, argv: string[]) => {
    loaded.commander.push(argv);
    output.writeOut("through commander\n");
    return 0;
  },
}));

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const sink = { isTTY: false, write: (text: string) => ((out += text), true) } as unknown as NodeJS.WritableStream;
  loaded.commander.length = 0;
  const code = await main({ argv, env: {}, stdin: Readable.from([]), stdout: sink, stderr: sink });
  return { code, out };
}

describe("main", () => {
  it.each([
    [["table", "--format", "json"]],
    [["--need", "knowledge", "--corpus-tokens", "2m", "--citations", "--format", "json"]],
    [["recommend", "--need", "knowledge", "--format=markdown"]],
  ])("runs %j without loading commander", async (argv) => {
    const { code, out } = await run(argv);
    expect(loaded.commander).toEqual([]);
    expect(code).toBe(0);
    expect(out).not.toContain("through commander");
    expect(out.length).toBeGreaterThan(100);
  });

  it.each([[["--help"]], [["explain", "rag"]], [["--batch", "in.jsonl"]], [["--need", "knowledge", "--latency"]], [["table", "--bogus"]]])(
    "hands %j to commander",
    async (argv) => {
      const { code, out } = await run(argv);
      expect(loaded.commander).toEqual([argv]);
      expect(code).toBe(0);
      expect(out).toBe("through commander\n");
    },
  );
});
