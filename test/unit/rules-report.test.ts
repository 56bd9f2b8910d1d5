import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import {
  renderJUnit,
  renderScenarioRunsMarkdown,
  renderValidationMarkdown,
  type ScenarioRun,
} from "../../src/render/rules-report.js";

const run = (id: string, pass: boolean): ScenarioRun =>
  ({
    file: "s\u0007.yaml",
    id,
    pass,
    expected: { top: "rag", acceptable: [], warnings: [] },
    got: pass ? "rag" : "fine-tuning",
    missingWarnings: [],
    result: { ranking: [], recommendation: { approaches: [] } },
  }) as unknown as ScenarioRun;

describe("rules reports", () => {
  it("write JUnit without a character XML 1.0 forbids", () => {
    const out = renderJUnit([run("a\u0001b\uD800c\uFFFE<d>", false), run("ok", true)]);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE\uFFFF]|[\uD800-\uDFFF]/);
    expect(out).toContain('name="a\\x01b\uFFFDc\uFFFD&lt;d&gt;"');
  });

  it("write Markdown in which text from a file is only text", () => {
    const md = renderValidationMarkdown([
      {
        file: "x.yaml",
        valid: false,
        problems: [
          {
            line: 1,
            column: 1,
            message: 'unknown key "# <script>alert(1)</script> [x](javascript:y)"',
            frame: "> 1 | ```\n  | ^",
          },
        ],
      },
    ]);
    const tokens = new MarkdownIt().parse(md, {}).flatMap((t) => [t, ...(t.children ?? [])]);
    expect(tokens.filter((t) => t.type.startsWith("html") || t.type === "link_open").map((t) => t.type)).toEqual([]);
    expect(tokens.filter((t) => t.type === "heading_open")).toHaveLength(2);
    expect(md).toMatch(/````text\n/);
    const table = renderScenarioRunsMarkdown([run("| evil | row |", true)]);
    expect(table.split("\n").filter((line) => line.startsWith("| pass"))).toEqual([
      "| pass | \\| evil \\| row \\| | rag | rag |  |",
    ]);
  });
});
