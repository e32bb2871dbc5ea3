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

/**
 * The figure's title text: "Abbildung 1: caption (N=45)". An N the report does not state is
 * marked: "assumed" on the shipped reconstruction, "not stated in the report" on other data.
 * @example titleText(cb, abb06, "de", 107) // => "Abbildung 6: … (N=107, angenommen)"
 */
export function titleText(cb: Codebook, def: FigureDef, lang: Lang, n: number, ownData = false): string {
  const mark =
    def.statedN === null || def.statedN === undefined
      ? `, ${(ownData ? cb.ui.nNotStated! : cb.ui.nAssumed!)[lang]}`
      : "";
  return `${def.number[lang]}: ${def.caption[lang]} (N=${n}${mark})`;
}

/** The footer line: source, and what the data are. */
export function dataNote(cb: Codebook, lang: Lang, ownData = false): string {
  return `${cb.ui.source![lang]}. ${(ownData ? cb.ui.ownData! : cb.ui.reconstruction!)[lang]}.`;
}

/** Wraps long text for Plotly (which does not wrap) at about `width` characters. */
export function wrap(text: string, width = 90): string {
  const words = text.split(" ");
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (line && line.length + w.length + 1 > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join("<br>");
}

/**
 * The shared layout: title, source and reconstruction note, small-base note, margins, meta.
 * @param extraBottom - additional bottom margin for long axis labels.
 */
export function frameLayout(
  cb: Codebook,
  def: FigureDef,
  lang: Lang,
  n: number,
  smallBase: { any: boolean; threshold: number },
  extraBottom = 0,
): Record<string, unknown> & { meta: FigureMeta } {
  const title = titleText(cb, def, lang, n);
  const wrapped = wrap(title, 95);
  const titleLines = wrapped.split("<br>").length;
  const notes = wrap(dataNote(cb, lang), 120).split("<br>");
  if (smallBase.any) notes.push(`⚠ ${fill(cb.ui.smallBase![lang], { threshold: smallBase.threshold })}`);
  const left = 230;
  const top = 70 + 20 * titleLines;
  const bottom = 80 + extraBottom + 16 * notes.length;
  return {
    title: {
      text: wrapped,
      x: 0.01,
      xref: "container",
      xanchor: "left",
      y: 1,
      yref: "container",
      yanchor: "top",
      font: { ...font, size: 15 },
    },
    font,
    paper_bgcolor: "#ffffff",
    plot_bgcolor: "#ffffff",
    margin: { l: left, r: 30, t: top, b: bottom },
    annotations: notes.map((text, i) => ({
      name: "data-note",
      text,
      showarrow: false,
      xref: "paper",
      yref: "paper",
      x: 0,
      xanchor: "left",
      xshift: -(left - 10),
      y: 0,
      yanchor: "top",
      yshift: -(62 + extraBottom + 16 * i),
      font: { ...font, size: 11, color: "#555" },
    })),
    meta: { id: def.id, n, lang, title: `${def.number[lang]}: ${def.caption[lang]}`, smallBase: smallBase.any },
  };
}

/**
 * Rewrites a built figure's title and footer for data other than the shipped reconstruction:
 * an unstated N is "not stated in the report" instead of "assumed", and the footer says the
 * data are the user's own. The lines of the note keep their number (the margins fit).
 */
export function markOwnData(
  fig: { layout: Record<string, unknown> },
  cb: Codebook,
  def: FigureDef,
  lang: Lang,
  n: number,
): void {
  const title = fig.layout.title as { text: string };
  title.text = wrap(titleText(cb, def, lang, n, true), 95);
  const notes = (fig.layout.annotations as Array<{ name?: string; text: string }>).filter(
    (a) => a.name === "data-note",
  );
  const lines = wrap(dataNote(cb, lang, true), 120).split("<br>");
  notes.forEach((a, i) => {
    a.text = lines[i] ?? "";
  });
  if (lines.length > notes.length && notes.length)
    notes[notes.length - 1]!.text = lines.slice(notes.length - 1).join(" ");
  placeTitle(fig.layout);
}

/** Sets the layout's height from the plotting area's height plus its margins. */
export function setPlotHeight(layout: Record<string, unknown>, plotHeight: number): void {
  const m = layout.margin as { t: number; b: number };
  layout.height = Math.round(plotHeight + m.t + m.b);
  placeTitle(layout);
}

/**
 * Puts the title's first line about 12 px below the figure's top edge. plotly.js sets a title of
 * one line 0.7 em below its anchor, but the first line of a wrapped title on the anchor itself, so
 * that one is anchored lower by as much. Call again after the height or the title's lines change.
 * @example placeTitle({ height: 500, title: { text: "A", yanchor: "top" } }) // title.y = 1 - 12 / 500
 */
export function placeTitle(layout: Record<string, unknown>): void {
  const title = layout.title as { y?: number; yanchor?: string; text?: string; font?: { size?: number } } | undefined;
  // Only a title anchored at its top (frameLayout's); one placed by plotly.js stays where it is.
  if (title?.yanchor !== "top" || typeof layout.height !== "number") return;
  const wrapped = (title.text ?? "").includes("<br>");
  title.y = 1 - (12 + (wrapped ? 0.7 * (title.font?.size ?? 15) : 0)) / layout.height;
}

/**
 * Breaks a category label into short lines for an axis: after slashes and between words.
 * @example axisLabel("Forschungseinrichtungen/Universitäten", 16) // => "Forschungseinrichtungen/<br>Universitäten"
 */
export function axisLabel(text: string, width = 16): string {
  return wrap(text.replace(/\//g, "/ "), width)
    .replace(/\/ /g, "/")
    .replace(/\/<br>/g, "/<br>")
    .replace(/<br>\s*/g, "<br>");
}
