import { strict as assert } from "node:assert";
import * as aq from "arquero";
import { toDataFrame } from "../../src/interop/danfo.js";

describe("toDataFrame", function () {
  this.timeout(60_000);
  it("gives a danfo.js DataFrame with the table's shape, columns and values", async () => {
    const df = await toDataFrame(aq.table({ size: ["micro", "large"], n: [40, 33] }));
    assert.deepEqual(df.shape, [2, 2]);
    assert.deepEqual(df.columns, ["size", "n"]);
    assert.deepEqual(df.toJSON(), [
      { size: "micro", n: 40 },
      { size: "large", n: 33 },
    ]);
  });
});
