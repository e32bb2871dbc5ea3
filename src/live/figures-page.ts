/**
 * The book's figure script (`site/figures.js`, one classic script for every page): draws each
 * figure of the page from its spec, fitted to the text column, and again when the column's
 * width changes.
 */
import { drawPagePlots, redrawOnResize } from "./draw-figure.js";

function main(): void {
  drawPagePlots();
  redrawOnResize();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main);
else main();
