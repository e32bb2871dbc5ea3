/**
 * The frame every figure shares: title with the report's number, caption and N, the source
 * line, and the small-base note.
 */
import type { Codebook, FigureDef, Lang } from "../../data/codebook.js";
import { font } from "./style.js";
import type { FigureMeta } from "./types.js";

/** Fills `{name}` placeholders of a codebook UI text. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}

/** The figure's title text: "Abbildung 1: caption (N=45)". */
export function titleText(def: FigureDef, lang: Lang, n: number): string {
  return `${def.number[lang]}: ${def.caption[lang]} (N=${n})`;
}

/** Wraps long text for Plotly (which does not wrap) at about `width` characters. */
export function wrap(text: string, width = 90): string {
  const words = text.split(" ");
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (line && line.length + w.length + 1 > width) { lines.push(line); line = w; } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join("<br>");
}

/**
 * The shared layout: title, source and reconstruction note, small-base note, margins, meta.
 * @param extraBottom - additional bottom margin for long axis labels.
 */
export function frameLayout(cb: Codebook, def: FigureDef, lang: Lang, n: number, smallBase: { any: boolean; threshold: number }, extraBottom = 0): Record<string, unknown> & { meta: FigureMeta } {
  const title = titleText(def, lang, n);
  const notes = [`${cb.ui.source[lang]}. ${cb.ui.reconstruction[lang]}.`];
  if (smallBase.any) notes.push(`⚠ ${fill(cb.ui.smallBase[lang], { threshold: smallBase.threshold })}`);
  return {
    title: { text: wrap(title, 95), x: 0, xanchor: "left", font: { ...font, size: 15 } },
    font,
    paper_bgcolor: "#ffffff",
    plot_bgcolor: "#ffffff",
    margin: { l: 230, r: 30, t: 90, b: 90 + extraBottom + 16 * (notes.length - 1) },
    annotations: notes.map((text, i) => ({
      text, showarrow: false, xref: "paper", yref: "paper", x: 0, xanchor: "left",
      y: 0, yanchor: "top", yshift: -50 - extraBottom - 16 * i, font: { ...font, size: 11, color: "#555" },
    })),
    meta: { id: def.id, n, lang, title, smallBase: smallBase.any },
  };
}
