/**
 * The live book's page script (one classic script, `site/live.js`, shared by every page): turns
 * each code cell of a chapter or seminar page (`[data-live-cell]`, its index in the notebook)
 * into an editor with Run and Reset, adds Run all, Interrupt and Reset all for the page, and
 * runs the cells in the page's kernel, a worker (kernel.ts). Cells run in order in one scope;
 * Run on a cell first runs the cells above it that have not run in this scope yet, so a reader
 * can start anywhere. Edits are kept per page and language (answers.ts); a reader's own data
 * reruns the page (own-data.ts). While a cell runs, `<body aria-busy="true">`.
 */
import { KeptCells } from "./answers.js";
import { drawPagePlots, redrawOnResize } from "./draw-figure.js";
import { type CellEditor, createEditor } from "./editor.js";
import { type CellResult, LiveKernel } from "./kernel.js";
import { appendOutput } from "./outputs.js";
import { ownDataPanel, type PageData } from "./own-data.js";
import type { LiveOutput } from "./protocol.js";
import { type Words, wordsOf } from "./words.js";

/** The worker's code, put before this script by the book's build (live-bundle.ts). */
declare const __interspinLiveWorker: string;

/** What `site/live-data.js` puts on the window: the project's data files the core reads. */
interface LiveData {
  files: Record<string, string>;
}

interface Cell {
  index: number;
  el: HTMLElement;
  original: string;
  editor: CellEditor;
  area: HTMLElement;
  stored: string;
  status: HTMLElement;
  exercise?: string;
  parameters: boolean;
}

function button(text: string, className: string): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.className = className;
  b.textContent = text;
  return b;
}

class LivePage {
  private readonly cells: Cell[] = [];
  private readonly kept: KeptCells;
  private kernel: LiveKernel;
  private queue: Promise<unknown> = Promise.resolve();
  private generation = 0;
  private running = 0;
  private data: PageData | null = null;
  private readonly status: HTMLElement;
  private readonly shown = new Map<number, LiveOutput[]>();

  constructor(
    private readonly words: Words,
    live: LiveData,
    elements: HTMLElement[],
  ) {
    const body = document.body;
    this.kept = new KeptCells(
      body.dataset.liveLang ?? document.documentElement.lang,
      body.dataset.livePage ?? location.pathname,
    );
    this.kernel = new LiveKernel(__interspinLiveWorker, live.files);
    this.status = document.createElement("p");
    this.status.className = "live-status";
    this.status.setAttribute("role", "status");
    this.status.textContent = words.t("liveStarting");
    const rows = (live.files["data/survey.csv"] ?? "").trim().split("\n").length - 1;
    const bookData = body.dataset.bookData;
    const shipped = (): string =>
      bookData ? words.fill("liveBannerBook", { file: bookData }) : words.fill("liveBannerShipped", { rows });
    const panel = ownDataPanel(this.kernel, words, shipped, (d) => this.useData(d));
    this.toolbar(panel.element, panel.banner);
    for (const el of elements) this.cells.push(this.cell(el));
    this.kernel.whenReady().then(
      () => {
        this.status.textContent = words.t("liveReady");
        body.dataset.liveReady = "true";
        // When the first cell could run, in ms since the page began loading (the benchmark reads it).
        body.dataset.liveReadyMs = String(Math.round(performance.now()));
        document.dispatchEvent(new Event("interspin:live-ready"));
      },
      (e: Error) => {
        this.status.textContent = words.fill("liveNoWorker", { why: e.message });
      },
    );
  }

