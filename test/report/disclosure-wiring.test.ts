import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { figureBuilder } from "../../src/figures/index.js";
import { requireMinCell } from "../../src/data/disclosure-policy.js";
import { exportFigures } from "../../src/render/export-figures.js";
import { survey } from "../../src/api/chapter.js";
import { formatCsv } from "../../src/util/csv-write.js";
import { surveyRows, surveyTable } from "../helpers/rows.js";

describe("disclosure control in figures and exports", () => {
  it("leaves the shipped reconstruction unsuppressed", () => {
    const t = survey();
    const rows = figureBuilder("abb-03").numbers(t).objects() as { suppressed?: boolean }[];
    assert.ok(rows.every((r) => !r.suppressed));
  });

  it("suppresses cells under k in figures built from other data, and says so in the figure", () => {
    const t = requireMinCell(surveyTable(), 5);
    const rows = figureBuilder("abb-03").numbers(t).objects() as {
      group: string;
      count: number | null;
      base: number;
      suppressed: boolean;
    }[];
    // the medium and large groups have 5 respondents each: every cell there holds fewer than 5
    assert.ok(rows.filter((r) => r.group === "large").every((r) => r.suppressed && r.count === null));
    assert.ok(rows.filter((r) => r.suppressed === false).every((r) => (r.count as number) >= 5));
    const fig = figureBuilder("abb-03").build(t);
    assert.ok((fig.layout.annotations as { text: string }[]).some((a) => /unterdrückt \(< 5 Befragte\)/.test(a.text)));
  });

  it("suppresses from a survey file that is not the reconstruction, and not when minCell is 0", () => {
    const dir = mkdtempSync(join(tmpdir(), "interspin-sdc-"));
    try {
      const rows = surveyRows();
      rows[0]!.priorNational = rows[0]!.priorNational === 1 ? 2 : 1;
      const file = join(dir, "survey.csv");
      writeFileSync(file, formatCsv(Object.keys(rows[0]!), rows));
      const flagged = (figureBuilder("abb-01").numbers(survey(file)).objects() as { suppressed: boolean }[]).filter(
        (r) => r.suppressed,
      );
      assert.ok(flagged.length > 0);
      const none = figureBuilder("abb-01").numbers(survey(file), { minCell: 0 }).objects() as {
        suppressed?: boolean;
      }[];
      assert.ok(none.every((r) => !r.suppressed));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes suppressed cells as empty values flagged in the CSV export", async function () {
    this.timeout(60_000);
    const out = mkdtempSync(join(tmpdir(), "interspin-sdc-out-"));
    try {
      await exportFigures(requireMinCell(surveyTable(), 5), { outDir: out, static: false });
      const [header, ...lines] = readFileSync(join(out, "abb-03.csv"), "utf8").trim().split("\n");
      const cols = header!.split(",");
      const large = lines.map((l) => l.split(",")).filter((c) => c[cols.indexOf("group")] === "large");
      assert.equal(large.length, 5);
      for (const c of large) {
        assert.equal(c[cols.indexOf("count")], "");
        assert.equal(c[cols.indexOf("percent")], "");
        assert.equal(c[cols.indexOf("suppressed")], "1");
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
