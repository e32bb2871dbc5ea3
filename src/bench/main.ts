/**
 * `npm run bench`: measures what people wait for (the whole report cold and warm, each notebook
 * through the runner and through nbconvert, kernel and cell costs, figure aggregations on up to
 * 10^6 synthetic respondents, static exports, a kernel's start and first figure), prints each
 * measurement next to its target and the machine's load average, and writes everything to
 * `output/bench.json` (sorted keys). A benchmark, not a test: it never fails
 * on a missed target; it says which ones were missed.
 */
import { cpus, loadavg, totalmem, tmpdir } from "node:os";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { paths, resolveUserPath } from "../paths.js";
import { EXIT_CODES_HELP, refuseExisting } from "../cli/run-cli.js";
import { installFileSource } from "../node/file-source.js";
import { writeFileAtomic } from "../node/atomic-write.js";
import { markOutputFolder } from "../output/output-folder.js";
import { stableJson } from "../util/stable-json.js";
import { benchReport, type ReportBench } from "./report-bench.js";
import {
  benchBatch,
  benchCells,
  benchExecutors,
  benchKernel,
  chapterNotebookFiles,
  type BatchTiming,
  type CellTimes,
  type KernelCosts,
  type NotebookTiming,
} from "./notebooks-bench.js";
import { benchAggregations, DEFAULT_SIZES, type AggregateBench } from "./aggregate-bench.js";
import { benchExport, type ExportBench } from "./export-bench.js";
import { benchTests, type TestsBench } from "./tests-bench.js";
import { benchStartup, TRIVIAL_NOTEBOOK, type Sample, type StartupBench } from "./startup-bench.js";
import { benchJupyter, type JupyterBench, TRIVIAL_CELLS } from "./jupyter-bench.js";
import { show, target, targetTable, textTable, type TargetResult } from "./targets.js";
import { benchLive, LIVE_PAGE, type LiveBench } from "./live-bench.js";
import { benchScale, type ScaleBench } from "./scale-bench.js";

installFileSource();

const SECTIONS = [
  "report",
  "executors",
  "kernel",
  "aggregation",
  "export",
  "startup",
  "jupyter",
  "live",
  "scale",
  "tests",
] as const;
/** What runs without --only: everything but the test suite, which takes longer than the rest together. */
const DEFAULT_SECTIONS: readonly Section[] = SECTIONS.filter((s) => s !== "tests");
type Section = (typeof SECTIONS)[number];

const HELP = `Usage: npm run bench -- [--only LIST] [--sizes LIST] [--repeat N] [--deno PATH] [--out FILE [--force]]

  --only LIST    sections to run, comma-separated (default: all but tests):
                   report       npm run report, cold and warm, both book languages and one (minutes)
                   executors    each notebook through run-notebooks and nbconvert (minutes)
                   kernel       kernel start, first cell, every cell of every chapter (minutes)
                   aggregation  figure aggregations on synthetic respondents
                   export       static figure exports through Chromium
                   startup      loading the compiler, kernel start, ${TRIVIAL_NOTEBOOK} through the
                                runner warm and cold, fresh kernel to first figure (minutes)
                   jupyter      a kernel Jupyter starts with our kernelspec: to idle and to its
                                first figure; a ${TRIVIAL_CELLS.length}-cell notebook under nbconvert --execute
                                with our kernelspec, tslab's, and Deno's kernel (with --deno)
                   live         the live book in headless Chromium: script size, ${LIVE_PAGE}
                                interactive, Run all, one figure cell; the kernel beside it
                   scale        the whole report on 10^5 synthetic respondents with their
                                study facts beside the data: time and peak memory (minutes)
                   tests        npm test and npm run test:unit in a fresh clone, wall and CPU
                                time, the ten slowest test files (minutes)
  --sizes LIST   respondents for the aggregation benchmark (default: ${DEFAULT_SIZES.join(",")})
  --repeat N     repetitions of each aggregation size, report run and start-up measurement,
                 median reported (default 3)
  --deno PATH    the Deno binary for the jupyter section (npm install --prefix DIR deno:
                 DIR/node_modules/deno/deno); default: deno on PATH, else Deno is left out
  --out FILE     where the results go (default output/bench.json); an existing file is
                 not overwritten
  --force        overwrite --out if it exists

${EXIT_CODES_HELP}`;