  private toolbar(dataPanel: HTMLElement, banner: HTMLElement): void {
    const w = this.words;
    const bar = document.createElement("section");
    bar.className = "live-toolbar";
    bar.setAttribute("aria-label", w.t("liveToolbar"));
    const intro = document.createElement("p");
    intro.className = "live-intro";
    intro.textContent = w.t("liveIntro");
    const runAll = button(w.t("liveRunAll"), "live-run-all");
    const interrupt = button(w.t("liveInterrupt"), "live-interrupt");
    const resetAll = button(w.t("liveResetAll"), "live-reset-all");
    runAll.addEventListener("click", () => void this.runAll());
    interrupt.addEventListener("click", () => this.interrupt());
    resetAll.addEventListener("click", () => this.resetAll());
    const buttons = document.createElement("div");
    buttons.className = "live-buttons";
    buttons.append(runAll, interrupt, resetAll, this.status);
    bar.append(intro, buttons, banner, dataPanel);
    const article = document.querySelector("main > article") ?? document.body;
    const h1 = article.querySelector("h1");
    if (h1) h1.after(bar);
    else article.prepend(bar);
  }

  private cell(el: HTMLElement): Cell {
    const w = this.words;
    const index = Number(el.dataset.liveCell);
    const pre = el.querySelector<HTMLElement>("pre.code");
    const original = pre?.textContent ?? "";
    const area = el.querySelector<HTMLElement>(".outputs") ?? el.appendChild(document.createElement("div"));
    const bar = document.createElement("div");
    bar.className = "live-cell-bar";
    const run = button(w.t("liveRun"), "live-run");
    const reset = button(w.t("liveReset"), "live-reset");
    const status = document.createElement("span");
    status.className = "live-cell-status";
    bar.append(run, reset, status);
    const holder = document.createElement("div");
    holder.className = "live-editor";
    pre?.replaceWith(holder);
    el.prepend(bar);
    bar.after(holder);
    const kept = this.kept.get(index);
    const cell: Cell = {
      index,
      el,
      original,
      area,
      stored: area.innerHTML,
      status,
      exercise: el.dataset.exercise,
      parameters: el.dataset.parameters !== undefined,
      editor: createEditor(holder, kept ?? original, {
        label: w.fill("liveCell", { cell: index }),
        onRun: () => {
          void this.run(cell);
          const next = this.cells[this.cells.indexOf(cell) + 1];
          next?.editor.focus();
        },
        onChange: (text) => {
          this.kept.set(index, text, original);
          this.markEdited(cell);
        },
      }),
    };
    if (cell.exercise) el.setAttribute("aria-description", w.fill("liveAnswerCell", { exercise: cell.exercise }));
    run.addEventListener("click", () => void this.run(cell));
    reset.addEventListener("click", () => this.reset(cell));
    this.markEdited(cell);
    this.grade(cell);
    return cell;
  }

  private markEdited(c: Cell): void {
    const edited = c.editor.text() !== c.original;
    c.el.classList.toggle("edited", edited);
    if (edited && !c.el.classList.contains("ran")) c.status.textContent = this.words.t("liveEdited");
    else if (!edited && !c.el.classList.contains("ran")) c.status.textContent = "";
  }

  /** Marks an exercise's cell by its check's verdict in the output (✓ or a hint). */
  private grade(c: Cell): void {
    if (!c.exercise) return;
    const text = c.area.textContent ?? "";
    c.el.classList.toggle("correct", text.includes("✓"));
    c.el.classList.toggle("not-yet", !text.includes("✓") && text.trim() !== "");
  }

  private setBusy(delta: number): void {
    this.running += delta;
    if (this.running > 0) document.body.setAttribute("aria-busy", "true");
    else document.body.removeAttribute("aria-busy");
  }

  /** Runs one cell in the kernel, its outputs replacing the old ones. */
  private async execute(c: Cell): Promise<CellResult> {
    const w = this.words;
    c.area.replaceChildren();
    c.el.classList.add("running", "ran");
    c.el.classList.remove("failed");
    c.status.textContent = w.t("liveRunning");
    const outputs: LiveOutput[] = [];
    this.shown.set(c.index, outputs);
    const onOutput = (o: LiveOutput) => {
      outputs.push(o);
      appendOutput(c.area, o, w);
    };
    let r = await this.kernel.run(c.index, c.editor.text(), onOutput);
    if (r.ok && c.parameters && this.data && this.isLastParameters(c)) {
      // As papermill's injected parameters: the page's data after the notebook's own.
      const p = this.data;
      r = await this.kernel.run(c.index, `{ data = ${JSON.stringify(p.path)}; minCell = ${p.minCell}; }`, onOutput);
    }
    c.el.classList.remove("running");
    c.el.classList.toggle("failed", !r.ok);
    c.status.textContent = r.interrupted
      ? w.t("liveInterrupted")
      : r.ok
        ? w.fill("liveRanIn", { ms: Math.round(r.ms) })
        : w.fill("liveFailed", { cell: c.index });
    this.grade(c);
    return r;
  }

