import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { tempDir } from "../helpers.js";

/** Characters a terminal acts on; only line breaks and tabs may reach it (colour is off in these runs). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

async function run(argv: string[], stdin = "") {
  let out = "";
  let err = "";
  const sink = (write: (text: string) => void) =>
    ({ isTTY: false, write: (text: string) => (write(text), true) }) as unknown as NodeJS.WritableStream;
  const code = await main({
    argv,
    env: { NO_COLOR: "1" },
    stdin: Readable.from([stdin]),
    stdout: sink((t) => (out += t)),
    stderr: sink((t) => (err += t)),
  });
  return { code, out, err };
}

/** Text with the characters that can act on a terminal mixed into ordinary ones. */
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      "\u001b",
      "\u0007",
      "\r",
      "\b",
      "\u009b",
      "\u202e",
      "\u2028",
      "\u007f",
      "]",
      "[",
      "2J",
      "52;c;",
      "8;;",
      "\\",
    ),
    fc.string({ minLength: 1, maxLength: 3 }),
  ),
  minLength: 1,
});

const dir = tempDir("advise-untrusted-");

describe("text from outside, shown to a person", () => {
  it("never reaches the terminal raw: profile keys and values, file names and arguments", async () => {
    await fc.assert(
      fc.asyncProperty(hostile, fc.constantFrom("table", "markdown"), async (text, format) => {
        const runs = [
          await run(["--profile", "-", "--format", format], JSON.stringify({ [text]: "x", need: "knowledge" })),
          await run(["--need", text, "--format", format]),
          await run(["--profile", join(dir, text), "--format", format]),
          await run(["--rules", join(dir, text), "table"]),
          await run(["explain", text, "--format", format]),
          await run(["compare", "rag", text]),
          await run([`--${text}`, "x"]),
          await run(["rules", "validate", join(dir, text)]),
        ];
        for (const { out, err } of runs) {
          expect(out).not.toMatch(RAW_CONTROL);
          expect(err).not.toMatch(RAW_CONTROL);
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 40) },
    );
  });

  it("shows the lines of a file's code frame with their escape sequences written out", async () => {
    const file = join(dir, "frame.yaml");
    writeFileSync(file, "need: knowledge\n\u001b]0;pwned\u0007: x\n");
    const { code, err } = await run(["--profile", file]);
    expect(code).toBe(2);
    expect(err).toContain("\\x1b]0;pwned\\x07");
    expect(err).not.toMatch(RAW_CONTROL);
  });
});

describe("decision records and other Markdown", () => {
  const md = new MarkdownIt({ linkify: true });
  /** Everything a Markdown renderer would make of the text that is not plain text, headings and our own links. */
  const injected = (markdown: string) =>
    md
      .parse(markdown, {})
      .flatMap((token) => [token, ...(token.children ?? [])])
      .filter(
        (token) =>
          token.type.startsWith("html") ||
          token.type === "image" ||
          (token.type === "link_open" && !/^https?:\/\//.test(token.attrGet("href") ?? "")),
      )
      .map((token) => `${token.type} ${token.content}${token.attrGet?.("href") ?? ""}`);

  it("keeps a profile's text and the built-in rules' text as text", async () => {
    for (const argv of [
      ["--need", "knowledge", "--corpus-tokens", "2m", "--citations", "--format", "markdown"],
      ["explain", "rag", "--format", "markdown"],
      ["explain", "rag+fine-tuning", "--format", "markdown"],
      ["compare", "rag", "ft", "--format", "markdown"],
      ["table", "--format", "markdown"],
      ["questions", "--format", "markdown"],
    ]) {
      const { code, out } = await run(argv);
      expect(code).toBe(0);
      expect(injected(out), argv.join(" ")).toEqual([]);
    }
  });

  it("keeps a rules layer's text as text: no HTML, image, heading or link of its own", async () => {
    const layer = join(dir, "hostile-layer.yaml");
    const nasty =
      "<script>alert(1)</script> <img src=x onerror=alert(1)> [click](javascript:alert(1)) ![x](https://evil.example/x.png) *e* _u_ `c` &amp; ~~s~~ | pipe";
    writeFileSync(
      layer,
      [
        "extends: default",
        "approaches:",
        "  - id: rag",
        `    name: ${JSON.stringify(`# RAG ${nasty}`)}`,
        `    description: ${JSON.stringify(`1. ${nasty}`)}`,
        `    risks: [${JSON.stringify(`- ${nasty}`)}]`,
        "sources:",
        `  P6: { title: ${JSON.stringify(`Evil ${nasty}`)}, url: "https://example.com/a b(c)<d>" }`,
        "",
      ].join("\n"),
    );
    for (const argv of [
      ["--need", "knowledge", "--corpus-tokens", "2m", "--citations", "--format", "markdown"],
      ["explain", "rag", "--format", "markdown"],
      ["compare", "rag", "ft", "--format", "markdown"],
      ["table", "--format", "markdown"],
    ]) {
      const { code, out, err } = await run([...argv, "--rules", layer]);
      expect(err).toBe("");
      expect(code).toBe(0);
      expect(injected(out), argv.join(" ")).toEqual([]);
      const headings = md.parse(out, {}).filter((t) => t.type === "heading_open").length;
      const withoutLayer = md.parse((await run(argv)).out, {}).filter((t) => t.type === "heading_open").length;
      expect(headings, argv.join(" ")).toBe(withoutLayer);
    }
  });
});
