import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { cpuTime, tempDir } from "../helpers.js";

// Time must grow in proportion to the input: doubling it must about double the time (a ratio of the best of a
// few runs of processor time, never a clock), where a quadratic path would quadruple it.
const LINEAR = 3;

async function timed(run: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    best = Math.min(best, await cpuTime(run));
  }
  return best;
}

async function advise(argv: string[], stdin = "") {
  let out = "";
  const sink = { isTTY: false, write: (text: string) => ((out += text), true) } as unknown as NodeJS.WritableStream;
  const code = await main({ argv, env: { NO_COLOR: "1" }, stdin: Readable.from([stdin]), stdout: sink, stderr: sink });
  return { code, out };
}

const dir = tempDir("advise-growth-");

/** The ratio of the time for input `make(2n)` to that for `make(n)`, each run through `argv(input)`. */
async function growth(n: number, make: (size: number) => { argv: string[]; stdin?: string }) {
  const small = make(n);
  const large = make(2 * n);
  await advise(small.argv, small.stdin); // warm up
  const a = await timed(() => advise(small.argv, small.stdin));
  const b = await timed(() => advise(large.argv, large.stdin));
  return b / a;
}

describe("time linear in the input", () => {
  it("a very long answer: did-you-mean is not tried on it", async () => {
    const ratio = await growth(32_000_000, (size) => ({ argv: ["--need", "k".repeat(size)] }));
    expect(ratio).toBeLessThan(LINEAR);
  });

  it("a profile of many unknown keys: each problem's code frame comes from one index of the lines", async () => {
    const ratio = await growth(4000, (size) => {
      const file = join(dir, `unknown-${size}.yaml`);
      writeFileSync(file, Array.from({ length: size }, (_, i) => `unknown-key-${i}: ${i}`).join("\n"));
      return { argv: ["--profile", file] };
    });
    expect(ratio).toBeLessThan(LINEAR);
  });

  it("a YAML batch of records with problems", async () => {
    const ratio = await growth(20_000, (size) => ({
      argv: ["--batch", "-"],
      stdin: Array.from({ length: size }, (_, i) => `- { need: knowlege, nope-${i}: 1 }`).join("\n"),
    }));
    expect(ratio).toBeLessThan(LINEAR);
  });

  it("a comparison whose cells are long lists, and a table of long Japanese text", async () => {
    const layer = (size: number) => {
      const file = join(dir, `cells-${size}.yaml`);
      const items = Array.from({ length: size }, (_, i) => `      - "${"word ".repeat(60)}${i}"`).join("\n");
      const japanese = "検索拡張生成は質問の時点で関連する文章を探し出します。".repeat(size * 3);
      writeFileSync(
        file,
        `extends: default\napproaches:\n  - id: rag\n    bestUseCase: "${japanese}"\n    strengths:\n${items}\n`,
      );
      return file;
    };
    const compare = await growth(2, (size) => ({ argv: ["--rules", layer(size), "compare", "rag", "ft"] }));
    expect(compare).toBeLessThan(LINEAR);
    const table = await growth(2, (size) => ({ argv: ["--rules", layer(size), "table"] }));
    expect(table).toBeLessThan(LINEAR);
  });

  it("a JSON Lines record over the line limit is read past, not kept or rescanned", async () => {
    const ratio = await growth(6_000_000, (size) => ({
      argv: ["--batch", "-"],
      stdin: `{"need":"${"k".repeat(size)}"}\n{"need":"knowledge"}\n`,
    }));
    expect(ratio).toBeLessThan(LINEAR);
  });
});
