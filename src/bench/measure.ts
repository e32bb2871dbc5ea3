/**
 * Measuring: wall-clock time of a function or of a child process, medians, and the exponent of
 * a power law fitted to (size, time) pairs.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

/** How a timed child process ended. */
export interface ProcessTiming {
  ms: number;
  /** Exit code (null when killed by a signal). */
  code: number | null;
  stdout: string;
  /** The last lines of stderr, for messages when something failed. */
  stderrTail: string;
  /** CPU time of the command and every process it waited for (Linux: /proc; null elsewhere). */
  cpuMs: number | null;
}

/**
 * CPU time of the processes this one has waited for (user + system, /proc/self/stat fields
 * 16–17, in clock ticks of 10 ms), in milliseconds; null where /proc is missing.
 * @example childrenCpuMs() // => 0 before any child ended
 */
export function childrenCpuMs(): number | null {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

/**
 * Runs a command to completion and measures its wall-clock time.
 * @param command - the program (found on PATH).
 * @param args - its arguments.
 * @param options - working folder and extra environment.
 * @example (await timeProcess("node", ["-e", "0"])).code // => 0
 */
export function timeProcess(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessTiming> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const cpuBefore = childrenCpuMs();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString("utf8");
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString("utf8")).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const cpuAfter = childrenCpuMs();
      resolve({
        ms: performance.now() - started,
        code,
        stdout,
        stderrTail: stderr.trim().split("\n").slice(-5).join("\n"),
        cpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
      });
    });
  });
}

/**
 * Wall-clock time of an async function, with its result.
 * @example (await timed(async () => 42)).value // => 42
 */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/**
 * The median of a non-empty list.
 * @throws RangeError for an empty list.
 * @example median([3, 1, 2, 10]) // => 2.5
 */
export function median(xs: readonly number[]): number {
  if (!xs.length) throw new RangeError("median of an empty list");
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The exponent b of cost ≈ a·n^b: the least-squares slope of log(cost) on log(n).
 * 1 means linear growth; below 1, a fixed cost still dominates the small sizes.
 * @throws RangeError with fewer than two points or a non-positive value.
 * @example powerLawExponent([[1e3, 2], [1e4, 20], [1e5, 200]]) // => 1
 */
export function powerLawExponent(points: ReadonlyArray<readonly [number, number]>): number {
  if (points.length < 2) throw new RangeError("a fit needs at least two points");
  if (points.some(([n, y]) => !(n > 0 && y > 0)))
    throw new RangeError("sizes and costs must be positive for a log-log fit");
  const xs = points.map(([n]) => Math.log(n));
  const ys = points.map(([, y]) => Math.log(y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const sxy = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0);
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  return sxy / sxx;
}

/** Rounds to whole milliseconds (bench.json holds no false precision). */
export const ms = (x: number): number => Math.round(x);
