/**
 * Progress of notebook runs for people watching a terminal: on a TTY one status line per
 * running notebook, redrawn in place; otherwise (CI logs, pipes) one plain line per finished
 * cell, e.g. `[03-partnerwahl] cell 4/12 (2.1 s)`. Names are shown with control characters
 * escaped, so a file name cannot send terminal commands.
 */
import { terminalLine } from "../../util/terminal-text.js";

/** What the runner reports while it works. Cell numbers are 1-based among all cells. */
export type ProgressEvent =
  | { type: "start"; notebook: string; cellCount: number }
  | { type: "cell-start"; notebook: string; cellNumber: number; cellCount: number }
  | { type: "cell-done"; notebook: string; cellNumber: number; cellCount: number; cellMs: number; ok: boolean }
  | { type: "done"; notebook: string; ok: boolean; elapsedMs: number; failedCell?: number; cellCount: number };

/** Receives progress events; `close()` stops redrawing and leaves the final lines. */
export interface ProgressReporter {
  update(event: ProgressEvent): void;
  close(): void;
}

/** Where progress goes: a stream with `write`, optionally a TTY with `columns`. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Options of {@link createProgressReporter}. */
export interface ProgressOptions {
  /** Default `process.stderr`, so stdout stays free for results. */
  stream?: ProgressStream;
  /** Redraw status lines in place; default `stream.isTTY`. */
  tty?: boolean;
  /** Redraw interval on a TTY in milliseconds; default 200. */
  refreshMs?: number;
  /** Clock for elapsed times (tests pass a fake one); default `Date.now`. */
  now?: () => number;
}

/** A notebook's name as a progress line shows it: control characters escaped, clipped. */
const label = (name: string): string => terminalLine(name, 80);

/**
 * Formats seconds with one decimal.
 * @example seconds(2149) // => "2.1 s"
 */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The final line of a notebook run.
 * @example doneLine({ type: "done", notebook: "a", ok: true, elapsedMs: 4200, cellCount: 3 })
 * // => "[a] done: 3 cells in 4.2 s"
 */
export function doneLine(e: Extract<ProgressEvent, { type: "done" }>): string {
  if (e.ok) return `[${label(e.notebook)}] done: ${e.cellCount} cells in ${seconds(e.elapsedMs)}`;
  const where = e.failedCell === undefined ? "" : ` at cell ${e.failedCell}/${e.cellCount}`;
  return `[${label(e.notebook)}] FAILED${where} after ${seconds(e.elapsedMs)}`;
}

/**
 * Creates a reporter that writes to `options.stream`.
 * @example
 * const r = createProgressReporter({ stream: process.stderr, tty: false });
 * r.update({ type: "cell-done", notebook: "03-partnerwahl", cellNumber: 4, cellCount: 12, cellMs: 2100, ok: true });
 * // prints "[03-partnerwahl] cell 4/12 (2.1 s)"
 */
export function createProgressReporter(options: ProgressOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? Boolean(stream.isTTY);
  return tty ? new LiveLines(stream, options.refreshMs ?? 200, options.now ?? Date.now) : new PlainLines(stream);
}

class PlainLines implements ProgressReporter {
  constructor(private readonly stream: ProgressStream) {}
  update(e: ProgressEvent): void {
    if (e.type === "cell-done")
      this.stream.write(`[${label(e.notebook)}] cell ${e.cellNumber}/${e.cellCount} (${seconds(e.cellMs)})\n`);
    if (e.type === "done") this.stream.write(`${doneLine(e)}\n`);
  }
  close(): void {}
}

interface LiveState {
  startedAt: number;
  cell?: string;
}

class LiveLines implements ProgressReporter {
  private readonly live = new Map<string, LiveState>();
  private finished: string[] = [];
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stream: ProgressStream,
    private readonly refreshMs: number,
    private readonly now: () => number,
  ) {}

  update(e: ProgressEvent): void {
    if (e.type === "start") this.live.set(e.notebook, { startedAt: this.now() });
    const state = this.live.get(e.notebook);
    if (e.type === "cell-start" && state) state.cell = `cell ${e.cellNumber}/${e.cellCount}`;
    if (e.type === "done") {
      this.live.delete(e.notebook);
      this.finished.push(doneLine(e));
    }
    this.render();
    if (this.live.size > 0 && !this.timer) this.timer = setInterval(() => this.render(), this.refreshMs).unref();
    if (this.live.size === 0) this.stopTimer();
  }

  close(): void {
    this.stopTimer();
    this.render();
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private render(): void {
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    const lines = [...this.live].map(([name, s]) =>
      `[${label(name)}] ${s.cell ?? "starting kernel"}  ${seconds(this.now() - s.startedAt)}`.slice(0, width),
    );
    // Move up over the lines drawn last time, clear to the end of the screen, draw again.
    const up = this.drawn > 0 ? `\x1b[${this.drawn}A` : "";
    const body = [...this.finished, ...lines].map((l) => `${l}\n`).join("");
    this.stream.write(`${up}\r\x1b[J${body}`);
    this.finished = [];
    this.drawn = lines.length;
  }
}
