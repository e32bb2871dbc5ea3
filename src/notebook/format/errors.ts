/**
 * Typed errors of the notebook runner. Each names what went wrong and where (file, cell,
 * channel), so the CLI can print one line a person can act on.
 */
import type { Output } from "./nbformat-types.js";
import { InterspinError } from "../../util/errors.js";

/**
 * A Jupyter message whose HMAC signature does not match the session key. Such a message is
 * never accepted: it was forged, corrupted, or signed with another key.
 * @example new InvalidSignatureError("iopub").message
 * // => "rejected a message on iopub with an invalid HMAC signature"
 */
export class InvalidSignatureError extends InterspinError {
  override name = "InvalidSignatureError";
  constructor(readonly channel: string) {
    super(`rejected a message on ${channel} with an invalid HMAC signature`);
  }
}

/**
 * A Jupyter message that does not follow the wire protocol (no `<IDS|MSG>` delimiter,
 * missing frames, or frames that are not JSON objects).
 * @example new MalformedMessageError("shell", "no <IDS|MSG> delimiter").message
 * // => "malformed message on shell: no <IDS|MSG> delimiter"
 */
export class MalformedMessageError extends InterspinError {
  override name = "MalformedMessageError";
  constructor(
    readonly channel: string,
    readonly reason: string,
  ) {
    super(`malformed message on ${channel}: ${reason}`);
  }
}

/**
 * The kernel did not become ready: it exited, or did not answer `kernel_info_request` in time.
 * `output` holds the end of what the kernel printed, which usually says why.
 * @example new KernelStartError("no reply within 60 s", "").message
 * // => "the tslab kernel did not start: no reply within 60 s"
 */
export class KernelStartError extends InterspinError {
  override name = "KernelStartError";
  constructor(
    readonly reason: string,
    readonly output: string,
  ) {
    super(`the tslab kernel did not start: ${reason}${output ? `\n${output}` : ""}`);
  }
}

/**
 * The kernel could not bind a port of its connection file: another process took it between the
 * choice and the kernel's bind (startKernel then tries again with new ports).
 * @example new KernelPortTakenError("EADDRINUSE tcp://127.0.0.1:40279").reason
 * // => "a port chosen for it was taken by another process before the kernel could listen on it"
 */
export class KernelPortTakenError extends KernelStartError {
  override name = "KernelPortTakenError";
  constructor(output: string) {
    super("a port chosen for it was taken by another process before the kernel could listen on it", output);
  }
}

/**
 * The kernel process ended while a request was waiting for it (for example a cell called
 * `process.exit()` or the kernel crashed).
 * @example new KernelDiedError("exit code 1").message
 * // => "the tslab kernel died (exit code 1)"
 */
export class KernelDiedError extends InterspinError {
  override name = "KernelDiedError";
  constructor(readonly how: string) {
    super(`the tslab kernel died (${how})`);
  }
}

/**
 * A cell ran longer than its time limit; the kernel was interrupted and stopped.
 * @example new CellTimeoutError("cell 3", 1000).message
 * // => "cell 3 did not finish within 1 s (raise the limit with --timeout SECONDS)"
 */
export class CellTimeoutError extends InterspinError {
  override name = "CellTimeoutError";
  constructor(
    readonly cell: string,
    readonly timeoutMs: number,
    readonly outputs: Output[] = [],
  ) {
    super(`${cell} did not finish within ${timeoutMs / 1000} s (raise the limit with --timeout SECONDS)`);
  }
}

/**
 * A file that is not a notebook this runner can read (not JSON, not nbformat 4, bad cells).
 * @example new NotebookFormatError("a.ipynb", "cells is not an array").message
 * // => "a.ipynb: not a valid nbformat 4 notebook: cells is not an array"
 */
export class NotebookFormatError extends InterspinError {
  override name = "NotebookFormatError";
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: not a valid nbformat 4 notebook: ${reason}`);
  }
}

/**
 * Parameters that cannot be injected into a notebook (no `parameters` cell, a name the
 * parameters cell does not declare with `let`, or a value that is not JSON).
 * @example new ParameterError("a.ipynb", "no cell is tagged \"parameters\"").message
 * // => "a.ipynb: cannot inject parameters: no cell is tagged \"parameters\""
 */
export class ParameterError extends InterspinError {
  override name = "ParameterError";
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: cannot inject parameters: ${reason}`);
  }
}

/**
 * Two notebooks in one run share a file name, so their executed copies would overwrite each other.
 * @example new DuplicateNotebookNameError("a/x.ipynb", "b/x.ipynb").message
 * // => "a/x.ipynb and b/x.ipynb have the same name; executed notebooks are written by name, so rename one"
 */
export class DuplicateNotebookNameError extends InterspinError {
  override name = "DuplicateNotebookNameError";
  constructor(
    readonly first: string,
    readonly second: string,
  ) {
    super(`${first} and ${second} have the same name; executed notebooks are written by name, so rename one`);
  }
}
