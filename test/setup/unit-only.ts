/**
 * Setup of `npm run test:unit` (`.mocharc.unit.json`): the quick loop runs no kernel, no browser,
 * no Jupyter and no report command. Every way of starting a process is wrapped so that a test
 * starting one of them fails with a message naming the command and what to do, instead of
 * quietly making the quick loop slow: a test file that needs a real client belongs in
 * `.mocharc.unit.json`'s `ignore` list (it still runs in `npm test`).
 */
import childProcess from "node:child_process";
import { syncBuiltinESMExports } from "node:module";

/** Commands that start a kernel, a browser, Jupyter, or a command of the project that may start them. */
export const CLIENT_COMMAND = /tslab|chrom|jupyter|nbconvert|[\\/]dist[\\/]src[\\/]cli[\\/]|(^|[\\/\s])npm(\s|$)/;

/**
 * The error a unit test meets when it starts a client, or undefined for any other command.
 * @example clientRefusal("node", ["dist/src/cli/report.js"])?.message.startsWith("npm run test:unit") // => true
 */
export function clientRefusal(command: unknown, args: unknown): Error | undefined {
  const line = [command, ...(Array.isArray(args) ? args : [])].map(String).join(" ");
  if (!CLIENT_COMMAND.test(line)) return undefined;
  return new Error(
    `npm run test:unit starts no kernel, browser, Jupyter or report, but a test ran: ${line.slice(0, 160)} — ` +
      "add its file to the ignore list of .mocharc.unit.json (npm test still runs it)",
  );
}

const starters = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const;
const cp = childProcess as unknown as Record<(typeof starters)[number], (...a: unknown[]) => unknown>;
for (const name of starters) {
  const start = cp[name];
  cp[name] = function (this: unknown, command: unknown, args?: unknown, ...rest: unknown[]) {
    const refusal = clientRefusal(name === "fork" ? `node ${String(command)}` : command, args);
    if (refusal) throw refusal;
    return start.call(this, command, args, ...rest);
  };
}
// Named imports (`import { spawn } from "node:child_process"`) see the wrapped functions too.
syncBuiltinESMExports();
