/**
 * Cells run in the page as in a kernel: one scope per page (a later cell sees an earlier cell's
 * names, a cell run again declares them anew), top-level await, the last expression as the
 * cell's value, imports from the notebook API, and errors with the cell's line and column.
 */
import assert from "node:assert/strict";
import * as api from "../../src/api/index.js";
import { CellSyntaxError, compileCell } from "../../src/live/compile-cell.js";
import { errorPosition, PageScope } from "../../src/live/page-scope.js";

const scope = (): PageScope => new PageScope({ "interspin-notebooks": api });

describe("live cells: one scope per page", () => {
  it("lets a later cell see an earlier cell's names, and a cell run again declare them anew", async () => {
    const s = scope();
    assert.equal(await s.run('let lang: "de" | "en" = "de";\nconst n: number = 2;', 1), undefined);
    assert.equal(await s.run("const m = n * 21;\nm", 2), 42);
    assert.equal(await s.run("const n = 5;", 1), undefined);
    assert.equal(await s.run("n + lang", 3), "5de");
  });

  it("imports names from interspin-notebooks that later cells use", async () => {
    const s = scope();
    await s.run('import { survey, showFigure } from "interspin-notebooks";\nconst t = survey("");\nt.numRows();', 2);
    assert.equal(await s.run("t.numRows()", 3), 158);
    assert.equal(typeof (await s.run("showFigure", 4)), "function");
  });

  it("keeps destructured names, functions (hoisted) and classes", async () => {
    const s = scope();
    await s.run(
      "const { a, b: [c, ...d] } = { a: 1, b: [2, 3, 4] };\ntwice(a);\nfunction twice(x: number) { return 2 * x; }\nclass K { v = 7 }",
      1,
    );
    assert.deepEqual(await s.run("[a, c, d, twice(4), new K().v]", 2), [1, 2, [3, 4], 8, 7]);
  });

  it("awaits at the top level", async () => {
    const s = scope();
    assert.equal(await s.run("const x = await Promise.resolve(20);\nx + 1", 1), 21);
  });

  it("refuses an unknown module as Node does", async () => {
    await assert.rejects(scope().run('import { x } from "left-pad";', 1), /Cannot find module 'left-pad'/);
    await assert.rejects(
      scope().run('import { nothing } from "interspin-notebooks";', 1),
      /does not provide an export named 'nothing'/,
    );
  });

  it("names the line and column of a syntax error, in TypeScript and in JavaScript", () => {
    assert.throws(
      () => compileCell("let a: number = 1;\nlet b = (;\n"),
      (e: unknown) => e instanceof CellSyntaxError && e.line === 2 && e.column === 10,
    );
    assert.throws(
      () => compileCell("const x = 1;\n\n  export default x;"),
      (e: unknown) => e instanceof CellSyntaxError && e.line === 3,
    );
  });

  it("names the cell's line where a running cell throws, types stripped or not", async () => {
    const s = scope();
    const source = "const a: number = 1;\n// a comment\nconst b = (null as any).field;\n";
    const e = await s.run(source, 7).then(
      () => null,
      (err: unknown) => err,
    );
    assert.ok(e instanceof TypeError);
    assert.equal(errorPosition(e, 7)?.line, 3);
    const f = await s.run('\n\nshowFigure("abb-99", t);', 8).then(
      () => null,
      (err: unknown) => err,
    );
    assert.ok(f instanceof ReferenceError);
    assert.equal(errorPosition(f, 8)?.line, 3);
  });
});
