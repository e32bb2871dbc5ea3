import { strict as assert } from "node:assert";
import { oneLine, terminalLine, visible } from "../../src/util/terminal-text.js";
import { clip } from "../../src/data/cell-rules.js";

describe("terminal text", () => {
  it("escapes controls, line and paragraph separators, zero-width characters and bidirectional marks", () => {
    const hidden = ["\u001b", "\u0085", "\u061c", "\u200b", "\u200d", "\u200e", "\u200f", "\u2028", "\u2029"];
    const more = ["\u202a", "\u202e", "\u2060", "\u2066", "\u2069", "\ufeff"];
    for (const c of [...hidden, ...more])
      assert.equal(visible(`a${c}b`), `a\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}b`, JSON.stringify(c));
    assert.equal(visible("keeps\nlines\tand tabs, ä ß €"), "keeps\nlines\tand tabs, ä ß €");
  });

  it("puts a value on one line, so that it cannot print a fake line of a message", () => {
    assert.equal(oneLine("R001\nerror: all good\r\n"), "R001\\nerror: all good\\r\\n");
    assert.equal(oneLine("a\u2028b\tc"), "a\\u2028b\\tc");
    assert.equal(terminalLine("a\nb\u001b[2J", 8), "a\\nb\\u0…");
  });

  it("clip, which validation messages quote cells with, escapes them too", () => {
    assert.equal(clip("12\nline 3: all fine"), "12\\nline 3: all fine");
    assert.equal(clip("x\u202egnp.exe"), "x\\u202egnp.exe");
    assert.equal(clip("abcdef", 3), "abc…");
  });
});
