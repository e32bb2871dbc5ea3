import { strict as assert } from "node:assert";
import { loadCodebook, figureDef } from "../../src/data/codebook.js";
import { figures, figureBuilder, figureIds } from "../../src/figures/index.js";
import { surveyRows, surveyTable, size3, type Row } from "../helpers/rows.js";

const cb = loadCodebook();
const rows = surveyRows();
const table = surveyTable();
const TOL = 1e-9;

/** Rows in a figure's base (its codebook filter), computed with plain loops. */
function inBase(id: string): Row[] {
  const base = figureDef(cb, id).base;
  return rows.filter((r) => Object.entries(base).every(([k, codes]) => codes.includes(r[k] as number)));
}
const answered = (rs: Row[], item: string): Row[] =>
  rs.filter((r) => (r[item] as number) >= 0 && ![-8, -9].includes(r[item] as number));
const pct = (rs: Row[], item: string, code: number): number => {
  const a = answered(rs, item);
  return (100 * a.filter((r) => r[item] === code).length) / a.length;
};
const GROUPS = ["microSmall", "medium", "large"];

describe("figure registry", () => {
  it("has one builder per figure of the report, in report order", () => {
    assert.deepEqual(figureIds, [
      "abb-01",
      "abb-02",
      "abb-03",
      "abb-04",
      "abb-05",
      "abb-06",
      "abb-07",
      "abb-08",
      "abb-09",
      "anh-01",
      "anh-02",
      "anh-03",
      "anh-04",
    ]);
  });
  it("rejects an unknown id and a bad option with a message naming the value", () => {
    assert.throws(() => figureBuilder("abb-99"), /unknown figure "abb-99"/);
    assert.throws(() => figureBuilder("abb-01").build(table, { lang: "fr" as "de" }), /invalid lang: "fr"/);
    assert.throws(() => figureBuilder("abb-01").build(table, { smallBase: -1 }), /invalid smallBase: -1/);
  });
});

describe("Likert figures (diverging bars)", () => {
  for (const id of ["abb-01", "abb-02", "abb-05", "anh-01", "anh-04"]) {
    it(`${id}: one trace per category in scale order, x = recomputed percentages per item, N in the title`, () => {
      const def = figureDef(cb, id);
      const fig = figureBuilder(id).build(table);
      const base = inBase(id);
      assert.deepEqual(
        fig.data.map((t) => t.name),
        ["Trifft voll zu", "Trifft eher zu", "Teils/teils", "Trifft weniger zu", "Trifft gar nicht zu"],
      );
      fig.data.forEach((trace, ci) => {
        (trace.x as number[]).forEach((x, bi) =>
          assert.ok(Math.abs(x - pct(base, def.items![bi]!, ci + 1)) < TOL, `${id} bar ${bi} code ${ci + 1}`),
        );
      });
      const n = Math.max(...def.items!.map((it) => answered(base, it).length));
      assert.equal(fig.layout.meta.n, n);
      assert.match(fig.layout.meta.title, new RegExp(`^${def.number.de}: `));
      const title = (fig.layout.title as { text: string }).text.replace(/<br>/g, " ");
      assert.ok(title.includes(def.statedN === null ? `(N=${n}, angenommen)` : `(N=${n})`), title);
    });
  }

  it("centres the neutral category on zero", () => {
    const fig = figureBuilder("abb-05").build(table);
    const neutral = fig.data[2]!;
    (neutral.x as number[]).forEach((w, i) => assert.ok(Math.abs((neutral.base as number[])[i]! + w / 2) < TOL));
  });

  for (const id of ["abb-03", "abb-04", "anh-02", "anh-03"]) {
    it(`${id}: one bar per size group (micro/small, medium, large) with recomputed percentages`, () => {
      const def = figureDef(cb, id);
      const item = def.items![0]!;
      const fig = figureBuilder(id).build(table);
      const base = inBase(id);
      assert.equal((fig.data[0]!.y as string[]).length, 3);
      assert.match((fig.data[0]!.y as string[])[0]!, /Mikro- und Kleinunternehmen \(n=\d+\)/);
      fig.data.forEach((trace, ci) => {
        GROUPS.forEach((g, gi) =>
          assert.ok(
            Math.abs(
              (trace.x as number[])[gi]! -
                pct(
                  base.filter((r) => size3(r) === g),
                  item,
                  ci + 1,
                ),
            ) < TOL,
          ),
        );
      });
      const n = GROUPS.reduce(
        (s, g) =>
          s +
          answered(
            base.filter((r) => size3(r) === g),
            item,
          ).length,
        0,
      );
      assert.equal(fig.layout.meta.n, n);
    });
  }

  it("abb-03 marks the small groups and says so in a note", () => {
    const fig = figureBuilder("abb-03").build(table, { smallBase: 30 });
    assert.ok((fig.data[0]!.y as string[]).every((l) => l.startsWith("⚠ ")));
    assert.ok((fig.layout.annotations as { text: string }[]).some((a) => a.text.includes("Basis unter 30")));
    const none = figureBuilder("abb-03").build(table, { smallBase: 3 });
    assert.ok((none.data[0]!.y as string[]).every((l) => !l.startsWith("⚠")));
  });
});

