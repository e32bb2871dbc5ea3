import { strict as assert } from "node:assert";
import { riskDifference } from "../../src/stats/risk-difference.js";
import { assertClose, assertPrinted } from "./approx.js";

// Reference values: statsmodels 0.13.5 confint_proportions_2indep(method="newcomb", compare="diff"),
// printed by test/stats/reference-values.py. Newcombe (1998, Stat Med 17:873–890, Table II, method 10)
// prints the first cases to 4 decimals.
const STATSMODELS = [
  { k: [56, 70, 48, 80], low: 0.0524314724, high: 0.333872654, paper: ["0.0524", "0.3339"] },
  { k: [9, 10, 3, 10], low: 0.1705227239, high: 0.8090179735, paper: ["0.1705", "0.8090"] },
  { k: [6, 7, 2, 7], low: 0.05822792748, high: 0.8062496375 },
  { k: [5, 56, 0, 29], low: -0.0381371479, high: 0.1925600139, paper: ["-0.03814", "0.1926"] },
  { k: [0, 10, 0, 20], low: -0.1611251581, high: 0.2775327999, paper: ["-0.1611", "0.2775"] },
  { k: [10, 10, 0, 20], low: 0.6790860371, high: 1 },
  { k: [25, 70, 10, 57], low: 0.02548056903, high: 0.3218837979 },
];

describe("riskDifference", () => {
  it("matches statsmodels' Newcombe hybrid score interval", () => {
    for (const ref of STATSMODELS) {
      const [k1, n1, k2, n2] = ref.k as [number, number, number, number];
      const r = riskDifference(k1, n1, k2, n2);
      assertClose(r.difference, k1 / n1 - k2 / n2, `${ref.k} difference`);
      assertClose(r.low, ref.low, `${ref.k} low`, 1e-6);
      assertClose(r.high, ref.high, `${ref.k} high`, 1e-6);
      if (ref.paper) {
        assertPrinted(r.low, ref.paper[0]!, `${ref.k} low as printed by Newcombe`);
        assertPrinted(r.high, ref.paper[1]!, `${ref.k} high as printed by Newcombe`);
      }
    }
  });

  it("rejects an empty group", () => {
    assert.throws(() => riskDifference(0, 0, 1, 2), /both groups need at least one case, got n1=0, n2=2/);
  });
});
