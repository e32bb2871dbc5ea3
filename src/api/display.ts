/**
 * How the notebook API shows things: through a display the host installs. In a Jupyter kernel
 * the package entry installs tslab's (notebook/display/, one display_data per figure or table);
 * a page of the book installs one that draws into the page. Without a display (a plain Node
 * script) nothing is shown and each call returns its argument.
 */

/** A Plotly figure as the display takes it. */
export interface Showable {
  data: unknown[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** A table as the display takes it (an Arquero table, or anything with these methods). */
export interface TableLike {
  columnNames(): string[];
  numRows(): number;
  objects(options?: { limit?: number }): object[];
}

/** A host's way of showing figures and tables. */
export interface Display {
  /** Shows a figure; true when it was shown. */
  figure(figure: Showable): boolean;
  /** Shows a table; true when it was shown. */
  table(table: TableLike, limit?: number): boolean;
  /** Puts plotly.js into the output (the full bundle when `full`); true when sent. */
  plotlyLibrary(full: boolean): boolean;
}

let current: Display | undefined;

/**
 * Installs the display the notebook API shows through (replacing any earlier one).
 * @example useDisplay(tslabDisplay) // => undefined
 */
export function useDisplay(display: Display): void {
  current = display;
}

function installed(): Display | undefined {
  return current;
}

/**
 * Shows a Plotly figure.
 * @returns undefined when shown (so a notebook cell does not echo the figure), else the figure.
 * @example show(figure("abb-01", survey())) // => undefined in a kernel
 */
export function show<F extends Showable>(figure: F): F | undefined {
  return installed()?.figure(figure) ? undefined : figure;
}

/**
 * Shows a table (cut after `limit` rows).
 * @returns undefined when shown, else the table.
 * @example showTable(aq.table({ group: ["KMU"], n: [212] })) // => undefined in a kernel
 */
export function showTable<T extends TableLike>(table: T, options: { limit?: number } = {}): T | undefined {
  return installed()?.table(table, options.limit) ? undefined : table;
}

/**
 * Puts plotly.js into this cell's output, once per call (a figure does so by itself before the
 * first figure of a kernel session). Use it after clearing the output that carried it.
 * @param full - the full bundle (every trace type) instead of the cartesian one (bar, heatmap, …).
 * @returns true when sent.
 * @example showPlotlyLibrary() // => true in a kernel
 */
export function showPlotlyLibrary(full = false): boolean {
  return installed()?.plotlyLibrary(full) ?? false;
}
