import { strict as assert } from "node:assert";
import { COMPILE_ERROR_NAME, errorFromStderr, withErrorOutput } from "../../../src/notebook/kernel/kernel-error.js";

// stderr texts as tslab 1.0.22 prints them (captured from a real kernel).
const RUNTIME = `evalmachine.<anonymous>:4
    throw new TypeError("bad value: 7");
    ^

TypeError: bad value: 7
    at fail (evalmachine.<anonymous>:4:11)
    at evalmachine.<anonymous>:7:22
`;
const ASYNC = "Error: Interrupted asynchronously\n    at createExecutor (node_modules/tslab/dist/executor.js:87:23)\n";

describe("errorFromStderr", () => {
  it("turns tslab's type-check diagnostics into a compile error naming the first one", () => {
    const e = errorFromStderr("1:7 - Type 'string' is not assignable to type 'number'.\n2:1 - Cannot find name 'y'.\n");
    assert.deepEqual(e, {
      output_type: "error",
      ename: COMPILE_ERROR_NAME,
      evalue: "1:7 - Type 'string' is not assignable to type 'number'. (and 1 more)",
      traceback: [`${COMPILE_ERROR_NAME}: 1:7 - Type 'string' is not assignable to type 'number'. (and 1 more)`],
    });
  });

  it("reads name and message of a thrown error behind Node's source preamble", () => {
    const e = errorFromStderr(RUNTIME);
    assert.equal(e.ename, "TypeError");
    assert.equal(e.evalue, "bad value: 7");
  });

  it("takes the error that ended the cell, not earlier console.error output", () => {
    const e = errorFromStderr(`Warning: low base\n${ASYNC}`);
    assert.deepEqual([e.ename, e.evalue], ["Error", "Interrupted asynchronously"]);
  });

  it("reads Node errors with a code and errors without a message", () => {
    assert.deepEqual(
      [errorFromStderr("Error [ERR_MODULE_NOT_FOUND]: Cannot find module 'x'\n    at y\n")].map((e) => [
        e.ename,
        e.evalue,
      ]),
      [["Error", "Cannot find module 'x'"]],
    );
    assert.deepEqual(
      [errorFromStderr("RangeError\n    at f (a.js:1:1)\n")].map((e) => [e.ename, e.evalue]),
      [["RangeError", ""]],
    );
  });

  it("reports a thrown non-Error value as Error with the value's text", () => {
    assert.deepEqual(
      [errorFromStderr("str\n")].map((e) => [e.ename, e.evalue]),
      [["Error", "str"]],
    );
    assert.deepEqual(
      [errorFromStderr("")].map((e) => [e.ename, e.evalue]),
      [["Error", "the cell failed without an error message"]],
    );
  });
});

describe("withErrorOutput", () => {
  it("appends an error output derived from all stderr text and keeps the streams", () => {
    const outputs = withErrorOutput([
      { output_type: "stream", name: "stdout", text: "before\n" },
      { output_type: "stream", name: "stderr", text: RUNTIME },
    ]);
    assert.deepEqual(
      outputs.map((o) => o.output_type),
      ["stream", "stream", "error"],
    );
    assert.equal(outputs[2]!.output_type === "error" && outputs[2]!.ename, "TypeError");
  });

  it("leaves outputs that already have an error alone", () => {
    const outputs = [{ output_type: "error" as const, ename: "E", evalue: "v", traceback: [] }];
    assert.equal(withErrorOutput(outputs), outputs);
  });
});
