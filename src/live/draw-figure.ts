/**
 * Draws a Plotly spec into the page with the plotly.js the book ships once (`window.Plotly`),
 * fitted to the width of its column (figures/common/responsive.ts), and draws it again when
 * the column's width changes (a window resized, a phone turned). After drawing, what Plotly
 * placed on its own is measured and made room for: a legend that wrapped into more rows than
 * the space above the plot holds, axis labels that pushed the plot, tick labels plotly.js hid at
 * the figure's edge, and the notes under it.
 */
import { fitFigure, type FigureSpec } from "../figures/common/responsive.js";

interface PlotlyLike {
  newPlot(el: HTMLElement, data: unknown[], layout: object, config: object): Promise<unknown>;
  relayout(el: HTMLElement, update: Record<string, unknown>): Promise<unknown>;
}

type PlotElement = HTMLElement & { _fullLayout?: { _size?: { l: number; r: number; t: number; b: number } } };

const drawn = new Map<HTMLElement, { spec: FigureSpec; width: number }>();

/** The width a figure may take: its box's, which follows the text column. */
const available = (el: HTMLElement): number => Math.floor(el.clientWidth || el.parentElement?.clientWidth || 800);

const GAP = 6;

function box(el: Element | null): DOMRect | undefined {
  if (!el) return undefined;
  const r = el.getBoundingClientRect();
  return r.width || r.height ? r : undefined;
}

/** One pass of making room; true when something was moved (then it measures again). */
async function makeRoom(el: PlotElement, plotly: PlotlyLike, layout: Record<string, unknown>): Promise<boolean> {
  const margin = layout.margin as { l: number; r: number; t: number; b: number } | undefined;
  if (!margin || typeof layout.height !== "number") return false;
  let moved = false;
  const frame = box(el.querySelector("svg.main-svg"));
  const title = box(el.querySelector(".gtitle"));
  const t = layout.title as { y?: number } | undefined;
  // A title of several lines anchored at its top can reach over the figure's top edge.
  if (frame && title && t && typeof t.y === "number" && title.top < frame.top + 2) {
    t.y -= (frame.top + 4 - title.top) / layout.height;
    moved = true;
  }
  const legend = box(el.querySelector(".legend"));
  // A legend over the plot's top edge that runs into the title: more room above.
  if (title && legend && legend.top < title.bottom + GAP && legend.bottom > title.top) {
    const grow = Math.ceil(title.bottom + GAP - legend.top);
    margin.t += grow;
    layout.height += grow;
    moved = true;
  }
  const notes = (layout.annotations as { name?: string; xshift?: number; yshift?: number }[] | undefined)?.filter(
    (a) => a.name === "data-note",
  );
  const size = el._fullLayout?._size;
  if (size && notes?.length) {
    // The notes under the figure start at its left edge, wherever the axis labels put the plot.
    const wanted = -(size.l - 10);
    if (notes.some((a) => a.xshift !== wanted)) {
      for (const a of notes) a.xshift = wanted;
      moved = true;
    }
    // Notes that run into the x axis's labels or title move down.
    const axis = [".xtitle", ".xtick text"]
      .flatMap((s) => Array.from(el.querySelectorAll(s)))
      .map(box)
      .filter((b): b is DOMRect => !!b);
    const first = box(el.querySelector(".annotation"));
    const lowest = Math.max(...axis.map((b) => b.bottom));
    if (first && axis.length && first.top < lowest + GAP) {
      const down = Math.ceil(lowest + GAP - first.top);
      for (const a of notes) a.yshift = (a.yshift ?? 0) - down;
      margin.b += down;
      layout.height += down;
      moved = true;
    }
  }
  // plotly.js hides a tick label that would reach past the figure's edge (the last "100" of a
  // narrow axis): room at that side for half the widest label of the axis.
  for (const [axis, low, high] of [
    ["x", "l", "r"],
    ["y", "b", "t"],
  ] as const) {
    const labels = Array.from(el.querySelectorAll<SVGTextElement>(`.${axis}tick text`));
    const hidden = labels.flatMap((l, i) => (l.textContent && getComputedStyle(l).display === "none" ? [i] : []));
    if (!hidden.length) continue;
    const size = Math.max(
      ...labels.map((l) => box(l)).map((b) => (b ? (axis === "x" ? b.width : b.height) : 0)),
      axis === "x" ? 24 : 14,
    );
    const want = Math.ceil(size / 2) + 4;
    for (const side of new Set(hidden.map((i) => (i < labels.length / 2 ? low : high)))) {
      margin[side] = Math.max(margin[side] + 4, want);
      if (side === "t" || side === "b") layout.height += 4;
      moved = true;
    }
  }
  if (moved)
    await plotly.relayout(el, { margin: { ...margin }, height: layout.height, annotations: layout.annotations });
  return moved;
}

