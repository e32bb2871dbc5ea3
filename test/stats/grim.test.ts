import { strict as assert } from "node:assert";
import { attainableCounts, nearestAttainable, roundedPercent } from "../../src/stats/grim.js";

/** The n from `from` to `to` at which `count` out of n prints as `value`. */
function basesFor(count: number, value: number, decimals: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n++) if (attainableCounts(value, decimals, n).includes(count)) out.push(n);
  return out;
}

describe("roundedPercent", () => {
  it("prints 25 of 45 as 55.6 and 1 of 3 as 33.3", () => {
    assert.equal(roundedPercent(25, 45, 1), 55.6);
    assert.equal(roundedPercent(1, 3, 1), 33.3);
  });

  it("rounds an exact half up, without float drift", () => {
    assert.equal(roundedPercent(1, 8, 1), 12.5); // 12.5 exactly
    assert.equal(roundedPercent(1, 8, 0), 13); // 12.5 → 13
    assert.equal(roundedPercent(1, 16, 1), 6.3); // 6.25 → 6.3 (Math.round(62.5)/10 would agree; toFixed says 6.2)
    assert.equal(roundedPercent(1, 200, 0), 1); // 0.5 → 1
  });

  it("rounds to tens with negative decimals", () => {
    assert.equal(roundedPercent(78, 158, -1), 50); // 49.4 %
    assert.equal(roundedPercent(71, 158, -1), 40); // 44.9 %
  });

  it("rejects a count above n with a message naming both", () => {
    assert.throws(() => roundedPercent(46, 45, 1), /k must be a whole count from 0 to n=45, got 46/);
  });
});

describe("attainableCounts", () => {
  it("finds 25/45 for 55.6 % and 9/45 for 20 %", () => {
    assert.deepEqual(attainableCounts(55.6, 1, 45), [25]);
    assert.deepEqual(attainableCounts(20, 0, 45), [9]);
  });

  it("finds no count for 42.7 % of 139", () => {
    assert.deepEqual(attainableCounts(42.7, 1, 139), []);
  });

  it("finds 45 organisations as 35 % only for n from 127 to 130", () => {
    assert.deepEqual(basesFor(45, 35, 0, 45, 158), [127, 128, 129, 130]);
  });

  it("lists every count when several print the same at 0 decimals", () => {
    assert.deepEqual(attainableCounts(23, 0, 158), [36, 37]); // 22.8 %, 23.4 %
    assert.deepEqual(attainableCounts(28, 0, 158), [44, 45]); // 27.8 %, 28.5 %
  });

  it("counts an exact half as rounding up", () => {
    assert.deepEqual(attainableCounts(13, 0, 8), [1]); // 12.5 % → 13
    assert.deepEqual(attainableCounts(12, 0, 8), []);
  });

  it("with justUnder keeps only shares below the printed value (knapp)", () => {
    assert.deepEqual(attainableCounts(69, 0, 45, { justUnder: true }), [31]); // 68.9 %
    assert.deepEqual(attainableCounts(20, 0, 45, { justUnder: true }), []); // 9/45 is exactly 20 %
    assert.deepEqual(attainableCounts(50, -1, 158, { justUnder: true }), [72, 73, 74, 75, 76, 77, 78]); // 45.6 % to 49.4 %
  });

  it("gives every count that a scan of k = 0…n with roundedPercent gives, for every printed value and base up to 400", () => {
    let compared = 0;
    for (const d of [-1, 0, 1, 2]) {
      const step = d >= 0 ? 10 ** -d : 10 ** -d;
      for (let n = 1; n <= 400; n++) {
        const byValue = new Map<number, number[]>();
        for (let k = 0; k <= n; k++) {
          const v = roundedPercent(k, n, d);
          byValue.set(v, [...(byValue.get(v) ?? []), k]);
        }
        // Every value some count prints as, and the next printed value up, which often none does.
        // "Just under" is compared in whole units: 161/250 is exactly 64.4 %, not below it.
        const values = [...byValue.keys()]
          .flatMap((v) => [v, Number((v + step).toFixed(Math.max(d, 0)))])
          .filter((v) => v <= 100);
        for (const value of values) {
          const counts = byValue.get(value) ?? [];
          assert.deepEqual(attainableCounts(value, d, n), counts, `${value} with ${d} decimals at n = ${n}`);
          assert.deepEqual(
            attainableCounts(value, d, n, { justUnder: true }),
            counts.filter((k) => (d >= 0 ? 100 * k * 10 ** d < Math.round(value * 10 ** d) * n : 100 * k < value * n)),
            `${value} with ${d} decimals at n = ${n}, just under`,
          );
          compared++;
        }
      }
    }
    assert.ok(compared > 50_000, `compared ${compared} values`);
  });

  it("rejects a value with more decimals than stated", () => {
    assert.throws(() => attainableCounts(55.65, 1, 45), /55\.65 has more decimals than decimals=1/);
  });

  it("rejects a base that is not a whole positive number", () => {
    assert.throws(() => attainableCounts(50, 0, 0), /n must be a whole number/);
    assert.throws(() => attainableCounts(50, 0, 12.5), /got 12\.5/);
  });
});

describe("nearestAttainable", () => {
  it("gives 42.4 (59/139) and 43.2 (60/139) around the impossible 42.7 % of 139", () => {
    assert.deepEqual(nearestAttainable(42.7, 1, 139), {
      value: 42.7,
      decimals: 1,
      n: 139,
      exact: [],
      below: { value: 42.4, counts: [59] },
      above: { value: 43.2, counts: [60] },
    });
  });

  it("gives 45.8 (11/24) and 50 (12/24) around 49.2 % of 24", () => {
    const near = nearestAttainable(49.2, 1, 24);
    assert.deepEqual(
      [near.below, near.above],
      [
        { value: 45.8, counts: [11] },
        { value: 50, counts: [12] },
      ],
    );
  });

  it("lists the exact counts and strict neighbours for an attainable value", () => {
    const near = nearestAttainable(23, 0, 158);
    assert.deepEqual(near.exact, [36, 37]);
    assert.deepEqual(near.below, { value: 22, counts: [34, 35] });
    assert.deepEqual(near.above, { value: 24, counts: [38] });
  });

  it("has nothing below 0 % and nothing above 100 %", () => {
    assert.equal(nearestAttainable(0, 0, 10).below, null);
    assert.equal(nearestAttainable(100, 0, 10).above, null);
  });
});
