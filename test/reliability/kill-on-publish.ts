/**
 * Fault injection for the atomic-output tests, loaded with `node --import <this file>` before the
 * report command: the process kills itself with SIGKILL just before its Nth rename whose target
 * lies directly in the output folder or beside it (the publish step, whether it moves products
 * one by one or swaps whole folders), so a test can interrupt a run at an exact point between
 * two renames. Settings come from the environment:
 *   INTERSPIN_KILL_OUT       the output folder (absolute)
 *   INTERSPIN_KILL_AT_RENAME N (1 = before the first such rename)
 */
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { dirname, resolve } from "node:path";

const out = process.env.INTERSPIN_KILL_OUT ? resolve(process.env.INTERSPIN_KILL_OUT) : "";
const at = Number(process.env.INTERSPIN_KILL_AT_RENAME ?? "0");
let count = 0;
const renameSync = fs.renameSync;

fs.renameSync = function killingRename(from: fs.PathLike, to: fs.PathLike): void {
  const where = dirname(resolve(String(to)));
  if (out && (where === out || where === dirname(out)) && ++count === at) process.kill(process.pid, "SIGKILL");
  renameSync(from, to);
};
// ES modules that import { renameSync } from "node:fs" see the patched function too.
syncBuiltinESMExports();
