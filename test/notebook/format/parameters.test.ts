import { strict as assert } from "node:assert";
import { ParameterError } from "../../../src/notebook/format/errors.js";
import type { CodeCell, Notebook } from "../../../src/notebook/format/nbformat.js";
import { declaredParameters, injectParameters } from "../../../src/notebook/format/parameters.js";

const code = (id: string, source: string, tags?: string[]): CodeCell => ({
  id,
  cell_type: "code",
  metadata: tags ? { tags } : {},
  source,
  execution_count: null,
  outputs: [],
});
const notebook = (): Notebook => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    code("a", 'let lang = "de";\nlet year = 2021;\nconst fixed = 1;', ["parameters"]),
    code("b", "console.log(lang)"),
  ],
});

describe("injectParameters", () => {
  it("inserts a tagged cell after the parameters cell that reassigns the values as JSON", () => {
    const nb = injectParameters(notebook(), { lang: "en", year: 2022 }, "notebooks/a.ipynb");
    assert.deepEqual(
      nb.cells.map((c) => (c.id.length === 8 ? "new" : c.id)),
      ["a", "new", "b"],
    );
    const injected = nb.cells[1]!;
    assert.equal(
      injected.source,
      '// Injected parameters: the values of this run, in place of the defaults above\n{\n  lang = "en";\n  year = 2022;\n}\n',
    );
    assert.deepEqual(injected.metadata, { tags: ["injected-parameters"] });
    assert.deepEqual(nb.metadata.papermill, { parameters: { lang: "en", year: 2022 } });
  });

  it("comments the injected cell in the run's language: its lang parameter, else the notebook's", () => {
    const comment = (nb: Notebook, p: Record<string, unknown>) =>
      injectParameters(nb, p, "notebooks/a.ipynb").cells[1]!.source.split("\n")[0];
    const german = "// Eingefügte Parameter: die Werte dieses Laufs, statt der Vorgaben darüber";
    assert.equal(comment(notebook(), { lang: "de" }), german);
    assert.equal(comment({ ...notebook(), metadata: { interspin: { lang: "de" } } }, { year: 2022 }), german);
    assert.equal(
      comment({ ...notebook(), metadata: { interspin: { lang: "de" } } }, { lang: "en" }),
      "// Injected parameters: the values of this run, in place of the defaults above",
    );
  });

  it("gives the injected cell the same id on every run and replaces one from an earlier run", () => {
    const once = injectParameters(notebook(), { lang: "en" }, "notebooks/a.ipynb");
    const twice = injectParameters(once, { lang: "fr" }, "notebooks/a.ipynb");
    assert.equal(twice.cells.length, 3);
    assert.equal(twice.cells[1]!.id, once.cells[1]!.id);
    assert.match(twice.cells[1]!.source, /lang = "fr";/);
  });

  it("refuses names the parameters cell does not declare, const parameters, and notebooks without one", () => {
    assert.throws(
      () => injectParameters(notebook(), { colour: "red" }, "a.ipynb"),
      /does not declare "colour" \(it declares: lang, year, fixed\)/,
    );
    assert.throws(() => injectParameters(notebook(), { fixed: 2 }, "a.ipynb"), /declared with const/);
    assert.throws(() => injectParameters(notebook(), { "not-a-name": 2 }, "a.ipynb"), /not a TypeScript identifier/);
    assert.throws(() => injectParameters(notebook(), { lang: undefined }, "a.ipynb"), /cannot be written as JSON/);
    const plain = { ...notebook(), cells: [code("b", "1")] };
    assert.throws(
      () => injectParameters(plain, { lang: "en" }, "a.ipynb"),
      (e: unknown) => e instanceof ParameterError && /no code cell is tagged "parameters"/.test(e.message),
    );
  });

  it("lists declared names with their keyword", () => {
    assert.deepEqual(
      [...declaredParameters("let a = 1; var b = 2;\nconst c = 3;")],
      [
        ["a", "let"],
        ["b", "var"],
        ["c", "const"],
      ],
    );
  });
});
