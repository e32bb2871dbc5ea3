import { strict as assert } from "node:assert";
import { compareGroups } from "../../src/stats/compare-groups.js";
import { comparePaired } from "../../src/stats/compare-paired.js";
import { assertClose } from "./approx.js";

describe("compareGroups", () => {
  it("runs Fisher on two groups with the risk difference (pp) and odds ratio as effects", () => {
    const r = compareGroups(
      [
        { k: 4, n: 5 },
        { k: 5, n: 20 },
      ],
      "fisher",
    );
    assertClose(r.p, 0.04031620553, "p (scipy fisher_exact [[4,1],[5,15]])");
    assertClose(r.effect!, 55, "risk difference");
    assert.equal(r.effectName, "riskDifference");
    assert.equal(r.oddsRatio, 12);
  });

  it("falls back from chi-square to the exact test when an expected count is below 5", () => {
    const low = compareGroups(
      [
        { k: 4, n: 5 },
        { k: 13, n: 20 },
        { k: 2, n: 5 },
      ],
      "exact-or-chi-square",
    );
    assert.equal(low.test, "freeman-halton");
    assertClose(low.p, 0.5506276166, "p (brute force)");
    const ok = compareGroups(
      [
        { k: 50, n: 75 },
        { k: 15, n: 25 },
        { k: 7, n: 24 },
      ],
      "exact-or-chi-square",
    );
    assert.equal(ok.test, "chi-square");
    assertClose(ok.effect!, 0.2916666667, "Cramér's V (scipy)");
  });

  it("warns when chi-square is forced on low expected counts, and refuses an empty column", () => {
    assert.match(
      compareGroups(
        [
          { k: 4, n: 5 },
          { k: 5, n: 20 },
        ],
        "chi-square",
      ).warning!,
      /expected count 1\.80 < 5/,
    );
    assert.throws(
      () =>
        compareGroups(
          [
            { k: 5, n: 5 },
            { k: 3, n: 3 },
          ],
          "chi-square",
        ),
      /one column of \[\[5,0\],\[3,0\]\] is empty; use an exact test/,
    );
    assert.equal(
      compareGroups(
        [
          { k: 5, n: 5 },
          { k: 3, n: 3 },
        ],
        "exact-or-chi-square",
      ).p,
      1,
    );
  });

  it("rejects Fisher on three groups and a group without respondents", () => {
    assert.throws(
      () =>
        compareGroups(
          [
            { k: 1, n: 2 },
            { k: 1, n: 2 },
            { k: 1, n: 2 },
          ],
          "fisher",
        ),
      /"fisher" compares two groups, got 3; use "freeman-halton"/,
    );
    assert.throws(
      () =>
        compareGroups(
          [
            { k: 0, n: 0 },
            { k: 1, n: 2 },
          ],
          "fisher",
        ),
      /group 0 needs whole counts 0 ≤ k ≤ n with n ≥ 1, got k=0, n=0/,
    );
  });
});

describe("comparePaired", () => {
  it("gives the paired difference 100·(b − c)/n and warns on few discordant pairs for chi-square", () => {
    const r = comparePaired(
      [
        [20, 12],
        [5, 30],
      ],
      "mcnemar",
    );
    assertClose(r.effect!, (100 * 7) / 67, "paired difference");
    assertClose(r.p, 0.1456100954, "p (statsmodels)", 1e-6);
    assert.match(r.warning!, /only 17 discordant pairs/);
    assert.equal(
      comparePaired(
        [
          [20, 12],
          [5, 30],
        ],
        "mcnemar-exact",
      ).warning,
      null,
    );
  });
});
