/**
 * (h) The whole report on a large survey: `syntheticSurvey(n)` (10^5 respondents by default)
 * written as a survey CSV with a `study.json` beside it (invited: twice the respondents), then
 * `node dist/src/cli/report.js --data …` into a fresh folder, as a researcher runs it. Measured:
 * wall time, CPU time, the report process's peak resident memory (its own `maxRSS`, written when
 * it exits) and the largest kernel's (VmHWM, sampled every 200 ms).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { paths } from "../paths.js";
import { syntheticSurvey } from "../data/synthetic.js";
import { surveyCsv } from "../data/reconstruct.js";
import { loadCodebook } from "../data/codebook.js";
import { childrenCpuMs, ms } from "./measure.js";

/** What the large run gave. */
export interface ScaleBench {
  respondents: number;
  exitCode: number | null;
  ms: number;
  cpuMs: number | null;
  /** Peak resident memory of the report process, in MB. */
  reportPeakMB: number | null;
  /** Peak resident memory of the largest kernel, in MB. */
  kernelPeakMB: number | null;
  /** The last lines of stderr when the run failed. */
  error?: string;
}

const MARK = "INTERSPIN_BENCH_SCALE";

/** The high-water mark of resident memory (kB) of every live process carrying the mark, by pid. */
function kernelPeaks(mark: string, peaks: Map<number, number>): void {
  for (const pid of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      if (!readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(`${MARK}=${mark}`)) continue;
      const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
      if (kb) peaks.set(Number(pid), Math.max(peaks.get(Number(pid)) ?? 0, kb));
    } catch {
      // gone, or not ours to read
    }
  }
}

/**
 * Runs the report on `n` synthetic respondents and measures it.
 * @param extra - further report options (e.g. ["--no-static"]).
 * @example (await benchScale(100_000)).exitCode // => 0
 */
export async function benchScale(n = 100_000, extra: string[] = []): Promise<ScaleBench> {
  const dir = mkdtempSync(join(tmpdir(), "interspin-bench-scale-"));
  try {
    const data = join(dir, "survey.csv");
    writeFileSync(
      data,
      surveyCsv(syntheticSurvey(n, { seed: 1 }).objects() as Record<string, number | string>[], loadCodebook()),
    );
    writeFileSync(join(dir, "study.json"), `${JSON.stringify({ invited: 2 * n, clusters: 15 })}\n`);
    const rss = join(dir, "report-rss");
    // Writes the process's peak resident memory when it exits.
    const hook = `data:text/javascript,${encodeURIComponent(
      `import { writeFileSync } from "node:fs"; process.on("exit", () => writeFileSync(${JSON.stringify(rss)}, String(process.resourceUsage().maxRSS)));`,
    )}`;
    const mark = String(process.pid);
    const peaks = new Map<number, number>();
    const started = performance.now();
    const cpuBefore = childrenCpuMs();
    const child = spawn(
      process.execPath,
      [
        "--import",
        hook,
        join(paths.root, "dist", "src", "cli", "report.js"),
        "--data",
        data,
        "--out",
        join(dir, "out"),
        ...extra,
      ],
      { cwd: paths.root, env: { ...process.env, [MARK]: mark }, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString("utf8")).slice(-4000);
    });
    const sampler = setInterval(() => kernelPeaks(mark, peaks), 200);
    const exitCode = await new Promise<number | null>((r) => child.once("close", r));
    clearInterval(sampler);
    const cpuAfter = childrenCpuMs();
    let reportPeakMB: number | null = null;
    try {
      reportPeakMB = Math.round(Number(readFileSync(rss, "utf8")) / 1024);
    } catch {
      /* the process was killed */
    }
    peaks.delete(child.pid ?? -1);
    return {
      respondents: n,
      exitCode,
      ms: ms(performance.now() - started),
      cpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
      reportPeakMB,
      kernelPeakMB: peaks.size ? Math.round(Math.max(...peaks.values()) / 1024) : null,
      ...(exitCode === 0 ? {} : { error: stderr.trim().split("\n").slice(-5).join("\n") }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
