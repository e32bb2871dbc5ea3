/**
 * Where the runner gets a notebook's kernel. {@link kernelPerNotebook}: a new kernel for every
 * notebook, stopped after it. {@link ReusedKernels}: one kernel for several notebooks in turn,
 * each in a new session (kernel-sessions.ts), so that the compiler's start and the first import
 * of the shared module are paid once; a kernel is used again only after a notebook that
 * succeeded, in the same folder, and only when it agrees that nothing of the last notebook is
 * still running; otherwise it is stopped and a fresh one started.
 */
import type { KernelClient } from "../kernel/kernel-client.js";

/** A kernel for one notebook, and whether it ran notebooks before. */
export interface KernelLease {
  kernel: KernelClient;
  reused: boolean;
  /** Why a kept kernel was not used for it (a new one started instead). */
  newBecause?: string;
}

/** Gives kernels to notebooks and takes them back. */
export interface KernelSource {
  /** A kernel whose cells start in folder `cwd`, with no state of an earlier notebook. */
  acquire(cwd: string): Promise<KernelLease>;
  /** Takes a kernel back; `reusable` when its notebook succeeded. */
  release(kernel: KernelClient, cwd: string, reusable: boolean): Promise<void>;
  /** Stops every kernel kept for later. */
  close(): Promise<void>;
}

/** Starts a kernel in a folder. */
export type KernelStarter = (cwd: string) => Promise<KernelClient>;

/**
 * A new kernel for every notebook, stopped when it is done.
 * @example const lease = await kernelPerNotebook(start).acquire("notebooks"); lease.reused // => false
 */
export function kernelPerNotebook(start: KernelStarter): KernelSource {
  return {
    acquire: async (cwd) => ({ kernel: await start(cwd), reused: false }),
    release: (kernel) => kernel.shutdown(),
    close: async () => undefined,
  };
}

/**
 * One kernel kept between notebooks of one worker.
 * @example
 * const kernels = new ReusedKernels(start);
 * const a = await kernels.acquire("notebooks"); await kernels.release(a.kernel, "notebooks", true);
 * (await kernels.acquire("notebooks")).reused // => true
 */
export class ReusedKernels implements KernelSource {
  private kept: { kernel: KernelClient; cwd: string } | undefined;
  // Why the last notebook failed, if it did: its kernel is not kept.
  private failed: string | undefined;

  constructor(private readonly start: KernelStarter) {}

  async acquire(cwd: string): Promise<KernelLease> {
    const kept = this.kept;
    this.kept = undefined;
    let newBecause = this.failed;
    this.failed = undefined;
    if (kept) {
      newBecause = kept.cwd !== cwd ? `the next notebook is in another folder (${cwd})` : await newSession(kept.kernel);
      if (newBecause === undefined) return { kernel: kept.kernel, reused: true };
      await kept.kernel.shutdown();
    }
    return { kernel: await this.start(cwd), reused: false, ...(newBecause ? { newBecause } : {}) };
  }

  async release(kernel: KernelClient, cwd: string, reusable: boolean): Promise<void> {
    if (reusable && kernel.alive) {
      await this.close();
      this.kept = { kernel, cwd };
    } else {
      this.failed = kernel.alive ? "the last notebook failed" : "the last notebook's kernel ended";
      await kernel.shutdown();
    }
  }

  async close(): Promise<void> {
    const kept = this.kept;
    this.kept = undefined;
    await kept?.kernel.shutdown();
  }
}

/**
 * Kernels kept across several runs of {@link runNotebooks} (the report's book languages): worker
 * i of every run takes source i, so a later run goes on in the kernels of the earlier one.
 * Loads nothing: the runner gives the starter when a worker first asks.
 * @example
 * const pool = new KernelPool();
 * await runNotebooks(de, { pool }); await runNotebooks(en, { pool }); // en in the kernels de used
 * await pool.close();
 */
export class KernelPool {
  private readonly sources: ReusedKernels[] = [];

  /** The kernel source of worker `index`. */
  source(index: number, start: KernelStarter): KernelSource {
    return (this.sources[index] ??= new ReusedKernels(start));
  }

  /** Stops every kernel the pool keeps. */
  async close(): Promise<void> {
    await Promise.all(this.sources.map((s) => s.close()));
  }
}

// A new session of a kept kernel; a kernel that died or timed out meanwhile is no error, only not reused.
async function newSession(kernel: KernelClient): Promise<string | undefined> {
  if (!kernel.alive) return "the kernel has ended";
  try {
    return await kernel.newSession();
  } catch (e) {
    return (e as Error).message;
  }
}
