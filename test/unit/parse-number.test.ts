import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNumber, parseNumber } from "../../src/core/parse-number.js";

const settings = { seed: Number(process.env.FC_SEED ?? 20261126), numRuns: Number(process.env.FC_RUNS ?? 150) * 20 };

/** The number form as one expression, as the contract states it: what parseNumber's quicker reading must agree with. */
function byExpression(value: string): number | undefined {
  let text = value.trim();
  if (text.startsWith("+")) text = text.slice(1);
  if (text.startsWith("$")) text = text.slice(1).trimStart();
  text = text.replace(/(?<=\d)[_, ](?=\d{3}\b)/g, "");
  const match = /^([0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:e([+-]?[0-9]+))?\s*([kmbt])?$/i.exec(text);
  if (!match) return undefined;
  const [, digits, exponent, suffix] = match;
  const result = Number(
    `${digits}e${Number(exponent ?? 0) + (suffix ? { k: 3, m: 6, b: 9, t: 12 }[suffix.toLowerCase()]! : 0)}`,
  );
  return Number.isFinite(result) ? result : undefined;
}

describe("parseNumber", () => {
  it.each([
    [0, 0],
    [500, 500],
    ["500", 500],
    ["50k", 50_000],
    ["50K", 50_000],
    ["2.5m", 2_500_000],
    ["300b", 300_000_000_000],
    ["1t", 1e12],
    [" 12 ", 12],
    ["1,000", 1000],
    ["1_000", 1000],
    [".5k", 500],
    ["1e3", 1000],
    ["+7", 7],
    ["$20k", 20_000],
    ["$20,000", 20_000],
    ["$ 1,250,000", 1_250_000],
    ["20 000", 20_000],
    ["+$5", 5],
    ["1,000.5", 1000.5],
    ["0.125", 0.125],
    ["20.5", 20.5],
    ["2.5000", 2.5],
  ])("%j → %d", (input, expected) => {
    expect(parseNumber(input)).toBe(expected);
  });

  it.each([
    -5,
    "-5",
    "lots",
    "",
    "5x",
    "k",
    Number.NaN,
    Number.POSITIVE_INFINITY,
    "Infinity",
    true,
    null,
    {},
    "1e999",
    "2.5.1m",
    "$",
    "20$",
    "$-5",
    ",000",
    "1,00",
    "1,0000",
    "1 00",
    "$$5",
    "€20k",
    // A dot before exactly three digits reads as a decimal point to some and as thousands to others.
    "20.000",
    "2.500",
    "1.000.000",
  ])("%j is rejected", (input) => {
    expect(parseNumber(input)).toBeUndefined();
  });
});

describe("parseNumber against the number form as one expression", () => {
  it("reads every text alike", () => {
    const char = fc.constantFrom(..."0123456789.eE+-_, kmbtKMBTx$", "\u212a", "\u00a0", "\t", "\u0660", "９");
    const text = fc.oneof(
      fc.array(char, { maxLength: 8 }).map((chars) => chars.join("")),
      fc.string({ maxLength: 6 }),
      fc.nat().map(String),
    );
    fc.assert(
      fc.property(text, (value) => {
        expect(parseNumber(value)).toBe(byExpression(value));
      }),
      settings,
    );
  });

  it.each(["2m", "0", "20000", "50K", "1\u212a", "7 k", "9".repeat(400), "9".repeat(400) + "t", "٠", "k"])(
    "reads %j alike",
    (value) => {
      expect(parseNumber(value)).toBe(byExpression(value));
    },
  );
});

describe("formatNumber", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [50_000, "50k"],
    [2_500_000, "2.5m"],
    [300e9, "300b"],
    [1234, "1.234k"],
  ])("%d → %s", (value, text) => {
    expect(formatNumber(value)).toBe(text);
    expect(parseNumber(text)).toBe(value);
  });
});