describe("grid figures (heatmaps)", () => {
  for (const [id, prefix] of [
    ["abb-06", "gave"],
    ["abb-07", "got"],
  ] as const) {
    it(`${id}: z[topic][group] = share of respondents who ticked ${prefix}_<topic>_<group>`, () => {
      const fig = figureBuilder(id).build(table);
      const z = fig.data[0]!.z as number[][];
      ["tech", "markets", "contacts", "other"].forEach((t, ti) =>
        ["kmu", "large", "research", "management"].forEach((g, gi) => {
          assert.ok(Math.abs(z[ti]![gi]! - pct(rows, `${prefix}_${t}_${g}`, 1)) < TOL, `${t}/${g}`);
        }),
      );
      assert.equal(fig.layout.meta.n, answered(rows, `${prefix}_tech_kmu`).length);
    });
  }
});

describe("multiple-response figures (bars)", () => {
  const channels = cb.variables.filter((v) => v.name.startsWith("channel_")).map((v) => v.name);
  it("abb-08: bars sorted by share, descending, each equal to the recomputed share, with Wilson error bars", () => {
    const fig = figureBuilder("abb-08").build(table);
    const sorted = channels.map((c) => ({ c, p: pct(rows, c, 1) })).sort((a, b) => b.p - a.p);
    const x = fig.data[0]!.x as number[];
    sorted.forEach((s, i) => assert.ok(Math.abs(x[i]! - s.p) < TOL));
    assert.equal((fig.data[0]!.y as string[])[0], "Newsletter");
    assert.equal(fig.layout.meta.n, answered(rows, "channel_newsletter").length);
    const err = fig.data[0]!.error_x as { array: number[]; arrayminus: number[] };
    assert.ok(err.array.every((e) => e > 0) && err.arrayminus.every((e) => e > 0));
    // Each share is written at the end of its interval, in its bar's row, so no whisker crosses it.
    const labels = fig.data[1]!;
    assert.deepEqual([labels.type, labels.mode, labels.textposition], ["scatter", "text", "middle right"]);
    assert.deepEqual(labels.y, fig.data[0]!.y);
    (labels.x as number[]).forEach((at, i) => assert.ok(Math.abs(at - (x[i]! + err.array[i]!)) < 1e-9));
    assert.equal((labels.text as string[])[0], `\u2002${sorted[0]!.p.toFixed(1).replace(".", ",")} %`);
  });
  it("abb-09: one series per size group, values equal the recomputed shares", () => {
    const fig = figureBuilder("abb-09").build(table);
    const groups = ["Mikro- und Kleinunternehmen", "Mittlere Unternehmen", "Großunternehmen"];
    // Three bars per channel row, and each group's labels in its bar's place within the row.
    assert.deepEqual(
      fig.data.map((t) => `${t.type} ${t.name} ${t.offsetgroup}`),
      [...groups.map((g, i) => `bar ${g} ${i}`), ...groups.map((g, i) => `scatter ${g} ${i}`)],
    );
    assert.deepEqual([fig.layout.barmode, fig.layout.scattermode], ["group", "group"]);
    const order = channels
      .map((c) => ({ c, p: pct(rows, c, 1) }))
      .sort((a, b) => b.p - a.p)
      .map((s) => s.c);
    GROUPS.forEach((g, gi) =>
      order.forEach((c, ci) => {
        assert.ok(
          Math.abs(
            (fig.data[gi]!.x as number[])[ci]! -
              pct(
                rows.filter((r) => size3(r) === g),
                c,
                1,
              ),
          ) < TOL,
        );
      }),
    );
  });
});

describe("titles", () => {
  it("start about 12 px below the top edge: a wrapped title's first line (drawn on its anchor) anchored 0.7 em lower", () => {
    let wrapped = 0;
    for (const f of figures) {
      const fig = f.build(table);
      const title = fig.layout.title as { text: string; y?: number; yanchor?: string; font: { size: number } };
      if (title.yanchor !== "top") continue;
      const below = (1 - title.y!) * (fig.layout.height as number);
      const lines = title.text.split("<br>").length;
      if (lines > 1) wrapped++;
      assert.ok(
        Math.abs(below - (lines > 1 ? 12 + 0.7 * title.font.size : 12)) < 1e-6,
        `${fig.layout.meta.id}: ${below}`,
      );
    }
    assert.ok(wrapped >= 3, `${wrapped} wrapped titles`);
  });
});

describe("languages", () => {
  it("labels every figure in English on request, from the codebook", () => {
    for (const f of figures) {
      const fig = f.build(table, { lang: "en" });
      assert.equal(fig.layout.meta.lang, "en");
      assert.match(fig.layout.meta.title, /^(Figure|Appendix) \d: /);
    }
    assert.equal(figureBuilder("abb-01").build(table, { lang: "en" }).data[0]!.name, "Fully applies");
  });
});
