/**
 * The page's side of its kernel: starts the worker from the code the live script carries (a
 * Blob URL, the one way a page opened from disk may start a worker), hands it the book's data
 * and the reader's picked files, runs cells one at a time and collects their outputs. Interrupt
 * ends the worker, with whatever it was running, and starts a fresh one: the page's scope is
 * gone, as after a kernel restart.
 */
import type { FromKernel, LiveOutput, PickedFile, ToKernel } from "./protocol.js";

/** How one run of a cell ended. */
export interface CellResult {
  ok: boolean;
  interrupted: boolean;
  ms: number;
}

/** What a survey file check or import gave. */
export type SurveyResult = Extract<FromKernel, { type: "survey" }>;

interface Pending {
  cell: number;
  onOutput: (o: LiveOutput) => void;
  done: (r: CellResult) => void;
}

/** A worker running the page's cells. */
export class LiveKernel {
  private worker!: Worker;
  private url: string;
  private ready!: Promise<void>;
  private runs = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly surveys = new Map<number, (r: SurveyResult) => void>();
  private readonly files = new Map<string, PickedFile>();
  /** Cells run (or tried) in this scope since it started, by index. */
  readonly ran = new Set<number>();

  constructor(
    workerSource: string,
    private readonly projectFiles: Record<string, string>,
  ) {
    this.url = URL.createObjectURL(new Blob([workerSource], { type: "text/javascript" }));
    this.start();
  }

  private start(): void {
    this.worker = new Worker(this.url);
    this.ran.clear();
    this.ready = new Promise((resolve, reject) => {
      this.worker.onerror = (e) => reject(new Error(e.message || "the worker did not start"));
      this.worker.onmessage = (ev: MessageEvent<FromKernel>) => {
        if (ev.data.type === "ready") resolve();
        this.receive(ev.data);
      };
    });
    this.send({ type: "init", files: this.projectFiles });
    for (const file of this.files.values()) this.send({ type: "file", file: { ...file, bytes: file.bytes.slice() } });
  }

  private send(m: ToKernel): void {
    this.worker.postMessage(m);
  }

  private receive(m: FromKernel): void {
    if (m.type === "output") this.pending.get(m.run)?.onOutput(m.output);
    else if (m.type === "done") {
      const p = this.pending.get(m.run);
      this.pending.delete(m.run);
      this.ran.add(m.cell);
      p?.done({ ok: m.ok, interrupted: false, ms: m.ms });
    } else if (m.type === "survey") {
      this.surveys.get(m.run)?.(m);
      this.surveys.delete(m.run);
    }
  }

  /** Resolves when the worker has the book's data; rejects when it cannot start. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Whether a cell is still waiting or running. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /**
   * Runs a cell's source after every cell asked before it.
   * @returns how it ended; its outputs go to `onOutput` as they come.
   */
  run(cell: number, source: string, onOutput: (o: LiveOutput) => void): Promise<CellResult> {
    const run = ++this.runs;
    return new Promise((done) => {
      this.pending.set(run, { cell, onOutput, done });
      this.send({ type: "run", run, cell, source });
    });
  }

  /** Ends whatever runs, drops the scope and starts anew; every waiting cell ends as interrupted. */
  interrupt(): void {
    this.worker.terminate();
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const s of this.surveys.values()) s({ type: "survey", run: 0, ok: false, message: "interrupted" });
    this.surveys.clear();
    this.start();
    for (const p of waiting) p.done({ ok: false, interrupted: true, ms: 0 });
  }

  /** Hands a picked file to the kernel (and to every kernel after an interrupt). */
  addFile(file: PickedFile): void {
    this.files.set(file.path, file);
    this.send({ type: "file", file: { ...file, bytes: file.bytes.slice() } });
  }

  /** Forgets a picked file. */
  forgetFile(path: string): void {
    this.files.delete(path);
    this.send({ type: "forget", path });
  }

  /** Reads a picked survey CSV as the command line does: its rows, or the validation message. */
  checkSurvey(path: string, minCell: number): Promise<SurveyResult> {
    const run = ++this.runs;
    return new Promise((resolve) => {
      this.surveys.set(run, resolve);
      this.send({ type: "check-survey", run, path, minCell });
    });
  }

  /** Imports a LimeSurvey export with its mapping as `path` (the command line's import). */
  importLimeSurvey(
    exportFile: PickedFile,
    mapping: PickedFile,
    path: string,
    options: { minCell: number; keepIncomplete: boolean },
  ): Promise<SurveyResult> {
    const run = ++this.runs;
    return new Promise((resolve) => {
      this.surveys.set(run, (r) => {
        if (r.ok && r.csv !== undefined) this.files.set(path, { path, bytes: new TextEncoder().encode(r.csv) });
        resolve(r);
      });
      this.send({ type: "import-limesurvey", run, export: exportFile, mapping, path, ...options });
    });
  }
}
