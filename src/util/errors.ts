/**
 * The base of the project's errors that people can act on (a file, row, column, value and what
 * was expected; a wrong option): the commands show such an error as one line, without a stack
 * trace, and exit with code 1 (2 for a usage error).
 */

/** An error whose message alone tells a person what is wrong and what to do. */
export class InterspinError extends Error {
  override name = "InterspinError";
}

/** A wrong option or value on the command line (exit code 2). */
export class CliUsageError extends InterspinError {
  override name = "CliUsageError";
}
