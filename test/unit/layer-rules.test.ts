import { describe, expect, it } from "vitest";
import { RulesError } from "../../src/core/errors.js";
import { checkRulesText } from "../../src/core/load-rules.js";
import type { Rules } from "../../src/core/rules-schema.js";
import { cpuTime, defaultRules } from "../helpers.js";

/** Checks a layer over the built-in rules, as `extends: default` does. */
const layer = (text: string) =>
  checkRulesText(`extends: default\n${text}`, "layer.yaml", { resolveBase: () => defaultRules() });
const messages = (text: string) => layer(text).problems.map((p) => `${p.line}:${p.column} ${p.path} ${p.message}`);
const rules = (text: string): Rules => {
  const { rules: out, problems } = layer(text);
  if (!out) throw new Error(problems.map((p) => `${p.line}: ${p.message}`).join("\n"));
  return out;
};

describe("messages for a layer, at the layer's own line, in an author's words", () => {
  it.each([
    [
      "a typo in the id of a rule being disabled",
      "rules:\n  - id: small-corpus-fit-in-prompt\n    disabled: true\n",
      [
        '3:5 rules[0] rule "small-corpus-fit-in-prompt" is not in the base (did you mean "small-corpus-fits-in-prompt"?); a new rule needs when and because',
      ],
    ],
    [
      "a new value without meaning",
      "dimensions:\n  - id: deployment\n    values:\n      - { id: gateway, label: Gateway }\n",
      [
        '5:9 dimensions[0].values[0] value "gateway" of dimension "deployment" is not in the base; a new value needs meaning',
      ],
    ],
    [
      "a typo in the id of a warning being disabled",
      "warnings:\n  - id: overengineering-risc\n    disabled: true\n",
      [
        '3:5 warnings[0] warning "overengineering-risc" is not in the base (did you mean "overengineering-risk"?); a new warning needs when and message',
      ],
    ],
    [
      "a value without meaning in a new dimension",
      "dimensions:\n  - id: residency\n    type: enum\n    question: Where?\n    values:\n      - { id: eu, label: EU }\n      - { id: any, label: Any, meaning: m }\n",
      ['7:9 dimensions[0].values[0] value "eu" of dimension "residency" needs meaning'],
    ],
    [
      "a before naming nothing",
      "variants:\n  - id: managed-rag-service\n    before: lorra\n",
      ['4:13 variants[0].before before: "lorra" is not another variant of this list (did you mean "lora"?)'],
    ],
    [
      "a control character in a text",
      'warnings:\n  - id: overengineering-risk\n    message: "a\\u001b]52;c;eA==\\u0007b"\n',
      [
        expect.stringMatching(
          /^4:14 warnings\[0\]\.message message of warning "overengineering-risk" contains a control character \(U\+001B at character 2\)/,
        ),
      ],
    ],
    [
      "schema and semantic problems together",
      "rules:\n  - id: mine\n    when: { dim: need, is: knowlege }\n    efects: { rag: 1 }\n    because: x\n  - id: other\n    when: { dim: laytency, is: strict }\n    effects: { rag: 1 }\n    because: y\n",
      [
        '4:28 rules[0].when.is "knowlege" is not a value of "need" (did you mean "knowledge"?); allowed: knowledge, behavior, task-skill, knowledge-and-behavior, foundation, unclear',
        '5:5 rules[0].efects unknown key "efects" (did you mean "effects"?)',
        '8:18 rules[1].when.dim unknown dimension "laytency" (did you mean "latency"?)',
      ],
    ],
  ])("%s", (_what, text, expected) => {
    expect(messages(text)).toEqual(expected);
  });

  it("never lets the schema library's wording through", () => {
    const bad = [
      "version: 2\n",
      "rules:\n  - { id: r, when: { dim: need }, effects: { rag: x }, because: 3 }\n",
      "dimensions:\n  - { id: new-q, type: text, question: q }\n",
      "sources:\n  s: { title: t, url: 'javascript:alert(1)' }\n",
      "confidence: { high: { minMargin: -1, maxUnansweredShare: 2 } }\n",
      "approaches:\n  - { id: rag, strengths: [''] }\n",
      "rules: {}\n",
    ];
    for (const text of bad) {
      const found = layer(text).problems;
      expect(found.length, text).toBeGreaterThan(0);
      for (const p of found) {
        expect(p.message, text).not.toMatch(
          /Invalid input|Invalid discriminator|Too small|Too big|expected \w+, received|Invalid string/,
        );
        expect(p.line, text).toBeGreaterThan(1);
      }
    }
  });

  it("says what a file without extends misses, once", () => {
    const { problems } = checkRulesText(
      "rules:\n  - { id: r, when: { dim: need, is: knowledge }, effects: { rag: 1 }, because: b }\n",
      "b.yaml",
    );
    expect(problems.map((p) => p.message)).toEqual(["version: 1, confidence, approaches and dimensions are missing"]);
    expect(problems[0]!.hint).toMatch(/extends: default/);
    expect(checkRulesText(`${"confidence: {}\n"}`, "c.yaml").problems.some((p) => /version: 1/.test(p.message))).toBe(
      true,
    );
  });
});

