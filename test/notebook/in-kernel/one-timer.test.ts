import { strict as assert } from "node:assert";
import { oneTimer, type TimerPair } from "../../../src/notebook/in-kernel/one-timer.js";

/** A host with one timer, as tslab's converter has it: a second pending timer throws, and it fires only when told. */
function singleTimerHost() {
  let timer: { callback: () => void } | null = null;
  const host: TimerPair & { fire(): void; pending(): boolean } = {
    setTimeout(callback) {
      if (timer) throw new Error("Unexpected pending rebuildTimer");
      timer = {
        callback: () => {
          callback();
          timer = null;
        },
      };
      return timer;
    },
    clearTimeout(id) {
      if (timer !== id) throw new Error("clearing unexpected timer");
      timer = null;
    },
    fire() {
      if (!timer) throw new Error("rebuildTimer is not set properly");
      timer.callback();
    },
    pending: () => timer !== null,
  };
  return host;
}

describe("oneTimer: a watch program's timers behind tslab's one", () => {
  it("shows the failure it prevents: a second timer on the bare host throws", () => {
    const host = singleTimerHost();
    host.setTimeout(() => {}, 250);
    assert.throws(() => host.setTimeout(() => {}, 250), /Unexpected pending rebuildTimer/);
  });

  it("runs two pending timers, in the order they were set, when the host fires its one", () => {
    const host = singleTimerHost();
    const t = oneTimer(host);
    const ran: string[] = [];
    t.setTimeout((what) => ran.push(String(what)), 250, "invalidate failed lookups");
    t.setTimeout((what) => ran.push(String(what)), 250, "update program");
    assert.equal(host.pending(), true);
    host.fire();
    assert.deepEqual(ran, ["invalidate failed lookups", "update program"]);
    assert.equal(host.pending(), false);
  });

  it("runs a timer set while the pending ones run (an invalidation schedules an update) in the same firing", () => {
    const host = singleTimerHost();
    const t = oneTimer(host);
    const ran: string[] = [];
    let update = t.setTimeout(() => ran.push("stale update"), 250);
    t.setTimeout(() => {
      ran.push("invalidate");
      t.clearTimeout(update);
      update = t.setTimeout(() => ran.push("update"), 250);
    }, 250);
    host.fire();
    assert.deepEqual(ran, ["stale update", "invalidate", "update"]);
    assert.equal(host.pending(), false, "nothing left for the next cell");
    t.setTimeout(() => ran.push("next cell"), 250);
    host.fire();
    assert.deepEqual(ran.at(-1), "next cell");
  });

  it("drops a cleared timer and clears the host's when none is left", () => {
    const host = singleTimerHost();
    const t = oneTimer(host);
    const ran: string[] = [];
    const a = t.setTimeout(() => ran.push("a"), 250);
    const b = t.setTimeout(() => ran.push("b"), 250);
    t.clearTimeout(a);
    assert.equal(host.pending(), true);
    t.clearTimeout(b);
    assert.equal(host.pending(), false);
    t.clearTimeout(b);
    assert.throws(() => host.fire(), /not set properly/);
    assert.deepEqual(ran, []);
  });
});
