/**
 * Where the runner gets a notebook's kernel. By default every notebook runs in a kernel process
 * of its own that nothing ran in before ({@link FreshKernels}): what a notebook changes in its
 * process (a module's state, a prototype, a global, handlers, servers) ends with that process,
 * so no notebook can change another's outputs. To hide the start of a kernel, the next one is
 * started while the current notebook runs (a spare, ready when the next notebook asks).
 *
 * {@link ReusedKernels} (`--reuse-kernels`, opt-in) runs a worker's notebooks in turn in one
 * kernel, each in a new session (in-kernel/session-reset.ts): faster, but it protects only
 * against what a new session can see (variables and declarations, timers, sockets, processes,
 * added globals, the working folder, the environment), not against a notebook that changes
 * something that existed before it (a module's cached state such as the codebook, a prototype's
 * method, a replaced global, an exit handler).
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
  /**
   * A kernel whose cells start in folder `cwd`, with no state of an earlier notebook.
   * @param upcoming - how many notebooks will ask for a kernel after this one (spares are started for them).
   */
  acquire(cwd: string, upcoming?: number): Promise<KernelLease>;
  /** Takes a kernel back; `reusable` when its notebook succeeded. */
  release(kernel: KernelClient, cwd: string, reusable: boolean): Promise<void>;
  /** Stops every kernel kept for later. */
  close(): Promise<void>;
}

/** Starts a kernel in a folder. */
export type KernelStarter = (cwd: string) => Promise<KernelClient>;

/**
 * A new kernel for every notebook, stopped when it is done (no spare).
 * @example const lease = await kernelPerNotebook(start).acquire("notebooks"); lease.reused // => false
 */
export function kernelPerNotebook(start: KernelStarter): KernelSource {
  return {
    acquire: async (cwd) => ({ kernel: await start(cwd), reused: false }),
    release: (kernel) => kernel.shutdown(),
    close: async () => undefined,
  };
}

/** A kernel being started ahead of the notebook that will use it. */
interface Spare {
  cwd: string;
  kernel: Promise<KernelClient | undefined>;
}

/**
 * A fresh kernel for every notebook, with up to `maxSpares` kernels started ahead while notebooks
 * run (never more than the notebooks still to come). Shared by the runner's workers.
 * @example
 * const kernels = new FreshKernels(start, 2);
 * const a = await kernels.acquire("notebooks", 1); // a spare starts for the one notebook to come
 * a.reused // => false
 */
export class FreshKernels implements KernelSource {
  private spares: Spare[] = [];

  constructor(
    private readonly start: KernelStarter,
    /** How many kernels may be started ahead (the runner: one per worker). */
    public maxSpares = 1,
  ) {}

  async acquire(cwd: string, upcoming = 0): Promise<KernelLease> {
    const at = this.spares.findIndex((s) => s.cwd === cwd);
    const spare = at >= 0 ? this.spares.splice(at, 1)[0] : undefined;
    // A spare that failed to start is started again here, so its error belongs to this notebook.
    let kernel = await spare?.kernel;
    if (kernel && !kernel.alive) {
      await kernel.shutdown();
      kernel = undefined;
    }
    kernel ??= await this.start(cwd);
    // Spares for other folders would not be used by the notebooks to come.
    for (const other of this.spares.filter((s) => s.cwd !== cwd)) void stopSpare(other);
    this.spares = this.spares.filter((s) => s.cwd === cwd);
    while (this.spares.length < Math.min(upcoming, this.maxSpares)) this.spares.push(this.startSpare(cwd));
    return { kernel, reused: false };
  }

  release(kernel: KernelClient, _cwd?: string, _reusable?: boolean): Promise<void> {
    return kernel.shutdown();
  }

  async close(): Promise<void> {
    const spares = this.spares;
    this.spares = [];
    await Promise.all(spares.map(stopSpare));
  }

  /** How many kernels are being started or wait for a notebook. */
  spareCount(): number {
    return this.spares.length;
  }

  private startSpare(cwd: string): Spare {
    return { cwd, kernel: this.start(cwd).catch(() => undefined) };
  }
}

async function stopSpare(spare: Spare): Promise<void> {
  await (await spare.kernel)?.shutdown();
}

/**
 * One kernel kept between notebooks of one worker (opt-in, see the file's comment for what it
 * does not protect against).
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
 * Kernels kept across several runs of {@link runNotebooks} (the report's book languages): by
 * default the spare kernels started ahead (a later run takes them), with `reuse` the workers'
 * kept kernels (worker i of every run goes on in kernel i). Loads nothing: the runner gives the
 * starter when a worker first asks.
 * @example
 * const pool = new KernelPool();
 * await runNotebooks(de, { pool, followedBy: en.length }); await runNotebooks(en, { pool }); // en starts in the spares
 * await pool.close();
 */
export class KernelPool {
  private readonly reused: ReusedKernels[] = [];
  private fresh: FreshKernels | undefined;

  constructor(private readonly options: { reuse?: boolean } = {}) {}

  /** The kernel source of worker `index`. */
  source(index: number, start: KernelStarter): KernelSource {
    if (this.options.reuse) return (this.reused[index] ??= new ReusedKernels(start));
    this.fresh ??= new FreshKernels(start, 0);
    this.fresh.maxSpares = Math.max(this.fresh.maxSpares, index + 1);
    return this.fresh;
  }

  /** Stops every kernel the pool keeps. */
  async close(): Promise<void> {
    await Promise.all([...this.reused.map((s) => s.close()), this.fresh?.close()]);
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
