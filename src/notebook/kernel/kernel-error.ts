/**
 * tslab reports a failing cell only as stderr text plus an execute_reply with status "error"
 * (no iopub `error` message). This module derives the nbformat `error` output that tools and
 * viewers look for from that text.
 */
import type { ErrorOutput, Output } from "../format/nbformat-types.js";

/** The ename of TypeScript compile (type-check) errors. */
export const COMPILE_ERROR_NAME = "TypeScriptCompileError";

const DIAGNOSTIC = /^(?:\S+ )?\d+:\d+ - .+$/;
const ERROR_HEADER = /^([A-Za-z_$][\w$]*)(?: \[[\w-]+\])?: (.*)$/;
const BARE_ERROR_NAME = /^([A-Za-z_$][\w$]*(?:Error|Exception))$/;
const STACK_LINE = /^\s+at /;

/**
 * Derives ename and evalue from what tslab printed on stderr for a failed cell.
 * Compile errors are tslab's diagnostics ("2:7 - Type 'string' is not ..."); runtime errors
 * are Node's rendering of the thrown value ("TypeError: x is not a function\n    at ...").
 * The traceback is one summary line, because the full text is already in the stderr output.
 * @param stderr - all stderr text of the cell.
 * @example errorFromStderr("1:5 - Type 'string' is not assignable to type 'number'.\n")
 * // => { output_type: "error", ename: "TypeScriptCompileError",
 * //      evalue: "1:5 - Type 'string' is not assignable to type 'number'.",
 * //      traceback: ["TypeScriptCompileError: 1:5 - Type 'string' is not assignable to type 'number'."] }
 */
export function errorFromStderr(stderr: string): ErrorOutput {
  const lines = stderr.split("\n").map((l) => l.replace(/\r$/, ""));
  const diagnostics = lines.filter((l) => DIAGNOSTIC.test(l));
  if (diagnostics.length > 0) {
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : "";
    return summary(COMPILE_ERROR_NAME, diagnostics[0]! + more);
  }
  // The last unindented header that a stack line follows is the error that ended the cell.
  for (let i = lines.length - 1; i >= 0; i--) {
    const header = ERROR_HEADER.exec(lines[i]!) ?? BARE_ERROR_NAME.exec(lines[i]!);
    if (header && STACK_LINE.test(lines[i + 1] ?? "")) return summary(header[1]!, header[2] ?? "");
  }
  const body = stripVmPreamble(lines).find((l) => l.trim() !== "");
  if (body === undefined) return summary("Error", "the cell failed without an error message");
  const header = ERROR_HEADER.exec(body) ?? BARE_ERROR_NAME.exec(body);
  return header ? summary(header[1]!, header[2] ?? "") : summary("Error", body);
}

/**
 * Returns the outputs with an `error` output appended when the cell failed without one.
 * @example withErrorOutput([{ output_type: "stream", name: "stderr", text: "str\n" }])[1]
 * // => { output_type: "error", ename: "Error", evalue: "str", traceback: ["Error: str"] }
 */
export function withErrorOutput(outputs: Output[]): Output[] {
  if (outputs.some((o) => o.output_type === "error")) return outputs;
  const stderr = outputs.map((o) => (o.output_type === "stream" && o.name === "stderr" ? o.text : "")).join("");
  return [...outputs, errorFromStderr(stderr)];
}

function summary(ename: string, evalue: string): ErrorOutput {
  return { output_type: "error", ename, evalue, traceback: [evalue ? `${ename}: ${evalue}` : ename] };
}

// Node prints "evalmachine.<anonymous>:LINE", the source line and a caret before a synchronous throw.
function stripVmPreamble(lines: string[]): string[] {
  if (!lines[0]?.startsWith("evalmachine.")) return lines;
  const blank = lines.indexOf("");
  return blank < 0 ? lines : lines.slice(blank + 1);
}
