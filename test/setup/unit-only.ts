/**
 * Setup of `npm run test:unit` (`.mocharc.unit.json`): the quick loop runs no kernel, no browser,
 * no Jupyter and no report command. Every way of starting a process is wrapped so that a test
 * starting one of them fails with a message naming the command and what to do, instead of
 * quietly making the quick loop slow: a test file that needs a real client belongs in
 * `.mocharc.unit.json`'s `ignore` list (it still runs in `npm test`).
 */
import childProcess from "node:child_process";
import { syncBuiltinESMExports } from "node:module";
import { clientRefusal } from "../helpers/client-command.js";

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
