/**
 * The identified set in words and numbers for tables: a claim's p range and share-difference
 * range over every dataset consistent with the report, its robust verdict, and the one-line
 * caveat every output carries when it is computed on the shipped reconstruction.
 */
import { loadCodebook, type Codebook, type Lang } from "../data/codebook.js";
import type { IdentifiedRange, RobustVerdict } from "../stats/identified/claim-ranges.js";
import type { OrderVerdict } from "../stats/identified/order-verdicts.js";

const dec = (s: string, lang: Lang) => (lang === "de" ? s.replace(".", ",") : s);

/**
 * A p-value for a range: two significant digits, scientific below 0.0001, "< 1e-300" for an underflow.
 * @example pText(0.000397, "en") // => "0.00040"
 */
export function pText(p: number, lang: Lang): string {
  if (!Number.isFinite(p)) return "–";
  if (p === 0) return "< 1e-300";
  return dec(p < 1e-4 ? p.toExponential(1) : p.toPrecision(2), lang);
}

/** A signed difference in percentage points with one decimal. */
export function ppText(x: number, lang: Lang): string {
  return dec(`${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x).toFixed(1)}`, lang);
}

/** The robust verdict in the reader's language (codebook `ui.robust_<verdict>`). */
export function robustLabel(v: RobustVerdict, lang: Lang, cb: Codebook = loadCodebook()): string {
  return cb.ui[`robust_${v}`]?.[lang] ?? v;
}

/**
 * The three cells of a claim's identified range: p from–to, difference from–to (pp), verdict;
 * a range that is attained but not proven exact is marked, and "–" where there is none.
 * @example identifiedCells(r, "en").p // => "0.00040 – 0.12"
 */
export function identifiedCells(
  r: IdentifiedRange | null,
  lang: Lang,
  cb: Codebook = loadCodebook(),
): { p: string; effect: string; verdict: string } {
  if (!r) return { p: "–", effect: "–", verdict: "–" };
  const mark = r.exact ? "" : ` (${cb.ui.attainedRange![lang]})`;
  return {
    p: `${pText(r.pMin, lang)} – ${pText(r.pMax, lang)}${mark}`,
    effect: `${ppText(r.effectMin, lang)} – ${ppText(r.effectMax, lang)}`,
    verdict: robustLabel(r.verdict, lang, cb) + (r.readings.length ? ` [${r.readings.join(", ")}]` : ""),
  };
}

/** An order's verdict on the printed numbers alone, with the smallest margin where known. */
export function orderText(v: OrderVerdict | undefined, lang: Lang, cb: Codebook = loadCodebook()): string {
  if (!v) return "";
  const label = cb.ui[`order_${v.verdict}`]?.[lang] ?? v.verdict;
  return v.marginMin === null
    ? label
    : `${label} (${cb.ui.marginMin![lang]} ${ppText(v.marginMin, lang)} ${lang === "de" ? "Pp." : "pp"})`;
}

/**
 * The caveat line for outputs computed on the shipped reconstruction (empty for other data).
 * @example caveat(true, "en").startsWith("The shipped data are a reconstruction") // => true
 */
export function caveat(reconstruction: boolean, lang: Lang, cb: Codebook = loadCodebook()): string {
  return reconstruction ? cb.ui.reconstructionCaveat![lang] : "";
}
