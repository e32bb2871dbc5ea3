/**
 * A built figure fitted to the width a page gives it. A builder's spec is the report's (900 or
 * 1000 px wide, as printed and exported); a narrower column gets the same figure drawn narrower
 * instead of cut at its edge:
 * - the title, the axis titles and the notes under the figure wrap to the width;
 * - category labels wrap onto more lines; labels under columns that no longer fit side by side
 *   (a word longer than a column is wide) turn upright, one below the other;
 * - the left margin shrinks to what the labels need (Plotly's automargin), a heatmap's cell texts
 *   and colour bar get smaller on a phone;
 * - a horizontal legend wraps into rows (Plotly does that by itself once the figure is narrower);
 * - shares inside bar segments get one size, none where a segment is too narrow to read it;
 * - the node names of a flow diagram wrap onto more lines.
 * The builder's spec is never changed: a copy is. What Plotly then places by itself is measured
 * on the page (live/draw-figure.ts) and made room for.
 */
import { axisLabel, placeTitle, wrap } from "./layout.js";

/** A Plotly figure as the page draws it. */
export interface FigureSpec {
  data: unknown[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

type Margin = { l: number; r: number; t: number; b: number };
type Annotation = { name?: string; text: string; xshift?: number; yshift?: number; font?: { size?: number } };
type Trace = Record<string, unknown>;
type Axis = {
  title?: { text?: string; font?: { size?: number } };
  tickangle?: number;
  tickfont?: { size?: number };
  automargin?: boolean;
};

/** Below this width a figure is laid out for a phone. */
export const NARROW = 600;

/** Average width of a character at a font size, in px (Arial-like fonts). */
const charWidth = (size: number): number => size * 0.58;

/** The text of a label without Plotly's line breaks. */
const flat = (s: string): string =>
  s
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/\s+/g, " ")
    .trim();

const longestWord = (s: string): number =>
  Math.max(
    0,
    ...flat(s)
      .split(/[\s/]/)
      .map((w) => w.length + 1),
  );

/**
 * The figure drawn `width` px wide, or the figure itself when it fits.
 * @example fitFigure({ data: [], layout: { width: 900 } }, 1200).layout?.width // => 900
 * @example fitFigure({ data: [], layout: { width: 900 } }, 700).layout?.width // => 700
 */
export function fitFigure(spec: FigureSpec, width: number): FigureSpec {
  const layout = spec.layout ?? {};
  const own = typeof layout.width === "number" ? layout.width : undefined;
  if (own !== undefined && own <= width) return spec;
  const target = Math.max(280, Math.floor(width));
  const copy = JSON.parse(JSON.stringify(spec)) as Required<FigureSpec>;
  const l = (copy.layout ??= {});
  l.width = target;
  const narrow = target < NARROW;
  const traces = copy.data as Trace[];
  const heatmap = traces.some((t) => t.type === "heatmap");
  const vertical = traces.some((t) => t.type === "bar" && t.orientation !== "h");
  const margin = l.margin as Margin | undefined;
  if (margin) {
    // Category labels on the left get their room from automargin; numbers on the left need some.
    const yAxis = (l.yaxis ?? {}) as Axis;
    margin.l = Math.min(margin.l, yAxis.automargin ? (narrow ? 8 : Math.round(target * 0.12)) : narrow ? 50 : 70);
    if (narrow) margin.r = Math.min(margin.r, 10);
  }
  rewrapTitle(l, target);
  rewrapNotes(l, target);
  wrapAxisTitles(l, target);
  if (heatmap || vertical) columnLabels(l, traces, target, heatmap);
  rowLabels(traces, target, heatmap);
  flowLabels(traces, target);
  readableInside(l, traces);
  if (heatmap && narrow)
    for (const t of traces) {
      t.textfont = { ...((t.textfont as object) ?? {}), size: 9 };
      t.colorbar = { ...((t.colorbar as object) ?? {}), thickness: 8, xpad: 4 };
    }
  // The title may have more lines and the figure another height now.
  placeTitle(l);
  return copy;
}

function rewrapTitle(l: Record<string, unknown>, width: number): void {
  const title = l.title as { text?: string; font?: { size?: number } } | undefined;
  const margin = l.margin as Margin | undefined;
  if (!title?.text || !margin) return;
  const chars = Math.max(20, Math.floor((width - 24) / charWidth(title.font?.size ?? 15)));
  const before = title.text.split(/<br>/).length;
  title.text = wrap(flat(title.text), chars);
  const grow = 20 * (title.text.split(/<br>/).length - before);
  margin.t += grow;
  if (typeof l.height === "number") l.height += grow;
}

/** The notes under the figure (source, what the data are, the small-base warning), wrapped anew. */
function rewrapNotes(l: Record<string, unknown>, width: number): void {
  const margin = l.margin as Margin | undefined;
  const all = (l.annotations as Annotation[] | undefined) ?? [];
  const notes = all.filter((a) => a.name === "data-note");
  if (!notes.length || !margin) return;
  const chars = Math.max(24, Math.floor((width - 24) / charWidth(notes[0]!.font?.size ?? 11)));
  const warning = notes.filter((a) => flat(a.text).startsWith("⚠"));
  const body = notes.filter((a) => !warning.includes(a)).map((a) => flat(a.text));
  const lines = [
    ...wrap(body.join(" "), chars).split("<br>"),
    ...warning.flatMap((a) => wrap(flat(a.text), chars).split("<br>")),
  ];
  const step = 16;
  const first = notes[0]!;
  const rewrapped = lines.map((text, i) => ({ ...first, text, yshift: (first.yshift ?? 0) - step * i }));
  l.annotations = [...all.filter((a) => a.name !== "data-note"), ...rewrapped];
  const grow = step * (lines.length - notes.length);
  margin.b += grow;
  if (typeof l.height === "number") l.height += grow;
}

function wrapAxisTitles(l: Record<string, unknown>, width: number): void {
  const margin = (l.margin as Margin | undefined) ?? { l: 80, r: 30, t: 80, b: 80 };
  const height = typeof l.height === "number" ? l.height : 450;
  const x = l.xaxis as Axis | undefined;
  const y = l.yaxis as Axis | undefined;
  // The x title is centred under the plot, which labels on the left may push far to the right.
  const plot = width * (width < NARROW ? 0.45 : 0.7);
  if (x?.title?.text)
    x.title.text = wrap(flat(x.title.text), Math.max(12, Math.floor(plot / charWidth(x.title.font?.size ?? 14))));
  if (y?.title?.text)
    y.title.text = wrap(
      flat(y.title.text),
      Math.max(16, Math.floor((height - margin.t - margin.b) / charWidth(y.title.font?.size ?? 14))),
    );
}

/** Labels under the columns of vertical bars or a heatmap: wrapped to a column's width, upright when a word is wider. */
function columnLabels(l: Record<string, unknown>, traces: Trace[], width: number, heatmap: boolean): void {
  const x = (l.xaxis ??= {}) as Axis;
  const size = x.tickfont?.size ?? 12;
  const categories = new Set(
    traces.flatMap((t) => (Array.isArray(t.x) ? (t.x as unknown[]) : [])).filter((v) => typeof v === "string"),
  );
  if (!categories.size) return;
  // The plot's width: the figure less the labels on the left and, for a heatmap, its colour bar.
  const plot = width * (heatmap ? 0.62 : 0.85) - (heatmap ? 60 : 0);
  const chars = Math.max(6, Math.floor(plot / categories.size / charWidth(size)) - 1);
  const upright = [...categories].some((c) => longestWord(c as string) > chars);
  if (upright) x.tickangle = -90;
  const each = upright ? 22 : chars;
  for (const t of traces)
    if (Array.isArray(t.x)) t.x = (t.x as unknown[]).map((v) => (typeof v === "string" ? axisLabel(flat(v), each) : v));
}

/** Labels left of horizontal bars or heatmap rows, on more lines as the figure narrows. */
function rowLabels(traces: Trace[], width: number, heatmap: boolean): void {
  if (width >= 800) return;
  const chars = width < NARROW ? 14 : 20;
  for (const t of traces) {
    if (!(t.orientation === "h" || (heatmap && t.type === "heatmap")) || !Array.isArray(t.y)) continue;
    t.y = (t.y as unknown[]).map((v) => (typeof v === "string" ? axisLabel(flat(v), chars) : v));
  }
}

/**
 * Shares written inside bar segments of a narrowed figure: all of one size, turned upright where a
 * segment is narrower than its share (as Plotly does), and none where even that would be smaller
 * than 9 px (the share is in the hover text and the table beside the figure).
 */
function readableInside(l: Record<string, unknown>, traces: Trace[]): void {
  if (traces.some((t) => t.type === "bar" && t.textposition === "inside")) l.uniformtext = { mode: "hide", minsize: 9 };
}

/** The node names of a flow (Sankey) diagram on more lines, so that the outer ones stay inside the figure. */
function flowLabels(traces: Trace[], width: number): void {
  const chars = width < NARROW ? 12 : width < 800 ? 20 : 28;
  for (const t of traces) {
    const node = t.node as { label?: unknown[] } | undefined;
    if (t.type !== "sankey" || !Array.isArray(node?.label)) continue;
    node.label = node.label.map((v) => (typeof v === "string" ? axisLabel(flat(v), chars) : v));
  }
}
