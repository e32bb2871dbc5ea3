/**
 * Runs a command of the project after bringing its compiled JavaScript up to date: `tsc -b`
 * first (a child process, stopped with this one), then the command's module inside this same
 * process. `npm run <script>` then has one process that gets the signals npm forwards (SIGINT,
 * SIGTERM), and no shell chain (`npm run build && node …`) whose shell would die and leave the
 * command running. npm does not forward SIGHUP and dies of it: this process then notices that
 * its parent is gone and sends itself SIGHUP, so a closed terminal stops the run too.
 *
 * `tsc -b` is skipped when nothing it reads is newer than its build info (dist/.tsbuildinfo,
 * which every `tsc -b` touches) and that build info records no errors and no pending work:
 * the same timestamp comparison `tsc -b` makes, without the 0.3 s of loading the compiler to
 * make it. A build that failed still runs `tsc -b` again, so its errors are shown again.
 *
 * Usage (package.json): `exec node scripts/run-built.mjs dist/src/cli/report.js [args...]`
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
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

// What tsc -b reads (tsconfig.json's include, its own configuration, the installed versions),
// files and folders: a folder's time changes when a file in it is added, removed or renamed.
const INPUTS = ["src", "test", "bench", "tsconfig.json", "package.json", "package-lock.json"];

// Build info keys that TypeScript (5.x) writes only when a file has errors or output is owed.
const UNFINISHED =
  /"(semanticDiagnosticsPerFile|emitDiagnosticsPerFile|affectedFilesPendingEmit|changeFileSet|pendingEmit|errors)"/;

/** Whether the compiled output is at least as new as everything it is built from, and that build had no errors. */
function built() {
  const info = join(root, "dist", ".tsbuildinfo");
  let since;
  try {
    since = statSync(info).mtimeMs;
    if (UNFINISHED.test(readFileSync(info, "utf8"))) return false;
  } catch {
    return false;
  }
  const newer = (p) => {
    const s = statSync(p);
    return s.mtimeMs > since || (s.isDirectory() && readdirSync(p).some((name) => newer(join(p, name))));
  };
  return existsSync(resolve(root, entry)) && !INPUTS.some((p) => existsSync(join(root, p)) && newer(join(root, p)));
}

if (!built()) await build();

async function build() {
  const STOP = ["SIGINT", "SIGTERM", "SIGHUP"];
  const tsc = spawn(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-b"], {
    cwd: root,
    stdio: "inherit",
  });
  const stopBuild = (sig) => {
    tsc.kill("SIGKILL");
    process.exit(128 + constants.signals[sig]);
  };
  for (const sig of STOP) process.on(sig, stopBuild);
  const code = await new Promise((done) => tsc.once("exit", (c, sig) => done(sig ? 128 + constants.signals[sig] : c)));
  for (const sig of STOP) process.off(sig, stopBuild);
  if (code !== 0) process.exit(code ?? 1);
}

const file = resolve(root, entry);
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
