import { strict as assert } from "node:assert";
import type { PublishedEntry } from "../../../src/data/published.js";
import type { ClaimSpec, PairedComparison } from "../../../src/data/claims-file.js";
import { comparePaired } from "../../../src/stats/compare-paired.js";
import { pairedScore } from "../../../src/stats/identified/claim-ranges.js";
import { gridPairCandidates } from "../../../src/stats/identified/grid-pairs.js";

const sample = (n: number): PublishedEntry => ({
  id: "sample-n",
  chapter: "2",
  figure: "sample",
  quote: "q",
  kind: "n",
  base: "b",
  value: n,
  decimals: 0,
});

const printedCell = (variable: string, value: number, decimals: number): PublishedEntry => ({
  id: variable,
  chapter: "4.1",
  figure: variable.startsWith("gave_") ? "abb-06" : "abb-07",
  quote: "q",
  kind: "percentage",
  base: "b",
  value,
  decimals,
  nRange: [1, 12],
  nRangeReason: "test",
  variable,
  categories: [1],
  baseId: variable.startsWith("gave_") ? "abb-06" : "abb-07",
});

const claim = (right: PairedComparison["right"], direction: "higher" | "lower"): ClaimSpec => ({
  id: "t",
  figure: "abb-06",
  chapter: "4.1",
  de: "d",
  en: "e",
  test: "mcnemar-exact",
  comparison: { kind: "paired", left: { variable: "gave_markets_research", categories: [1] }, right, direction },
});

/** Every paired table of n ≤ max respondents with the claimed order between the two cells' counts. */
function bruteForce(max: number, direction: "higher" | "lower", rightCounts?: (n: number) => number[]) {
  const out: Array<{ p: number; effect: number }> = [];
  for (let n = 1; n <= max; n++)
    for (let l = 0; l <= n; l++)
      for (const r of rightCounts ? rightCounts(n) : Array.from({ length: n + 1 }, (_, k) => k)) {
        if (direction === "higher" ? l <= r : l >= r) continue;
        for (let a = Math.max(0, l + r - n); a <= Math.min(l, r); a++) {
          const t = comparePaired(
            [
              [a, l - a],
              [r - a, n - l - r + a],
            ],
            "mcnemar-exact",
          );
          out.push({ p: t.p, effect: t.effect! });
        }
      }
  return out;
}

describe("gridPairCandidates", () => {
  it("ranges a pair of unprinted cells (b, c at the extreme bases) exactly as every table of every base does", () => {
    const c = claim({ variable: "gave_markets_kmu", categories: [1] }, "lower");
    const got = gridPairCandidates([sample(12)], c, { score: pairedScore(c, 0.05) })!;
    const all = bruteForce(12, "lower");
    const range = (xs: number[]) => [Math.min(...xs), Math.max(...xs)];
    assert.deepEqual(range(got.map((x) => x.p)), range(all.map((x) => x.p)));
    assert.deepEqual(range(got.map((x) => x.effect)), range(all.map((x) => x.effect)));
    assert.ok(got.length < all.length, `${got.length} of ${all.length} tables listed`);
  });

  it("takes a printed rival of the nearest-of cells when the printed shares order them in every dataset", () => {
    // 25 % and 75 % cannot swap: the lowest other is always the 25 % cell, at the counts that print 25 %
    const entries = [sample(12), printedCell("gave_markets_kmu", 75, 0), printedCell("gave_markets_large", 25, 0)];
    const c = claim({ nearestOf: ["gave_markets_kmu", "gave_markets_large"], categories: [1] }, "lower");
    const got = gridPairCandidates(entries, c, { score: pairedScore(c, 0.05) })!;
    const all = bruteForce(12, "lower", (n) =>
      Array.from({ length: n + 1 }, (_, k) => k).filter((k) => Math.round((100 * k) / n) === 25),
    );
    const range = (xs: number[]) => [Math.min(...xs), Math.max(...xs)];
    assert.deepEqual(range(got.map((x) => x.p)), range(all.map((x) => x.p)));
    assert.deepEqual(range(got.map((x) => x.effect)), range(all.map((x) => x.effect)));
  });

  it("is not for claims outside the grids", () => {
    const c: ClaimSpec = {
      ...claim({ variable: "gave_markets_kmu", categories: [1] }, "lower"),
      comparison: {
        kind: "paired",
        left: { variable: "shareInside", categories: [1, 2] },
        right: { variable: "shareOutside", categories: [1, 2] },
        direction: "higher",
      },
    };
    assert.equal(gridPairCandidates([sample(12)], c, { score: pairedScore(c, 0.05) }), null);
  });
});
