/**
 * A small Jupyter client for the tslab kernel over ZeroMQ (no Python): starts the kernel,
 * waits until it answers, executes code and collects nbformat outputs, and always stops the
 * kernel process again. Every incoming message's signature is verified.
 */
import { randomUUID } from "node:crypto";
import { Dealer, Subscriber } from "zeromq";
import { createConnectionFile, type ConnectionFile } from "./connection-file.js";
import { CellTimeoutError, KernelDiedError, KernelPortTakenError, KernelStartError } from "../format/errors.js";
import { spawnKernel, type KernelExit, type KernelProcess } from "./kernel-process.js";
import type { Output } from "../format/nbformat-types.js";
import { DEFAULT_MAX_CELL_OUTPUT_BYTES, OutputCollector, type DisplayRegistry } from "./output-collector.js";
import { NEW_SESSION_CODE, SESSION_REFUSED } from "../in-kernel/session-reset.js";
import { createHeader, parseMessage, serializeMessage, type JupyterMessage } from "./wire.js";

/** Time limit of one cell unless configured: 120 s. */
export const DEFAULT_CELL_TIMEOUT_MS = 120_000;
export { DEFAULT_MAX_CELL_OUTPUT_BYTES };
/** Time limit for the kernel to answer its first kernel_info_request: 60 s. */
export const DEFAULT_START_TIMEOUT_MS = 60_000;
/** How many times a start whose port was taken meanwhile is tried, each with new ports. */
export const START_ATTEMPTS = 4;
// What tslab prints (an unhandled rejection of zeromq's bind, after which it waits forever) when a port is taken.
const PORT_TAKEN = /EADDRINUSE|Address already in use/;

/** Options of {@link startKernel}. */
export interface StartKernelOptions {
  /** Working directory of the kernel (tslab's TypeScript root); default the current one. */
  cwd?: string;
  startTimeoutMs?: number;
  /** Path of the tslab executable; default this project's `node_modules/.bin/tslab`. */
  tslabBin?: string;
  env?: NodeJS.ProcessEnv;
  /** Writes the connection file of each attempt (default {@link createConnectionFile}). */
  connectionFile?: () => Promise<ConnectionFile>;
}

/** Options of {@link KernelClient.execute}. */
export interface ExecuteOptions {
  timeoutMs?: number;
  /** How the code is named in errors, e.g. "cell 4 of notebooks/a.ipynb". */
  label?: string;
  /** Most output (characters of text and display data) kept; default {@link DEFAULT_MAX_CELL_OUTPUT_BYTES}. */
  maxOutputBytes?: number;
  /** The note that says output was dropped past `maxOutputBytes` (default: the cell's limit, see output-collector.ts). */
  truncationNote?: string;
}

/** What one execution produced. */
export interface ExecuteResult {
  /** The execute_reply status: "ok", "error", or "abort" (skipped after an earlier error). */
  status: "ok" | "error" | "abort";
  executionCount: number | null;
  outputs: Output[];
  /** The execute_reply content as sent by the kernel. */
  reply: Record<string, unknown>;
}

interface Pending {
  onReply(msg: JupyterMessage): void;
  onIopub(msg: JupyterMessage): void;
  fail(err: Error): void;
}

const TIMEOUT_INTERRUPT_GRACE_MS = 1000;
const FRAME_SLACK = 64 * 1024;
const IDLE_GRACE_MS = 5000;
const READY_RESEND_MS = 500;

/**
 * Starts a tslab kernel and returns a client once the kernel answers on shell and iopub. A kernel
 * that finds a port of its connection file taken (another process got it after it was chosen) is
 * stopped at once and started again with new ports, up to {@link START_ATTEMPTS} times, all within
 * the start's time limit.
 * @throws {KernelStartError} when the kernel exits, does not answer in time, or meets taken ports every time.
 * @example
 * const kernel = await startKernel({ cwd: "notebooks" });
 * try { (await kernel.execute("console.log(6 * 7)")).outputs[0] } finally { await kernel.shutdown(); }
 * // => { output_type: "stream", name: "stdout", text: "42\n" }
 */