  private isLastParameters(c: Cell): boolean {
    return this.cells.filter((x) => x.parameters).at(-1) === c;
  }

  /** Queues work after everything asked before; dropped when an interrupt comes first. */
  private enqueue<T>(work: () => Promise<T>): Promise<T | undefined> {
    const gen = this.generation;
    this.setBusy(1);
    const next = this.queue.then(async () => (gen === this.generation ? work() : undefined));
    this.queue = next.catch(() => undefined);
    return next.finally(() => this.setBusy(-1));
  }

  /** Runs a cell, after the cells above it that have not run in this scope yet. */
  run(c: Cell): Promise<CellResult | undefined> {
    return this.enqueue(async () => {
      for (const before of this.cells) {
        if (before === c) break;
        if (!this.kernel.ran.has(before.index)) {
          const r = await this.execute(before);
          if (!r.ok) return r;
        }
      }
      return this.execute(c);
    });
  }

  /** What each cell showed when it last ran, by cell index (for tests and tools). */
  outputs(): Record<number, LiveOutput[]> {
    return Object.fromEntries(this.shown);
  }

  /** Runs every cell in order, stopping at the first error (as Jupyter's Run All). */
  runAll(): Promise<boolean | undefined> {
    return this.enqueue(async () => {
      const start = performance.now();
      for (const c of this.cells) {
        const r = await this.execute(c);
        if (!r.ok) return false;
      }
      this.status.textContent = this.words.fill("liveRanIn", { ms: Math.round(performance.now() - start) });
      return true;
    });
  }

  interrupt(): void {
    this.generation++;
    this.kernel.interrupt();
    this.status.textContent = this.words.t("liveInterrupted");
    for (const c of this.cells) c.el.classList.remove("running");
  }

  reset(c: Cell): void {
    c.editor.set(c.original);
    this.kept.forget(c.index);
    c.area.innerHTML = c.stored;
    drawPagePlots(c.area);
    c.el.classList.remove("ran", "failed", "edited");
    c.status.textContent = "";
    this.grade(c);
  }

  resetAll(): void {
    this.interrupt();
    this.kept.forget();
    for (const c of this.cells) this.reset(c);
    this.status.textContent = this.words.t("liveReady");
  }

  /** Switches the page's data and reruns every cell on it. */
  private async useData(d: PageData | null): Promise<void> {
    if (this.data && this.data.path !== d?.path) this.kernel.forgetFile(this.data.path);
    this.data = d;
    this.generation++;
    this.kernel.interrupt();
    await this.runAll();
  }
}

function main(): void {
  const elements = Array.from(document.querySelectorAll<HTMLElement>("[data-live-cell]"));
  if (!elements.length) return;
  const live = (window as unknown as { INTERSPIN_LIVE_DATA?: LiveData }).INTERSPIN_LIVE_DATA;
  if (!live) return;
  const lang = document.body.dataset.liveLang ?? document.documentElement.lang;
  const words = wordsOf(live.files["data/codebook.json"] ?? '{"ui":{}}', lang);
  const page = new LivePage(words, live, elements);
  (window as unknown as { interspinLive?: LivePage }).interspinLive = page;
  redrawOnResize();
}

// The book loads this script at the end of the body: the cells are there, so the kernel can start
// before the scripts after it (plotly.js) are read.
if (document.querySelector("[data-live-cell]") || document.readyState !== "loading") main();
else document.addEventListener("DOMContentLoaded", main);
