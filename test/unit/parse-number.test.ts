import { describe, expect, it } from "vitest";
import { formatNumber, parseNumber } from "../../src/core/parse-number.js";

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
  ])("%j → %d", (input, expected) => {
    expect(parseNumber(input)).toBe(expected);
  });

  it.each([-5, "-5", "lots", "", "5x", "k", Number.NaN, Number.POSITIVE_INFINITY, "Infinity", true, null, {}, "1e999", "2.5.1m"])(
    "%j is rejected",
    (input) => {
      expect(parseNumber(input)).toBeUndefined();
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
