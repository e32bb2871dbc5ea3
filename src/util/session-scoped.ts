/**
 * The session number of the kernel a module runs in (see notebook/in-kernel/session-reset.ts): 0 until
 * the runner begins a new session for the next notebook, then 1, 2 … Module state that belongs
 * to one notebook (shown figures, loaded survey tables) is kept per session.
 */

/** Where the number lives: on globalThis, so every copy of a module sees the same one. */
export const SESSION_KEY = Symbol.for("interspin.kernelSession");

/**
 * The current session number.
 * @example kernelSession() // => 0 outside a reused kernel
 */
export function kernelSession(): number {
  return ((globalThis as Record<symbol, unknown>)[SESSION_KEY] as number | undefined) ?? 0;
}

/**
 * A value kept for the current session only: made again by `make` once the session changed.
 * @example const shown = perSession(() => new Map()); shown().set("abb-01", 1)
 */
export function perSession<T>(make: () => T): () => T {
  let session = kernelSession();
  let value = make();
  return () => {
    if (kernelSession() !== session) {
      session = kernelSession();
      value = make();
    }
    return value;
  };
}
