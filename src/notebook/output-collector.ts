/**
 * Turns the iopub messages of one execution into nbformat outputs: consecutive stream
 * chunks are merged, `update_display_data` rewrites earlier displays with the same
 * display_id (also in earlier cells), and `clear_output` is honoured.
 */
import type { DisplayDataOutput, ExecuteResultOutput, MimeBundle, Output } from "./nbformat-types.js";

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

/**
 * Collects the outputs of one cell.
 * @example
 * const c = new OutputCollector(new Map());
 * c.add("stream", { name: "stdout", text: "a" }); c.add("stream", { name: "stdout", text: "b" });
 * c.outputs // => [{ output_type: "stream", name: "stdout", text: "ab" }]
 */
export class OutputCollector {
  readonly outputs: Output[] = [];
  private clearPending = false;

  constructor(private readonly displays: DisplayRegistry) {}

  /** Applies one iopub message; types other than {@link OUTPUT_MESSAGE_TYPES} are ignored. */
  add(msgType: string, content: Record<string, unknown>): void {
    if (msgType === "clear_output") {
      if (content.wait) this.clearPending = true;
      else this.outputs.length = 0;
      return;
    }
    if (msgType === "update_display_data") {
      for (const out of this.displays.get(displayId(content) ?? "") ?? []) {
        out.data = bundle(content.data);
        out.metadata = bundle(content.metadata);
      }
      return;
    }
    if (!OUTPUT_MESSAGE_TYPES.has(msgType)) return;
    if (this.clearPending) {
      this.outputs.length = 0;
      this.clearPending = false;
    }
    this.push(msgType, content);
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
      this.outputs.push({ output_type: "error", ename: String(content.ename ?? ""), evalue: String(content.evalue ?? ""), traceback });
    } else {
      const out: DisplayDataOutput | ExecuteResultOutput =
        msgType === "execute_result"
          ? { output_type: "execute_result", execution_count: numberOrNull(content.execution_count), data: bundle(content.data), metadata: bundle(content.metadata) }
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
