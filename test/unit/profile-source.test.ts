import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { readProfileFile } from "../../src/io/profile-source.js";
import { tempDir } from "../helpers.js";

// Which profiles needed the YAML bundle: its module is wrapped in a recorder.
const parsed = vi.hoisted(() => ({ texts: [] as string[] }));
vi.mock("../../src/lazy/yaml.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/lazy/yaml.js")>();
  return { ...real, readDocument: (text: string, file: string | undefined) => (parsed.texts.push(text), real.readDocument(text, file)) };
});

const dir = tempDir("advise-profile-source-");
const noStdin = () => Readable.from([]);

async function read(text: string) {
  const file = join(dir, "p.yaml");
  writeFileSync(file, text);
  parsed.texts.length = 0;
  const raw = await readProfileFile(file, noStdin);
  return { values: raw.values, parsedByYaml: parsed.texts.length > 0, where: raw.locate?.("latency", "value") };
}

describe("reading a profile file", () => {
  it("reads plain `id: answer` lines, as --save writes them, without loading the YAML parser", async () => {
    const { values, parsedByYaml, where } = await read("# Answers for `advise --profile p.yaml`\nneed: knowledge\nlatency: strict\ncorpus-tokens: 2m\n");
    expect(values).toEqual({ need: "knowledge", latency: "strict", "corpus-tokens": "2m" });
    expect(parsedByYaml).toBe(false);
    expect(where).toMatchObject({ line: 3, column: 10 });
  });

  it("reads a JSON object of answers without loading the YAML parser", async () => {
    const { values, parsedByYaml, where } = await read('{"need": "knowledge",\n "latency": "strict", "corpus-tokens": 2000000}\n');
    expect(values).toEqual({ need: "knowledge", latency: "strict", "corpus-tokens": 2000000 });
    expect(parsedByYaml).toBe(false);
    expect(where).toMatchObject({ line: 2, column: 13 });
  });

  it("gives anything else to the YAML parser, with the same answers", async () => {
    const { values, parsedByYaml, where } = await read("# ours\nneed: knowledge\nlatency: 'strict'\ncorpus-tokens: 2m\n");
    expect(values).toEqual({ need: "knowledge", latency: "strict", "corpus-tokens": "2m" });
    expect(parsedByYaml).toBe(true);
    expect(where).toMatchObject({ line: 3, column: 10 });
  });
});