describe("layering by id", () => {
  it("replaces a condition whole", () => {
    const out = rules("rules:\n  - id: small-corpus-fits-in-prompt\n    when: { dim: corpus-tokens, lt: 100k }\n");
    expect(out.rules.find((r) => r.id === "small-corpus-fits-in-prompt")!.when).toEqual({
      dim: "corpus-tokens",
      lt: 100_000,
    });
  });

  it("reads a range in one leaf as both bounds", () => {
    const out = rules(
      "rules:\n  - id: small-corpus-fits-in-prompt\n    when: { dim: corpus-tokens, gt: 0, lte: 100k }\n",
    );
    expect(out.rules.find((r) => r.id === "small-corpus-fits-in-prompt")!.when).toEqual({
      all: [
        { dim: "corpus-tokens", gt: 0 },
        { dim: "corpus-tokens", lte: 100_000 },
      ],
    });
    expect(
      messages(
        "rules:\n  - id: small-corpus-fits-in-prompt\n    when: { dim: corpus-tokens, gt: 0, lt: 1, is: 3 }\n",
      )[0],
    ).toMatch(/it takes one comparison, or a range of one of gt\/gte with one of lt\/lte/);
  });

  it.each([
    [
      "approaches",
      "approaches:\n  - id: pre-training\n    disabled: true\ntieBreak: [in-context-learning, rag, fine-tuning]\n",
      (r: Rules) => r.approaches.map((a) => a.id).includes("pre-training"),
    ],
    [
      "warnings",
      "warnings:\n  - id: overengineering-risk\n    disabled: true\n",
      (r: Rules) => r.warnings.some((w) => w.id === "overengineering-risk"),
    ],
    [
      "variants",
      "variants:\n  - id: lora\n    disabled: true\n",
      (r: Rules) => r.variants.some((v) => v.id === "lora"),
    ],
    [
      "plan steps",
      "plan:\n  - id: evals-first\n    disabled: true\n",
      (r: Rules) => r.plan.some((p) => p.id === "evals-first"),
    ],
    [
      "principles",
      "principles:\n  - id: escalate-on-evidence\n    disabled: true\n",
      (r: Rules) => r.principles.some((p) => p.id === "escalate-on-evidence"),
    ],
    [
      "combinations",
      "combinations:\n  - id: rag+fine-tuning\n    disabled: true\nvariants:\n  - id: retrieval-aware-fine-tuning\n    disabled: true\n",
      (r: Rules) => r.combinations.length > 0,
    ],
    [
      "values",
      "dimensions:\n  - id: latency\n    values:\n      - { id: batch, disabled: true }\n",
      (r: Rules) => JSON.stringify(r.dimensions).includes('"id":"batch"'),
    ],
  ])("disables %s", (_what, text, present) => {
    const { rules: out, problems } = layer(text);
    if (!out) {
      // Disabling what others refer to is reported where they are: the layer must switch those off too.
      expect(problems.length).toBeGreaterThan(0);
      for (const p of problems) expect(p.message).toMatch(/the rules it extends|not a value|unknown/);
      return;
    }
    expect(present(out)).toBe(false);
  });

  it("removes what belongs to a disabled item, and says once what still names it", () => {
    // Its variants, its entries in effects, exclude and tieBreak, and `recommended` lists with another approach go
    // with it; a warning that only tests for it being recommended is the author's to rewrite.
    expect(messages("approaches:\n  - id: pre-training\n    disabled: true\n")).toEqual([
      '1:10 extends "pre-training" is disabled in this file, but the rules it extends still name it in warning "expertise-gap"; disable or replace those too',
    ]);
    const out = rules(
      "approaches:\n  - id: pre-training\n    disabled: true\nwarnings:\n  - id: expertise-gap\n    disabled: true\n",
    );
    expect(JSON.stringify(out)).not.toMatch(/"pre-training"/);
    expect(
      rules("combinations:\n  - id: rag+fine-tuning\n    disabled: true\n").variants.some(
        (v) => v.approach === "rag+fine-tuning",
      ),
    ).toBe(false);
    expect(messages("dimensions:\n  - id: latency\n    values:\n      - { id: strict, disabled: true }\n")).toEqual([
      '1:10 extends "strict" is disabled in this file, but the rules it extends still name it in variant "encoder-classifier", variant "lora", rule "strict-latency-favors-small-tuned-model", warning "realtime-input-not-knowledge"; disable or replace those too',
    ]);
  });

  it("puts a layer's variant before the base's with before:", () => {
    const out = rules(
      "variants:\n  - id: mine\n    approach: rag\n    label: Mine\n    because: b\n    before: managed-rag-service\n",
    );
    const ids = out.variants.map((v) => v.id);
    expect(ids.indexOf("mine")).toBe(ids.indexOf("managed-rag-service") - 1);
  });

  it("accepts approach aliases and alias keys in any case", () => {
    const out = rules(
      "tieBreak: [icl, retrieval, ft, pretraining]\nrules:\n  - id: mine\n    when: { dim: latency, is: strict }\n    effects: { ICL: 1 }\n    because: b\ndimensions:\n  - id: latency\n    aliases: { RealTime: strict }\n",
    );
    expect(out.tieBreak).toEqual(["in-context-learning", "rag", "fine-tuning", "pre-training"]);
    expect(out.rules.find((r) => r.id === "mine")!.effects).toEqual({ "in-context-learning": 1 });
    expect(
      (out.dimensions.find((d) => d.id === "latency") as { aliases: Record<string, string> }).aliases.realtime,
    ).toBe("strict");
  });

  it("keeps constructor as an id and a source key", () => {
    const out = rules(
      "rules:\n  - id: constructor\n    when: { dim: latency, is: strict }\n    effects: { rag: 1 }\n    because: b\n    sources: [constructor]\nsources:\n  constructor: { title: T }\n",
    );
    expect(out.rules.some((r) => r.id === "constructor")).toBe(true);
    expect(Object.hasOwn(out.sources, "constructor")).toBe(true);
  });

  it("refuses __proto__ as a source or alias key rather than dropping it", () => {
    expect(
      messages(
        "sources:\n  __proto__: { title: t }\ndimensions:\n  - id: latency\n    aliases: { __proto__: strict }\n",
      ),
    ).toEqual([
      '3:3 sources.__proto__ "__proto__" cannot be an id: JavaScript objects reserve it; choose another name',
      '6:16 dimensions[0].aliases.__proto__ "__proto__" cannot be an id: JavaScript objects reserve it; choose another name',
    ]);
  });

  it("warns, without failing, when an effect is outside the weight scale", () => {
    const { rules: out, problems } = layer(
      "rules:\n  - id: mine\n    when: { dim: latency, is: strict }\n    effects: { rag: 8 }\n    because: b\n",
    );
    expect(out).toBeDefined();
    expect(problems).toMatchObject([
      {
        severity: "warning",
        line: 5,
        message:
          'effect 8 on "rag" is outside the weight scale -5…5 that the confidence thresholds assume; one rule this strong decides the advice alone (see "Weights" in docs/rules.md)',
      },
    ]);
  });
});

