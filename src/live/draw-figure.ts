/**
 * Draws a Plotly spec into the page with the plotly.js the book ships once (`window.Plotly`),
 * fitted to the width of its column (figures/common/responsive.ts), and draws it again when
 * the column's width changes (a window resized, a phone turned).
 */
import { fitFigure, type FigureSpec } from "../figures/common/responsive.js";

interface PlotlyLike {
  newPlot(el: HTMLElement, data: unknown[], layout: object, config: object): Promise<unknown>;
  purge?(el: HTMLElement): void;
}

const drawn = new Map<HTMLElement, { spec: FigureSpec; width: number }>();

/** The width a figure may take: its box's, which follows the text column. */
const available = (el: HTMLElement): number => Math.floor(el.clientWidth || el.parentElement?.clientWidth || 800);

/** Draws `spec` into `el`, or says in `el` that plotly.js is missing. */
export function drawFigure(el: HTMLElement, spec: FigureSpec): Promise<unknown> {
  const plotly = (window as unknown as { Plotly?: PlotlyLike }).Plotly;
  if (!plotly) {
    el.textContent = "plotly.js was not found next to this page.";
    return Promise.resolve();
  }
  const width = available(el);
  drawn.set(el, { spec, width });
  const fitted = fitFigure(spec, width);
  return plotly.newPlot(el, fitted.data, fitted.layout ?? {}, { ...(fitted.config ?? {}), responsive: false });
}

let listening = false;

/** Draws every figure again whose column changed width, a moment after the window stops resizing. */
export function redrawOnResize(): void {
  if (listening) return;
  listening = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener("resize", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      for (const [el, d] of drawn) {
        if (!el.isConnected) {
          drawn.delete(el);
          continue;
        }
        if (available(el) !== d.width) void drawFigure(el, d.spec);
      }
    }, 150);
  });
}

/** Draws every `div.plot` of the page whose spec is in the JSON script beside it (`spec-N` for `plot-N`). */
export function drawPagePlots(root: ParentNode = document): void {
  for (const el of Array.from(root.querySelectorAll<HTMLElement>("div.plot"))) {
    const spec = document.getElementById(el.id.replace("plot-", "spec-"));
    if (spec?.textContent) void drawFigure(el, JSON.parse(spec.textContent) as FigureSpec);
  }
}
