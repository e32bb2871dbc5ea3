/**
 * The shared frame of every command: `--help`, one clear line for user errors, exit codes
 * (0 done, 1 failed, 2 usage), no stack traces for problems people can fix.
 */

import { existsSync, statSync } from "node:fs";
import { relative } from "node:path";
import { visible } from "../util/terminal-text.js";
import { CliUsageError } from "../util/errors.js";
import { exitOnStopSignals } from "./stop-signals.js";
import { installFileSource } from "../node/file-source.js";

export { CliUsageError, visible };

/**
 * Runs a command's body with the process arguments, printing `help` for `--help`/`-h`.
 * Errors whose class name ends in "Error" and is not a programming error are shown as one line.
 * @param help - the usage text.
 * SIGINT, SIGTERM and SIGHUP stop the command and everything it started (see stop-signals.ts).
 * @param body - receives the arguments after the script name; may be async.
 * @param onStop - what the stop line adds after "stopped by SIGTERM", e.g. ": nothing was published".
 */
export function runCli(help: string, body: (args: string[]) => void | Promise<void>, onStop = ""): void {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(help);
    return;
  }
  exitOnStopSignals((line) => process.stderr.write(line), onStop);
  installFileSource();
  Promise.resolve()
    .then(() => body(args))
    .catch((e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      const programming = err instanceof TypeError || err instanceof ReferenceError || err instanceof SyntaxError;
      if (err instanceof CliUsageError) {
        process.stderr.write(`error: ${visible(err.message)}\n(see --help)\n`);
        process.exitCode = 2;
      } else if (programming || process.env.INTERSPIN_DEBUG) {
        process.stderr.write(`${err.stack ?? err.message}\n`);
        process.exitCode = 1;
      } else {
        process.stderr.write(`error: ${visible(err.message)}\n`);
        process.exitCode = 1;
      }
    });
}

/** The exit codes every command shares, for the end of its `--help`. */
export const EXIT_CODES_HELP =
  "Exit codes: 0 done; 1 failed (see the message); 2 wrong usage; 128 + n stopped by\nsignal n (130 by Ctrl-C).\n";

/**
 * Refuses an output file that exists, unless `force`: a command overwrites only what its user
 * asked it to.
 * @throws {CliUsageError} naming the file, and what to give instead.
 * @example refuseExisting("/tmp/new.json", false) // => "/tmp/new.json" is free: nothing thrown
 */
export function refuseExisting(out: string, force: boolean): void {
  const shown = relative(process.cwd(), out) || out;
  if (existsSync(out) && statSync(out).isDirectory())
    throw new CliUsageError(`--out ${shown} is a folder; give a file name`);
  if (existsSync(out) && !force)
    throw new CliUsageError(`${shown} exists and is left as it is: give another --out, or --force to overwrite it`);
}
