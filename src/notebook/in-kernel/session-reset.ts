/**
 * One kernel, several notebooks in turn. Most of a tslab kernel's start is its TypeScript
 * compiler parsing the same declaration files (the standard library, @types/node, this
 * package's declarations), and then the first import of the shared module; both are the same
 * for every notebook. A runner kernel therefore accepts a request to begin a new session: tslab's
 * own `executor.reset()` (every variable and declaration of earlier cells gone, so a cell naming
 * one gets "Cannot find name"), execution counts from 1 again, and a new session number
 * (util/session-scoped.ts) after which the display code sends plotly.js again and the survey
 * loader parses its tables afresh. The compiler keeps its parsed declaration files and Node
 * keeps its loaded modules.
 *
 * The kernel refuses (and the runner starts a fresh one) when the last notebook left something
 * that could still run or print: a timer, interval or immediate (also an unref'd one) or a file
 * watcher a cell started (not the compiler's own: tslab's compiler watches every file it reads),
 * seen by async_hooks; a socket, server, child process or pending file operation beyond what the
 * kernel had at its first cell (`process.getActiveResourcesInfo`) — or changed the process around
 * it: a new global property, another working folder, another environment. What it cannot see is
 * a change to something that existed before (a prototype's method, a module's state other than
 * the per-session state above). Only kernels the runner starts take such requests
 * ({@link SESSIONS_ENV}); a kernel Jupyter starts is unchanged.
 *
 * Loaded by `kernel-preload.ts` before tslab starts.
 */
import { createHook } from "node:async_hooks";
import { createRequire } from "node:module";
import { realpathSync } from "node:fs";
import { kernelSession, SESSION_KEY } from "../../util/session-scoped.js";

/** The environment variable that, set to "1", lets a kernel take new-session requests (the runner sets it). */
export const SESSIONS_ENV = "INTERSPIN_KERNEL_SESSIONS";

/** The code of a new-session request: a comment, so a kernel without this preload runs it as an empty cell (and answers with a count above 0). */
export const NEW_SESSION_CODE = "// interspin: new kernel session";

/** What a kernel answers to {@link NEW_SESSION_CODE} on stdout when it refuses, then why. */
export const SESSION_REFUSED = "interspin: no new session: ";

/**
 * The resource types followed by async_hooks: those that can call back later although nothing
 * keeps the process alive for them (unref'd), and that end at a known moment (run, cleared,
 * closed). Others end only when collected; they are counted while active instead (see {@link activeResources}).
 */
const TRACKED: ReadonlySet<string> = new Set(["Timeout", "Immediate", "FSEVENTWRAP", "STATWATCHER"]);
/** Resource types the compiler makes for every file it reads. */
const WATCHERS: ReadonlySet<string> = new Set(["FSEVENTWRAP", "STATWATCHER"]);

/**
 * What keeps the process's event loop busy, by kind and count (`process.getActiveResourcesInfo`).
 * @example activeResources() // => Map { "PipeWrap" => 2 }
 */