/** Everything measured; absent sections were not run. */
export interface BenchResults {
  /** Load averages (1, 5, 15 min) at the start and end: other work on the machine skews every time. */
  machine: {
    cpus: number;
    memoryGB: number;
    node: string;
    platform: string;
    loadStart: number[];
    loadEnd?: number[];
    sectionLoad: Partial<Record<Section, number>>;
  };
  report?: ReportBench;
  /** speedup: nbconvert with this project's kernelspec ÷ runner; speedupStock: with the kernelspec `tslab install` writes. */
  executors?: {
    notebooks: NotebookTiming[];
    runnerMs: number;
    nbconvertMs: number | null;
    nbconvertStockMs: number | null;
    speedup: number | null;
    speedupStock: number | null;
    batch: BatchTiming;
  };
  kernel?: KernelCosts & { chapters: CellTimes[] };
  aggregation?: AggregateBench;
  export?: ExportBench;
  startup?: StartupBench;
  jupyter?: JupyterBench;
  live?: LiveBench;
  scale?: ScaleBench;
  tests?: TestsBench;
  targets: Record<string, TargetResult>;
}

const load = (): number[] => loadavg().map((x) => Math.round(x * 100) / 100);

function say(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

/** The absolute path of a command found on PATH, or undefined. */
function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const file = join(dir, command);
    if (dir && existsSync(file)) return file;
  }
  return undefined;
}

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      only: { type: "string" },
      sizes: { type: "string" },
      repeat: { type: "string" },
      deno: { type: "string" },
      out: { type: "string" },
      force: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const only = values.only ? values.only.split(",").map((s) => s.trim()) : [...DEFAULT_SECTIONS];
  const unknown = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`unknown section ${unknown.join(", ")}; sections: ${SECTIONS.join(", ")}`);
  const sizes = values.sizes ? values.sizes.split(",").map(Number) : DEFAULT_SIZES;
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`--sizes must be whole numbers ≥ 1, got "${values.sizes}"`);
  const repeat = values.repeat ? Number(values.repeat) : 3;
  if (!Number.isInteger(repeat) || repeat < 1)
    throw new Error(`--repeat must be a whole number ≥ 1, got "${values.repeat}"`);
  if (values.out !== undefined && !values.help) refuseExisting(resolveUserPath(values.out), !!values.force);
  return {
    help: !!values.help,
    only: new Set(only as Section[]),
    sizes,
    repeat,
    deno: values.deno ?? onPath("deno"),
    out: values.out !== undefined ? resolveUserPath(values.out) : join(paths.output, "bench.json"),
  };
}

// nbconvert's time for every notebook in one command ÷ `run-notebooks --jobs 1`'s.
function batchRatio(r: BenchResults, which: "nbconvertMs" | "nbconvertStockMs"): number | null {
  const b = r.executors?.batch;
  return b?.ok && b[which] !== null && b.runnerSequentialMs > 0 ? b[which]! / b.runnerSequentialMs : null;
}

