/**
 * A test's result as one sentence a student reads: the test, its statistic where it has one,
 * the p-value and what it means at α = 5 %.
 */
import type { Lang } from "../data/codebook.js";
import { decimal, localNumber } from "../util/number-format.js";

/** What a test result must offer: its name, p-value and, where it has one, a statistic. */
export interface TestLike {
  test: string;
  p: number;
  statistic?: number | null;
}

const NAMES: Record<string, Record<Lang, string>> = {
  mcnemar: { de: "McNemar-Test", en: "McNemar test" },
  fisher: { de: "Exakter Test nach Fisher", en: "Fisher's exact test" },
  "chi-square": { de: "χ²-Test", en: "chi-square test" },
};

/**
 * The sentence for a test result, with p to two significant digits.
 * @example testSummary({ test: "fisher", p: 0.4486 }, "de") // => "Exakter Test nach Fisher: p = 0,45 – nicht signifikant (α = 0,05)."
 */
export function testSummary(result: TestLike | null, lang: Lang = "de"): string {
  if (!result)
    return lang === "de"
      ? "Test nicht berechenbar: eine der Gruppen ist leer (n = 0)."
      : "Test not computable: one of the groups is empty (n = 0).";
  const name = NAMES[result.test]?.[lang] ?? result.test;
  const stat =
    typeof result.statistic === "number" && Number.isFinite(result.statistic)
      ? `χ² = ${decimal(result.statistic, 2, lang)}, `
      : "";
  const p = localNumber(Number(result.p.toPrecision(2)), lang);
  const sig = result.p < 0.05;
  return lang === "de"
    ? `${name}: ${stat}p = ${p} – ${sig ? "statistisch signifikant" : "nicht signifikant"} (α = 0,05).`
    : `${name}: ${stat}p = ${p} – ${sig ? "statistically significant" : "not significant"} (α = 0.05).`;
}
