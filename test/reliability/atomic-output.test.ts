import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { tmpdir } from "node:os";
import { TEMP_PREFIXES } from "../../src/node/stale-temp.js";
import { paths } from "../../src/paths.js";
import {
  exceptFailedRun,
  FAILED_RUN,
  leftoverProcesses,
  MARKER,
  newMarker,
  processesWithMarker,
  projectNotebookFolder,
  reportCli,
  runReport,
  tempFolder,
  treeDigest,
  startProcess,
  treeHashes,
  USER_NOTE,
  writePreviousOutput,
  writeTinyNotebook,
} from "./helpers.js";

const digestOf = (entries: [string, string][]): string =>
  createHash("sha256").update(JSON.stringify(entries)).digest("hex");
const killOnPublish = pathToFileURL(join(paths.root, "dist", "test", "reliability", "kill-on-publish.js")).href;

/** Starts the report command. */
const startReport = (args: string[], env: Record<string, string>): ReturnType<typeof startProcess> =>
  startProcess(process.execPath, [reportCli, ...args], env);

async function until(what: string, test: () => boolean, ms = 60_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (test()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("atomic outputs: a failed, timed-out or interrupted run leaves the previous output", function () {
  this.timeout(180_000);
  let notebooks: string;
  let out: string;
  let previous: string;
  let previousVisible: string;
  let marker: string;
  before(() => {
    notebooks = projectNotebookFolder();
    writeTinyNotebook(notebooks, "01-fails", ['console.log("start");', 'throw new Error("broken on purpose");']);
    writeTinyNotebook(notebooks, "02-hangs", ['console.log("start");', "for (;;) {}"]);
    writeTinyNotebook(notebooks, "03-slow", [
      'console.log("start");',
      "const end = Date.now() + 15000; while (Date.now() < end) {}",
    ]);
    writeTinyNotebook(notebooks, "04-quick", ['console.log("quick");']);
  });
  beforeEach(() => {
    out = join(tempFolder("interspin-atomic-"), "output");
    previous = writePreviousOutput(out);
    previousVisible = treeDigest(out);
    marker = newMarker();
  });
  afterEach(async () => {
    // Whatever happened, no kernel or browser of this test may outlive it.
    assert.deepEqual(await leftoverProcesses(marker), [], "processes started by the run are still alive");
  });

  it("a failing cell: exit 1, one line naming notebook, cell and error, output folder byte-identical, no kernel left", async () => {
    const r = await runReport(["--out", out, "--no-static", "--force", "--notebooks", notebooks, "--chapters", "01"], {
      env: { [MARKER]: marker },
    });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^error: notebook 01-fails failed at cell 4 \(counting all cells\): Error: broken on purpose$/m,
    );
    assert.match(
      r.stderr,
      /^\[01-fails\] FAILED at cell 4\/4 after/m,
      "progress names the same cell, of the stored notebook's 4",
    );
    assert.doesNotMatch(r.stderr, /^\s+at /m, "no stack trace");
    assert.equal(treeDigest(out, { hidden: true, skip: exceptFailedRun }), previous, "the output folder changed");
    assert.match(r.stderr, new RegExp(`the executed notebooks of this run are in \\S*${FAILED_RUN}/notebooks/$`, "m"));
    assert.ok(
      existsSync(join(out, FAILED_RUN, "notebooks", "01-fails.ipynb")),
      "the failed run's notebook is kept for a look",
    );
    assert.deepEqual(processesWithMarker(marker), [], "a kernel outlived the run");
  });

  it("a hung cell is stopped at --timeout with a clear message; exit 1, output unchanged, no kernel left", async () => {
    const started = Date.now();
    const r = await runReport(
      ["--out", out, "--no-static", "--force", "--notebooks", notebooks, "--chapters", "02", "--timeout", "3"],
      { env: { [MARKER]: marker } },
    );
    assert.ok(Date.now() - started < 60_000);
    assert.equal(r.code, 1);
    // one numbering in every message: the stored notebook's (markdown, parameters, two code cells)
    assert.match(
      r.stderr,
      /^error: notebook 02-hangs failed at cell 4 \(counting all cells\): CellTimeoutError: cell 4 did not finish within 3 s \(raise the limit with --timeout SECONDS\)$/m,
    );
    assert.match(r.stderr, /^\[02-hangs\] FAILED at cell 4\/4 after/m);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
    assert.equal(treeDigest(out, { hidden: true, skip: exceptFailedRun }), previous);
    assert.deepEqual(processesWithMarker(marker), [], "a kernel outlived the run");
  });

  it("killed (SIGKILL) while notebooks run: every product is the previous one, and the kernels end by themselves", async () => {
    const run = startReport(["--out", out, "--no-static", "--force", "--notebooks", notebooks, "--chapters", "03"], {
      [MARKER]: marker,
    });
    await until("a kernel to start", () => processesWithMarker(marker).length > 1);
    await new Promise((r) => setTimeout(r, 1500));
    process.kill(run.pid, "SIGKILL");
    assert.equal((await run.done).signal, "SIGKILL");
    assert.equal(treeDigest(out), previousVisible, "a product in the output folder changed");
    // a kernel still booting when the runner dies arms its orphan guard only after tslab has
    // started, which takes several seconds on a loaded 2-core machine
    assert.deepEqual(await leftoverProcesses(marker, 20_000), [], "a kernel outlived the killed run");
    // The next run removes what the killed one could not: its lock, staging folder and temporary files.
    const next = await runReport(["--out", out, "--no-static", "--notebooks", notebooks, "--chapters", "04"], {
      env: { [MARKER]: marker },
    });
    assert.equal(next.code, 0, next.stderr);
    assert.deepEqual(
      readdirSync(tmpdir()).filter((n) => TEMP_PREFIXES.some((p) => n.startsWith(`${p}${run.pid}-`))),
      [],
      "temporary files of the killed run",
    );
    assert.deepEqual(
      readdirSync(join(out, ".interspin")).filter((n) => /^(lock|staging-)/.test(n)),
      [],
    );
  });

  it("interrupted with Ctrl-C (SIGINT) while notebooks run: every product is the previous one, kernels stopped at once", async () => {
    const run = startReport(["--out", out, "--no-static", "--force", "--notebooks", notebooks, "--chapters", "03"], {
      [MARKER]: marker,
    });
    await until("a kernel to start", () => processesWithMarker(marker).length > 1);
    await new Promise((r) => setTimeout(r, 1500));
    process.kill(run.pid, "SIGINT");
    const ended = await run.done;
    assert.ok(ended.signal === "SIGINT" || ended.code === 130, `ended by ${ended.signal ?? ended.code}`);
    assert.equal(treeDigest(out), previousVisible, "a product in the output folder changed");
    assert.deepEqual(await leftoverProcesses(marker, 1000), [], "a kernel outlived the interrupted run");
  });

  it("a failing notebook after a LimeSurvey import: output folder byte-identical", async () => {
    const r = await runReport(
      [
        "--out",
        out,
        "--no-static",
        "--force",
        "--notebooks",
        notebooks,
        "--chapters",
        "01",
        "--limesurvey",
        "test/fixtures/limesurvey/export.csv",
        "--mapping",
        "test/fixtures/limesurvey/mapping.json",
      ],
      { env: { [MARKER]: marker } },
    );
    assert.equal(r.code, 1);
    assert.equal(treeDigest(out, { hidden: true, skip: exceptFailedRun }), previous, "the output folder changed");
  });
});

/** What .interspin/ holds beside the marker, the link `current` and the version it names (what a killed run may leave). */
/** What .interspin/ holds beyond the marker, the current version, its link and the version before it (kept for readers until the next run starts). */
function leftovers(out: string): string[] {
  const control = join(out, ".interspin");
  if (!existsSync(control)) return [];
  const current = existsSync(join(control, "current")) ? readlinkSync(join(control, "current")) : "";
  const previous = current ? `v${Number(current.slice(1)) - 1}` : "";
  return readdirSync(control)
    .filter((n) => !["output-folder.json", "current", current, previous].includes(n))
    .sort();
}

describe("atomic outputs: the publish step", function () {
  this.timeout(240_000);
  let notebooks: string;
  let marker: string;
  let reference: { previous: string; complete: string };
  let products: { previous: Map<string, string>; complete: Map<string, string> };
  /** Digest of the report's products in `out` (files that are not products left out; a missing folder counts as empty). */
  const productDigest = (out: string): string => digestOf([...treeHashes(out)].filter(([f]) => f !== USER_NOTE));
  /** Each product (top-level file or folder of `out`) with a digest of its files. */
  const productsOf = (out: string): Map<string, string> => {
    const byTop = new Map<string, [string, string][]>();
    for (const [f, h] of treeHashes(out))
      if (f !== USER_NOTE) byTop.set(f.split("/")[0]!, [...(byTop.get(f.split("/")[0]!) ?? []), [f, h]]);
    return new Map([...byTop].map(([top, files]) => [top, digestOf(files)]));
  };
  /** Which products are old, new or missing, e.g. "figures new, notebooks old, site missing". */
  const describe = (out: string): string => {
    const now = productsOf(out);
    const names = [...new Set([...products.previous.keys(), ...products.complete.keys(), ...now.keys()])].sort();
    return names
      .map(
        (n) =>
          `${n} ${!now.has(n) ? "missing" : now.get(n) === products.complete.get(n) ? "new" : now.get(n) === products.previous.get(n) ? "old" : "other"}`,
      )
      .join(", ");
  };
  const args = (out: string): string[] => ["--out", out, "--no-static", "--force", "--notebooks", notebooks];
  /** The runs that test the publish step take the notebook's execution from the first run's cache (no --force). */
  const publishArgs = (out: string): string[] => ["--out", out, "--no-static", "--notebooks", notebooks];
  let executed: string;

  /** A fresh output folder holding the previous output (and, once the first run is done, its execution cache). */
  function previousOutput(): string {
    const out = join(tempFolder("interspin-publish-"), "output");
    writePreviousOutput(out);
    if (executed) cpSync(join(executed, ".cache"), join(out, ".cache"), { recursive: true });
    return out;
  }

  before(async () => {
    notebooks = projectNotebookFolder();
    writeTinyNotebook(notebooks, "01-quick", ['console.log("quick");']);
    marker = newMarker();
    const out = previousOutput();
    const previousDigest = productDigest(out);
    const previousProducts = productsOf(out);
    const r = await runReport(args(out), { env: { [MARKER]: marker } });
    assert.equal(r.code, 0, r.stderr);
    executed = out;
    reference = { previous: previousDigest, complete: productDigest(out) };
    products = { previous: previousProducts, complete: productsOf(out) };
    assert.notEqual(reference.complete, reference.previous);
  });

  it("replaces the previous output by the complete new one and leaves nothing else behind", async () => {
    const out = previousOutput();
    const r = await runReport(publishArgs(out), { env: { [MARKER]: marker } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(productDigest(out), reference.complete);
    assert.deepEqual(
      leftovers(out),
      [],
      "only the marker, the current and the previous version and the link stay in .interspin/",
    );
    assert.equal(readlinkSync(join(out, ".interspin", "current")), "v2");
    assert.deepEqual(readdirSync(dirname(out)), ["output"], "nothing beside the output folder");
    assert.ok(existsSync(join(out, USER_NOTE)), "files that are not products stay");
  });

  it("killed between any two steps of the publish step: the previous output or the complete new one, never a mix or none", async () => {
    const mixes: string[] = [];
    let at = 1;
    for (; at <= 20; at++) {
      const out = previousOutput();
      const r = await runReport(publishArgs(out), {
        nodeArgs: ["--import", killOnPublish],
        env: { [MARKER]: marker, INTERSPIN_KILL_OUT: out, INTERSPIN_KILL_AT_RENAME: String(at) },
      });
      const now = productDigest(out);
      if (r.signal !== "SIGKILL") {
        assert.equal(r.code, 0, r.stderr);
        assert.equal(now, reference.complete, "a run that was not killed publishes the complete output");
        break;
      }
      if (![reference.previous, reference.complete].includes(now))
        mixes.push(`killed before step ${at}: ${describe(out)}`);
    }
    assert.ok(at > 2, "the publish step was interrupted at least once");
    assert.deepEqual(mixes, []);
  });

  it("a later run clears what a killed run left behind in the output folder", async () => {
    const out = previousOutput();
    const killed = await runReport(publishArgs(out), {
      nodeArgs: ["--import", killOnPublish],
      env: { [MARKER]: marker, INTERSPIN_KILL_OUT: out, INTERSPIN_KILL_AT_RENAME: "2" },
    });
    assert.equal(killed.signal, "SIGKILL");
    const left = (): string[] => [...leftovers(out), ...readdirSync(dirname(out)).filter((n) => n !== "output")];
    assert.ok(left().length > 0, "the killed run left something");
    const r = await runReport(publishArgs(out), { env: { [MARKER]: marker } });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(left(), []);
    assert.equal(productDigest(out), reference.complete);
  });

  after(async () => {
    assert.deepEqual(await leftoverProcesses(marker), [], "processes started by the runs are still alive");
  });
});
