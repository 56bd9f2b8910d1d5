const SUFFIXES: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };
const POWERS: Record<string, number> = { k: 3, m: 6, b: 9, t: 12 };
const NUMBER_FORM = /^([0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:e([+-]?[0-9]+))?\s*([kmbt])?$/i;

export const NUMBER_FORMS =
  "a number ≥ 0, optionally with a suffix k, m, b or t, a leading $ and thousands separators (e.g. 500, 50k, 2.5m, $20,000); a dot is a decimal point";

/**
 * Reads a count or amount as the contract allows: a finite number ≥ 0, or a string with an optional
 * k/m/b/t suffix. Thousands separators (`1_000`, `1,000`, `20 000`) and a leading dollar sign (`$20k`) are
 * accepted, since people type money that way (issue #19). Returns undefined when the value has no such form.
 */
export function parseNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  let text = value.trim();
  if (text.startsWith("+")) text = text.slice(1);
  if (text.startsWith("$")) text = text.slice(1).trimStart();
  text = text.replace(/(?<=\d)[_, ](?=\d{3}\b)/g, "");
  // 20.000 is twenty with a decimal point and twenty thousand with a European separator: refused, not guessed.
  if (/^[1-9][0-9]{0,2}(?:\.[0-9]{3})+$/.test(text)) return undefined;
  const parts = NUMBER_FORM.exec(text)?.slice(1);
  if (!parts) return undefined;
  const [digits, exponent, suffix] = parts;
  // Shift the decimal exponent rather than multiply, so 2.5m is exactly 2500000 and no digit is lost.
  const power = Number(exponent ?? 0) + (suffix ? POWERS[suffix.toLowerCase()]! : 0);
  const result = Number(`${digits}e${power}`);
  return Number.isFinite(result) ? result : undefined;
}

/** Prints a number back in the shortest suffixed form that parses to the same value (50000 → "50k"). */
export function formatNumber(value: number): string {
  for (const [suffix, scale] of Object.entries(SUFFIXES).reverse()) {
    if (Math.abs(value) >= scale) {
      const scaled = Number((value / scale).toPrecision(12));
      if (parseNumber(`${scaled}${suffix}`) === value) return `${scaled}${suffix}`;
    }
  }
  return String(value);
}
