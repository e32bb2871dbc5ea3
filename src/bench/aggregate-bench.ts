/**
 * (d) Every figure's aggregation on synthetic surveys of growing size, each size in its own
 * child process (time and peak memory), and how the cost grows: the exponent of a log-log fit.
 */
import { fileURLToPath } from "node:url";
import { powerLawExponent, timeProcess } from "./measure.js";
import type { AggregateResult } from "./aggregate-child.js";

/** All sizes, and the fitted exponents of aggregation time against respondents. */
export interface AggregateBench {
  sizes: AggregateResult[];
  /** Fit over every size. */
  exponent: number;
  /** Fit over the sizes from 10^4 up, where the fixed cost per call no longer dominates. */
  exponentLarge: number;
}

/** The sizes of the issue: 10^3 … 10^6 respondents. */
export const DEFAULT_SIZES = [1_000, 10_000, 100_000, 1_000_000];

/**
 * Runs the child for each size and fits the exponent.
 * @throws Error naming the size when a child fails.
 * @example (await benchAggregations([1000, 10000])).sizes.length // => 2
 */
export async function benchAggregations(
  sizes: number[] = DEFAULT_SIZES,
  options: { seed?: number; repeat?: number } = {},
): Promise<AggregateBench> {
  const child = fileURLToPath(new URL("./aggregate-child.js", import.meta.url));
  const results: AggregateResult[] = [];
  for (const n of sizes) {
    const t = await timeProcess(process.execPath, [
      child,
      String(n),
      String(options.seed ?? 1),
      String(options.repeat ?? 3),
    ]);
    if (t.code !== 0) throw new Error(`aggregation benchmark for n = ${n} failed (exit ${t.code}): ${t.stderrTail}`);
    results.push(JSON.parse(t.stdout) as AggregateResult);
  }
  const points = results.map((r): [number, number] => [r.n, Math.max(1, r.aggregateMs)]);
  const large = points.filter(([n]) => n >= 10_000);
  return {
    sizes: results,
    exponent: points.length >= 2 ? round2(powerLawExponent(points)) : NaN,
    exponentLarge: large.length >= 2 ? round2(powerLawExponent(large)) : NaN,
  };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
