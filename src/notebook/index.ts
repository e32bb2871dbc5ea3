/**
 * The notebook toolkit: run notebooks headlessly (runner), talk to a tslab kernel
 * (kernel client), read and write .ipynb files (nbformat), and show figures and tables from
 * inside cells (display).
 */
export { runNotebook, runNotebooks, notebookName } from "./run/runner.js";
export type {
  RunNotebookOptions,
  RunNotebooksOptions,
  NotebookRun,
  NotebookResult,
  CellFailure,
} from "./run/runner.js";
export {
  startKernel,
  KernelClient,
  DEFAULT_CELL_TIMEOUT_MS,
  DEFAULT_START_TIMEOUT_MS,
} from "./kernel/kernel-client.js";
export type { StartKernelOptions, ExecuteOptions, ExecuteResult } from "./kernel/kernel-client.js";
export {
  readNotebook,
  writeNotebook,
  parseNotebook,
  serializeNotebook,
  stripOutputs,
  cellId,
  notebookKey,
} from "./format/nbformat.js";
export type { Notebook, Cell, CodeCell, MarkdownCell, RawCell, Output, MimeBundle } from "./format/nbformat.js";
export { injectParameters, type NotebookParameters } from "./format/parameters.js";
export { createProgressReporter, type ProgressEvent, type ProgressReporter } from "./run/progress.js";
export { show, showTable, figureBundle, tableBundle, PLOTLY_MIME } from "./display/display.js";
export { sendDisplayData, inKernel } from "./display/display-adapter.js";
export * from "./format/errors.js";
