/**
 * Fault injection for the atomic-output tests, loaded with `node --import <this file>` before the
 * report command: the process kills itself with SIGKILL just before its Nth change of an entry
 * directly in the output folder or in its control folder `.interspin/` (renames, links made or
 * removed, folders removed: the publish step, not the files written into a staging folder), so a
 * test can interrupt a run at an exact point between two steps of the switch. Settings come from
 * the environment:
 *   INTERSPIN_KILL_OUT       the output folder (absolute)
 *   INTERSPIN_KILL_AT_RENAME N (1 = before the first such change)
 */
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { dirname, join, resolve } from "node:path";

const out = process.env.INTERSPIN_KILL_OUT ? resolve(process.env.INTERSPIN_KILL_OUT) : "";
const at = Number(process.env.INTERSPIN_KILL_AT_RENAME ?? "0");
let count = 0;

/** Counts a change of `target` and dies before the Nth one. */
function step(target: fs.PathLike): void {
  const where = dirname(resolve(String(target)));
  if (out && (where === out || where === join(out, ".interspin")) && ++count === at)
    process.kill(process.pid, "SIGKILL");
}

const original = {
  renameSync: fs.renameSync,
  symlinkSync: fs.symlinkSync,
  unlinkSync: fs.unlinkSync,
  rmSync: fs.rmSync,
  rmdirSync: fs.rmdirSync,
};
fs.renameSync = (from, to) => {
  step(to);
  original.renameSync(from, to);
};
fs.symlinkSync = (target, path, type) => {
  step(path);
  original.symlinkSync(target, path, type);
};
fs.unlinkSync = (path) => {
  step(path);
  original.unlinkSync(path);
};
fs.rmSync = (path, options) => {
  step(path);
  original.rmSync(path, options);
};
fs.rmdirSync = (path, options) => {
  step(path);
  original.rmdirSync(path, options);
};
// ES modules that import { renameSync } from "node:fs" see the patched functions too.
syncBuiltinESMExports();
