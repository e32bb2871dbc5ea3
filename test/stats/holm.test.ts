import { strict as assert } from "node:assert";
import { holmAdjust } from "../../src/stats/holm.js";
import { assertClose } from "./approx.js";

describe("holmAdjust", () => {
  it("multiplies the i-th smallest of m p-values by m − i + 1 and keeps the running maximum", () => {
    // by the definition: 0.01·3 = 0.03; 0.03·2 = 0.06; max(0.06, 0.04·1) = 0.06
    const got = holmAdjust([0.01, 0.04, 0.03]);
    [0.03, 0.06, 0.06].forEach((x, i) => assertClose(got[i]!, x, `p ${i}`, 1e-12));
    // 0.002·4 = 0.008; 0.011·3 = 0.033; 0.04·2 = 0.08; max(0.08, 0.2·1) = 0.2
    const four = holmAdjust([0.002, 0.2, 0.011, 0.04]);
    [0.008, 0.2, 0.033, 0.08].forEach((x, i) => assertClose(four[i]!, x, `p ${i} of 4`, 1e-12));
  });

  it("keeps adjusted p-values at most 1 and monotone in the raw ones, and a single test unchanged", () => {
    assert.deepEqual(holmAdjust([0.6, 0.7]), [1, 1]);
    assert.deepEqual(holmAdjust([0.02]), [0.02]);
    assert.throws(() => holmAdjust([0.1, Number.NaN]), /p-value 1/);
  });
});
