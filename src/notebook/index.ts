/**
 * The notebook toolkit: run notebooks headlessly (runner), talk to a tslab kernel
 * (kernel client), read and write .ipynb files (nbformat), and show figures and tables from
 * inside cells (display).
 */
export { runNotebook, runNotebooks, notebookName } from "./runner.js";
export type { RunNotebookOptions, RunNotebooksOptions, NotebookRun, NotebookResult, CellFailure } from "./runner.js";
export { startKernel, KernelClient, DEFAULT_CELL_TIMEOUT_MS, DEFAULT_START_TIMEOUT_MS } from "./kernel-client.js";
export type { StartKernelOptions, ExecuteOptions, ExecuteResult } from "./kernel-client.js";
export {
  readNotebook,
  writeNotebook,
  parseNotebook,
  serializeNotebook,
  stripOutputs,
  cellId,
  notebookKey,
} from "./nbformat.js";
export type { Notebook, Cell, CodeCell, MarkdownCell, RawCell, Output, MimeBundle } from "./nbformat.js";
export { injectParameters, type NotebookParameters } from "./parameters.js";
export { createProgressReporter, type ProgressEvent, type ProgressReporter } from "./progress.js";
export { show, showTable, figureBundle, tableBundle, PLOTLY_MIME } from "./display.js";
export { sendDisplayData, inKernel } from "./display-adapter.js";
export * from "./errors.js";
