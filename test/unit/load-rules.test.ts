import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RulesError } from "../../src/core/errors.js";
import { loadRules } from "../../src/core/load-rules.js";
import { DEFAULT_RULES_TEXT } from "../helpers.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const MINIMAL = readFileSync(new URL("../fixtures/minimal-rules.yaml", import.meta.url), "utf8");

function problems(text: string) {
  try {
    loadRules(text, "rules.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(RulesError);
    return (error as RulesError).problems;
  }
  throw new Error("expected the rules to be rejected");
}

describe("loadRules", () => {
  it("accepts the built-in rules and the minimal fixture", () => {
    expect(loadRules(DEFAULT_RULES_TEXT).approaches.map((a) => a.id)).toEqual([
      "pre-training",
      "fine-tuning",
      "in-context-learning",
      "rag",
    ]);
    expect(loadRules(MINIMAL).dimensions).toHaveLength(3);
  });

  it("keeps the seed's comparison table word for word", () => {
    const rules = loadRules(DEFAULT_RULES_TEXT);
    const seed = {
      "pre-training": [
        "Very High",
        "Maximum (from scratch)",
        "Unique, specialized tasks requiring comprehensive training",
      ],
      "fine-tuning": [
        "Moderate",
        "High (leveraging pre-training)",
        "Adaptation to specific tasks with moderate budgets",
      ],
      "in-context-learning": ["Low", "Limited (prompt-based examples)", "Rapid deployment and cost-sensitive projects"],
      rag: ["Moderate to High", "Enhanced (real-time data)", "Applications needing real-time accuracy and relevance"],
    };
    for (const approach of rules.approaches) {
      expect([approach.resourceDemand, approach.customizationLevel, approach.bestUseCase]).toEqual(
        seed[approach.id as keyof typeof seed],
      );
    }
  });

  it("defines every dimension and warning of the contract", () => {
    const rules = loadRules(DEFAULT_RULES_TEXT);
    expect(rules.dimensions.map((d) => d.id)).toEqual([
      "need",
      "knowledge-freshness",
      "corpus-tokens",
      "labeled-examples",
      "budget-usd",
      "queries-per-day",
      "latency",
      "citations",
      "error-cost",
      "data-sensitivity",
      "deployment",
      "ml-expertise",
      "timeline",
      "retrieval-infra",
      "language-support",
      "output-strictness",
      "task-breadth",
      "provenance",
      "prompt-baseline",
      "task-kind",
    ]);
    const warnings = rules.warnings.map((w) => w.id);
    for (const id of [
      "human-review-required",
      "deidentify-training-data",
      "expertise-gap",
      "conflict-budget-vs-pretraining",
      "conflict-timeline-vs-pretraining",
      "insufficient-corpus-for-pretraining",
      "conflict-realtime-vs-no-infrastructure",
      "inference-cost-dominates",
      "misfit-fine-tune-for-volatile-facts",
      "privacy-vs-fine-tune-on-pii",
      "erasure-requires-retraining",
      "insufficient-data-for-fine-tune",
      "conflict-timeline-vs-fine-tune",
      "vendor-no-fine-tune",
      "realtime-input-not-knowledge",
      "overengineering-risk",
    ])
      expect(warnings).toContain(id);
  });

  it("gives every rule, warning and approach at least one source", () => {
    const rules = loadRules(DEFAULT_RULES_TEXT);
    for (const item of [...rules.rules, ...rules.warnings, ...rules.approaches])
      expect(item.sources.length, item.id).toBeGreaterThan(0);
  });

  it.each([
    ["text that is not YAML", "a: [\n", /must be sufficiently indented|Missing closing|flow/i, null],
    ["an empty file", "   \n", /the file is empty/, null],
    ["a list instead of a mapping", "- 1\n- 2\n", /expected a mapping/, "- 1"],
    [
      "a duplicate key",
      MINIMAL.replace("version: 1\n", "version: 1\nversion: 1\n"),
      /the key "version" appears twice in this mapping/,
      "version: 1\nversion",
    ],
    ["an unknown top-level key", `${MINIMAL}colour: red\n`, /unknown key "colour"/, "colour"],
    [
      "a misspelled key in a rule",
      MINIMAL.replace("    effects: { cheap: 3 }", "    efects: { cheap: 3 }"),
      /unknown key "efects"/,
      "efects",
    ],
    [
      "a missing required field",
      MINIMAL.replace("    because: Small projects suit the cheap approach.\n", ""),
      /rule "small-is-cheap" needs because/,
      "- id: small-is-cheap",
    ],
    [
      "a rule on an unknown dimension",
      MINIMAL.replace("{ dim: size, is: small }", "{ dim: sise, is: small }"),
      /unknown dimension "sise" \(did you mean "size"\?\)/,
      "sise",
    ],
    [
      "an unknown enum value",
      MINIMAL.replace("{ dim: size, is: small }", "{ dim: size, is: smal }"),
      /"smal" is not a value of "size" \(did you mean "small"\?\)/,
      "smal }",
    ],
    [
      "a numeric comparison on an enum",
      MINIMAL.replace("{ dim: size, is: small }", "{ dim: size, gt: 3 }"),
      /"gt" compares numbers, but "size" is an enum/,
      "gt: 3",
    ],
    ["a bad number in a comparison", MINIMAL.replace("lt: 1k", "lt: lots"), /expected a number ≥ 0/, "lots"],
    [
      "a comparison with two operators",
      MINIMAL.replace("{ dim: size, is: small }", "{ dim: size, is: small, in: [large] }"),
      /a condition on "size" has is and in; it takes one comparison/,
      "{ dim: size, is: small, in",
    ],
    [
      "an unknown approach in effects",
      MINIMAL.replace("effects: { cheap: 3 }", "effects: { chep: 3 }"),
      /unknown approach "chep" \(did you mean "cheap"\?\)/,
      "chep",
    ],
    [
      "an unknown approach in exclude",
      MINIMAL.replace("exclude: [costly]", "exclude: [costy]"),
      /unknown approach "costy"/,
      "costy",
    ],
    ["an unknown source", MINIMAL.replace("sources: [S1]", "sources: [S2]"), /unknown source "S2"/, "S2"],
    [
      "a duplicate rule id",
      MINIMAL.replace("id: large-is-costly", "id: small-is-cheap"),
      /duplicate id "small-is-cheap"/,
      "id: small-is-cheap\n    when: { dim: size, in",
    ],
    [
      "recommended outside warnings",
      MINIMAL.replace("{ dim: size, is: small }", "{ recommended: [cheap] }"),
      /may only be used in warnings/,
      "recommended: [cheap]",
    ],
    [
      "an unknown approach in recommended",
      MINIMAL.replace("{ recommended: [costly] }", "{ recommended: [costlly] }"),
      /unknown approach or combination "costlly"/,
      "costlly",
    ],
    [
      "a rule with neither effects nor exclude",
      MINIMAL.replace("    effects: { cheap: 2 }\n", ""),
      /needs `effects`, `exclude` or both/,
      "- id: urgent-favours-cheap",
    ],
    ["a wrong version", MINIMAL.replace("version: 1", "version: 2"), /^version must be 1, not 2$/, "version: 2"],
    [
      "a question id that is one of advise's options",
      MINIMAL.replace(
        "  - { id: budget,",
        "  - { id: format, type: number, question: Which format? }\n  - { id: budget,",
      ),
      /"format" cannot be a question id: --format is one of advise's own options/,
      "id: format",
    ],
    [
      "a question id starting with no-",
      MINIMAL.replace("  - { id: budget,", "  - { id: no-code, type: boolean, question: No code? }\n  - { id: budget,"),
      /"no-code" cannot be a question id/,
      "id: no-code",
    ],
  ] as [string, string, RegExp, string | null][])(
    "rejects %s with a message and where it is",
    (_what, text, message, marker) => {
      const found = problems(text);
      expect(found.length).toBeGreaterThan(0);
      expect(found[0]!.message).toMatch(message);
      if (marker === null) return;
      // The reported line is the one holding the offending text (for a duplicate key: the second one).
      const offset = marker.startsWith("version: 1\n")
        ? text.indexOf("version", text.indexOf(marker) + 1)
        : text.indexOf(
            marker.includes("\n") ? marker.split("\n")[0]! : marker,
            marker.startsWith("id: small-is-cheap\n") ? text.indexOf(marker) : 0,
          );
      expect(found[0]!.line).toBe(text.slice(0, offset).split("\n").length);
      expect(found[0]!.frame).toContain(">");
    },
  );

  it("reports every problem at once", () => {
    const text = MINIMAL.replace("{ dim: size, is: small }", "{ dim: sise, is: small }").replace(
      "exclude: [costly]",
      "exclude: [costy]",
    );
    expect(problems(text).map((p) => p.message)).toEqual([
      expect.stringMatching(/sise/),
      expect.stringMatching(/costy/),
    ]);
  });

  it("bounds alias expansion", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(", ")}]`,
      ),
    ].join("\n");
    expect(problems(bomb)[0]!.message).toMatch(/alias|Excessive/i);
  });

  it("treats __proto__ as an ordinary (unknown) key", () => {
    expect(problems(`${MINIMAL}__proto__: { polluted: true }\n`)[0]!.message).toMatch(/unknown key "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("the default rules' sources", () => {
  const rules = loadRules(DEFAULT_RULES_TEXT);
  const cited = new Set<string>();
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "sources" && Array.isArray(value)) value.forEach((id) => cited.add(String(id)));
        else collect(value);
      }
    }
  };
  collect({ ...rules, sources: undefined });

  it("cites every source it lists, and lists every source it cites", () => {
    expect([...cited].filter((id) => !(id in rules.sources))).toEqual([]);
    expect(Object.keys(rules.sources).filter((id) => !cited.has(id))).toEqual([]);
  });

  it("makes every source checkable: an https URL (papers by their arXiv abstract page) or a section of the seed", () => {
    for (const [id, source] of Object.entries(rules.sources)) {
      if (id.startsWith("seed:")) {
        // A section of the seed shipped in docs/, named by the anchor its heading gets (lower case, dashes).
        const [file, anchor] = source.ref!.split("#");
        expect(file, id).toBe("docs/customization-techniques.md");
        const anchors = readFileSync(join(ROOT, file!), "utf8")
          .split("\n")
          .filter((line) => line.startsWith("#"))
          .map((line) =>
            line
              .replace(/^#+\s*/, "")
              .toLowerCase()
              .replace(/[^a-z0-9 -]/g, "")
              .replace(/ /g, "-"),
          );
        expect(anchors, id).toContain(anchor);
      } else expect(source.url, id).toMatch(/^https:\/\//);
      if (source.url?.includes("arxiv.org"))
        expect(source.url, id).toMatch(/^https:\/\/arxiv\.org\/abs\/\d{4}\.\d{4,5}$/);
    }
  });

  it("says when most sources were checked, never on a day still to come", () => {
    const dated = Object.values(rules.sources).filter((s) => s.checked !== undefined);
    expect(dated.length / Object.keys(rules.sources).length).toBeGreaterThan(0.9);
    const today = new Date().toISOString().slice(0, 10);
    for (const s of dated) expect(s.checked! <= today, s.title).toBe(true);
  });
});