describe("inputs that used to crash", () => {
  it("reports an alias that contains itself inside a condition", () => {
    const { problems } = layer(
      "rules:\n  - id: loop\n    when: &a { all: [*a] }\n    effects: { rag: 1 }\n    because: b\n",
    );
    expect(problems).toMatchObject([
      { line: 4, message: expect.stringMatching(/alias refers to a mapping or list that contains it/) },
    ]);
  });

  it("reports a very long text", () => {
    const { problems } = layer(`warnings:\n  - id: overengineering-risk\n    message: "${"word ".repeat(200_000)}"\n`);
    expect(problems).toMatchObject([{ line: 4, message: expect.stringMatching(/too long: at most 10000 characters/) }]);
  });

  it("reports a base that cannot be resolved at the extends line", () => {
    const { problems } = checkRulesText("extends: other.yaml\n", "x.yaml", {
      resolveBase: () => {
        throw new RulesError("extends goes more than 32 files deep; layer fewer files");
      },
    });
    expect(problems).toMatchObject([
      { line: 1, column: 10, message: "extends goes more than 32 files deep; layer fewer files" },
    ]);
  });
});

describe("time", () => {
  /** A complete rules file with n rules of its own, about 150 bytes each. */
  const big = (n: number) => {
    const base = defaultRules();
    const extra = Array.from({ length: n }, (_, i) => ({
      id: `r${i}`,
      when: { dim: "latency", in: ["strict", "batch"] },
      effects: { rag: 1 },
      because: `Reason ${i}.`,
      sources: [base.rules[0]!.sources[0]!],
    }));
    return JSON.stringify({ ...base, rules: [...base.rules, ...extra] });
  };
  const time = (text: string) => {
    let valid = false;
    const used = cpuTime(() => {
      valid = checkRulesText(text, "big.json").rules !== undefined;
    });
    expect(valid).toBe(true);
    return used;
  };

  it("checks a rules file in time proportional to its size", () => {
    const small = big(6000);
    const large = big(12_000);
    expect(large.length).toBeGreaterThan(1_500_000);
    time(small);
    // The best of two runs of each size, taken in turns, in processor time: a busy machine does not decide it.
    const times = { small: [] as number[], large: [] as number[] };
    for (let k = 0; k < 2; k++) {
      times.small.push(time(small));
      times.large.push(time(large));
    }
    expect(Math.min(...times.large) / Math.min(...times.small)).toBeLessThan(3);
  }, 60_000);
});

