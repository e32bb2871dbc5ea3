import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSurvey } from "../../src/data/load.js";
import { figures } from "../../src/figures/index.js";
import { paths } from "../../src/paths.js";
import { figurePage } from "../../src/render/figure-html.js";
import { chromiumPath, normaliseSvg, startRenderer, type Rendered } from "../../src/render/render-static.js";
import { writeFileAtomic } from "../../src/node/atomic-write.js";
import { sharedReportRun, tempFolder, treeHashes } from "./helpers.js";
import { ownText } from "../helpers/vendored.js";

/** Files whose bytes are not ours: the vendored plotly.js bundle. */
const vendored = (f: string): boolean => f.endsWith("plotly.min.js");

describe("determinism: two runs of npm run report on the same inputs", function () {
  this.timeout(900_000);
  let a: string;
  let b: string;
  before(async () => {
    a = await sharedReportRun(0);
    b = await sharedReportRun(1);
  });

  it("write byte-identical notebooks, JSON, CSV, Markdown and HTML, into different output folders", () => {
    const first = treeHashes(a);
    const second = treeHashes(b);
    assert.deepEqual([...second.keys()], [...first.keys()], "the same files");
    const differing = [...first].filter(([f, h]) => second.get(f) !== h).map(([f]) => f);
    assert.deepEqual(
      differing,
      [],
      `files that differ between two runs: ${differing.join(", ")} (diff -r the two folders)`,
    );
    const kinds = new Set([...first.keys()].map((f) => f.slice(f.lastIndexOf(".") + 1)));
    for (const k of ["ipynb", "json", "csv", "html", "md"]) assert.ok(kinds.has(k), `a run writes .${k} files`);
  });

  it("put no absolute path, clock time or random id into any file", () => {
    const forbidden: [string, RegExp][] = [
      ["the project folder", new RegExp(paths.root.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))],
      ["the temporary folder", new RegExp(`${tmpdir().replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}/`)],
      ["the output folder", new RegExp(a.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))],
      ["an ISO timestamp", /\b20\d\d-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d/],
      ["a UUID", /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i],
      ["a process staging folder", /\.staging-\d+/],
    ];
    const found: string[] = [];
    for (const f of treeHashes(a).keys()) {
      if (vendored(f) || f.endsWith(".png")) continue;
      const text = ownText(f, readFileSync(join(a, f), "utf8"));
      for (const [what, re] of forbidden) if (re.test(text)) found.push(`${f}: ${what} (${re.exec(text)![0]})`);
    }
    assert.deepEqual(found, []);
  });
});

describe("determinism: static SVG and PNG renderings", function () {
  this.timeout(120_000);
  // abb-06 and abb-07 are heatmaps: their colorbar gradient carries a random id too (g0-cb<uid>)
  const ids = ["abb-01", "abb-06", "abb-07", "abb-09", "anh-02"];
  let first: Map<string, Rendered>;
  let second: Map<string, Rendered>;

  /** Renders the figures' standalone pages in a fresh Chromium (as every report run does). */
  async function renderAll(dir: string): Promise<Map<string, Rendered>> {
    const renderer = await startRenderer();
    const out = new Map<string, Rendered>();
    try {
      for (const id of ids) {
        const fig = figures.find((f) => f.id === id)!.build(loadSurvey());
        out.set(
          id,
          await renderer!.render(join(dir, `${id}.html`), fig.layout.width as number, fig.layout.height as number),
        );
      }
    } finally {
      await renderer!.close();
    }
    return out;
  }

  before(async function () {
    if (!chromiumPath()) {
      if (process.env.INTERSPIN_REQUIRE_CHROMIUM === "1")
        throw new Error("INTERSPIN_REQUIRE_CHROMIUM=1 but no Chromium (apt-get install chromium)");
      this.skip();
    }
    const dir = tempFolder("interspin-static-");
    writeFileAtomic(join(dir, "plotly.min.js"), readFileSync(paths.plotlyBundle));
    for (const id of ids)
      writeFileAtomic(
        join(dir, `${id}.html`),
        figurePage(figures.find((f) => f.id === id)!.build(loadSurvey()), "plotly.min.js"),
      );
    first = await renderAll(dir);
    second = await renderAll(dir);
  });

  it("gives byte-identical PNG files from two browser starts", () => {
    for (const id of ids)
      assert.ok(first.get(id)!.png.equals(second.get(id)!.png), `${id}.png differs between two renderings`);
  });

  it("gives byte-identical SVG files from two browser starts (random plotly ids renumbered)", () => {
    for (const id of ids)
      assert.equal(second.get(id)!.svg, first.get(id)!.svg, `${id}.svg differs between two renderings`);
  });

  it("leaves no random plotly id in an SVG except the defs ids named in the skipped test", () => {
    for (const id of ids) {
      const a = first.get(id)!.svg.replace(/\b(top)?defs-[0-9a-f]{6}\b/g, "defs-X");
      const b = second.get(id)!.svg.replace(/\b(top)?defs-[0-9a-f]{6}\b/g, "defs-X");
      assert.equal(b, a, `${id}.svg differs beyond the defs ids`);
    }
  });
});

describe("determinism: the SVG normaliser", () => {
  it("renumbers the random ids of clip paths, legends, colorbar gradients and colorbar axes in order of first appearance", () => {
    const svg =
      '<clipPath id="clip4f2a1bxyplot"/><linearGradient id="g0-cb030f5b"/><rect fill="url(\'#g0-cb030f5b\')"/><g class="legend4f2a1b"/><g class="ycb030f5btick"/>';
    assert.equal(
      normaliseSvg(svg),
      '<clipPath id="clip0xyplot"/><linearGradient id="g0-cb1"/><rect fill="url(\'#g0-cb1\')"/><g class="legend0"/><g class="ycb1tick"/>',
    );
    assert.equal(normaliseSvg(svg.replace(/030f5b/g, "c319f0").replace(/4f2a1b/g, "99aa00")), normaliseSvg(svg));
  });
});
