/**
 * The shared frame of every command: `--help`, one clear line for user errors, exit codes
 * (0 done, 1 failed, 2 usage), no stack traces for problems people can fix.
 */

/**
 * Writes control characters (except line breaks and tabs) and bidirectional overrides as \\u
 * escapes, so that text from a data file cannot move the cursor, retitle or clear the terminal.
 * @example visible("a\u001b[2Jb") // => "a\\u001b[2Jb"
 */
export function visible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A wrong option or value on the command line (exit code 2). */
export class CliUsageError extends Error {
  override name = "CliUsageError";
}

/**
 * Runs a command's body with the process arguments, printing `help` for `--help`/`-h`.
 * Errors whose class name ends in "Error" and is not a programming error are shown as one line.
 * @param help - the usage text.
 * @param body - receives the arguments after the script name; may be async.
 */
export function runCli(help: string, body: (args: string[]) => void | Promise<void>): void {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(help);
    return;
  }
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