function targets(r: BenchResults): Record<string, TargetResult> {
  const largest = r.aggregation?.sizes.find((s) => s.n === 1_000_000);
  const at = r.machine.sectionLoad;
  const s = r.startup;
  const j = r.jupyter;
  return {
    reportCold: target(
      "full report, cold cache",
      r.report?.cold.exitCode === 0 ? r.report.cold.ms : null,
      "ms",
      "max",
      15_000,
      at.report,
    ),
    reportWarm: target(
      "full report, nothing changed",
      r.report?.warm.exitCode === 0 ? r.report.warm.ms : null,
      "ms",
      "max",
      1_000,
      at.report,
    ),
    runnerSpeedup: target(
      "runner vs nbconvert, our kernelspec (summed)",
      r.executors?.speedup,
      "×",
      "min",
      2,
      at.executors,
    ),
    runnerSpeedupStock: target(
      "runner vs nbconvert, tslab's kernelspec (summed)",
      r.executors?.speedupStock,
      "×",
      "min",
      2,
      at.executors,
    ),
    // One command for all notebooks, one at a time: the runner's one kernel against nbconvert's kernel per notebook.
    batchSpeedup: target(
      "runner vs nbconvert, our kernelspec (all in one command)",
      batchRatio(r, "nbconvertMs"),
      "×",
      "min",
      2,
      at.executors,
    ),
    batchSpeedupStock: target(
      "runner vs nbconvert, tslab's kernelspec (all in one command)",
      batchRatio(r, "nbconvertStockMs"),
      "×",
      "min",
      2,
      at.executors,
    ),
    aggregation1e6: target(
      "all aggregations, 10^6 respondents",
      largest?.aggregateMs,
      "ms",
      "max",
      3_000,
      at.aggregation,
    ),
    memory1e6: target("peak memory, 10^6 respondents", largest?.peakRssMB, "MB", "max", 1_023, at.aggregation),
    growthExponent: target(
      "growth exponent (log-log, 10^4–10^6)",
      r.aggregation?.exponentLarge,
      "",
      "max",
      1.1,
      at.aggregation,
    ),
    notebookToCompiler: target(
      `${TRIVIAL_NOTEBOOK.replace(".ipynb", "")} through the runner ÷ loading the compiler, checks stored (medians)`,
      s?.notebookToCompiler,
      "×",
      "max",
      3,
      s && Math.max(s.compilerLoad.load, s.trivialNotebook.load),
    ),
    coldNotebookToCompiler: target(
      `${TRIVIAL_NOTEBOOK.replace(".ipynb", "")} through the runner ÷ loading the compiler, no checks stored (medians)`,
      s?.coldNotebookToCompiler,
      "×",
      "max",
      6,
      s && Math.max(s.compilerLoad.load, s.trivialNotebookCold.load),
    ),
    jupyterStart: target(
      "kernel started by Jupyter (our kernelspec), start to idle (median)",
      j?.kernelStart?.ok ? j.kernelStart.ms : null,
      "ms",
      "max",
      800,
      j?.kernelStart?.load,
    ),
    jupyterFigure: target(
      "kernel started by Jupyter (our kernelspec), start to first figure (median)",
      j?.firstFigure?.ok ? j.firstFigure.ms : null,
      "ms",
      "max",
      1_500,
      j?.firstFigure?.load,
    ),
    trivialVsDeno: target(
      `${TRIVIAL_CELLS.length}-cell notebook under nbconvert: our kernelspec ÷ Deno's kernel (medians)`,
      j?.trivial.ours?.ok && j.trivial.deno?.ok
        ? Math.round((100 * j.trivial.ours.ms) / j.trivial.deno.ms) / 100
        : null,
      "×",
      "max",
      1,
      j?.trivial.ours && j.trivial.deno ? Math.max(j.trivial.ours.load, j.trivial.deno.load) : undefined,
    ),
    tests: target(
      "npm test (fresh clone)",
      r.tests?.exitCode === 0 ? r.tests.ms : null,
      "ms",
      "max",
      300_000,
      at.tests,
    ),
    testsUnit: target(
      "npm run test:unit (fresh clone)",
      r.tests?.unit.exitCode === 0 ? r.tests.unit.ms : null,
      "ms",
      "max",
      60_000,
      at.tests,
    ),
    liveScript: target(
      "live book: shared script (minified, without plotly.js)",
      r.live?.scriptMB,
      "MB",
      "max",
      3,
      at.live,
    ),
    liveInteractive: target(
      `live book: ${LIVE_PAGE} first cell runnable after load`,
      r.live?.interactiveMs,
      "ms",
      "max",
      1_500,
      at.live,
    ),
    // A reader's first Run all (the scope empty, every figure drawn anew); later ones are in the details.
    liveRunAll: target(
      `live book: Run all of ${LIVE_PAGE} (first)`,
      r.live?.runAllFirstMs,
      "ms",
      "max",
      3_000,
      at.live,
    ),
    liveFigureCell: target("live book: re-running one figure cell", r.live?.figureCellMs, "ms", "max", 150, at.live),
    scaleMemory: target(
      "peak memory of the report, 10^5 respondents",
      r.scale?.exitCode === 0 ? r.scale.reportPeakMB : null,
      "MB",
      "max",
      1_023,
      at.scale,
    ),
  };
}

