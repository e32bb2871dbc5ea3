import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSurvey } from "../../src/data/load.js";
import { figures } from "../../src/figures/index.js";
import { exportFigures } from "../../src/report/export-figures.js";
import { chromiumPath, startRenderer, type Rendered } from "../../src/report/render-static.js";

describe("static renderings over several pages of one Chromium", function () {
  this.timeout(300_000);
  let dir: string;
  const table = loadSurvey();
  const sizes = new Map(figures.map((f) => { const fig = f.build(table); return [f.id, [fig.layout.width as number, fig.layout.height as number] as const]; }));

  before(async function () {
    if (!chromiumPath()) {
      if (process.env.INTERSPIN_REQUIRE_CHROMIUM === "1") throw new Error("INTERSPIN_REQUIRE_CHROMIUM=1 but no Chromium (apt-get install chromium)");
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), "interspin-render-pages-"));
    await exportFigures(table, { outDir: dir, static: false });
  });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

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
});
