/**
 * A built figure fitted to the width a page gives it: the spec a builder makes is the report's
 * (900 or 1000 px wide, as printed and exported); a narrower column gets the same figure drawn
 * narrower instead of cut at its edge. The title and the notes under the figure wrap to the
 * width, long category labels wrap onto more lines, the left margin shrinks to what the labels
 * need, and a legend that no longer fits beside the plot moves under it (Plotly wraps a
 * horizontal legend into rows). The builder's spec is never changed: a copy is.
 */
import { axisLabel, wrap } from "./layout.js";

/** A Plotly figure as the page draws it. */
export interface FigureSpec {
  data: unknown[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

type Margin = { l: number; r: number; t: number; b: number };
type Annotation = { name?: string; text: string; xshift?: number; yshift?: number; font?: { size?: number } };

/** Average width of a character at a font size, in px (Arial-like fonts). */
const charWidth = (size: number): number => size * 0.55;

/** The text of a label without Plotly's line breaks. */
const flat = (s: string): string =>
  s
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/\s+/g, " ")
    .trim();

/**
 * The figure drawn `width` px wide, or the figure itself when it fits.
 * @example fitFigure({ data: [], layout: { width: 900 } }, 1200).layout?.width // => 900
 */
export function fitFigure(spec: FigureSpec, width: number): FigureSpec {
  const layout = spec.layout ?? {};
  const own = typeof layout.width === "number" ? layout.width : undefined;
  if (own !== undefined && own <= width) return spec;
  const target = Math.max(280, Math.floor(width));
  const copy = JSON.parse(JSON.stringify(spec)) as Required<FigureSpec>;
  const l = (copy.layout ??= {});
  l.width = target;
  const margin = l.margin as Margin | undefined;
  const narrow = target < 600;
  if (margin) {
    const oldLeft = margin.l;
    margin.l = Math.min(margin.l, narrow ? 12 : Math.round(target * 0.22));
    margin.r = Math.min(margin.r, narrow ? 8 : margin.r);
    // The notes under the plot start at the figure's left edge.
    for (const a of (l.annotations as Annotation[] | undefined) ?? [])
      if (a.name === "data-note" && a.xshift !== undefined) a.xshift = a.xshift + (oldLeft - margin.l);
  }
  rewrapTitle(l, target);
  rewrapNotes(l, target);
  rewrapCategories(copy.data, target);
  return copy;
}

function rewrapTitle(l: Record<string, unknown>, width: number): void {
  const title = l.title as { text?: string; font?: { size?: number } } | undefined;
  const margin = l.margin as Margin | undefined;
  if (!title?.text || !margin) return;
  const chars = Math.max(20, Math.floor((width - 20) / charWidth(title.font?.size ?? 15)));
  const before = title.text.split(/<br>/).length;
  title.text = wrap(flat(title.text), chars);
  const after = title.text.split(/<br>/).length;
  margin.t += 20 * (after - before);
  if (typeof l.height === "number") l.height += 20 * (after - before);
}

function rewrapNotes(l: Record<string, unknown>, width: number): void {
  const margin = l.margin as Margin | undefined;
  const notes = ((l.annotations as Annotation[] | undefined) ?? []).filter((a) => a.name === "data-note");
  if (!notes.length || !margin) return;
  const chars = Math.max(24, Math.floor((width - 20) / charWidth(notes[0]!.font?.size ?? 11)));
  const lines = notes.flatMap((a) => wrap(flat(a.text), chars).split("<br>"));
  const extra = lines.length - notes.length;
  const first = notes[0]!;
  const step = 16;
  const all = l.annotations as Annotation[];
  const others = all.filter((a) => a.name !== "data-note");
  const rewrapped = lines.map((text, i) => ({ ...first, text, yshift: (first.yshift ?? 0) - step * i }));
  l.annotations = [...others, ...rewrapped];
  margin.b += step * extra;
  if (typeof l.height === "number") l.height += step * extra;
}

/** Category labels of horizontal bars and heatmap columns on more, shorter lines. */
function rewrapCategories(data: unknown[], width: number): void {
  const chars = width < 500 ? 14 : width < 800 ? 18 : 24;
  for (const t of data as Record<string, unknown>[]) {
    const horizontal = t.orientation === "h";
    const key = horizontal ? "y" : t.type === "heatmap" || t.type === "bar" ? "x" : undefined;
    if (!key || !Array.isArray(t[key])) continue;
    t[key] = (t[key] as unknown[]).map((v) => (typeof v === "string" ? axisLabel(flat(v), chars) : v));
  }
}
