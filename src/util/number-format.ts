/**
 * Numbers as a reader of each language writes them: a decimal comma in German, a decimal point
 * in English. No thousands separator (a German "1.323" would read as a decimal to an English
 * reader and the other way round).
 */

/** The languages numbers are written in. */
export type NumberLang = "de" | "en";

/**
 * `x` with exactly `digits` decimals in `lang`; "–" for a number that is not finite.
 * @example decimal(10.345, 1, "de") // => "10,3"
 */
export function decimal(x: number, digits: number, lang: NumberLang): string {
  if (!Number.isFinite(x)) return "–";
  const s = (Object.is(Math.round(x * 10 ** digits), -0) ? 0 : x).toFixed(digits);
  return lang === "de" ? s.replace(".", ",") : s;
}

/**
 * `x` as JavaScript prints it, with the decimal separator of `lang` (also in an exponent form
 * such as 7.1e-8); "–" for a number that is not finite.
 * @example localNumber(-23.4, "de") // => "-23,4"
 */
export function localNumber(x: number, lang: NumberLang): string {
  if (!Number.isFinite(x)) return "–";
  const s = String(x);
  return lang === "de" ? s.replace(".", ",") : s;
}

/**
 * A p-value for reading: two significant digits, "< 0,001" (or "< 0.001") below one in a thousand.
 * @example pValue(0.4486, "de") // => "0,45"
 */
export function pValue(p: number, lang: NumberLang): string {
  if (!Number.isFinite(p)) return "–";
  if (p < 0.001) return `< ${decimal(0.001, 3, lang)}`;
  const s = String(Number(p.toPrecision(2)));
  return lang === "de" ? s.replace(".", ",") : s;
}
