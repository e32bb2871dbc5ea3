import { strict as assert } from "node:assert";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { projectNotebookFolder, runReport, tempFolder, writeTinyNotebook } from "./helpers.js";

describe("bounded outputs and clean terminal lines", function () {
  this.timeout(180_000);

  it("caps what a cell writes (--max-cell-output), with a note in the notebook and the book", async () => {
    const notebooks = projectNotebookFolder();
    writeTinyNotebook(notebooks, "01-loud", [
      'console.log("x".repeat(20 * 2 ** 20));',
      'for (let i = 0; i < 100_000; i++) console.log(`line ${i} ${"-".repeat(200)}`);',
      'console.log("quiet");',
    ]);
    const out = join(tempFolder("interspin-loud-"), "output");
    const r = await runReport(["--out", out, "--no-static", "--notebooks", notebooks, "--max-cell-output", "1"]);
    assert.equal(r.code, 0, r.stderr);
    const nbFile = join(out, "notebooks", "01-loud.ipynb");
    const nb = JSON.parse(readFileSync(nbFile, "utf8")) as {
      cells: { cell_type: string; outputs?: { name?: string; text?: string | string[] }[] }[];
    };
    const code = nb.cells.filter(
      (c) => c.cell_type === "code" && !(c.outputs ?? []).every((o) => o.name === undefined),
    );
    const texts = code.map((c) =>
      (c.outputs ?? []).map((o) => (Array.isArray(o.text) ? o.text.join("") : (o.text ?? ""))).join(""),
    );
    const note =
      /\[output truncated: this cell wrote more than 1 MB; the rest was dropped \(raise the limit with --max-cell-output MB\)\]/;
    assert.match(texts[0]!, note, "the one huge line");
    assert.match(texts[1]!, note, "many lines");
    assert.ok(texts[1]!.startsWith("line 0 "), "what came before the limit is kept");
    assert.equal(texts[2], "quiet\n", "the next cell is not affected");
    assert.ok(statSync(nbFile).size < 2.5 * 2 ** 20, `executed notebook ${statSync(nbFile).size} bytes`);
    const page = join(out, "site", "de", "01-loud.html");
    assert.ok(statSync(page).size < 2.5 * 2 ** 20, `book page ${statSync(page).size} bytes`);
    assert.match(readFileSync(page, "utf8"), note);
  });

  it("caps what all cells of a notebook write together (--max-notebook-output), with a note", async () => {
    const notebooks = projectNotebookFolder();
    // Eight cells of 0.6 MB each, every one below the cell limit: 4.8 MB in all.
    writeTinyNotebook(notebooks, "01-many", [
      ...Array.from({ length: 8 }, (_, i) => `console.log("${i}".repeat(0.6 * 2 ** 20));`),
      'console.log("after");',
    ]);
    const out = join(tempFolder("interspin-many-"), "output");
    const r = await runReport([
      "--out",
      out,
      "--no-static",
      "--notebooks",
      notebooks,
      "--book-langs",
      "de",
      "--max-notebook-output",
      "2",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const nbFile = join(out, "notebooks", "01-many.ipynb");
    const text = readFileSync(nbFile, "utf8");
    const note =
      "[output truncated: this notebook wrote more than 2 MB; the rest of its output was dropped (raise the limit with --max-notebook-output MB)]";
    assert.equal(text.split(note).length - 1, 1, "one note, in the cell that passed the limit");
    const kept = [..."01234567"].filter((d) => text.includes(d.repeat(1000)));
    assert.deepEqual(kept, ["0", "1", "2"], "the outputs that fit into 2 MB, none after");
    assert.ok(statSync(nbFile).size < 2.5 * 2 ** 20, `executed notebook ${statSync(nbFile).size} bytes`);
    const page = join(out, "site", "de", "01-many.html");
    assert.ok(statSync(page).size < 2.5 * 2 ** 20, `book page ${statSync(page).size} bytes`);
  });

  it("shows a notebook name with terminal escape sequences escaped in every progress and error line", async () => {
    const notebooks = projectNotebookFolder();
    writeTinyNotebook(notebooks, "01-\u001b]0;pwned\u0007\u001b[2Jname", ['throw new Error("bad \\u001b[31mred");']);
    const out = join(tempFolder("interspin-esc-"), "output");
    const r = await runReport(["--out", out, "--no-static", "--notebooks", notebooks]);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stderr, /[\u0000-\u0008\u000b-\u001f\u007f]/, "raw control characters on stderr");
    assert.match(r.stderr, /^\[01-\\u001b\]0;pwned\\u0007\\u001b\[2Jname\] FAILED at cell 3\/3/m);
    assert.match(
      r.stderr,
      /^error: notebook 01-\\u001b\]0;pwned\\u0007\\u001b\[2Jname failed at cell 3 \(counting all cells\): Error: bad \\u001b\[31mred$/m,
    );
  });
});
