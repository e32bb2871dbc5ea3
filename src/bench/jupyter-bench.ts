/**
 * (h) What a Jupyter user waits for. A kernel started by Jupyter's own client library
 * (`jupyter_client.KernelManager`, Debian's python3-jupyter-client) with the kernelspec
 * `npm run kernel:install` writes: from the start until it answers (start to idle), and until the
 * first figure of chapter 3 has arrived from a cell run right after (start to first figure). And a
 * trivial three-cell notebook under `jupyter nbconvert --execute` with this kernelspec, with the
 * kernelspec `tslab install` writes, and with Deno's kernel (`deno jupyter --kernel`; Deno from
 * npm, `npm install --prefix DIR deno`, named with `--deno`), each a fresh process. Every
 * measurement is taken `repeat` times after one untimed run (which stores the kernel's checks, as
 * any earlier session would), the median kept with the highest load average seen.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installKernelSpec } from "../cli/kernel-install.js";
import { paths } from "../paths.js";
import { median, ms, timeProcess } from "./measure.js";
import { hasNbconvert, stockKernelSpec } from "./notebooks-bench.js";
import { FIRST_FIGURE_CELL, type Sample, sampled } from "./startup-bench.js";

/** A measurement with its CPU time (the command and the processes it waited for). */
export interface TimedSample extends Sample {
  cpuMs: number | null;
}

/** What section (h) measured; null where Jupyter (or Deno) is missing. */
export interface JupyterBench {
  kernelStart: Sample | null;
  firstFigure: Sample | null;
  trivial: {
    ours: TimedSample | null;
    stock: TimedSample | null;
    deno: TimedSample | null;
    denoVersion: string | null;
  };
}

/** The three cells run under nbconvert: valid TypeScript for tslab and Deno alike. */
export const TRIVIAL_CELLS = ["const a: number = 20;", "const b = a * 2 + 2;", 'console.log("answer:", b);'];

// Starts the kernel with jupyter_client as Jupyter does; prints the seconds until it answers and
// until the first figure of a cell sent then has arrived.
const CLIENT_SCRIPT = `
import json, sys, time
from jupyter_client.manager import KernelManager
name, cwd, code = sys.argv[1], sys.argv[2], sys.argv[3]
t0 = time.perf_counter()
km = KernelManager(kernel_name=name)
km.start_kernel(cwd=cwd)
kc = km.client()
kc.start_channels()
out = {"ok": False}
try:
    # Ready when the kernel answers (kernel_info_reply); wait_for_ready would add its own 0.2 s wait.
    info = kc.kernel_info()
    while kc.get_shell_msg(timeout=120)["parent_header"].get("msg_id") != info:
        pass
    out["ready"] = time.perf_counter() - t0
    msg_id = kc.execute(code)
    while True:
        msg = kc.get_iopub_msg(timeout=120)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "display_data" and "application/vnd.plotly.v1+json" in msg["content"]["data"] and "figure" not in out:
            out["figure"] = time.perf_counter() - t0
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            break
    out["ok"] = "figure" in out
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
print(json.dumps(out))
`;

/**
 * The Python that runs `jupyter` (its `#!` line), which has Jupyter's client library; `python3` when
 * it cannot be told.
 * @example jupyterPython() // => "/usr/bin/python3"
 */
export function jupyterPython(): string {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    try {
      const first = readFileSync(join(dir, "jupyter"), "utf8").split("\n")[0]!;
      if (first.startsWith("#!")) return first.slice(2).trim().split(/\s+/)[0]!;
    } catch {
      // not in this folder
    }
  }
  return "python3";
}

/** One kernel started by Jupyter's client: milliseconds to ready and to the first figure. */
function clientRun(jupyterPath: string): Promise<{ ready: number; figure: number; ok: boolean }> {
  return timeProcess(jupyterPython(), ["-c", CLIENT_SCRIPT, "tslab", paths.notebooks, FIRST_FIGURE_CELL], {
    cwd: paths.notebooks,
    env: { JUPYTER_PATH: jupyterPath },
  }).then((t) => {
    const r = JSON.parse(t.stdout.trim().split("\n").pop() || "{}") as {
      ready?: number;
      figure?: number;
      ok?: boolean;
    };
    return {
      ready: (r.ready ?? Number.NaN) * 1000,
      figure: (r.figure ?? Number.NaN) * 1000,
      ok: t.code === 0 && !!r.ok,
    };
  });
}

