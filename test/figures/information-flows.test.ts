import { strict as assert } from "node:assert";
import { buildFlows, flowNumbers, FlowOptionError } from "../../src/figures/abb-06-07-information-flows.js";
import { bundleFor } from "../../src/notebook/display/plotly-library.js";
import { figureCsv } from "../../src/render/figure-csv.js";
import { loadCodebook } from "../../src/data/codebook.js";
import { surveyRows, surveyTable, count, type Row } from "../helpers/rows.js";

const rows = surveyRows();
const table = surveyTable();
const groupKeys = ["kmu", "large", "research", "management", "other"];
const topics = ["tech", "markets", "contacts", "other"];

/** Respondents of actor group `a` who ticked a cell of `q` for group `g` on one of `ts`, and those who answered all those cells. */
function counted(q: string, a: string, g: string, ts: string[]): { k: number; n: number } {
  const own = rows.filter((r) => r.actorGroup === groupKeys.indexOf(a) + 1);
  const cells = (r: Row) => ts.map((t) => r[`${q}_${t}_${g}`] as number);
  const answered = own.filter((r) => cells(r).every((v) => v >= 0));
  return { k: count(answered, (r) => cells(r).some((v) => v === 1)), n: answered.length };
}

describe("Abbildung 6/7 as flows (Sankey)", () => {
  it("counts each flow from the grid rows: respondents of a group who ticked the other group", () => {
    for (const perspective of ["gave", "got"] as const) {
      for (const topic of ["all", "contacts"]) {
        const got = flowNumbers(table, { perspective, topic }).objects() as {
          group: string;
          item: string;
          count: number;
          base: number;
        }[];
        assert.equal(got.length, 5 * 4);
        for (const r of got)
          assert.deepEqual(
            { k: r.count, n: r.base },
            counted(perspective, r.group, r.item, topic === "all" ? topics : [topic]),
            `${perspective} ${topic} ${r.group}→${r.item}`,
          );
      }
    }
  });

  it("draws senders on the left and recipients on the right, one link per flow with respondents", () => {
    const fig = buildFlows(table, { perspective: "got", topic: "markets", lang: "en" });
    const trace = fig.data[0] as {
      type: string;
      node: { label: string[] };
      link: { source: number[]; target: number[]; value: number[] };
    };
    assert.equal(trace.type, "sankey");
    const labels = loadCodebook().scales.actorGroup!.values.map((v) => v.label.en);
    assert.deepEqual(trace.node.label, [
      ...labels.map((l) => `${l} (Senders)`),
      ...labels.map((l) => `${l} (Recipients)`),
    ]);
    // receiver perspective: the respondent's group is the recipient, the grid's group the sender
    const i = trace.link.source.findIndex((s, j) => s === 3 && trace.link.target[j] === 5 + 0);
    assert.equal(trace.link.value[i], counted("got", "kmu", "management", ["markets"]).k);
    assert.ok(trace.link.source.every((s) => s < 5) && trace.link.target.every((t) => t >= 5));
    assert.ok(trace.link.value.every((v) => v > 0));
    const n = groupKeys.reduce(
      (sum, a) =>
        sum + Math.max(...["kmu", "large", "research", "management"].map((g) => counted("got", a, g, ["markets"]).n)),
      0,
    );
    assert.match(
      String((fig.layout.title as { text: string }).text).replace(/<br>/g, " "),
      new RegExp(`Receiver perspective; Information on foreign markets; N=${n}\\)`),
    );
  });

  it("labels in German by default, from the codebook", () => {
    const fig = buildFlows(table);
    assert.match((fig.data[0] as { node: { label: string[] } }).node.label[0]!, /^KMU\/Start-ups \(Sender\)$/);
    assert.match(String((fig.layout.title as { text: string }).text), /Sender-Perspektive; alle Themen/);
  });

  it("needs the full plotly.js bundle (sankey is not in the cartesian one)", () => {
    assert.equal(bundleFor([buildFlows(table)]).name, "plotly.js-dist-min");
  });

  it("writes its numbers as the figures' CSV", () => {
    const csv = figureCsv(flowNumbers(table, { perspective: "gave" }));
    const k = counted("gave", "kmu", "management", topics);
    assert.ok(
      csv.split("\n").some((l) => l.includes("kmu") && l.includes("management") && l.includes(`,${k.k},${k.n},`)),
      csv.split("\n").slice(0, 3).join("\n"),
    );
  });

  it("suppresses small flows under a minimum cell size and leaves them out of the links", () => {
    const n = flowNumbers(table, { minCell: 10 }).objects() as {
      group: string;
      count: number | null;
      suppressed?: boolean;
    }[];
    assert.ok(n.filter((r) => r.group === "management").every((r) => r.suppressed));
    const fig = buildFlows(table, { minCell: 10 });
    assert.equal(
      (fig.data[0] as { link: { value: number[] } }).link.value.length,
      n.filter((r) => !r.suppressed && r.count! > 0).length,
    );
  });

  it("rejects unknown perspectives and topics", () => {
    assert.throws(() => buildFlows(table, { perspective: "sent" as "gave" }), FlowOptionError);
    assert.throws(
      () => flowNumbers(table, { topic: "weather" }),
      /invalid topic: "weather" \(expected "all" or one of tech, markets, contacts, other\)/,
    );
  });

  it("gives empty flows, not an error, on a survey without answers to the grid", () => {
    const empty = table.filter(() => false);
    assert.equal((buildFlows(empty).data[0] as { link: { value: number[] } }).link.value.length, 0);
    assert.ok((flowNumbers(empty).array("base") as ArrayLike<number>).length === 20);
  });
});
