/**
 * Runs a command of the project after bringing its compiled JavaScript up to date: `tsc -b`
 * first (a child process, stopped with this one), then the command's module inside this same
 * process. `npm run <script>` then has one process that gets the signals npm forwards (SIGINT,
 * SIGTERM), and no shell chain (`npm run build && node …`) whose shell would die and leave the
 * command running. npm does not forward SIGHUP and dies of it: this process then notices that
 * its parent is gone and sends itself SIGHUP, so a closed terminal stops the run too.
 *
 * `tsc -b` is skipped only when the content of everything it reads (the sources, its
 * configuration, package.json, package-lock.json and npm's record of the installed packages,
 * `node_modules/.package-lock.json`) has the SHA-256 recorded after the last build that ended
 * without errors (`dist/.build-inputs.json`), and that build left no pending work. Timestamps
 * decide nothing: a file copied with an old modification time (`cp -p`, `tar x`, `rsync -a`,
 * `unzip`) or a clock set back still rebuilds. Since `tsc -b` itself compares timestamps, a
 * changed file that is not newer than its build info makes it `tsc -b --force` (a full build).
 * A build that failed runs `tsc -b` again, so its errors are shown again.
 *
 * Usage (package.json): `exec node scripts/run-built.mjs dist/src/cli/report.js [args...]`, or
 * `node scripts/run-built.mjs --build` to build (when needed) and stop.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { constants } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write("usage: node scripts/run-built.mjs <compiled module> [args...] | --build\n");
  process.exit(2);
}
// `--build` (npm run build): only bring the build up to date and record its inputs.
const buildOnly = entry === "--build";

// Follow the parent (npm): when it is gone, stop as a closed terminal would.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, "SIGHUP");
}, 200).unref();

// What tsc -b reads (tsconfig.json's include, its own configuration, the installed versions).
const INPUTS = [
  "src",
  "test",
  "bench",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
  "node_modules/.package-lock.json",
];
const INFO = join(root, "dist", ".tsbuildinfo");
const RECORD = join(root, "dist", ".build-inputs.json");

// Build info keys that TypeScript (5.x) writes only when a file has errors or output is owed.
const UNFINISHED =
  /"(semanticDiagnosticsPerFile|emitDiagnosticsPerFile|affectedFilesPendingEmit|changeFileSet|pendingEmit|errors)"/;

/** Every input file (relative path) with the SHA-256 of its content, sorted. */
function inputHashes() {
  const files = {};
  const add = (rel) => {
    const p = join(root, rel);
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const name of readdirSync(p).sort()) add(`${rel}/${name}`);
    else if (st.isFile()) files[rel] = createHash("sha256").update(readFileSync(p)).digest("hex");
  };
  for (const rel of INPUTS) add(rel);
  return files;
}

/** The recorded input hashes of the last good build, or undefined. */
function recorded() {
  try {
    if (UNFINISHED.test(readFileSync(INFO, "utf8"))) return undefined;
    return JSON.parse(readFileSync(RECORD, "utf8")).files;
  } catch {
    return undefined;
  }
}

/** How to build, or null when the compiled output is that of exactly these inputs. */
function buildNeeded(now) {
  const last = recorded();
  if (!last || (!buildOnly && !existsSync(resolve(root, entry)))) return ["-b"];
  const names = new Set([...Object.keys(now), ...Object.keys(last)]);
  const changed = [...names].filter((f) => now[f] !== last[f]);
  if (!changed.length) return null;
  // tsc -b compares timestamps: a changed file not newer than its build info would be skipped.
  let since = Number.POSITIVE_INFINITY;
  try {
    since = statSync(INFO).mtimeMs;
  } catch {}
  const hidden = changed.some((f) => {
    try {
      return statSync(join(root, f)).mtimeMs <= since;
    } catch {
      return true; // removed
    }
  });
  return hidden ? ["-b", "--force"] : ["-b"];
}

const inputs = inputHashes();
const how = buildNeeded(inputs);
if (how) await build(how, inputs);
if (buildOnly) process.exit(0);

async function build(how, inputs) {
  const STOP = ["SIGINT", "SIGTERM", "SIGHUP"];
  const tsc = spawn(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), ...how], {
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
  // The inputs as they were when the build began: a file changed during it is built next time.
  mkdirSync(dirname(RECORD), { recursive: true });
  const tmp = `${RECORD}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ files: inputs }, null, 1)}\n`);
  renameSync(tmp, RECORD);
}

const file = resolve(root, entry);
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