/** Writes the trivial notebook for a kernel (its kernelspec named in the metadata). */
function trivialNotebook(dir: string, kernel: string, language: string): string {
  const file = join(dir, `trivial-${kernel}.ipynb`);
  const cells = TRIVIAL_CELLS.map((source, i) => ({
    cell_type: "code",
    execution_count: null,
    id: `cell-${i + 1}`,
    metadata: {},
    outputs: [],
    source,
  }));
  writeFileSync(
    file,
    JSON.stringify({
      cells,
      metadata: { kernelspec: { name: kernel, display_name: kernel, language } },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
  return file;
}

async function nbconvertSample(notebook: string, jupyterPath: string, repeat: number): Promise<TimedSample> {
  const cpu: number[] = [];
  const once = async () => {
    const t = await timeProcess(
      "jupyter",
      ["nbconvert", "--to", "notebook", "--execute", notebook, "--output", `${notebook}.out.ipynb`],
      { cwd: join(notebook, ".."), env: { JUPYTER_PATH: jupyterPath } },
    );
    if (t.cpuMs !== null) cpu.push(t.cpuMs);
    return { ms: t.ms, ok: t.code === 0 };
  };
  await once();
  cpu.length = 0;
  const s = await sampled(repeat, once);
  return { ...s, cpuMs: cpu.length ? ms(median(cpu)) : null };
}

/** Deno's version line, or null when the binary does not run. */
function denoVersion(deno: string): string | null {
  try {
    return execFileSync(deno, ["--version"], { encoding: "utf8" }).split("\n")[0]!.trim();
  } catch {
    return null;
  }
}

/**
 * Takes section (h)'s measurements.
 * @param deno - the Deno binary; undefined or missing: Deno's kernel is left out.
 * @example (await benchJupyter(3)).kernelStart?.ms // => 612
 */
export async function benchJupyter(repeat = 3, deno?: string): Promise<JupyterBench> {
  const none: JupyterBench = {
    kernelStart: null,
    firstFigure: null,
    trivial: { ours: null, stock: null, deno: null, denoVersion: null },
  };
  if (!hasNbconvert()) return none;
  const work = mkdtempSync(join(tmpdir(), "interspin-bench-jupyter-"));
  try {
    const ours = join(work, "ours");
    installKernelSpec(join(ours, "kernels"));
    const stock = join(work, "stock");
    stockKernelSpec(join(stock, "kernels"));
    const runs: { ready: number; figure: number; ok: boolean }[] = [];
    await clientRun(ours);
    const start = await sampled(repeat, async () => {
      const r = await clientRun(ours);
      runs.push(r);
      return { ms: r.ready, ok: r.ok };
    });
    const figure: Sample = {
      ms: ms(median(runs.map((r) => r.figure))),
      runs: runs.map((r) => ms(r.figure)),
      load: start.load,
      ok: start.ok,
    };
    const nbDir = join(work, "notebooks");
    mkdirSync(nbDir);
    const version = deno ? denoVersion(deno) : null;
    let denoSample: TimedSample | null = null;
    if (deno && version) {
      const denoPath = join(work, "deno");
      mkdirSync(join(denoPath, "kernels", "deno"), { recursive: true });
      writeFileSync(
        join(denoPath, "kernels", "deno", "kernel.json"),
        JSON.stringify({
          argv: [deno, "jupyter", "--kernel", "--conn", "{connection_file}"],
          display_name: "Deno",
          language: "typescript",
        }),
      );
      denoSample = await nbconvertSample(trivialNotebook(nbDir, "deno", "typescript"), denoPath, repeat);
    }
    return {
      kernelStart: start,
      firstFigure: figure,
      trivial: {
        ours: await nbconvertSample(trivialNotebook(nbDir, "tslab", "typescript"), ours, repeat),
        stock: await nbconvertSample(trivialNotebook(join(nbDir), "tslab", "typescript"), stock, repeat),
        deno: denoSample,
        denoVersion: version,
      },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
