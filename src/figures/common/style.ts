/**
 * The one colour scale and the typography all figures share.
 */

/** Likert colours, code 1 ("trifft voll zu") to code 5 ("trifft gar nicht zu"); neutral grey. */
export const likertColors: readonly string[] = ["#2166ac", "#92c5de", "#d9d9d9", "#f4a582", "#b2182b"];

/** Colours for groups (size classes, actor groups) in bar charts. */
export const groupColors: readonly string[] = ["#1b9e77", "#7570b3", "#d95f02", "#66a61e", "#e7298a"];

/** Sequential scale for heatmaps (share of respondents). */
export const heatColors: [number, string][] = [
  [0, "#f7fbff"],
  [0.5, "#6baed6"],
  [1, "#08306b"],
];

/** Font used in every figure. */
export const font = { family: "Arial, Helvetica, sans-serif", size: 13, color: "#222" };

/** Rounds a percentage for display (one decimal, as the report prints). */
export function pct(x: number, lang: "de" | "en"): string {
  if (!Number.isFinite(x)) return "–";
  const s = (Math.round(x * 10) / 10).toFixed(1);
  return `${lang === "de" ? s.replace(".", ",") : s} %`;
}
