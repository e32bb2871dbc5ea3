import { strict as assert } from "node:assert";
import { createProgressReporter, doneLine, seconds } from "../../../src/notebook/run/progress.js";

function sink(isTTY = false) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 60, write: (t: string) => chunks.push(t) } };
}

describe("progress", () => {
  it("prints one plain line per finished cell when not on a TTY", () => {
    const { chunks, stream } = sink();
    const r = createProgressReporter({ stream });
    r.update({ type: "start", notebook: "03-partnerwahl", cellCount: 12 });
    r.update({ type: "cell-start", notebook: "03-partnerwahl", cellNumber: 4, cellCount: 12 });
    r.update({ type: "cell-done", notebook: "03-partnerwahl", cellNumber: 4, cellCount: 12, cellMs: 2149, ok: true });
    r.update({ type: "done", notebook: "03-partnerwahl", ok: false, failedCell: 5, cellCount: 12, elapsedMs: 4200 });
    r.close();
    assert.deepEqual(chunks, [
      "[03-partnerwahl] cell 4/12 (2.1 s)\n",
      "[03-partnerwahl] FAILED at cell 5/12 after 4.2 s\n",
    ]);
  });

  it("redraws one status line per running notebook in place on a TTY", () => {
    const { chunks, stream } = sink(true);
    let now = 1000;
    const r = createProgressReporter({ stream, now: () => now, refreshMs: 10_000 });
    r.update({ type: "start", notebook: "a", cellCount: 3 });
    r.update({ type: "start", notebook: "b", cellCount: 5 });
    now = 3500;
    r.update({ type: "cell-start", notebook: "a", cellNumber: 2, cellCount: 3 });
    assert.equal(chunks.at(-1), "\x1b[2A\r\x1b[J[a] cell 2/3  2.5 s\n[b] starting kernel  2.5 s\n");
    r.update({ type: "done", notebook: "a", ok: true, cellCount: 3, elapsedMs: 2600 });
    assert.equal(chunks.at(-1), "\x1b[2A\r\x1b[J[a] done: 3 cells in 2.6 s\n[b] starting kernel  2.5 s\n");
    r.update({ type: "done", notebook: "b", ok: true, cellCount: 5, elapsedMs: 2700 });
    assert.equal(chunks.at(-1), "\x1b[1A\r\x1b[J[b] done: 5 cells in 2.7 s\n");
    r.close();
    assert.equal(chunks.at(-1), "\r\x1b[J", "nothing is left to redraw");
  });

  it("formats seconds with one decimal and final lines for success and start failures", () => {
    assert.equal(seconds(2149), "2.1 s");
    assert.equal(
      doneLine({ type: "done", notebook: "a", ok: true, cellCount: 3, elapsedMs: 4200 }),
      "[a] done: 3 cells in 4.2 s",
    );
    assert.equal(
      doneLine({ type: "done", notebook: "a", ok: false, cellCount: 3, elapsedMs: 100 }),
      "[a] FAILED after 0.1 s",
    );
  });
});
