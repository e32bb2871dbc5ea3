/**
 * A cell's printed values in the page look as the kernel prints them: live/inspect.ts against
 * Node's own util.inspect, console.log formatting and console.table, on the values notebooks
 * print and on random JSON-like values.
 */
import assert from "node:assert/strict";
import { Console } from "node:console";
import { Writable } from "node:stream";
import { format, inspect as nodeInspect } from "node:util";
import fc from "fast-check";
import { formatLog, formatTable, inspect } from "../../src/live/inspect.js";

/** What Node's console.table prints for `data` (without the final newline). */
function nodeTable(data: unknown): string {
  let out = "";
  const sink = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  new Console({ stdout: sink, colorMode: false }).table(data);
  return out.replace(/\n$/, "");
}

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

const examples: unknown[] = [
  158,
  -0,
  "text",
  "it's",
  "both ' and \"",
  true,
  null,
  undefined,
  [],
  {},
  [
    [41, 10],
    [6, 20],
  ],
  { group: { k: 12, n: 40, percent: 30 }, others: { k: 3, n: 20, percent: 15 } },
  { a: { b: { c: { d: 1 } } } },
  Array.from({ length: 27 }, (_, i) => i + 1),
  Array.from({ length: 120 }, (_, i) => i * 3),
  ["aaaa", "b", "cc", "d", "e", "f", "g", "h"],
  { "a-b": 1, ok: [true, false], s: new Set([1, 2]), m: new Map([["x", 1]]) },
  new Point(1, 2),
  { date: new Date(0), re: /a+/g, f: function named() {} },
  { long: "x".repeat(120), list: Array.from({ length: 8 }, (_, i) => ({ i, label: `item ${i}` })) },
  [1.5, -2.25, 1e21, 3e-7, Number.NaN, Number.POSITIVE_INFINITY],
];

describe("live/inspect: values print as Node prints them", () => {
  examples.forEach((v, i) => {
    it(`example ${i}: ${nodeInspect(v).split("\n")[0]!.slice(0, 50)}`, () => {
      assert.equal(inspect(v), nodeInspect(v));
    });
  });

  it("random JSON-like values", () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(
        fc.integer({ min: -1000, max: 100000 }),
        fc.double({ noNaN: true }),
        fc.string({ maxLength: 30 }),
        fc.boolean(),
        fc.constant(null),
      ),
      arr: fc.array(tie("node"), { maxLength: 12 }),
      obj: fc.dictionary(fc.string({ maxLength: 8 }), tie("node"), { maxKeys: 6 }),
      node: fc.oneof({ depthSize: "small" }, tie("leaf"), tie("arr"), tie("obj")),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        assert.equal(inspect(v), nodeInspect(v));
      }),
      { numRuns: 400, seed: 27 },
    );
  });

  it("console.log's arguments and placeholders", () => {
    const cases: unknown[][] = [
      ["n =", 5, [1, 2]],
      ["%s has %d rows", "t", 158],
      ["%i%% of %o", 42.7, { a: 1 }],
      ["%j", { a: [1] }],
      [{ a: 1 }, "x"],
    ];
    for (const args of cases) assert.equal(formatLog(args), format(...args));
  });

  it("console.table as Node draws it", () => {
    const cases: unknown[] = [
      [
        { claim: "Abb. 5", verdict: "robust", pMin: 0.001 },
        { claim: "Abb. 3", verdict: "fails", pMin: 0.3, note: "only here" },
      ],
      [1, "two", { three: 3 }],
      { a: { x: 1 }, b: { y: [1, 2, 3, 4] } },
    ];
    for (const c of cases) assert.equal(formatTable(c), nodeTable(c));
  });
});
