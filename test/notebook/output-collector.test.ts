import { strict as assert } from "node:assert";
import { OutputCollector, type DisplayRegistry } from "../../src/notebook/output-collector.js";

describe("OutputCollector", () => {
  it("merges consecutive chunks of the same stream and keeps streams apart", () => {
    const c = new OutputCollector(new Map());
    c.add("stream", { name: "stdout", text: "a\n" });
    c.add("stream", { name: "stdout", text: "b\n" });
    c.add("stream", { name: "stderr", text: "w\n" });
    c.add("stream", { name: "stdout", text: "c\n" });
    assert.deepEqual(c.outputs, [
      { output_type: "stream", name: "stdout", text: "a\nb\n" },
      { output_type: "stream", name: "stderr", text: "w\n" },
      { output_type: "stream", name: "stdout", text: "c\n" },
    ]);
  });

  it("shapes display_data, execute_result and error like nbformat and ignores status messages", () => {
    const c = new OutputCollector(new Map());
    c.add("status", { execution_state: "busy" });
    c.add("display_data", { data: { "text/plain": "x" }, metadata: {}, transient: {} });
    c.add("execute_result", { data: { "text/plain": "42" }, metadata: {}, execution_count: 3 });
    c.add("error", { ename: "E", evalue: "v", traceback: ["t"] });
    assert.deepEqual(c.outputs, [
      { output_type: "display_data", data: { "text/plain": "x" }, metadata: {} },
      { output_type: "execute_result", data: { "text/plain": "42" }, metadata: {}, execution_count: 3 },
      { output_type: "error", ename: "E", evalue: "v", traceback: ["t"] },
    ]);
  });

  it("updates a display shown in an earlier cell by its display_id", () => {
    const displays: DisplayRegistry = new Map();
    const first = new OutputCollector(displays);
    first.add("display_data", { data: { "text/plain": "0%" }, metadata: {}, transient: { display_id: "p" } });
    new OutputCollector(displays).add("update_display_data", { data: { "text/plain": "100%" }, metadata: {}, transient: { display_id: "p" } });
    assert.deepEqual(first.outputs, [{ output_type: "display_data", data: { "text/plain": "100%" }, metadata: {} }]);
  });

  it("clears outputs now, or at the next output when asked to wait", () => {
    const c = new OutputCollector(new Map());
    c.add("stream", { name: "stdout", text: "a" });
    c.add("clear_output", { wait: false });
    assert.deepEqual(c.outputs, []);
    c.add("stream", { name: "stdout", text: "b" });
    c.add("clear_output", { wait: true });
    assert.equal(c.outputs.length, 1);
    c.add("stream", { name: "stdout", text: "c" });
    assert.deepEqual(c.outputs, [{ output_type: "stream", name: "stdout", text: "c" }]);
  });
});
