/**
 * A notebook's code cell as the live book shows it: an element with `data-live-cell` (the cell's
 * index in the executed notebook) holding the cell's code (`pre.code`, which the page's live
 * script turns into an editor) and its stored outputs in an area that announces new outputs
 * (`aria-live`). Parameter cells and a seminar's answer cells are marked, so the page can put a
 * reader's data after the parameters and show a check's verdict.
 */
import type { Cell } from "../notebook/format/nbformat-types.js";
import { html, raw } from "../util/html.js";

const text = (v: unknown): string => (Array.isArray(v) ? v.join("") : String(v ?? ""));

/**
 * The exercise a cell checks (`check("s1-2", …)`), if any.
 * @example exerciseOf('let answer2 = null;\ncheck("s1-2", answer2, t, lang);') // => "s1-2"
 */
export function exerciseOf(source: string): string | undefined {
  return /\bcheck\(\s*["']([\w-]+)["']/.exec(source)?.[1];
}

/** Whether a cell sets the notebook's parameters (its own, or the runner's injected ones). */
export function isParameterCell(cell: Cell): boolean {
  const tags = (cell.metadata as { tags?: unknown }).tags;
  return Array.isArray(tags) && (tags.includes("parameters") || tags.includes("injected-parameters"));
}

/**
 * The live cell's markup around its rendered outputs.
 * @param outputLabel - the output area's accessible name ("Output of cell 3").
 */
export function liveCellHtml(cell: Cell, index: number, outputs: string, outputLabel: string): string {
  const source = text(cell.source);
  const exercise = exerciseOf(source);
  return html`<div class="live-cell" data-live-cell="${index}"${isParameterCell(cell) && raw(" data-parameters")}${exercise && html` data-exercise="${exercise}"`}>
<pre class="code">${source}</pre>
<div class="outputs" aria-live="polite" aria-label="${outputLabel}">${raw(outputs)}</div>
</div>`.text;
}
