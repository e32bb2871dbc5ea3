/**
 * The page's kernel: a worker (made from a Blob URL, which a page opened from disk may start)
 * that holds the page's scope and runs its cells with the notebook API, so that a cell that
 * never ends blocks nothing but itself and Interrupt can end it. It reads the project's files
 * from what the page hands it (the book's embedded data) and a reader's picked files from
 * memory, and shows through a display that sends each figure spec, table and line of text to
 * the page. Nothing here reaches the network.
 */
import * as aq from "arquero";
import * as api from "../api/index.js";
import { tableHtml, tableText } from "../api/table-render.js";
import { loadCodebook } from "../data/codebook.js";
import { importLimeSurvey } from "../data/import-limesurvey.js";
import { importReport } from "../data/limesurvey-report.js";
import { requireMinCell } from "../data/disclosure-policy.js";
import { surveyCsv } from "../data/reconstruct.js";
import { DataFileError } from "../data/errors.js";
import { CellSyntaxError } from "./compile-cell.js";
import { formatLog, formatTable } from "./inspect.js";
import { errorPosition, PageScope } from "./page-scope.js";
import type { FromKernel, LiveOutput, ToKernel } from "./protocol.js";

interface WorkerScope {
  postMessage(message: FromKernel): void;
  onmessage: ((ev: { data: ToKernel }) => void) | null;
}
const host = globalThis as unknown as WorkerScope;
const post = (m: FromKernel): void => host.postMessage(m);

const project = new Map<string, Uint8Array>();
const picked = new Map<string, Uint8Array>();
const encoder = new TextEncoder();

api.useDataSource({
  project: (name) => project.get(name) ?? null,
  user(path) {
    const bytes = picked.get(path);
    if (!bytes)
      throw new DataFileError(
        path,
        "not in this page: a page reads only the book's own data and files picked with its data button",
      );
    return bytes;
  },
  display: (path) => path,
});

/** The run and cell that outputs go to (cells run one at a time). */
let current = { run: 0, cell: -1 };
const emit = (output: LiveOutput): void => post({ type: "output", ...current, output });

api.useDisplay({
  figure(figure) {
    const f = figure as { data: unknown[]; layout?: Record<string, unknown>; config?: Record<string, unknown> };
    // As the kernel's display: a plain JSON copy, with an empty layout and config where none is given.
    emit({
      kind: "figure",
      spec: JSON.parse(JSON.stringify({ data: f.data, layout: f.layout ?? {}, config: f.config ?? {} })),
    });
    return true;
  },
  table(table, limit) {
    emit({ kind: "table", html: tableHtml(table, limit), text: tableText(table, limit) });
    return true;
  },
  // The page draws with the plotly.js the book ships once; a cell's output never carries it.
  plotlyLibrary: () => true,
});

const stream =
  (name: "stdout" | "stderr") =>
  (...args: unknown[]): void =>
    emit({ kind: "stream", name, text: `${formatLog(args)}\n` });
console.log = stream("stdout");
console.info = stream("stdout");
console.debug = stream("stdout");
console.warn = stream("stderr");
console.error = stream("stderr");
console.table = (data: unknown) => emit({ kind: "stream", name: "stdout", text: `${formatTable(data)}\n` });

const modules = { "interspin-notebooks": api, arquero: aq };
const scope = new PageScope(modules);

function errorOutput(e: unknown, cell: number): LiveOutput {
  if (e instanceof CellSyntaxError)
    return { kind: "error", ename: "SyntaxError", evalue: e.message, line: e.line, column: e.column };
  const err = e instanceof Error ? e : new Error(String(e));
  const at = errorPosition(err, cell);
  return { kind: "error", ename: err.name || "Error", evalue: err.message, ...(at ?? {}) };
}

async function runCell(run: number, cell: number, source: string): Promise<void> {
  current = { run, cell };
  const start = performance.now();
  let ok = true;
  try {
    const value = await scope.run(source, cell);
    // A kernel prints a cell's value unless it is undefined or null.
    if (value !== undefined && value !== null) console.log(value);
  } catch (e) {
    ok = false;
    emit(errorOutput(e, cell));
  }
  post({ type: "done", run, cell, ok, ms: performance.now() - start });
}

/** Reads a picked survey CSV as the command line does, with the same messages and disclosure control. */
function checkSurvey(run: number, path: string, minCell: number): void {
  try {
    const table = api.survey(path, { minCell });
    post({ type: "survey", run, ok: true, rows: table.numRows() });
  } catch (e) {
    post({ type: "survey", run, ok: false, message: (e as Error).message });
  }
}

/** Imports a picked LimeSurvey export with its mapping through the command line's import. */
function importExport(m: Extract<ToKernel, { type: "import-limesurvey" }>): void {
  picked.set(m.export.path, m.export.bytes);
  picked.set(m.mapping.path, m.mapping.bytes);
  try {
    const imported = importLimeSurvey(m.export.path, { mapping: m.mapping.path, keepIncomplete: m.keepIncomplete });
    requireMinCell(imported.table, m.minCell);
    const csv = surveyCsv(imported.table.objects() as Record<string, number | string>[], loadCodebook());
    picked.set(m.path, encoder.encode(csv));
    post({
      type: "survey",
      run: m.run,
      ok: true,
      rows: imported.table.numRows(),
      summary: importReport(imported),
      csv,
    });
  } catch (e) {
    post({ type: "survey", run: m.run, ok: false, message: (e as Error).message });
  } finally {
    picked.delete(m.export.path);
    picked.delete(m.mapping.path);
  }
}

// Messages are handled in order: a cell runs to its end (awaits included) before the next starts.
let queue = Promise.resolve();
host.onmessage = (ev) => {
  const m = ev.data;
  queue = queue.then(async () => {
    switch (m.type) {
      case "init":
        for (const [name, text] of Object.entries(m.files)) project.set(name, encoder.encode(text));
        post({ type: "ready" });
        break;
      case "file":
        picked.set(m.file.path, m.file.bytes);
        break;
      case "forget":
        picked.delete(m.path);
        break;
      case "run":
        await runCell(m.run, m.cell, m.source);
        break;
      case "check-survey":
        checkSurvey(m.run, m.path, m.minCell);
        break;
      case "import-limesurvey":
        importExport(m);
        break;
    }
  });
};
