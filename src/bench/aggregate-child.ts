/**
 * The child process of the aggregation benchmark: generates one synthetic survey and runs every
 * figure's aggregation on it, then prints one JSON line. One process per size, so that the peak
 * memory of one size is not that of another. Usage: `node aggregate-child.js N SEED REPEAT`.
 */
import { readFileSync } from "node:fs";
import { loadSurvey } from "../data/load.js";
import { syntheticSurvey } from "../data/synthetic.js";
import { figures } from "../figures/index.js";
import { median, ms } from "./measure.js";
import { installFileSource } from "../node/file-source.js";

installFileSource();

/** What the child reports. Memory in MB; times in ms; `aggregateMs` is the median of the repeats. */
export interface AggregateResult {
  n: number;
  generateMs: number;
  aggregateMs: number;
  firstAggregateMs: number;
  repeats: number;
  perFigureMs: Record<string, number>;
  baselineRssMB: number;
  peakRssMB: number;
  peakVmHwmMB: number | null;
}

// The kernel's high-water mark of resident memory, as a cross-check of maxRSS (Linux only).
function vmHwmMB(): number | null {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

function main(argv: string[]): AggregateResult {
  const [n, seed, repeat] = argv.map(Number) as [number, number, number];
  loadSurvey();
  const baselineRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  let started = performance.now();
  const table = syntheticSurvey(n, { seed });
  const generateMs = performance.now() - started;
  const totals: number[] = [];
  const perFigure: Record<string, number[]> = {};
  for (let r = 0; r < Math.max(1, repeat); r++) {
    started = performance.now();
    for (const f of figures) {
      const t = performance.now();
      f.numbers(table);
      (perFigure[f.id] ??= []).push(performance.now() - t);
    }
    totals.push(performance.now() - started);
  }
  return {
    n,
    generateMs: ms(generateMs),
    aggregateMs: ms(median(totals)),
    firstAggregateMs: ms(totals[0]!),
    repeats: totals.length,
    perFigureMs: Object.fromEntries(Object.entries(perFigure).map(([id, xs]) => [id, ms(median(xs))])),
    baselineRssMB,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    peakVmHwmMB: vmHwmMB(),
  };
}

process.stdout.write(`${JSON.stringify(main(process.argv.slice(2)))}\n`);
