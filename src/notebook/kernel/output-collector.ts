/**
 * Turns the iopub messages of one execution into nbformat outputs: consecutive stream
 * chunks are merged, `update_display_data` rewrites earlier displays with the same
 * display_id (also in earlier cells), and `clear_output` is honoured.
 */
import type { DisplayDataOutput, ExecuteResultOutput, MimeBundle, Output } from "../format/nbformat-types.js";

/** Displays by display_id, shared by all executions of one kernel session. */
export type DisplayRegistry = Map<string, Array<DisplayDataOutput | ExecuteResultOutput>>;

/** The iopub message types that produce or change outputs. */
export const OUTPUT_MESSAGE_TYPES = new Set([
  "stream",
  "display_data",
  "update_display_data",
  "execute_result",
  "error",
  "clear_output",
]);

/** Most output one cell may write unless configured: 5 MB (more is dropped with a note). */
export const DEFAULT_MAX_CELL_OUTPUT_BYTES = 5 * 2 ** 20;

/**
 * The note that ends the outputs of a cell that wrote more than its limit.
 * @example truncationNote(5 * 2 ** 20) // => "[output truncated: this cell wrote more than 5 MB; the rest was dropped (raise the limit with --max-cell-output MB)]\n"
 */
export function truncationNote(maxBytes: number): string {
  return `[output truncated: this cell wrote more than ${+(maxBytes / 2 ** 20).toFixed(2)} MB; the rest was dropped (raise the limit with --max-cell-output MB)]\n`;
}

/** Most output one notebook may write unless configured: 50 MB (more is dropped with a note). */
export const DEFAULT_MAX_NOTEBOOK_OUTPUT_BYTES = 50 * 2 ** 20;

/**
 * The note that ends the outputs of the cell in which a notebook's output passed its limit.
 * @example notebookTruncationNote(50 * 2 ** 20) // => "[output truncated: this notebook wrote more than 50 MB; the rest of its output was dropped (raise the limit with --max-notebook-output MB)]\n"
 */
export function notebookTruncationNote(maxBytes: number): string {
  return `[output truncated: this notebook wrote more than ${+(maxBytes / 2 ** 20).toFixed(2)} MB; the rest of its output was dropped (raise the limit with --max-notebook-output MB)]\n`;
}

/**
 * The size of outputs as the limits count it: characters of text, and of display data as JSON.
 * @example outputSize([{ output_type: "stream", name: "stdout", text: "abc" }]) // => 3
 */
export function outputSize(outputs: readonly Output[]): number {
  let n = 0;
  for (const o of outputs)
    if (o.output_type === "stream") n += o.text.length;
    else if (o.output_type === "display_data" || o.output_type === "execute_result") n += JSON.stringify(o.data).length;
  return n;
}

/** The size an output message adds, in characters of its text or JSON (a frame too large to parse counts its bytes). */
function sizeOf(msgType: string, content: Record<string, unknown>): number {
  if (typeof content.oversize === "number") return content.oversize;
  if (msgType === "stream") return String(content.text ?? "").length;
  return JSON.stringify(content.data ?? {}).length;
}

/**
 * Collects the outputs of one cell, up to `maxBytes` of text and display data: what comes after
 * is dropped and a note says so (errors are always kept).
 * @example
 * const c = new OutputCollector(new Map());
 * c.add("stream", { name: "stdout", text: "a" }); c.add("stream", { name: "stdout", text: "b" });
 * c.outputs // => [{ output_type: "stream", name: "stdout", text: "ab" }]
 */
export class OutputCollector {
  readonly outputs: Output[] = [];
  private clearPending = false;
  private size = 0;
  /** Whether output was dropped because the cell wrote more than its limit. */
  truncated = false;

  constructor(
    private readonly displays: DisplayRegistry,
    private readonly maxBytes = Infinity,
    /** The note that says output was dropped (default {@link truncationNote} of `maxBytes`; "" for none). */
    private readonly note = truncationNote(maxBytes),
  ) {}

  /** Applies one iopub message; types other than {@link OUTPUT_MESSAGE_TYPES} are ignored. */
  add(msgType: string, content: Record<string, unknown>): void {
    if (msgType === "clear_output") {
      if (content.wait) this.clearPending = true;
      else this.clear();
      return;
    }
    if (msgType !== "error" && OUTPUT_MESSAGE_TYPES.has(msgType) && !this.fits(sizeOf(msgType, content))) return;
    if (msgType === "update_display_data") {
      for (const out of this.displays.get(displayId(content) ?? "") ?? []) {
        out.data = bundle(content.data);
        out.metadata = bundle(content.metadata);
      }
      return;
    }
    if (!OUTPUT_MESSAGE_TYPES.has(msgType)) return;
    if (this.clearPending) {
      this.clear();
      this.clearPending = false;
    }
    this.push(msgType, content);
  }

  private clear(): void {
    this.outputs.length = 0;
    this.size = 0;
  }

  // Counts `n` more characters; past the limit, adds the note once and refuses the output.
  private fits(n: number): boolean {
    if (this.size + n <= this.maxBytes) {
      this.size += n;
      return true;
    }
    if (!this.truncated) {
      this.truncated = true;
      if (this.note) this.outputs.push({ output_type: "stream", name: "stderr", text: this.note });
    }
    return false;
  }

  private push(msgType: string, content: Record<string, unknown>): void {
    if (msgType === "stream") {
      const name = content.name === "stderr" ? "stderr" : "stdout";
      const text = String(content.text ?? "");
      const last = this.outputs[this.outputs.length - 1];
      if (last?.output_type === "stream" && last.name === name) last.text += text;
      else this.outputs.push({ output_type: "stream", name, text });
    } else if (msgType === "error") {
      const traceback = Array.isArray(content.traceback) ? content.traceback.map(String) : [];
      this.outputs.push({
        output_type: "error",
        ename: String(content.ename ?? ""),
        evalue: String(content.evalue ?? ""),
        traceback,
      });
    } else {
      const out: DisplayDataOutput | ExecuteResultOutput =
        msgType === "execute_result"
          ? {
              output_type: "execute_result",
              execution_count: numberOrNull(content.execution_count),
              data: bundle(content.data),
              metadata: bundle(content.metadata),
            }
          : { output_type: "display_data", data: bundle(content.data), metadata: bundle(content.metadata) };
      const id = displayId(content);
      if (id) this.displays.set(id, [...(this.displays.get(id) ?? []), out]);
      this.outputs.push(out);
    }
  }
}

function displayId(content: Record<string, unknown>): string | undefined {
  const transient = content.transient as { display_id?: unknown } | undefined;
  return typeof transient?.display_id === "string" ? transient.display_id : undefined;
}

function bundle(v: unknown): MimeBundle {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? { ...(v as MimeBundle) } : {};
}

function numberOrNull(v: unknown): number | null {
  return typeof v === "number" ? v : null;
}
