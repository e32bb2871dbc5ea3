/**
 * A cell's outputs on the page, as a notebook shows them: text in order (lines of the same
 * stream run together), tables as the kernel renders them, figures drawn from their specs, and
 * an error with the cell's line and column.
 */
import type { LiveOutput } from "./protocol.js";
import { drawFigure } from "./draw-figure.js";
import type { Words } from "./words.js";

/** Appends one output to a cell's output area. */
export function appendOutput(area: HTMLElement, o: LiveOutput, words: Words): void {
  if (o.kind === "stream") {
    const last = area.lastElementChild;
    if (last instanceof HTMLPreElement && last.dataset.stream === o.name) {
      last.textContent += o.text;
      return;
    }
    const pre = document.createElement("pre");
    pre.className = o.name === "stderr" ? "stream stderr" : "stream";
    pre.dataset.stream = o.name;
    pre.textContent = o.text;
    area.append(pre);
  } else if (o.kind === "table") {
    const div = document.createElement("div");
    div.className = "table";
    // Keyboard users scroll a wide table with the arrow keys once it has the focus.
    div.tabIndex = 0;
    // The kernel's own table rendering: every value escaped (api/table-render.ts).
    div.innerHTML = o.html;
    area.append(div);
  } else if (o.kind === "figure") {
    const div = document.createElement("div");
    div.className = "plot";
    area.append(div);
    drawFigure(div, o.spec);
  } else {
    const pre = document.createElement("pre");
    pre.className = "error";
    const at =
      o.line === undefined
        ? ""
        : ` (${o.column === undefined ? words.fill("liveAtLine", { line: o.line }) : words.fill("liveAt", { line: o.line, column: o.column })})`;
    pre.textContent = `${o.ename}: ${o.evalue}${at}`;
    area.append(pre);
  }
}
