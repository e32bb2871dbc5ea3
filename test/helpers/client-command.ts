/**
 * Which commands `npm run test:unit` refuses to start (`test/setup/unit-only.ts`): a kernel, a
 * browser, Jupyter, or a command of the project that may start them. Kept apart from the setup,
 * which wraps child_process when it is loaded.
 */

/** Commands that start a kernel, a browser, Jupyter, or a command of the project that may start them. */
export const CLIENT_COMMAND = /tslab|chrom|jupyter|nbconvert|(^|[\\/\s])dist[\\/]src[\\/]cli[\\/]|(^|[\\/\s])npm(\s|$)/;

/** The project's commands that start none of them (they read and write files only). */
export const FILE_ONLY_COMMAND = /(^|[\\/\s])dist[\\/]src[\\/]cli[\\/]mapping-init\.js(\s|$)/;

/**
 * The error a unit test meets when it starts a client, or undefined for any other command.
 * @example clientRefusal("node", ["dist/src/cli/report.js"])?.message.startsWith("npm run test:unit") // => true
 * @example clientRefusal("node", ["dist/src/cli/mapping-init.js", "--help"]) // => undefined
 */
export function clientRefusal(command: unknown, args: unknown): Error | undefined {
  const line = [command, ...(Array.isArray(args) ? args : [])].map(String).join(" ");
  if (!CLIENT_COMMAND.test(line.replace(FILE_ONLY_COMMAND, " "))) return undefined;
  return new Error(
    `npm run test:unit starts no kernel, browser, Jupyter or report, but a test ran: ${line.slice(0, 160)} — ` +
      "add its file to the ignore list of .mocharc.unit.json (npm test still runs it)",
  );
}
