/**
 * Float comparison for the statistics tests: a named tolerance and one helper.
 */
import { strict as assert } from "node:assert";

/**
 * Relative tolerance against reference values printed with 10 significant digits (scipy,
 * statsmodels): far below the 4 significant digits the tests promise, far above float noise.
 */
export const TOLERANCE = 1e-7;

/** Whether a and b agree within relative tolerance `rel` (absolute near 0). */
export function approxEqual(a: number, b: number, rel: number = TOLERANCE): boolean {
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b), Number.MIN_VALUE * 1e10);
}

/** Asserts a ≈ b within relative tolerance `rel`, with both values in the message. */
export function assertClose(actual: number, expected: number, what: string, rel: number = TOLERANCE): void {
  assert.ok(
    approxEqual(actual, expected, rel),
    `${what}: got ${actual}, expected ${expected} (relative tolerance ${rel})`,
  );
}

/**
 * Asserts that `actual`, rounded to the significant digits `printed` shows, equals it: for
 * values copied from documentation that prints 4 digits ("p-value = 0.4857", "3.822e-09").
 */
export function assertPrinted(actual: number, printed: string, what: string): void {
  const digits = printed
    .replace(/^[-+]?0*\.?0*/, "")
    .replace(/e.*$/i, "")
    .replace(".", "").length;
  assert.equal(Number(actual.toPrecision(digits)), Number(printed), `${what}: got ${actual}, printed as ${printed}`);
}
