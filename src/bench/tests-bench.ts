/**
 * (g) The whole test suite as the README runs it (`npm test`), its wall-clock and CPU time
 * (every process it started and waited for), and mocha's summary line.
 */
import { paths } from "../paths.js";
import { ms, timeProcess } from "./measure.js";

/** One run of `npm test`. */
export interface TestsBench {
  ms: number;
  cpuMs: number | null;
  exitCode: number | null;
  summary: string;
}

/**
 * The passing/failing counts from mocha's spec reporter output, e.g. "682 passing, 0 failing".
 * @example mochaSummary("  682 passing (17m)\n  2 pending\n") // => "682 passing, 0 failing, 2 pending"
 */
export function mochaSummary(output: string): string {
  const count = (word: string) => Number(new RegExp(`^\\s*(\\d+) ${word}\\b`, "m").exec(output)?.[1] ?? 0);
  const pending = count("pending");
  return `${count("passing")} passing, ${count("failing")} failing${pending ? `, ${pending} pending` : ""}`;
}

/**
 * Runs `npm test` once in the project folder.
 * @example (await benchTests()).summary // => "682 passing, 0 failing"
 */
export async function benchTests(): Promise<TestsBench> {
  const t = await timeProcess("npm", ["test"], { cwd: paths.root });
  return { ms: ms(t.ms), cpuMs: t.cpuMs, exitCode: t.code, summary: mochaSummary(t.stdout) };
}