export async function startKernel(options: StartKernelOptions = {}): Promise<KernelClient> {
  const deadline = Date.now() + (options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, Math.max(1, deadline - Date.now()));
    } catch (e) {
      if (!(e instanceof KernelPortTakenError) || attempt >= START_ATTEMPTS || Date.now() >= deadline) throw e;
    }
  }
}

async function startOnce(options: StartKernelOptions, timeoutMs: number): Promise<KernelClient> {
  const connection = await (options.connectionFile ?? createConnectionFile)();
  let kernel: KernelProcess;
  try {
    kernel = spawnKernel({
      connectionPath: connection.path,
      cwd: options.cwd ?? process.cwd(),
      tslabBin: options.tslabBin,
      env: options.env,
    });
  } catch (e) {
    await connection.remove();
    throw new KernelStartError((e as Error).message, "");
  }
  const client = new KernelClient(kernel, connection);
  try {
    await client.waitReady(timeoutMs);
    return client;
  } catch (e) {
    await client.shutdown();
    throw e;
  } finally {
    await connection.remove();
  }
}

/** A connection to one running kernel. Create it with {@link startKernel}. */
export class KernelClient {
  /** The kernel_info_reply content (implementation, language_info, ...). */
  kernelInfo: Record<string, unknown> = {};
  private readonly session = randomUUID();
  private readonly key: string;
  private readonly shell = new Dealer({ linger: 0 });
  private readonly control = new Dealer({ linger: 0 });
  private readonly iopub = new Subscriber({ linger: 0 });
  private readonly pending = new Map<string, Pending>();
  private readonly displays: DisplayRegistry = new Map();
  private readonly sendQueues = new Map<Dealer, Promise<unknown>>();
  private iopubSeen = false;
  // Content frames longer than this are not parsed (see parseMessage); set by each execution.
  private frameLimit = DEFAULT_MAX_CELL_OUTPUT_BYTES + FRAME_SLACK;
  private broken: Error | undefined;
  private stopping: Promise<void> | undefined;

  /** @internal use {@link startKernel}. */
  constructor(
    private readonly kernel: KernelProcess,
    private readonly connection: ConnectionFile,
  ) {
    const { info } = connection;
    this.key = info.key;
    this.shell.connect(`tcp://${info.ip}:${info.shell_port}`);
    this.control.connect(`tcp://${info.ip}:${info.control_port}`);
    this.iopub.connect(`tcp://${info.ip}:${info.iopub_port}`);
    this.iopub.subscribe();
    void this.read(this.shell, "shell");
    void this.read(this.control, "control");
    void this.read(this.iopub, "iopub");
    void kernel.exited.then((exit) => this.fail(new KernelDiedError(describeExit(exit))));
  }

  /** Process id of the kernel (the leader of its process group). */
  get pid(): number {
    return this.kernel.pid;
  }

  /** Whether the kernel process is still running. */
  get alive(): boolean {
    return this.kernel.isAlive();
  }

  /** @internal Sends kernel_info_request until shell replies and iopub delivers. */
  async waitReady(timeoutMs: number): Promise<void> {
    const ids: string[] = [];
    let replied = false;
    let lastSent = 0;
    const deadline = Date.now() + timeoutMs;
    try {
      while (!(replied && this.iopubSeen)) {
        if (PORT_TAKEN.test(this.kernel.output())) throw new KernelPortTakenError(this.kernel.output());
        if (this.broken) throw new KernelStartError(this.broken.message, this.kernel.output());
        if (Date.now() > deadline)
          throw new KernelStartError(
            `no answer to kernel_info_request within ${timeoutMs / 1000} s`,
            this.kernel.output(),
          );
        // Resend until iopub delivers too: a SUB socket misses whatever was published before it connected.
        if (Date.now() - lastSent >= READY_RESEND_MS) {
          lastSent = Date.now();
          const header = createHeader("kernel_info_request", this.session);
          ids.push(header.msg_id);
          this.pending.set(header.msg_id, {
            onReply: (msg) => {
              replied = true;
              this.kernelInfo = msg.content;
            },
            onIopub: () => {},
            fail: () => {},
          });
          await this.send(this.shell, serializeMessage(this.key, header, {}));
        }
        await sleep(25);
      }
    } finally {
      for (const id of ids) this.pending.delete(id);
    }
  }

