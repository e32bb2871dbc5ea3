/**
 * The kernel as an operating-system process: spawned in its own process group and session,
 * with an environment marker that every process a cell starts inherits, tracked in a registry,
 * and killed when this process exits or receives SIGINT, SIGTERM or SIGHUP. However a kernel
 * ends (shut down, timed out, killed), its process group, its descendants and every process
 * carrying its marker are killed with it.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { paths } from "../../paths.js";
import { removeRegisteredNow } from "../../node/exit-cleanup.js";
import { guardImportUrl, PARENT_ENV } from "../in-kernel/kernel-guard.js";
import { LIBRARY_DOCS_ENV, preloadArgs } from "../in-kernel/kernel-compiler.js";
import { SESSIONS_ENV } from "../in-kernel/session-reset.js";
import { readdirSync, readFileSync } from "node:fs";
import { descendantsOf, endFamily, killEach, KERNEL_MARKER } from "./process-tree.js";

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
  /** The processes the kernel started that are alive now (its descendants), for {@link stop}. */
  family(): number[];
  /**
   * SIGTERM to the group, then SIGKILL after `graceMs` if it is still alive; then SIGKILL to
   * whatever it started: its group, the processes in `family`, and every process with its marker.
   */
  stop(graceMs?: number, family?: number[]): Promise<void>;
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
/** Kernels whose processes may still run: group leader pid and marker value. */
interface Tracked {
  pid: number;
  marker: string;
}
const live = new Set<Tracked>();

/**
 * Starts `tslab kernel --config-path FILE` with this Node binary, the orphan guard and the start-up
 * preload (kernel-compiler.ts: global types restricted, the compiler from a code cache).
 * @example const kernel = spawnKernel({ connectionPath: file.path, cwd: "notebooks" }); kernel.isAlive() // => true
 */
export function spawnKernel(options: SpawnKernelOptions): KernelProcess {
  const args = [
    "--import",
    guardImportUrl(),
    ...preloadArgs(),
    options.tslabBin ?? paths.tslabBin,
    "kernel",
    "--config-path",
    options.connectionPath,
  ];
  const marker = `${process.pid}-${randomBytes(8).toString("hex")}`;
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    // A headless kernel answers no tooltips: it skips the library documentation comments; and
    // it can run several notebooks in turn (kernel-sessions.ts).
    // Its guard ends it when this process is gone, from the start on (kernel-guard.ts).
    env: {
      [LIBRARY_DOCS_ENV]: "0",
      ...(options.env ?? process.env),
      [SESSIONS_ENV]: "1",
      [KERNEL_MARKER]: marker,
      [PARENT_ENV]: String(process.pid),
    },
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
      resolve({ code, signal });
    };
    child.once("exit", done);
    child.once("error", (err) => {
      keep(Buffer.from(String(err)));
      done(null, null);
    });
  });
  const tracked: Tracked | undefined = child.pid !== undefined ? { pid: child.pid, marker } : undefined;
  if (tracked) register(tracked);
  const signal = (sig: NodeJS.Signals) => {
    if (alive && child.pid !== undefined) killGroup(child.pid, sig);
  };
  return {
    pid: child.pid ?? -1,
    exited,
    isAlive: () => alive,
    output: () => tail,
    signal,
    family: () => (alive && child.pid !== undefined ? descendantsOf(child.pid) : []),
    async stop(graceMs = 1000, family: number[] = []) {
      const known = [...family, ...(alive && child.pid !== undefined ? descendantsOf(child.pid) : [])];
      if (alive) {
        signal("SIGTERM");
        const timer = new Promise<"late">((r) => setTimeout(() => r("late"), graceMs).unref());
        if ((await Promise.race([exited, timer])) === "late") signal("SIGKILL");
        await exited;
      }
      if (tracked) {
        killEach(known, "SIGKILL");
        endKernel(tracked);
        unregister(tracked);
      }
    },
  };
}

// Everything a kernel started goes with it: its group, and processes that left the group but carry its marker.
function endKernel(k: Tracked): void {
  endFamily({ readdirSync, readFileSync }, k.pid, `${KERNEL_MARKER}=${k.marker}`, true);
}

/** The number of kernels this process started that were not stopped yet. */
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

/**
 * Kills every kernel this process started and everything they started (synchronously).
 * @example killAllKernels(); liveKernelCount() // => 0
 */
export function killAllKernels(): void {
  for (const k of live) endKernel(k);
  live.clear();
  removeHandlers();
}

function onSignal(sig: NodeJS.Signals): void {
  killAllKernels();
  // Without other listeners, re-raise so the process ends the way it would have without us
  // (after removing its temporary files, which an exit by signal would leave).
  if (process.listenerCount(sig) === 0) {
    removeRegisteredNow();
    process.kill(process.pid, sig);
  }
}

function register(k: Tracked): void {
  if (live.size === 0) {
    for (const sig of SIGNALS) process.on(sig, onSignal);
    process.on("exit", killAllKernels);
  }
  live.add(k);
}

function unregister(k: Tracked): void {
  if (live.delete(k) && live.size === 0) removeHandlers();
}

function removeHandlers(): void {
  for (const sig of SIGNALS) process.off(sig, onSignal);
  process.off("exit", killAllKernels);
}
