/**
 * Holm's step-down correction for a family of tests.
 */

/**
 * Holm-adjusted p-values (Holm 1979): with the m p-values sorted, p(1) ≤ … ≤ p(m), the i-th gets
 * min(1, max over j ≤ i of (m − j + 1)·p(j)); a test is significant at family-wise level α when
 * its adjusted p is below α. Returned in the order given. R: p.adjust(p, "holm").
 * O(m log m).
 * @param ps - the family's p-values, each in [0, 1].
 * @throws RangeError for a p outside [0, 1] or NaN
 * @example holmAdjust([0.01, 0.04, 0.03]) // => [0.03, 0.06, 0.06]
 */
export function holmAdjust(ps: readonly number[]): number[] {
  ps.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`holmAdjust: p-value ${i} must be in [0, 1], got ${p}`);
  });
  const m = ps.length;
  const order = ps.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}