function details(r: BenchResults): string {
  const parts: string[] = [];
  // Every section's figures with the load average they were taken at.
  const loadLine = (name: Section) => {
    const l = r.machine.sectionLoad[name];
    if (l !== undefined && parts.length) parts[parts.length - 1] += `(load average, 1 min: ${l.toFixed(2)})\n`;
  };
  if (r.startup) {
    const row = (label: string, x: Sample & { cpuMs?: number | null }) => [
      label,
      show(x.ms, "ms") + (x.ok ? "" : " (failed)"),
      x.runs.map((t) => show(t, "ms")).join(", "),
      x.cpuMs === undefined ? "–" : show(x.cpuMs, "ms"),
      x.load.toFixed(2),
    ];
    const s = r.startup;
    parts.push(
      textTable([
        ["start-up", "median", "runs", "CPU (median)", "load"],
        row("node -e \"require('@tslab/typescript-for-tslab')\"", s.compilerLoad),
        row("kernel start (until it answers)", s.kernelStart),
        row(`${TRIVIAL_NOTEBOOK} through run-notebooks, checks stored`, s.trivialNotebook),
        row(`${TRIVIAL_NOTEBOOK} through run-notebooks, no checks stored`, s.trivialNotebookCold),
        row("fresh kernel to first figure", s.firstFigure),
      ]),
    );
  }
  if (r.jupyter) {
    const j = r.jupyter;
    const row = (label: string, x: (Sample & { cpuMs?: number | null }) | null) =>
      x
        ? [
            label,
            show(x.ms, "ms") + (x.ok ? "" : " (failed)"),
            x.runs.map((t) => show(t, "ms")).join(", "),
            x.cpuMs === undefined ? "–" : show(x.cpuMs, "ms"),
            x.load.toFixed(2),
          ]
        : [label, "–", "not measured", "–", "–"];
    parts.push(
      textTable([
        ["Jupyter", "median", "runs", "CPU (median)", "load"],
        row("kernel started by jupyter_client (our kernelspec), to idle", j.kernelStart),
        row("the same, to its first figure", j.firstFigure),
        row(`nbconvert --execute, ${TRIVIAL_CELLS.length} cells, our kernelspec`, j.trivial.ours),
        row(`nbconvert --execute, ${TRIVIAL_CELLS.length} cells, tslab's kernelspec`, j.trivial.stock),
        row(
          `nbconvert --execute, ${TRIVIAL_CELLS.length} cells, Deno (${j.trivial.denoVersion ?? "not found"})`,
          j.trivial.deno,
        ),
      ]),
    );
    loadLine("jupyter");
  }
  if (r.report) {
    const note = (x: { exitCode: number | null; error?: string }) =>
      x.exitCode === 0 ? "ok" : `FAILED (exit ${x.exitCode}): ${x.error?.split("\n").pop() ?? ""}`;
    const line = (label: string, x: ReportBench["cold"]) => [label, show(x.ms, "ms"), show(x.cpuMs, "ms"), note(x)];
    parts.push(
      `${textTable([
        ["npm run report", "time", "CPU", "outcome"],
        line("cold", r.report.cold),
        line("warm", r.report.warm),
        ...(r.report.coldOneLang
          ? [line(`cold, --book-langs ${r.report.coldOneLang.lang}`, r.report.coldOneLang)]
          : []),
      ])}execution cache entries after the runs: ${r.report.cacheEntries}\n`,
    );
    loadLine("report");
  }
  if (r.executors) {
    const ok = (b: boolean | null) => (b === null ? "" : b ? "" : " (failed)");
    parts.push(
      textTable([
        ["notebook", "runner", "nbconvert (our kernelspec)", "nbconvert (tslab's kernelspec)"],
        ...r.executors.notebooks.map((n) => [
          n.name,
          show(n.runnerMs, "ms") + ok(n.runnerOk),
          show(n.nbconvertMs, "ms") + ok(n.nbconvertOk),
          show(n.nbconvertStockMs, "ms") + ok(n.nbconvertStockOk),
        ]),
        [
          "sum",
          show(r.executors.runnerMs, "ms"),
          show(r.executors.nbconvertMs, "ms"),
          show(r.executors.nbconvertStockMs, "ms"),
        ],
      ]),
    );
    const b = r.executors.batch;
    parts.push(
      textTable([
        ["all notebooks, one command", "time"],
        ["run-notebooks --jobs 1", show(b.runnerSequentialMs, "ms")],
        [`run-notebooks (--jobs ${r.machine.cpus})`, show(b.runnerParallelMs, "ms")],
        ["jupyter nbconvert --execute (our kernelspec)", show(b.nbconvertMs, "ms")],
        ["jupyter nbconvert --execute (tslab's kernelspec)", show(b.nbconvertStockMs, "ms")],
      ]) + (b.ok ? "" : "(a command failed: see the per-notebook table)\n"),
    );
    loadLine("executors");
  }
  if (r.kernel) {
    const k = r.kernel;
    parts.push(
      textTable([
        ["kernel (median of 3)", "time"],
        ["start", show(k.startMs, "ms")],
        ["first cell (compiler set-up)", show(k.firstCellMs, "ms")],
        ["later trivial cell", show(k.trivialCellMs, "ms")],
        ["first import of the module + survey", show(k.moduleImportMs, "ms")],
      ]),
    );
    parts.push(
      textTable([
        ["chapter (in-process runner)", "total", "cells", "slowest cell"],
        ...k.chapters.map((c) => {
          const slow = [...c.cells].sort((a, b) => b.ms - a.ms)[0];
          return [
            c.name,
            show(c.totalMs, "ms"),
            String(c.cells.length),
            slow ? `${show(slow.ms, "ms")} (cell ${slow.cell})` : "–",
          ];
        }),
      ]),
    );
    loadLine("kernel");
  }
  if (r.aggregation) {
    parts.push(
      `${textTable([
        ["respondents", "generate", "aggregate (median)", "first run", "peak RSS"],
        ...r.aggregation.sizes.map((s) => [
          s.n.toLocaleString("en"),
          show(s.generateMs, "ms"),
          show(s.aggregateMs, "ms"),
          show(s.firstAggregateMs, "ms"),
          show(s.peakRssMB, "MB"),
        ]),
      ])}log-log exponent: ${r.aggregation.exponent} over all sizes, ${r.aggregation.exponentLarge} from 10^4 up\n`,
    );
    const big = r.aggregation.sizes[r.aggregation.sizes.length - 1]!;
    parts.push(
      textTable([
        [`figure (n = ${big.n.toLocaleString("en")})`, "aggregate"],
        ...Object.entries(big.perFigureMs).map(([id, t]) => [id, show(t, "ms")]),
      ]),
    );
    loadLine("aggregation");
  }
  if (r.export) {
    const e = r.export;
    const renders = Object.values(e.renderMs);
    parts.push(
      textTable([
        ["static export", "time"],
        ["all figures, all formats", show(e.totalMs, "ms")],
        ["without SVG/PNG", show(e.withoutStaticMs, "ms")],
        ["Chromium start", show(e.chromiumStartMs, "ms")],
        ["first rendering", show(renders[0] ?? null, "ms")],
        [
          "later renderings (each, median)",
          show(
            renders.length > 1 ? [...renders.slice(1)].sort((a, b) => a - b)[(renders.length - 1) >> 1]! : null,
            "ms",
          ),
        ],
        ["all renderings from the render cache", show(e.cachedRenderMs, "ms")],
      ]),
    );
    loadLine("export");
  }
  if (r.live) {
    const l = r.live;
    parts.push(
      `${textTable([
        [`${l.page}`, "live book (Chromium)", "kernel (runner)"],
        [
          "first cell runnable after load",
          `${show(l.interactiveMs, "ms")} (${l.interactiveRuns.map((x) => show(x, "ms")).join(", ")})`,
          "–",
        ],
        ["Run all", `${show(l.runAllFirstMs, "ms")} (again: ${show(l.runAllMs, "ms")})`, show(l.kernelRunAllMs, "ms")],
        ["one figure cell", show(l.figureCellMs, "ms"), show(l.kernelFigureCellMs, "ms")],
        ["live.js / live-data.js", `${l.scriptMB?.toFixed(2) ?? "–"} MB / ${l.dataMB?.toFixed(2) ?? "–"} MB`, ""],
      ])}${l.error ? `(failed: ${l.error})\n` : ""}`,
    );
    loadLine("live");
  }
  if (r.scale) {
    const x = r.scale;
    parts.push(
      textTable([
        [`npm run report, ${x.respondents.toLocaleString("en")} respondents`, "measured"],
        ["outcome", x.exitCode === 0 ? "ok" : `FAILED (exit ${x.exitCode}): ${x.error?.split("\n").pop() ?? ""}`],
        ["time", show(x.ms, "ms")],
        ["CPU (all processes)", show(x.cpuMs, "ms")],
        ["peak memory, report process", show(x.reportPeakMB, "MB")],
        ["peak memory, largest kernel", show(x.kernelPeakMB, "MB")],
      ]),
    );
    loadLine("scale");
  }
  if (r.tests) {
    const t = r.tests;
    parts.push(
      textTable([
        ["fresh clone", "wall", "CPU (all processes)", "outcome"],
        ["npm test", show(t.ms, "ms"), show(t.cpuMs, "ms"), t.summary],
        ["npm run test:unit", show(t.unit.ms, "ms"), show(t.unit.cpuMs, "ms"), t.unit.summary],
      ]),
    );
    parts.push(
      textTable([
        ["slowest test files of npm test", "wall", "CPU (worker and what it started)"],
        ...t.slowest.map((f) => [f.file, show(f.ms, "ms"), show(f.cpuMs, "ms")]),
      ]) + [...t.failures, ...t.unit.failures].map((f) => `failing: ${f}\n`).join(""),
    );
    loadLine("tests");
  }
  return parts.join("\n");
}

