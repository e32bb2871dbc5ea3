import { strict as assert } from "node:assert";
import { chiSquareIndependence } from "../../src/stats/chi-square-independence.js";
import { chiSquareSf, logGamma, regularizedGammaQ } from "../../src/stats/chi-square-tail.js";
import { compareGroups } from "../../src/stats/compare-groups.js";
import { comparePaired } from "../../src/stats/compare-paired.js";
import { fisherExact } from "../../src/stats/fisher-exact.js";
import { freemanHalton } from "../../src/stats/freeman-halton.js";
import { mcnemar } from "../../src/stats/mcnemar.js";
import { mcnemarExact } from "../../src/stats/mcnemar-exact.js";
import { assertClose } from "./approx.js";

// Reference values: test/stats/reference-tails.py, run with Debian's /usr/bin/python3 (standard
// library only: closed forms of the chi-square tail in 120-digit decimals, exact fractions for
// the statistics and the exact tests). mpmath 1.3.0's gammainc, where installed, prints the
// same 13 digits for every chi-square tail.
const TAIL = 1e-12;

describe("p-values far in the tail (survival functions, no 1 − cdf)", () => {
  it("chiSquareSf matches the closed forms of the chi-square tail for df 1–5 down to 1e-63", () => {
    const cases: Array<[number, number, number]> = [
      [100, 1, 1.523970604832e-23],
      [150, 1, 1.733643245718e-34],
      [200, 1, 2.088487583763e-45],
      [100, 2, 1.928749847964e-22],
      [200, 2, 3.720075976021e-44],
      [150, 3, 2.634913928488e-32],
      [300, 4, 1.083439491948e-63],
      [160, 5, 9.898229019204e-33],
    ];
    for (const [x, df, p] of cases) assertClose(chiSquareSf(x, df), p, `P(χ²(${df}) ≥ ${x})`, TAIL);
  });

  it("chiSquareSf agrees with 1 − cdf where that is still exact, and gives 1 at 0", () => {
    assertClose(chiSquareSf(3.8414588206941285, 1), 0.05, "the 95 % point of χ²(1) (scipy chi2.isf)", TAIL);
    assertClose(chiSquareSf(5.991464547107983, 2), 0.05, "the 95 % point of χ²(2)", TAIL);
    assert.equal(chiSquareSf(0, 3), 1);
    assert.throws(() => chiSquareSf(1, 0), /degrees of freedom/);
  });

  it("logGamma is exact for whole and half-whole arguments and close elsewhere", () => {
    assertClose(logGamma(5), Math.log(24), "ln Γ(5)", 1e-15);
    assertClose(logGamma(2.5), Math.log(0.75 * Math.sqrt(Math.PI)), "ln Γ(2.5)", 1e-15);
    assertClose(logGamma(10.3), 13.482036786138359, "ln Γ(10.3) (mpmath.loggamma)", 1e-13);
    assertClose(regularizedGammaQ(1, 50), Math.exp(-50), "Q(1, 50) = e^-50", TAIL);
  });

  it("chiSquareIndependence gives p = 1.95e-24 for the Abb. 9 end table [[24,1],[0,59],[0,31]], not 0", () => {
    const r = chiSquareIndependence([
      [24, 1],
      [0, 59],
      [0, 31],
    ]);
    assertClose(r.statistic, 109.186813186813, "statistic", 1e-12);
    assertClose(r.p, 1.951572852439e-24, "p", TAIL);
    const s = chiSquareIndependence([
      [57, 1],
      [0, 50],
      [0, 31],
    ]);
    assertClose(s.p, 4.996694067385e-30, "[[57,1],[0,50],[0,31]] p", TAIL);
  });

  it("mcnemar (continuity-corrected) gives p below 1e-33 for 150 discordant pairs one way", () => {
    const table = (b: number, c: number) => [
      [10, b],
      [c, 10],
    ];
    assertClose(mcnemar(table(0, 150)).p, 4.727960179906e-34, "b=0, c=150", TAIL);
    assertClose(mcnemar(table(3, 160)).p, 2.465081509557e-34, "b=3, c=160", TAIL);
    assertClose(comparePaired(table(150, 0), "mcnemar").p, 4.727960179906e-34, "comparePaired b=150, c=0", TAIL);
  });

  it("mcnemarExact matches exact binomial tails below 1e-33", () => {
    const table = (b: number, c: number) => [
      [5, b],
      [c, 5],
    ];
    assertClose(mcnemarExact(table(110, 0)).p, 1.54074395551e-33, "b=110, c=0", 1e-9);
    assertClose(mcnemarExact(table(120, 2)).p, 2.822691074743e-33, "b=120, c=2", 1e-9);
    assertClose(mcnemarExact(table(0, 140)).p, 1.434929627469e-42, "b=0, c=140", 1e-9);
  });

  it("fisherExact and freemanHalton match exact enumeration in fractions below 1e-38", () => {
    // jStat's log-factorials carry about 1e-10 absolute error, so 1e-8 relative is what these promise.
    const rel = 1e-8;
    assertClose(
      fisherExact([
        [57, 1],
        [0, 81],
      ]).p,
      1.162027024057e-38,
      "[[57,1],[0,81]]",
      rel,
    );
    assertClose(
      fisherExact([
        [58, 0],
        [0, 81],
      ]).p,
      1.417106126898e-40,
      "[[58,0],[0,81]]",
      rel,
    );
    assertClose(
      fisherExact([
        [40, 2],
        [1, 60],
      ]).p,
      5.587827853385e-25,
      "[[40,2],[1,60]]",
      rel,
    );
    assertClose(
      freemanHalton([
        [24, 1],
        [0, 59],
        [0, 31],
      ]).p,
      7.169404426728e-24,
      "[[24,1],[0,59],[0,31]]",
      rel,
    );
    assertClose(
      compareGroups(
        [
          { k: 30, n: 31 },
          { k: 0, n: 40 },
          { k: 1, n: 36 },
        ],
        "freeman-halton",
      ).p,
      1.411970268378e-24,
      "[[30,1],[0,40],[1,35]]",
      rel,
    );
  });
});
