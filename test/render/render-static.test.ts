import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSurvey } from "../../src/data/load.js";
import { figures } from "../../src/figures/index.js";
import { exportFigures } from "../../src/render/export-figures.js";
import { chromiumPath, PageKinds, startRenderer, type Rendered } from "../../src/render/render-static.js";

describe("static renderings over several pages of one Chromium", function () {
  this.timeout(300_000);
  let dir: string;
  const table = loadSurvey();
  const sizes = new Map(
    figures.map((f) => {
      const fig = f.build(table);
      return [f.id, [fig.layout.width as number, fig.layout.height as number] as const];
    }),
  );

  before(async function () {
    if (!chromiumPath()) {
      if (process.env.INTERSPIN_REQUIRE_CHROMIUM === "1")
        throw new Error("INTERSPIN_REQUIRE_CHROMIUM=1 but no Chromium (apt-get install chromium)");
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), "interspin-render-pages-"));
    await exportFigures(table, { outDir: dir, static: false });
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const renderAll = async (pages: number, together: boolean): Promise<Rendered[]> => {
    const r = (await startRenderer({ pages }))!;
    try {
      const one = (id: string) => r.render(join(dir, `${id}.html`), sizes.get(id)![0], sizes.get(id)![1]);
      if (together) return await Promise.all(figures.map((f) => one(f.id)));
      const done: Rendered[] = [];
      for (const f of figures) done.push(await one(f.id));
      return done;
    } finally {
      await r.close();
    }
  };

  it("gives the same PNG and SVG bytes, figure by figure, whether 13 renderings run together on two pages or one after another on one", async () => {
    const apart = await renderAll(1, false);
    const together = await renderAll(2, true);
    assert.equal(together.length, figures.length);
    figures.forEach((f, i) => {
      assert.ok(together[i]!.png.length > 1000, `${f.id} has a picture`);
      assert.ok(together[i]!.png.equals(apart[i]!.png), `${f.id} PNG`);
      assert.equal(together[i]!.svg, apart[i]!.svg, `${f.id} SVG`);
    });
    // Each figure's own picture, not a neighbour's drawn into the same page: the sizes differ.
    assert.ok(new Set(together.map((x) => x.png.length)).size > figures.length / 2);
  });

  it("draws figures of another folder with the same plotly.js and markup into the loaded page, with the same bytes", async () => {
    const other = mkdtempSync(join(tmpdir(), "interspin-render-pages-"));
    try {
      await exportFigures(table, { outDir: other, static: false });
      const kinds = new PageKinds();
      const kindOf = (folder: string, id: string) =>
        kinds.of(join(folder, `${id}.html`), readFileSync(join(folder, `${id}.html`), "utf8"));
      assert.equal(kindOf(dir, "abb-01"), kindOf(other, "abb-02"));
      const apart = await renderAll(1, false);
      const r = (await startRenderer({ pages: 1 }))!;
      try {
        await r.render(join(dir, "abb-01.html"), sizes.get("abb-01")![0], sizes.get("abb-01")![1]);
        for (const [i, f] of figures.entries()) {
          const got = await r.render(join(other, `${f.id}.html`), sizes.get(f.id)![0], sizes.get(f.id)![1]);
          assert.ok(got.png.equals(apart[i]!.png), `${f.id} PNG`);
          assert.equal(got.svg, apart[i]!.svg, `${f.id} SVG`);
        }
      } finally {
        await r.close();
      }
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe("PageKinds", () => {
  it("puts pages that differ only in spec and title together, and apart when the language, the markup or the plotly.js bytes differ", () => {
    const dir = mkdtempSync(join(tmpdir(), "interspin-page-kinds-"));
    try {
      for (const [folder, bytes] of [
        ["a", "plotly 1"],
        ["b", "plotly 1"],
        ["c", "plotly 2"],
      ] as const) {
        mkdirSync(join(dir, folder));
        writeFileSync(join(dir, folder, "plotly.min.js"), bytes);
      }
      const page = (lang: string, title: string, spec: string) =>
        `<html lang="${lang}"><title>${title}</title><script src="plotly.min.js"></script><script type="application/json" id="spec">${spec}</script></html>`;
      const kinds = new PageKinds();
      const a = kinds.of(join(dir, "a", "x.html"), page("de", "Abb. 1", '{"data":[1]}'));
      assert.equal(kinds.of(join(dir, "b", "y.html"), page("de", "Abb. 2", '{"data":[2]}')), a);
      assert.notEqual(kinds.of(join(dir, "c", "y.html"), page("de", "Abb. 2", "{}")), a, "other plotly.js bytes");
      assert.notEqual(kinds.of(join(dir, "b", "y.html"), page("en", "Fig. 2", "{}")), a, "another language");
      assert.notEqual(
        kinds.of(join(dir, "b", "y.html"), page("de", "Abb. 2", "{}").replace("<html", "<html class=x")),
        a,
        "other markup",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
