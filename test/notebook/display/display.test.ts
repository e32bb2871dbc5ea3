import { strict as assert } from "node:assert";
import { createRequire } from "node:module";
import * as aq from "arquero";
import { inKernel, sendDisplayData } from "../../../src/notebook/display/display-adapter.js";
import {
  figureBundle,
  figureSummary,
  forgetShownLibrary,
  PLOTLY_MIME,
  show,
  showPlotlyLibrary,
  showTable,
  tableBundle,
} from "../../../src/notebook/display/display.js";
import { plotlyHtml } from "../../../src/notebook/display/plotly-html.js";
import { bundleFor, bundleSource, PLOTLY_BUNDLES } from "../../../src/notebook/display/plotly-library.js";

const EVIL = "</script><script>alert(1)</script>";
const figure = {
  data: [{ type: "bar", x: [EVIL, "b"], y: [1, 2] }],
  layout: { title: { text: "<b>Partner</b>wahl" }, meta: { id: "abb-02", title: "Partnerwahl", n: 212 } },
  config: { displaylogo: false },
};

/** Makes the display adapter believe it runs in a kernel, collecting what it sends. */
function withFakeKernel(body: () => void): unknown[][] {
  const require = createRequire(import.meta.url);
  const jupyter = require("tslab/dist/jupyter.js") as { lastWriteDisplayData: unknown };
  const sent: unknown[][] = [];
  jupyter.lastWriteDisplayData = (...args: unknown[]) => sent.push(args);
  try {
    body();
  } finally {
    jupyter.lastWriteDisplayData = null;
  }
  return sent;
}

describe("display adapter", () => {
  it("sends nothing and returns false outside a kernel", () => {
    assert.equal(inKernel(), false);
    assert.equal(sendDisplayData({ data: { "text/plain": "x" } }), false);
  });

  it("hands one full display_data content to tslab's current writer", () => {
    let result: boolean | undefined;
    const sent = withFakeKernel(() => {
      result = sendDisplayData({ data: { "text/plain": "x", "text/html": "<b>x</b>" } });
    });
    assert.equal(result, true);
    assert.deepEqual(sent, [
      [{ data: { "text/plain": "x", "text/html": "<b>x</b>" }, metadata: {}, transient: {} }, false],
    ]);
  });
});

