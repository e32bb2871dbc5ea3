import { strict as assert } from "node:assert";
import { createRequire } from "node:module";
import * as aq from "arquero";
import { inKernel, sendDisplayData } from "../../src/notebook/display-adapter.js";
import { figureBundle, figureSummary, PLOTLY_MIME, show, showTable, tableBundle } from "../../src/notebook/display.js";
import { DEFAULT_PLOTLY_SRC, plotlyHtml } from "../../src/notebook/plotly-html.js";

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
    assert.deepEqual(sent, [[{ data: { "text/plain": "x", "text/html": "<b>x</b>" }, metadata: {}, transient: {} }, false]]);
  });
});

describe("show", () => {
  it("bundles Plotly JSON, offline HTML and a plain summary in one display", () => {
    const sent = withFakeKernel(() => assert.equal(show(figure), undefined));
    assert.equal(sent.length, 1);
    const data = (sent[0]![0] as { data: Record<string, unknown> }).data;
    assert.deepEqual(Object.keys(data), [PLOTLY_MIME, "text/html", "text/plain"]);
    assert.deepEqual(data[PLOTLY_MIME], figure);
    assert.equal(data["text/plain"], "Figure abb-02: Partnerwahl (N = 212)");
  });

  it("returns the figure and prints nothing outside a kernel", () => {
    assert.equal(show(figure), figure);
  });

  it("keeps labels from closing the script: the HTML has one script element and the JSON survives", () => {
    const html = String(figureBundle(figure)["text/html"]);
    assert.equal(html.split("<script").length - 1, 1);
    assert.equal(html.split("</script>").length - 1, 1);
    assert.ok(!html.includes(EVIL));
    const json = /fig = (\{.*\});\n/.exec(html)![1]!;
    assert.equal(JSON.parse(json).data[0].x[0], EVIL);
  });

  it("loads plotly.js from a relative path, never a CDN, and never inlines it", () => {
    const html = plotlyHtml(figure, { divId: "f1" });
    assert.ok(html.includes(JSON.stringify(DEFAULT_PLOTLY_SRC)));
    assert.ok(!/https?:\/\//.test(html));
    assert.ok(html.length < 5000);
    assert.ok(html.includes("window.define.amd"), "require.js pages load it as an AMD module");
  });

  it("derives the same div id from the same figure and a new one for a second display", () => {
    const ids = withFakeKernel(() => {
      show({ data: [], layout: { title: "x" } });
      show({ data: [], layout: { title: "x" } });
    }).map((args) => /id="([^"]+)"/.exec(String((args[0] as { data: Record<string, unknown> }).data["text/html"]))![1]);
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
    assert.equal(bundle["text/plain"], "label               n\n------------------  --\n<script>x</script>  12\nb & c               3\n");
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