export function activeResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** Active kinds that the tracker follows instead (they include the compiler's watchers). */
const FOLLOWED_KINDS: ReadonlySet<string> = new Set(["Timeout", "Immediate", "FSEventWrap", "StatWatcher"]);

/**
 * What is active now beyond a baseline, as "kind ×n" items, leaving out the kinds the tracker follows.
 * @example leftActive(new Map([["TCPSocketWrap", 1], ["FSEventWrap", 9]]), new Map()) // => ["TCPSocketWrap ×1"]
 */
export function leftActive(now: Map<string, number>, baseline: Map<string, number>): string[] {
  return [...now]
    .filter(([kind, n]) => !FOLLOWED_KINDS.has(kind) && n > (baseline.get(kind) ?? 0))
    .map(([kind, n]) => `${kind} ×${n - (baseline.get(kind) ?? 0)}`)
    .sort();
}

/**
 * Whether the code creating a resource now is tslab's TypeScript compiler (its file watchers).
 * @example madeByCompiler() // => false in a test
 */
export function madeByCompiler(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  try {
    return /[\\/]typescript-for-tslab[\\/]/.test(new Error().stack ?? "");
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * The timers, immediates and file watchers of this process that have begun and not ended (by
 * async_hooks), from the moment it is enabled; the compiler's file watchers left out.
 */
export class ResourceTracker {
  private readonly open = new Map<number, string>();
  private readonly hook = createHook({
    init: (id, type) => {
      if (!TRACKED.has(type) || (WATCHERS.has(type) && this.isCompiler())) return;
      this.open.set(id, type);
    },
    destroy: (id) => {
      this.open.delete(id);
    },
  });

  constructor(private readonly isCompiler: () => boolean = madeByCompiler) {}

  /** Starts tracking. */
  enable(): this {
    this.hook.enable();
    return this;
  }

  /** Stops tracking. */
  disable(): void {
    this.hook.disable();
  }

  /** The ids of the open resources. */
  ids(): Set<number> {
    return new Set(this.open.keys());
  }

  /**
   * The open resources not in `before` (and, when given, in `among`), as "type ×n" items in name order.
   * @example tracker.since(new Set()) // => ["Timeout ×1"] after a setInterval
   */
  since(before: ReadonlySet<number>, among?: ReadonlySet<number>): string[] {
    const counts = new Map<string, number>();
    for (const [id, type] of this.open)
      if (!before.has(id) && (!among || among.has(id))) counts.set(type, (counts.get(type) ?? 0) + 1);
    return [...counts].map(([type, n]) => `${type} ×${n}`).sort();
  }
}

/** What a kernel looks like at its first cell, to compare the end of a notebook with. */
export interface KernelBaseline {
  /** What was left running, as {@link ResourceTracker.since} items (empty at the baseline itself). */
  left: string[];
  /** Own property names and symbols of globalThis. */
  globals: Set<string | symbol>;
  cwd: string;
  env: string;
}

/**
 * The process as it is now (`left` as given).
 * @example kernelBaseline().cwd === process.cwd() // => true
 */
export function kernelBaseline(left: string[] = []): KernelBaseline {
  return {
    left,
    globals: new Set(Reflect.ownKeys(globalThis)),
    cwd: process.cwd(),
    env: JSON.stringify(Object.entries(process.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

/**
 * Why a kernel that began as `baseline` cannot take another notebook now, or undefined when it can.
 * @example changedSince(kernelBaseline()) // => undefined
 */
export function changedSince(baseline: KernelBaseline, now: KernelBaseline = kernelBaseline()): string | undefined {
  if (now.left.length) return `the last notebook left ${now.left.join(", ")} running`;
  const added = [...now.globals].filter((k) => !baseline.globals.has(k) && !packageGlobal(k)).map(String);
  if (added.length)
    return `the last notebook added ${added.length === 1 ? "a global" : `${added.length} globals`} (${added.slice(0, 3).join(", ")}${added.length > 3 ? ", …" : ""})`;
  if (now.cwd !== baseline.cwd) return `the last notebook changed the working folder to ${now.cwd}`;
  if (now.env !== baseline.env) return "the last notebook changed the environment (process.env)";
  return undefined;
}

/**
 * The globals the package itself installs once per process: the session counter and its
 * registrations (`Symbol.for("interspin.dataSource")`, `Symbol.for("interspin.display")`).
 * @example packageGlobal(Symbol.for("interspin.display")) // => true
 */
export function packageGlobal(key: string | symbol): boolean {
  return key === SESSION_KEY || (typeof key === "symbol" && /^interspin\./.test(Symbol.keyFor(key) ?? ""));
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
 * resets the executor and answers with execution count 0 and no output, or prints
 * {@link SESSION_REFUSED} and why. Does nothing otherwise, or when tslab's handler is not found.
 * @returns whether the handler was patched.
 * @example prepareKernelSessions("/p/node_modules/.bin/tslab", { INTERSPIN_KERNEL_SESSIONS: "1" }) // => true
 */
export function prepareKernelSessions(
  script: string | undefined = process.argv[1],
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (env[SESSIONS_ENV] !== "1") return false;
  let proto: Handler;
  try {
    const jupyter = createRequire(realpathSync(script ?? ""))("tslab/dist/jupyter.js") as {
      JupyterHandlerImpl?: { prototype: Handler };
    };
    proto = jupyter.JupyterHandlerImpl!.prototype;
    if (typeof proto.handleExecuteImpl !== "function") return false;
  } catch {
    return false;
  }
  const execute = proto.handleExecuteImpl;
  const tracker = new ResourceTracker().enable();
  // The kernel at its first request, before any cell: its sockets, stdio, the guard's worker.
  let baseline: { state: KernelBaseline; open: Set<number>; active: Map<string, number> } | undefined;
  proto.handleExecuteImpl = async function (this: Handler, req, writeStream, writeDisplay) {
    if (!baseline) {
      void [process.stdout, process.stderr]; // made on first use: part of the kernel, not of a cell
      baseline = { state: kernelBaseline(), open: tracker.ids(), active: activeResources() };
    }
    if (req.code !== NEW_SESSION_CODE) return execute.call(this, req, writeStream, writeDisplay);
    // Stray output of the last notebook from now on goes to this request, which the runner drops.
    process.stdout.write = this.createWriteToIopub("stdout", writeStream) as typeof process.stdout.write;
    process.stderr.write = this.createWriteToIopub("stderr", writeStream) as typeof process.stderr.write;
    // Let callbacks that are already due run and end first, then look at what is left of what
    // was there before (not the immediates of this wait).
    const open = tracker.ids();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const left = [...tracker.since(baseline.open, open), ...leftActive(activeResources(), baseline.active)];
    const why = changedSince(baseline.state, kernelBaseline(left));
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
