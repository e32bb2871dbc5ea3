/**
 * One kernel, several notebooks in turn. Most of a tslab kernel's start is its TypeScript
 * compiler parsing the same declaration files (the standard library, @types/node, this
 * package's declarations), and then the first import of the shared module; both are the same
 * for every notebook. A runner kernel therefore accepts a request to begin a new session: tslab's
 * own `executor.reset()` (every variable and declaration of earlier cells gone, so a cell naming
 * one gets "Cannot find name"), execution counts from 1 again, and a session number that the
 * display code reads to send plotly.js again before the next notebook's first figure. The
 * compiler keeps its parsed declaration files and Node keeps its loaded modules.
 *
 * The kernel refuses (and the runner starts a fresh one) when the last notebook left something
 * running that could still print or change state: a timer, a socket, a child process, a pending
 * file operation — anything beyond what the kernel had at its first cell (file watchers do not
 * count: tslab's compiler watches every file it read, more with every import) — or changed the
 * process around it: a new global property, another working folder, another environment. What
 * it cannot see is a change to something that existed before (a prototype's method, a module's
 * state). Only kernels the
 * runner starts take such requests ({@link SESSIONS_ENV}); a kernel Jupyter starts is unchanged.
 *
 * Loaded by `kernel-preload.ts` before tslab starts.
 */
import { createRequire } from "node:module";
import { realpathSync } from "node:fs";

/** The environment variable that, set to "1", lets a kernel take new-session requests (the runner sets it). */
export const SESSIONS_ENV = "INTERSPIN_KERNEL_SESSIONS";

/** The code of a new-session request: a comment, so a kernel without this preload runs it as an empty cell (and answers with a count above 0). */
export const NEW_SESSION_CODE = "// interspin: new kernel session";

/** What a kernel answers to {@link NEW_SESSION_CODE} on stdout when it refuses, then why. */
export const SESSION_REFUSED = "interspin: no new session: ";

const SESSION_KEY = Symbol.for("interspin.kernelSession");

/**
 * The number of the kernel's current session: 0 until a runner asks for a new one, then 1, 2 …
 * Code that keeps per-notebook state in a module (display.ts) starts afresh when it changes.
 * @example kernelSession() // => 0 outside a reused kernel
 */
export function kernelSession(): number {
  return ((globalThis as Record<symbol, unknown>)[SESSION_KEY] as number | undefined) ?? 0;
}

/**
 * What keeps a process's event loop busy, by kind and count (`process.getActiveResourcesInfo`).
 * @example activeResources() // => Map { "TTYWrap" => 2 }
 */
export function activeResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** Resource kinds the compiler itself adds with every file it reads: its file and folder watchers. */
export const COMPILER_RESOURCES: ReadonlySet<string> = new Set(["FSEventWrap", "StatWatcher"]);

/**
 * What is active now beyond a baseline, as "kind ×n" items, the compiler's watchers not counted
 * (empty when nothing is).
 * @example leftRunning(new Map([["Timeout", 2], ["FSEventWrap", 9]]), new Map([["Timeout", 1]])) // => ["Timeout ×1"]
 */
export function leftRunning(now: Map<string, number>, baseline: Map<string, number>): string[] {
  return [...now].filter(([kind, n]) => !COMPILER_RESOURCES.has(kind) && n > (baseline.get(kind) ?? 0))
    .map(([kind, n]) => `${kind} ×${n - (baseline.get(kind) ?? 0)}`).sort();
}

/** What a kernel looks like at its first cell, to compare the end of a notebook with. */
export interface KernelBaseline {
  resources: Map<string, number>;
  /** Own property names and symbols of globalThis. */
  globals: Set<string | symbol>;
  cwd: string;
  env: string;
}

/**
 * The kernel as it is now.
 * @example kernelBaseline().cwd === process.cwd() // => true
 */
export function kernelBaseline(): KernelBaseline {
  return { resources: activeResources(), globals: new Set(Reflect.ownKeys(globalThis)), cwd: process.cwd(), env: JSON.stringify(Object.entries(process.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}

/**
 * Why a kernel that began as `baseline` cannot take another notebook now, or undefined when it can.
 * @example changedSince(kernelBaseline()) // => undefined
 */
export function changedSince(baseline: KernelBaseline, now: KernelBaseline = kernelBaseline()): string | undefined {
  const left = leftRunning(now.resources, baseline.resources);
  if (left.length) return `the last notebook left ${left.join(", ")} running`;
  const added = [...now.globals].filter((k) => !baseline.globals.has(k) && k !== SESSION_KEY).map(String);
  if (added.length) return `the last notebook added ${added.length === 1 ? "a global" : `${added.length} globals`} (${added.slice(0, 3).join(", ")}${added.length > 3 ? ", …" : ""})`;
  if (now.cwd !== baseline.cwd) return `the last notebook changed the working folder to ${now.cwd}`;
  if (now.env !== baseline.env) return "the last notebook changed the environment (process.env)";
  return undefined;
}

interface Handler {
  executor: { reset(): void };
  execCount: number;
  createWriteToIopub(name: string, write: unknown): (chunk: unknown) => boolean;
  handleExecuteImpl(req: { code: string }, writeStream: unknown, writeDisplay: unknown): Promise<unknown>;
}

/**
 * Lets the kernel of the tslab whose script `script` is take new-session requests, when
 * {@link SESSIONS_ENV} is "1": patches tslab's Jupyter handler so that {@link NEW_SESSION_CODE}
 * resets the executor and answers with execution count 0, or prints {@link SESSION_REFUSED} and
 * why. Does nothing otherwise, or when tslab's handler is not found.
 * @returns whether the handler was patched.
 * @example prepareKernelSessions("/p/node_modules/.bin/tslab", { INTERSPIN_KERNEL_SESSIONS: "1" }) // => true
 */
export function prepareKernelSessions(script: string | undefined = process.argv[1], env: NodeJS.ProcessEnv = process.env): boolean {
  if (env[SESSIONS_ENV] !== "1") return false;
  let proto: Handler;
  try {
    const jupyter = createRequire(realpathSync(script ?? ""))("tslab/dist/jupyter.js") as { JupyterHandlerImpl?: { prototype: Handler } };
    proto = jupyter.JupyterHandlerImpl!.prototype;
    if (typeof proto.handleExecuteImpl !== "function") return false;
  } catch {
    return false;
  }
  const execute = proto.handleExecuteImpl;
  // The kernel at its first request (its sockets, the guard's worker, stdio; no cell has run).
  let baseline: KernelBaseline | undefined;
  proto.handleExecuteImpl = async function (this: Handler, req, writeStream, writeDisplay) {
    baseline ??= kernelBaseline();
    if (req.code !== NEW_SESSION_CODE) return execute.call(this, req, writeStream, writeDisplay);
    // Stray output of the last notebook from now on goes to this request, which the runner drops.
    process.stdout.write = this.createWriteToIopub("stdout", writeStream) as typeof process.stdout.write;
    process.stderr.write = this.createWriteToIopub("stderr", writeStream) as typeof process.stderr.write;
    // Let callbacks that are already due run first, then look at what is left.
    await new Promise((resolve) => setImmediate(resolve));
    const why = changedSince(baseline);
    if (why) {
      process.stdout.write(`${SESSION_REFUSED}${why}\n`);
      return { count: this.execCount };
    }
    this.executor.reset();
    this.execCount = 0;
    (globalThis as Record<symbol, unknown>)[SESSION_KEY] = kernelSession() + 1;
    return { count: 0 };
  };
  return true;
}
