import { strict as assert } from "node:assert";
import {
  OutputCollector,
  truncationNote,
  type DisplayRegistry,
} from "../../../src/notebook/kernel/output-collector.js";

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
    new OutputCollector(displays).add("update_display_data", {
      data: { "text/plain": "100%" },
      metadata: {},
      transient: { display_id: "p" },
    });
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

  it("keeps output up to its limit, then drops the rest and says so once; errors are always kept", () => {
    const c = new OutputCollector(new Map(), 10);
    c.add("stream", { name: "stdout", text: "123456" });
    c.add("stream", { name: "stdout", text: "7890" });
    c.add("stream", { name: "stdout", text: "x" });
    c.add("display_data", { data: { "text/plain": "a display" }, metadata: {} });
    c.add("stream", { name: "stderr", text: "more" });
    c.add("error", { ename: "Error", evalue: "after the limit", traceback: [] });
    assert.equal(c.truncated, true);
    assert.deepEqual(c.outputs, [
      { output_type: "stream", name: "stdout", text: "1234567890" },
      { output_type: "stream", name: "stderr", text: truncationNote(10) },
      { output_type: "error", ename: "Error", evalue: "after the limit", traceback: [] },
    ]);
  });

  it("counts a message too large to parse by its bytes", () => {
    const c = new OutputCollector(new Map(), 5 * 2 ** 20);
    c.add("stream", { oversize: 200 * 2 ** 20 });
    assert.deepEqual(c.outputs, [{ output_type: "stream", name: "stderr", text: truncationNote(5 * 2 ** 20) }]);
    assert.match(
      truncationNote(5 * 2 ** 20),
      /more than 5 MB; the rest was dropped \(raise the limit with --max-cell-output MB\)/,
    );
  });

  it("starts counting again after clear_output", () => {
    const c = new OutputCollector(new Map(), 4);
    c.add("stream", { name: "stdout", text: "abcd" });
    c.add("clear_output", { wait: false });
    c.add("stream", { name: "stdout", text: "efgh" });
    assert.deepEqual(c.outputs, [{ output_type: "stream", name: "stdout", text: "efgh" }]);
  });
});