async function run(argv: string[]): Promise<number> {
  let o: ReturnType<typeof options>;
  try {
    o = options(argv);
  } catch (e) {
    say(`${(e as Error).message} (see --help)`);
    return 2;
  }
  if (o.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const r: BenchResults = {
    machine: {
      cpus: cpus().length,
      memoryGB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: process.platform,
      loadStart: load(),
      sectionLoad: {},
    },
    targets: {},
  };
  // The highest 1-minute load average at a section's start and end: printed beside its figures.
  const section = async (name: Section, work: () => Promise<void>) => {
    if (!o.only.has(name)) return;
    const before = load()[0]!;
    await work();
    r.machine.sectionLoad[name] = Math.max(before, load()[0]!);
  };
  const notebooks = chapterNotebookFiles();
  await section("report", async () => {
    say("(a) npm run report, cold and warm …");
    const out = mkdtempSync(join(tmpdir(), "interspin-bench-report-"));
    try {
      r.report = await benchReport(join(out, "output"), o.repeat);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
  await section("executors", async () => {
    say("(b) each notebook through run-notebooks and jupyter nbconvert --execute …");
    const list = await benchExecutors(notebooks);
    const runnerMs = list.reduce((s, n) => s + n.runnerMs, 0);
    const sum = (key: "nbconvertMs" | "nbconvertStockMs") =>
      list.every((n) => n[key] !== null) ? list.reduce((s, n) => s + n[key]!, 0) : null;
    const nbconvertMs = sum("nbconvertMs");
    const nbconvertStockMs = sum("nbconvertStockMs");
    const allOk = list.every((n) => n.runnerOk && n.nbconvertOk !== false && n.nbconvertStockOk !== false);
    const ratio = (x: number | null) => (x !== null && allOk ? Math.round((100 * x) / runnerMs) / 100 : null);
    say("(b) all notebooks in one command: run-notebooks --jobs 1, run-notebooks, jupyter nbconvert --execute …");
    const batch = await benchBatch(notebooks);
    r.executors = {
      notebooks: list,
      runnerMs,
      nbconvertMs,
      nbconvertStockMs,
      speedup: ratio(nbconvertMs),
      speedupStock: ratio(nbconvertStockMs),
      batch,
    };
  });
  await section("kernel", async () => {
    say("(c) kernel start, first cell, per-cell times …");
    r.kernel = { ...(await benchKernel(3)), chapters: await benchCells(notebooks) };
  });
  await section("aggregation", async () => {
    say(`(d) figure aggregations on ${o.sizes.map((n) => n.toLocaleString("en")).join(", ")} synthetic respondents …`);
    r.aggregation = await benchAggregations(o.sizes, { repeat: o.repeat });
  });
  await section("export", async () => {
    say("(e) static export through one Chromium …");
    r.export = await benchExport();
  });
  await section("startup", async () => {
    say(
      `(f) loading the compiler, kernel start, ${TRIVIAL_NOTEBOOK} through the runner, fresh kernel to first figure (${o.repeat} times each) …`,
    );
    r.startup = await benchStartup(o.repeat);
  });
  await section("jupyter", async () => {
    say(
      `(g) a kernel Jupyter starts, and a ${TRIVIAL_CELLS.length}-cell notebook under nbconvert with three kernels …`,
    );
    r.jupyter = await benchJupyter(o.repeat, o.deno);
  });
  await section("live", async () => {
    say(`(h) the live book: ${LIVE_PAGE} in headless Chromium, and in a kernel …`);
    r.live = await benchLive(o.repeat);
  });
  await section("scale", async () => {
    say("(i) the whole report on 10^5 synthetic respondents …");
    r.scale = await benchScale(100_000);
  });
  await section("tests", async () => {
    say("(j) npm test and npm run test:unit in a fresh clone …");
    r.tests = await benchTests();
  });
  r.machine.loadEnd = load();
  r.targets = targets(r);
  const busy = Math.max(...r.machine.loadStart.slice(0, 1), ...(r.machine.loadEnd ?? []).slice(0, 1));
  const warning =
    busy > r.machine.cpus
      ? `\nnote: load average ${busy} on ${r.machine.cpus} cores: other work competed for the CPU; times are pessimistic\n`
      : "";
  process.stdout.write(`\n${targetTable(Object.values(r.targets))}${warning}\n${details(r)}`);
  // The project's output folder belongs to the report command: bench.json goes in only once it is marked (a file beside its products is kept).
  if (dirname(resolve(o.out)) === paths.output) markOutputFolder(paths.output);
  writeFileAtomic(o.out, stableJson(r));
  process.stdout.write(`\nresults written to ${o.out}\n`);
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    say(`failed: ${(e as Error).stack ?? String(e)}`);
    process.exitCode = 1;
  },
);
