/**
 * TypeScript's watch program keeps two timers of its own: one to update the program and one to
 * invalidate module resolutions that failed (started when a folder in which a lookup failed
 * changes, e.g. the file a cell imports is created after the cell ran). tslab's compiler host
 * holds one timer only and throws "Unexpected pending rebuildTimer" when a second is set, which
 * leaves the kernel unable to run any later cell. tslab fires its timer itself, synchronously,
 * when a cell's code is handed to the compiler.
 *
 * {@link oneTimer} puts any number of the program's timers behind tslab's one: the first timer
 * set takes tslab's; later ones join it; when tslab fires it, every pending callback runs in the
 * order it was set, and so do callbacks set while they run (an invalidation schedules a program
 * update). Clearing a timer removes its callback; clearing the last one clears tslab's.
 */

/** A host's pair of timer functions, as TypeScript's `WatchCompilerHost` has them. */
export interface TimerPair {
  setTimeout(callback: (...args: unknown[]) => void, ms: number, ...args: unknown[]): unknown;
  clearTimeout(id: unknown): void;
}

/**
 * The host's timer functions put behind its single timer.
 * @param host - the host whose `setTimeout` accepts one pending timer at a time.
 * @returns the pair to install on the host in place of its own.
 * @example const t = oneTimer(host); host.setTimeout = t.setTimeout; host.clearTimeout = t.clearTimeout;
 */
export function oneTimer(host: TimerPair): TimerPair {
  const set = host.setTimeout.bind(host);
  const clear = host.clearTimeout.bind(host);
  const pending = new Map<object, () => void>();
  let outer: unknown;
  let running = false;
  const flush = () => {
    running = true;
    try {
      while (pending.size > 0) {
        const [id, run] = pending.entries().next().value as [object, () => void];
        pending.delete(id);
        run();
      }
    } finally {
      running = false;
      outer = undefined;
    }
  };
  return {
    setTimeout(callback, _ms, ...args) {
      const id = {};
      pending.set(id, () => callback(...args));
      if (!running && outer === undefined) outer = set(flush, 0);
      return id;
    },
    clearTimeout(id) {
      if (!pending.delete(id as object)) return;
      if (pending.size === 0 && !running && outer !== undefined) {
        clear(outer);
        outer = undefined;
      }
    },
  };
}
