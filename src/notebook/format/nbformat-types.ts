/**
 * The nbformat 4.5 document model as this runner holds it in memory. Multi-line strings
 * (sources, stream text, text MIME data) are single strings here; they are split into lines
 * only when written, as Jupyter does.
 */

/** A MIME bundle: MIME type → data (a string, or a JSON value for JSON MIME types). */
export type MimeBundle = Record<string, unknown>;

/** Text written to stdout or stderr. */
export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: string;
}

/** Rich output sent with display_data. */
export interface DisplayDataOutput {
  output_type: "display_data";
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

/** The value of the cell's last expression, as sent with execute_result. */
export interface ExecuteResultOutput {
  output_type: "execute_result";
  execution_count: number | null;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

/** A failed cell. `traceback` lines are shown by viewers; ename/evalue are what tools read. */
export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}

/** Any nbformat 4 output. */
export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

/** A code cell. */
export interface CodeCell {
  id: string;
  cell_type: "code";
  metadata: Record<string, unknown>;
  source: string;
  execution_count: number | null;
  outputs: Output[];
}

/** A markdown cell. */
export interface MarkdownCell {
  id: string;
  cell_type: "markdown";
  metadata: Record<string, unknown>;
  source: string;
  attachments?: Record<string, MimeBundle>;
}

/** A raw cell (passed through unchanged by conversions). */
export interface RawCell {
  id: string;
  cell_type: "raw";
  metadata: Record<string, unknown>;
  source: string;
  attachments?: Record<string, MimeBundle>;
}

/** Any nbformat 4 cell. */
export type Cell = CodeCell | MarkdownCell | RawCell;

/** A whole notebook. */
export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

/** The kernelspec recorded in executed notebooks. */
export const TSLAB_KERNELSPEC = { name: "tslab", display_name: "TypeScript", language: "typescript" } as const;

/** The language_info recorded when the kernel does not report one. */
export const TYPESCRIPT_LANGUAGE_INFO = {
  name: "typescript",
  file_extension: ".ts",
  mimetype: "text/typescript",
} as const;
