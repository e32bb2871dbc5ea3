import { strict as assert } from "node:assert";
import { codeWithoutComments, localizeNotebook } from "../../../src/notebook/format/localize.js";
import type { Notebook } from "../../../src/notebook/format/nbformat-types.js";

const notebook: Notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { interspin: { source: "test" } },
  cells: [
    { cell_type: "markdown", id: "m1", metadata: { interspin: { en: "# One" } }, source: "# Eins" },
    {
      cell_type: "code",
      id: "c1",
      metadata: { tags: ["parameters"], interspin: { en: "// Language\nlet lang = 1;" } },
      source: "// Sprache\nlet lang = 1;",
      outputs: [],
      execution_count: null,
    },
    { cell_type: "code", id: "c2", metadata: {}, source: "lang + 1", outputs: [], execution_count: null },
    { cell_type: "raw", id: "r1", metadata: { interspin: { en: "raw en" } }, source: "raw de" },
  ],
};

describe("notebooks in two languages (localize.ts)", () => {
  it("gives the English Markdown and the English comments of code cells for en, keeping ids, tags and other cells", () => {
    const en = localizeNotebook(notebook, "en");
    assert.deepEqual(
      en.cells.map((c) => [c.id, c.source]),
      [
        ["m1", "# One"],
        ["c1", "// Language\nlet lang = 1;"],
        ["c2", "lang + 1"],
        ["r1", "raw de"],
      ],
    );
    assert.deepEqual(en.cells[1]!.metadata.tags, ["parameters"]);
    assert.deepEqual(en.metadata.interspin, { source: "test", lang: "en" });
  });

  it("keeps the stored German cells for de, and leaves the notebook it was given unchanged", () => {
    const before = JSON.stringify(notebook);
    const de = localizeNotebook(notebook, "de");
    assert.deepEqual(
      de.cells.map((c) => c.source),
      notebook.cells.map((c) => c.source),
    );
    assert.equal((de.metadata.interspin as { lang: string }).lang, "de");
    localizeNotebook(notebook, "en");
    assert.equal(JSON.stringify(notebook), before);
  });

  it("reads the code of a cell without whole-line and trailing comments, keeping a URL's slashes", () => {
    assert.equal(
      codeWithoutComments('// Sprache\nlet lang = "de"; // oder en\n\nconst u = "https://example.org";'),
      'let lang = "de";\nconst u = "https://example.org";',
    );
    assert.equal(codeWithoutComments("// nur ein Kommentar"), "");
  });
});
