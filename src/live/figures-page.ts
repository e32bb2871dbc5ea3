/**
 * The book's figure script (`site/figures.js`, one classic script for every page): draws each
 * figure of the page from its spec, fitted to the text column, and again when the column's
 * width changes; on a live page after its kernel is ready.
 */
import { drawPagePlots, redrawOnResize } from "./draw-figure.js";

/** The event a live page's script sends when its first cell can run. */
export const LIVE_READY = "interspin:live-ready";

function main(): void {
  redrawOnResize();
  // A live page draws its figures once its kernel is ready (or after 3 s): reading plotly.js
  // would hold up the first cell.
  if (!document.body.dataset.livePage || document.body.dataset.liveReady) {
    drawPagePlots();
    return;
  }
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    drawPagePlots();
  };
  document.addEventListener(LIVE_READY, start, { once: true });
  setTimeout(start, 3000);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main);
else main();
