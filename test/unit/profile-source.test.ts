import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readProfileFile } from "../../src/io/profile-source.js";
import { tempDir } from "../helpers.js";

const dir = tempDir("advise-profile-source-");
const noStdin = () => Readable.from([]);

async function read(text: string) {
  const file = join(dir, "p.yaml");
  writeFileSync(file, text);
  const raw = await readProfileFile(file, noStdin);
  return { values: raw.values, where: raw.locate?.("latency", "value") };
}

describe("reading a profile file", () => {
  it.each([
    [
      "plain `id: answer` lines, as --save writes them",
      "# Answers for `advise --profile p.yaml`\nneed: knowledge\nlatency: strict\ncorpus-tokens: 2m\n",
      { line: 3, column: 10 },
    ],
    [
      "a JSON object of answers",
      '{"need": "knowledge",\n "latency": "strict", "corpus-tokens": "2m"}\n',
      { line: 2, column: 13 },
    ],
    [
      "quoted YAML with a comment",
      "# ours\nneed: knowledge\nlatency: 'strict'\ncorpus-tokens: 2m\n",
      { line: 3, column: 10 },
    ],
  ])("reads %s, with each answer's position", async (_what, text, position) => {
    const { values, where } = await read(text);
    expect(values).toEqual({ need: "knowledge", latency: "strict", "corpus-tokens": "2m" });
    expect(where).toMatchObject(position);
  });

  it("refuses a profile that is not a mapping, at its position", async () => {
    await expect(read("- need: knowledge\n")).rejects.toThrow(/a profile is a mapping of question ids to answers/);
  });
});