describe("show", () => {
  beforeEach(() => forgetShownLibrary());

  it("bundles Plotly JSON, the HTML box and a plain summary in one display, after one display carrying plotly.js", () => {
    const sent = withFakeKernel(() => assert.equal(show(figure), undefined));
    assert.equal(sent.length, 2);
    const [library, shown] = sent.map(
      (args) => args[0] as { data: Record<string, unknown>; metadata: Record<string, unknown> },
    );
    assert.deepEqual(Object.keys(library!.data), ["text/html", "text/plain"]);
    assert.deepEqual(library!.metadata, { interspin: { kind: "plotly-library" } });
    assert.deepEqual(Object.keys(shown!.data), [PLOTLY_MIME, "text/html", "text/plain"]);
    assert.deepEqual(shown!.data[PLOTLY_MIME], figure);
    assert.equal(shown!.data["text/plain"], "Figure abb-02: Partnerwahl (N = 212)");
    assert.equal((shown!.metadata.interspin as { kind: string }).kind, "figure");
  });

  it("carries plotly.js once per kernel session: later figures send one display each, a restart sends it again", () => {
    const counts = withFakeKernel(() => {
      show(figure);
      show(figure);
      show(figure);
    });
    assert.equal(counts.length, 4);
    forgetShownLibrary();
    assert.equal(withFakeKernel(() => show(figure)).length, 2);
  });

  it("embeds the cartesian bundle for bars and heatmaps, and the full bundle once a figure needs another trace type", () => {
    const sankey = {
      data: [{ type: "sankey", node: { label: ["a", "b"] }, link: { source: [0], target: [1], value: [1] } }],
    };
    const sent = withFakeKernel(() => {
      show(figure);
      show({ data: [{ type: "heatmap", z: [[1]] }] });
      show(sankey);
      show(sankey);
    }).map((args) => String((args[0] as { data: Record<string, unknown> }).data["text/plain"]));
    assert.equal(sent.length, 6);
    assert.match(sent[0]!, /^plotly\.js 4\.1\.1 \(plotly\.js-cartesian-dist-min\)/);
    assert.match(sent[3]!, /^plotly\.js 4\.1\.2 \(plotly\.js-dist-min\)/);
    assert.equal(bundleFor([sankey]).name, "plotly.js-dist-min");
    assert.equal(bundleFor([{ data: [{ type: "bar" }, { type: "heatmap" }] }]).name, "plotly.js-cartesian-dist-min");
  });

  it("writes the library so that no part of it can end its script element, and hides require.js from it", () => {
    const html = withFakeKernel(() => showPlotlyLibrary()).map((args) =>
      String((args[0] as { data: Record<string, unknown> }).data["text/html"]),
    )[0]!;
    assert.equal(html.split("</script").length - 1, 1);
    assert.ok(!html.includes("<!--"));
    assert.ok(html.includes("(function (define, require, module, exports) {"));
    const raw = bundleSource(PLOTLY_BUNDLES[0]!).text;
    assert.ok(html.length > raw.length && raw.length > 1_000_000, "the whole bundle is inside");
  });

  it("returns the figure and prints nothing outside a kernel", () => {
    assert.equal(show(figure), figure);
  });

  it("keeps labels from closing the script: the HTML has one script element and the JSON survives", () => {
    const html = String(figureBundle(figure)["text/html"]);
    assert.equal(html.split("<script").length - 1, 1);
    assert.equal(html.split("</script>").length - 1, 1);
    assert.ok(!html.includes(EVIL));
    const json = /, fig = (\{.*\}), text = /.exec(html)![1]!;
    assert.equal(JSON.parse(json).data[0].x[0], EVIL);
  });

  it("a figure box loads nothing itself: no URL, no script source, and a note with title and N before any script runs", () => {
    const html = plotlyHtml(figure, { divId: "f1", summary: figureSummary(figure) });
    assert.ok(!/https?:\/\/|src=|\.js["']/.test(html));
    assert.ok(html.length < 5000);
    const before = html.slice(0, html.indexOf("<script"));
    assert.match(
      before,
      /<p class="interspin-figure-note">Figure abb-02: Partnerwahl \(N = 212\) – The interactive chart appears/,
    );
  });

  it("carries a given PNG as image/png and inside the box, with its CSS size in the metadata", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const fig = { ...figure, layout: { ...figure.layout, width: 900, height: 500 } };
    const sent = withFakeKernel(() => show(fig, { png }));
    const shown = sent[sent.length - 1]![0] as { data: Record<string, unknown>; metadata: Record<string, unknown> };
    assert.equal(shown.data["image/png"], png.toString("base64"));
    assert.ok(
      String(shown.data["text/html"]).includes(
        `<img src="data:image/png;base64,${png.toString("base64")}" alt="Figure abb-02: Partnerwahl (N = 212)" width="900"`,
      ),
    );
    assert.deepEqual(shown.metadata["image/png"], { width: 900, height: 500 });
  });

  it("writes the box's texts in the figure's language", () => {
    const en = plotlyHtml({ data: [], layout: { meta: { lang: "en" } } }, { divId: "e", messages: undefined });
    assert.ok(en.includes("The interactive chart appears"));
    const de = String(
      figureBundle({ data: [], layout: { meta: { id: "abb-01", title: "T", n: 1, lang: "de" } } })["text/html"],
    );
    assert.ok(de.includes("Die interaktive Grafik erscheint, wenn das Notebook vertrauenswürdig ist"));
    assert.ok(de.includes("plotly.js fehlt auf dieser Seite"));
  });

  it("derives the same div id from the same figure and a new one for a second display", () => {
    const ids = withFakeKernel(() => {
      show({ data: [], layout: { title: "x" } });
      show({ data: [], layout: { title: "x" } });
    })
      .slice(1)
      .map((args) => /id="([^"]+)"/.exec(String((args[0] as { data: Record<string, unknown> }).data["text/html"]))![1]);
    assert.match(ids[0]!, /^plotly-[0-9a-f]{10}$/);
    assert.equal(ids[1], `${ids[0]}-1`);
  });

  it("summarises figures without meta by their title or trace count", () => {
    assert.equal(figureSummary({ data: [], layout: { title: "A<br>B" } }), "Figure: A B");
    assert.equal(figureSummary({ data: [{}, {}] }), "Figure (2 traces)");
  });
});

describe("showTable", () => {
  const table = aq.table({ label: ["<script>x</script>", "b & c"], n: [12, 3] });

  it("renders escaped HTML and aligned text", () => {
    const bundle = tableBundle(table);
    const html = String(bundle["text/html"]);
    assert.ok(html.includes("<td>&lt;script&gt;x&lt;/script&gt;</td>"));
    assert.ok(html.includes("<td>b &amp; c</td>"));
    assert.ok(!html.includes("<script>"));
    assert.equal(
      bundle["text/plain"],
      "label               n\n------------------  --\n<script>x</script>  12\nb & c               3\n",
    );
  });

  it("cuts long tables and says how many rows were left out", () => {
    const bundle = tableBundle(aq.table({ i: [1, 2, 3] }), 2);
    assert.equal(bundle["text/plain"], "i\n-\n1\n2\n… 1 more rows (3 in all)\n");
    assert.ok(String(bundle["text/html"]).endsWith("<p>… 1 more rows (3 in all)</p>"));
  });

  it("sends one display_data in a kernel and returns the table outside one", () => {
    assert.equal(showTable(table), table);
    const sent = withFakeKernel(() => assert.equal(showTable(table), undefined));
    assert.deepEqual(Object.keys((sent[0]![0] as { data: object }).data), ["text/html", "text/plain"]);
  });
});