type PlotlyWindow = { Plotly?: PlotlyLike; interspinPlotly?: Promise<PlotlyLike | undefined> };

/**
 * plotly.js: the page's, or loaded now from the file beside the page (`<body data-plotly>`);
 * a live page loads it only after its kernel is ready, so that the reader can start first.
 * Shared through the window by the page's scripts, so it is loaded once.
 */
export function loadPlotly(): Promise<PlotlyLike | undefined> {
  const w = window as unknown as PlotlyWindow;
  if (w.Plotly) return Promise.resolve(w.Plotly);
  w.interspinPlotly ??= new Promise((resolve) => {
    const script = document.createElement("script");
    script.src = document.body.dataset.plotly ?? "../plotly.min.js";
    script.onload = () => resolve(w.Plotly);
    script.onerror = () => resolve(undefined);
    document.head.append(script);
  });
  return w.interspinPlotly;
}

/** Draws `spec` into `el`, or says in `el` that plotly.js is missing. */
export async function drawFigure(el: HTMLElement, spec: FigureSpec): Promise<void> {
  const plotly = await loadPlotly();
  if (!plotly) {
    el.textContent = "plotly.js was not found next to this page.";
    return;
  }
  const width = available(el);
  drawn.set(el, { spec, width });
  const fitted = fitFigure(spec, width);
  const layout = (fitted.layout ?? {}) as Record<string, unknown>;
  // plotly.js 4 offers to upload a chart to its cloud ("Share chart…"): a page of the book sends nothing anywhere.
  await plotly.newPlot(el, fitted.data, layout, {
    ...(fitted.config ?? {}),
    responsive: false,
    showSendToCloud: false,
    plotlyServerURL: "",
  });
  for (let pass = 0; pass < 3; pass++) if (!(await makeRoom(el as PlotElement, plotly, layout))) break;
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

let watcher: IntersectionObserver | undefined;

const pending = new Set<HTMLElement>();

function drawFromSpec(el: HTMLElement): void {
  if (!pending.delete(el)) return;
  const spec = document.getElementById(el.id.replace("plot-", "spec-"));
  if (spec?.textContent) void drawFigure(el, JSON.parse(spec.textContent) as FigureSpec);
}

/** Draws the figures not yet drawn one at a time while the page is idle, so that every figure is there in the end. */
function drawRestWhenIdle(): void {
  const next = (): void => {
    const el = pending.values().next().value as HTMLElement | undefined;
    if (!el) return;
    watcher?.unobserve(el);
    drawFromSpec(el);
    idle(next);
  };
  idle(next);
}

const idle = (f: () => void): void => {
  const w = window as unknown as { requestIdleCallback?: (f: () => void, o: { timeout: number }) => void };
  if (w.requestIdleCallback) w.requestIdleCallback(f, { timeout: 1000 });
  else setTimeout(f, 50);
};

/**
 * Draws every `div.plot` under `root` whose spec is in the JSON script beside it (`spec-N` for
 * `plot-N`): first those near the screen, as they come into view, then the rest while the page
 * is idle; a long chapter does not draw a dozen figures before a reader can start.
 */
export function drawPagePlots(root: ParentNode = document): void {
  const plots = Array.from(root.querySelectorAll<HTMLElement>("div.plot"));
  for (const el of plots) pending.add(el);
  if (typeof IntersectionObserver === "undefined") {
    for (const el of plots) drawFromSpec(el);
    return;
  }
  watcher ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries)
        if (e.isIntersecting) {
          watcher!.unobserve(e.target);
          drawFromSpec(e.target as HTMLElement);
        }
    },
    { rootMargin: "400px 0px" },
  );
  for (const el of plots) watcher.observe(el);
  if (document.readyState === "complete") drawRestWhenIdle();
  else window.addEventListener("load", drawRestWhenIdle, { once: true });
}
