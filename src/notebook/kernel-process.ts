/**
 * The kernel as an operating-system process: spawned in its own process group (so stopping
 * it also stops anything a cell started), tracked in a registry, and killed when this process
 * exits or receives SIGINT, SIGTERM or SIGHUP.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { paths } from "../paths.js";
import { guardImportUrl } from "./kernel-guard.js";

/** How a kernel process ended. */
export interface KernelExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running kernel process. */
export interface KernelProcess {
  pid: number;
  /** Resolves when the process has exited (never rejects). */
  exited: Promise<KernelExit>;
  isAlive(): boolean;
  /** The last few kilobytes the kernel wrote to its own stdout/stderr (not cell output). */
  output(): string;
  /** Sends a signal to the kernel's whole process group; ignored once it has exited. */
  signal(sig: NodeJS.Signals): void;
  /** SIGTERM to the group, then SIGKILL after `graceMs` if it is still alive. */
  stop(graceMs?: number): Promise<void>;
}

/** Options of {@link spawnKernel}. */
export interface SpawnKernelOptions {
  connectionPath: string;
  /** Working directory of the kernel; tslab makes it the TypeScript root of the cells. */
  cwd: string;
  /** Path of the tslab executable script; default `node_modules/.bin/tslab` of this project. */
  tslabBin?: string;
  env?: NodeJS.ProcessEnv;
}

const OUTPUT_TAIL_CHARS = 4000;
const live = new Set<ChildProcess>();

/**
 * Starts `tslab kernel --config-path FILE` with this Node binary and the orphan guard preloaded.
 * @example const kernel = spawnKernel({ connectionPath: file.path, cwd: "notebooks" }); kernel.isAlive() // => true
 */
export function spawnKernel(options: SpawnKernelOptions): KernelProcess {
  const args = ["--import", guardImportUrl(), options.tslabBin ?? paths.tslabBin, "kernel", "--config-path", options.connectionPath];
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let alive = true;
  const exited = new Promise<KernelExit>((resolve) => {
    const done = (code: number | null, signal: NodeJS.Signals | null) => {
      alive = false;
      unregister(child);
      resolve({ code, signal });
    };
    child.once("exit", done);
    child.once("error", (err) => {
      keep(Buffer.from(String(err)));
      done(null, null);
    });
  });
  if (child.pid !== undefined) register(child);
  const signal = (sig: NodeJS.Signals) => {
    if (alive && child.pid !== undefined) killGroup(child.pid, sig);
  };
  return {
    pid: child.pid ?? -1,
    exited,
    isAlive: () => alive,
    output: () => tail,
    signal,
    async stop(graceMs = 1000) {
      if (!alive) return;
      signal("SIGTERM");
      const timer = new Promise<"late">((r) => setTimeout(() => r("late"), graceMs).unref());
      if ((await Promise.race([exited, timer])) === "late") signal("SIGKILL");
      await exited;
      // The group may hold processes a cell started; they go with the kernel.
      killGroup(child.pid!, "SIGKILL");
    },
  };
}

/** The number of kernel processes this process started that are still running. */
export function liveKernelCount(): number {
  return live.size;
}

function killGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    // ESRCH: the group is already gone.
  }
}

const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

function killAll(): void {
  for (const child of live) killGroup(child.pid!, "SIGKILL");
  live.clear();
}

function onSignal(sig: NodeJS.Signals): void {
  killAll();
  removeHandlers();
  // Without other listeners, re-raise so the process ends the way it would have without us.
  if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
}

function register(child: ChildProcess): void {
  if (live.size === 0) {
    for (const sig of SIGNALS) process.on(sig, onSignal);
    process.on("exit", killAll);
  }
  live.add(child);
}

function unregister(child: ChildProcess): void {
  if (live.delete(child) && live.size === 0) removeHandlers();
}

function removeHandlers(): void {
  for (const sig of SIGNALS) process.off(sig, onSignal);
  process.off("exit", killAll);
}