describe("any text in a text field", () => {
  it("is accepted without control characters, or refused at its line; the report never carries one raw", async () => {
    const fc = await import("fast-check");
    const { renderValidation, renderValidationMarkdown } = await import("../../src/render/rules-report.js");
    const plain = { paint: new Proxy({}, { get: () => (text: string) => text }), unicode: true, width: 100 } as never;
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 1, maxLength: 60 }), (text) => {
        const { rules: out, problems } = layer(
          `warnings:\n  - id: overengineering-risk\n    message: ${JSON.stringify(text)}\n`,
        );
        const control = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
        if (out) expect(control.test(text)).toBe(false);
        else
          expect(problems.some((p) => p.line === 4 && /control character|must not be empty/.test(p.message))).toBe(
            true,
          );
        const checks = [{ file: "layer.yaml", valid: out !== undefined, problems }];
        expect(renderValidation(checks, plain)).not.toMatch(control);
        expect(renderValidationMarkdown(checks)).not.toMatch(control);
      }),
      { seed: 20261130, numRuns: 200 },
    );
  }, 60_000);
});

describe("very long names", () => {
  it("are checked quickly and shown shortened", () => {
    const name = "k".repeat(200_000);
    const started = performance.now();
    const found = layer(
      `rules:\n  - id: knowledge-gap-needs-context\n    when: { dim: "${name}", is: 1 }\n    sources: ["${name}"]\n`,
    ).problems;
    expect(performance.now() - started).toBeLessThan(2000);
    expect(found.length).toBeGreaterThan(0);
    for (const p of found) expect(p.message.length).toBeLessThan(400);
    const before = layer(`variants:\n  - id: lora\n    before: "${name}"\n`).problems;
    expect(before.map((p) => p.message)).toEqual([
      expect.stringMatching(/^before: "k{60}…k{20}" \(200000 characters\) is not another variant/),
    ]);
  });
});
