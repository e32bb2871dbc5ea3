/**
 * Runs a command of the project after bringing its compiled JavaScript up to date: `tsc -b`
 * first (a child process, stopped with this one), then the command's module inside this same
 * process. `npm run <script>` then has one process that gets the signals npm forwards (SIGINT,
 * SIGTERM), and no shell chain (`npm run build && node …`) whose shell would die and leave the
 * command running. npm does not forward SIGHUP and dies of it: this process then notices that
 * its parent is gone and sends itself SIGHUP, so a closed terminal stops the run too.
 *
 * Usage (package.json): `exec node scripts/run-built.mjs dist/src/cli/report.js [args...]`
 */
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write("usage: node scripts/run-built.mjs <compiled module> [args...]\n");
  process.exit(2);
}

// Follow the parent (npm): when it is gone, stop as a closed terminal would.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, "SIGHUP");
}, 200).unref();

const STOP = ["SIGINT", "SIGTERM", "SIGHUP"];
const tsc = spawn(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-b"], { cwd: root, stdio: "inherit" });
const stopBuild = (sig) => {
  tsc.kill("SIGKILL");
  process.exit(128 + constants.signals[sig]);
};
for (const sig of STOP) process.on(sig, stopBuild);
const code = await new Promise((done) => tsc.once("exit", (c, sig) => done(sig ? 128 + constants.signals[sig] : c)));
for (const sig of STOP) process.off(sig, stopBuild);
if (code !== 0) process.exit(code ?? 1);

const file = resolve(root, entry);
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