  /**
   * Executes code and collects its outputs until the reply and iopub `idle` have both arrived.
   * On timeout the kernel is interrupted, then stopped; the client cannot be used afterwards.
   * @throws {CellTimeoutError} when the code runs longer than `timeoutMs` (partial outputs in `outputs`).
   * @throws {KernelDiedError} when the kernel exits during the execution.
   * @throws {InvalidSignatureError} when a message for this session fails verification.
   * @example (await kernel.execute("const x = 6 * 7; x")).outputs // => [{ output_type: "stream", name: "stdout", text: "42\n" }]
   */
  async execute(code: string, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    if (this.broken) throw this.broken;
    const timeoutMs = options.timeoutMs ?? DEFAULT_CELL_TIMEOUT_MS;
    const header = createHeader("execute_request", this.session);
    const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_CELL_OUTPUT_BYTES;
    this.frameLimit = maxOutputBytes + FRAME_SLACK;
    const collector = new OutputCollector(this.displays, maxOutputBytes, options.truncationNote);
    const content = {
      code,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    };
    let reply: Record<string, unknown> | undefined;
    let idle = false;
    // A kernel may lose its "idle" status (a full iopub socket): once the reply is in, a quiet
    // iopub for IDLE_GRACE_MS ends the execution too, with a note, as nbclient's iopub_timeout does.
    let quiet: NodeJS.Timeout | undefined;
    const done = new Promise<ExecuteResult>((resolve, reject) => {
      const check = () => {
        clearTimeout(quiet);
        if (reply && !idle)
          quiet = setTimeout(() => {
            collector.outputs.push({
              output_type: "stream",
              name: "stderr",
              text: "[the kernel did not report the end of this cell's output; some output may be missing]\n",
            });
            idle = true;
            check();
          }, IDLE_GRACE_MS).unref();
        if (!reply || !idle) return;
        const status = reply.status === "ok" || reply.status === "abort" ? reply.status : "error";
        const count = typeof reply.execution_count === "number" ? reply.execution_count : null;
        resolve({ status, executionCount: count, outputs: collector.outputs, reply });
      };
      this.pending.set(header.msg_id, {
        onReply: (msg) => {
          if (msg.header.msg_type !== "execute_reply") return;
          reply = msg.content;
          check();
        },
        onIopub: (msg) => {
          if (msg.header.msg_type === "status") idle ||= msg.content.execution_state === "idle";
          else collector.add(msg.header.msg_type, msg.content);
          check();
        },
        fail: (err) => {
          clearTimeout(quiet);
          reject(err);
        },
      });
    });
    done.catch(() => undefined); // rejections are observed through the race below
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), timeoutMs)));
    try {
      await this.send(this.shell, serializeMessage(this.key, header, content));
      const first = await Promise.race([done, timedOut]);
      if (first !== "timeout") return first;
      // What the cell printed before the limit; the interrupt's own stack trace is noise.
      const partial = structuredClone(collector.outputs);
      this.kernel.signal("SIGINT");
      await Promise.race([done.catch(() => undefined), sleep(TIMEOUT_INTERRUPT_GRACE_MS)]);
      const error = new CellTimeoutError(options.label ?? "the code", timeoutMs, partial);
      this.broken = new KernelDiedError(`stopped after ${error.cell} timed out`);
      await this.kernel.stop();
      throw error;
    } finally {
      clearTimeout(timer);
      clearTimeout(quiet);
      this.pending.delete(header.msg_id);
    }
  }

  /**
   * Asks the kernel to begin a new session for the next notebook (kernel-sessions.ts): no
   * variable or declaration of earlier cells left, execution counts from 1, plotly.js sent again.
   * A kernel refuses when the last notebook left something running (a timer, a socket, a process
   * it started), and a kernel without the runner's preload does not understand the request.
   * @returns undefined when the new session began; else why not (then start a fresh kernel).
   * @example await kernel.newSession() // => undefined
   */
  async newSession(timeoutMs = 10_000): Promise<string | undefined> {
    const started = this.kernel.family();
    if (started.length)
      return `the last notebook left ${started.length === 1 ? "a process" : `${started.length} processes`} running (${started.join(", ")})`;
    const result = await this.execute(NEW_SESSION_CODE, { timeoutMs, label: "the request for a new session" });
    this.displays.clear();
    // A refusal says so (its count can be 0 too, after a notebook without code cells).
    const said = result.outputs.map((o) => (o.output_type === "stream" ? o.text : "")).join("");
    const at = said.indexOf(SESSION_REFUSED);
    if (at >= 0) return said.slice(at + SESSION_REFUSED.length).split("\n")[0]!;
    if (result.status === "ok" && result.executionCount === 0) return undefined;
    return result.status === "ok"
      ? "the kernel takes no requests for a new session"
      : `the request for a new session ended with status ${result.status}`;
  }

  /** Interrupts the running code (SIGINT, tslab's interrupt mode). */
  interrupt(): void {
    this.kernel.signal("SIGINT");
  }

  /**
   * Asks the kernel to shut down (control channel), then stops its process group with
   * SIGTERM/SIGKILL if it is still alive. Safe to call more than once.
   * @example await kernel.shutdown(); kernel.alive // => false
   */
  shutdown(graceMs = 1000): Promise<void> {
    this.stopping ??= this.stop(graceMs);
    return this.stopping;
  }

  private async stop(graceMs: number): Promise<void> {
    this.fail(new KernelDiedError("shut down"));
    try {
      // What the kernel started, noted while it lives: after a graceful exit they would have no parent to be found by.
      const family = this.kernel.family();
      if (this.kernel.isAlive()) {
        const header = createHeader("shutdown_request", this.session);
        await Promise.race([
          this.send(this.control, serializeMessage(this.key, header, { restart: false })),
          sleep(graceMs),
        ]);
        await Promise.race([this.kernel.exited, sleep(graceMs)]);
      }
      await this.kernel.stop(graceMs, family);
    } finally {
      this.shell.close();
      this.control.close();
      this.iopub.close();
      await this.connection.remove();
    }
  }

  private send(socket: Dealer, frames: string[]): Promise<void> {
    const previous = this.sendQueues.get(socket) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => socket.send(frames));
    this.sendQueues.set(socket, next);
    return next;
  }

  private async read(socket: Dealer | Subscriber, channel: "shell" | "control" | "iopub"): Promise<void> {
    try {
      for await (const frames of socket) {
        let msg: JupyterMessage;
        try {
          msg = parseMessage(frames, this.key, channel, channel === "iopub" ? this.frameLimit : Infinity);
        } catch (e) {
          this.fail(e as Error);
          continue;
        }
        const pending = this.pending.get(msg.parentHeader.msg_id ?? "");
        if (channel === "iopub") {
          this.iopubSeen = true;
          pending?.onIopub(msg);
        } else pending?.onReply(msg);
      }
    } catch (e) {
      if (!socket.closed) this.fail(e as Error);
    }
  }

  /** Rejects every waiting request; later requests throw the first such error. */
  private fail(err: Error): void {
    this.broken ??= err;
    for (const p of this.pending.values()) p.fail(err);
    this.pending.clear();
  }
}

function describeExit(exit: KernelExit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}
