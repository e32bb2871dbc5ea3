/**
 * Types shared by the figure builders: the Plotly figure they return and their options.
 */
import type { Codebook, Lang } from "../../data/codebook.js";

/** A Plotly figure as plain JSON: traces, layout and config. */
export interface PlotlyFigure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown> & { meta: FigureMeta };
  config: Record<string, unknown>;
}

/** What a figure says about itself (kept in `layout.meta`). */
export interface FigureMeta {
  id: string;
  n: number;
  lang: Lang;
  title: string;
  smallBase: boolean;
}

/** Options every figure builder takes. */
export interface FigureOptions {
  /** Label language. */
  lang: Lang;
  /** Shares resting on fewer respondents than this are marked as small-base. */
  smallBase: number;
  /** The codebook (labels, categories, figure definitions). */
  codebook?: Codebook;
  /**
   * Suppress cells with fewer respondents than this (count or base), for data other than the
   * shipped reconstruction; default: the table's own policy (see report/disclosure-policy).
   */
  minCell?: number;
}

/** Defaults for every figure builder. */
export const figureDefaults: FigureOptions = { lang: "de", smallBase: 30 };

/** One row of the numbers behind a figure (one bar segment, bar or heatmap cell). */
export interface NumberRow {
  figure: string;
  group: string;
  groupLabel: string;
  item: string;
  itemLabel: string;
  code: number;
  category: string;
  count: number;
  base: number;
  percent: number;
  ciLow: number;
  ciHigh: number;
  smallBase: boolean;
  /** True when the cell was suppressed for disclosure control (count and shares are then null). */
  suppressed?: boolean;
}
