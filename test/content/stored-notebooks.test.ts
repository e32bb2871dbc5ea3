import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../../src/paths.js";
import { codeWithoutComments } from "../../src/notebook/format/localize.js";

const files = readdirSync(paths.notebooks)
  .filter((f) => f.endsWith(".ipynb"))
  .sort();
const load = (f: string) =>
  JSON.parse(readFileSync(join(paths.notebooks, f), "utf8")) as {
    nbformat: number;
    nbformat_minor: number;
    metadata: { kernelspec: { name: string } };
    cells: {
      id?: string;
      cell_type: string;
      source: string[];
      outputs?: unknown[];
      execution_count?: number | null;
      metadata: { tags?: string[]; interspin?: { en?: string } };
    }[];
  };

describe("stored notebooks", () => {
  it("are the six chapters of the report and the three seminars with their solutions", () => {
    assert.deepEqual(files, [
      "01-einleitung.ipynb",
      "02-methodisches-vorgehen.ipynb",
      "03-partnerwahl.ipynb",
      "04-wissensdiffusion.ipynb",
      "05-schlussfolgerung.ipynb",
      "06-anhang.ipynb",
      "S1-seminar-loesungen.ipynb",
      "S1-seminar-partnerwahl-und-naehe.ipynb",
      "S2-seminar-loesungen.ipynb",
      "S2-seminar-wissensdiffusion.ipynb",
      "S3-seminar-loesungen.ipynb",
      "S3-seminar-zahlen-pruefen.ipynb",
    ]);
  });
  for (const f of files) {
    it(`${f}: nbformat 4.5 for the tslab kernel, stored without outputs, unique cell ids, one parameters cell`, () => {
      const nb = load(f);
      assert.equal(nb.nbformat, 4);
      assert.ok(nb.nbformat_minor >= 5);
      assert.equal(nb.metadata.kernelspec.name, "tslab");
      const code = nb.cells.filter((c) => c.cell_type === "code");
      assert.deepEqual(code.filter((c) => (c.outputs ?? []).length > 0 || c.execution_count !== null).length, 0);
      const ids = nb.cells.map((c) => c.id);
      assert.ok(ids.every((id) => typeof id === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(id)));
      assert.equal(new Set(ids).size, ids.length);
      assert.equal(code.filter((c) => c.metadata.tags?.includes("parameters")).length, 1);
    });
    it(`${f}: comments code in German, with the same code commented in English for the English book`, () => {
      // Whole-line and trailing comments.
      const comments = (src: string) =>
        src
          .split("\n")
          .map((l) => /(?:^|\s)(\/\/.*)$/.exec(l)?.[1])
          .filter((c): c is string => c !== undefined);
      const commented = load(f).cells.filter((c) => c.cell_type === "code" && comments(c.source.join("")).length);
      assert.ok(commented.length >= 1);
      for (const c of commented) {
        const de = c.source.join("");
        const en = c.metadata.interspin?.en;
        assert.equal(typeof en, "string", `cell ${c.id} has no English version`);
        assert.equal(
          codeWithoutComments(en!),
          codeWithoutComments(de),
          `cell ${c.id}: the English version runs other code`,
        );
        assert.notDeepEqual(comments(en!), comments(de), `cell ${c.id}: the comments are not translated`);
        assert.doesNotMatch(
          comments(de).join(" "),
          /\b(the|of|and|language|your)\b/,
          `cell ${c.id}: English in the German comments`,
        );
        assert.doesNotMatch(
          comments(en!).join(" "),
          /\b(die|der|und|Sprache|Ihrer)\b/,
          `cell ${c.id}: German in the English comments`,
        );
      }
    });
    it(`${f}: stays thin (no code cell over 8 lines, no loops)`, () => {
      for (const c of load(f).cells.filter((x) => x.cell_type === "code")) {
        const src = c.source.join("");
        assert.ok(src.split("\n").length <= 8, src);
        assert.doesNotMatch(src, /\b(for|while)\s*\(/);
      }
    });
  }
});
