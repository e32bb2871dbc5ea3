/**
 * What a command does on SIGINT (Ctrl-C), SIGTERM (`kill`, `timeout`, CI, process managers) and
 * SIGHUP (a closed terminal): it stops at once — kernels and everything they started are
 * killed, Chromium ends with this process, temporary files and staging folders are removed —
 * and exits with 128 + the signal's number. A run stopped before its publish step publishes
 * nothing (the publish step is synchronous, so a signal is handled before it or after it).
 */
import { constants } from "node:os";
import { killAllKernels } from "../notebook/kernel/kernel-process.js";

/** The signals that stop a command. */
export const STOP_SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

let installed = false;

/**
 * Installs the stop handlers (once per process).
 * @param say - writes the line that says what happened, e.g. to stderr.
 * @param what - what the line adds after "stopped by SIGTERM", e.g. ": nothing was published".
 * @example exitOnStopSignals((l) => process.stderr.write(l)) // => undefined
 */
export function exitOnStopSignals(say: (line: string) => void, what = ""): void {
  if (installed) return;
  installed = true;
  const stop = (sig: NodeJS.Signals): void => {
    killAllKernels();
    say(`stopped by ${sig}${what}\n`);
    // 'exit' handlers run now: temporary paths go (node/exit-cleanup.ts), playwright kills its browser.
    process.exit(128 + (constants.signals[sig] ?? 0));
  };
  for (const sig of STOP_SIGNALS) process.on(sig, stop);
}
