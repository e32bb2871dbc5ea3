import { strict as assert } from "node:assert";
import { join } from "node:path";
import type { ColumnTable } from "arquero";
import { loadCodebook } from "../../src/data/codebook.js";
import { readLimeSurvey } from "../../src/data/import-limesurvey.js";
import { paths } from "../../src/paths.js";
import { requireMinCell } from "../../src/data/disclosure-policy.js";
import { protectClaimEvidence } from "../../src/verify/claim-evidence.js";
import { protectVerifications } from "../../src/verify/verify.js";
import { claimsEvidence, type ClaimEvidence } from "../../src/verify/claim-evidence.js";
import { claimsEvidenceMarkdown } from "../../src/verify/claims-markdown.js";
import { verifyPublished, type Verification } from "../../src/verify/verify.js";
import { verificationHtml, verificationMarkdown } from "../../src/verify/verification-report.js";
import { figure, keyFindings } from "../../src/api/chapter.js";
import { figureIds } from "../../src/figures/index.js";
import { checkAnswer } from "../../src/seminar/exercises.js";
import { limeSurveyExport } from "../helpers/limesurvey-export.js";
import { noneFunded, RESPONDENTS, singleSizeGroup, type Respondent } from "../helpers/limesurvey-respondents.js";

const cb = loadCodebook();
const example = join(paths.data, "limesurvey", "mapping.example.json");
const small = (rs: readonly Respondent[], minCell = 5): ColumnTable =>
  requireMinCell(readLimeSurvey(limeSurveyExport(cb, rs), { mapping: example, codebook: cb }).table, minCell);

describe("chapters on a small survey with empty groups", () => {
  const surveys: Array<[string, ColumnTable]> = [
    ["no medium-sized organisation", small(RESPONDENTS)],
    ["one size group only", small(singleSizeGroup())],
    ["no funded organisation", small(noneFunded())],
  ];

  for (const [name, t] of surveys) {
    it(`verifies every published number without NaN (${name}): an empty base is "not computable" with n = 0`, () => {
      const rows = verifyPublished(t);
      for (const v of rows) {
        for (const x of [v.recomputed, v.k, v.n, v.ciLow, v.ciHigh])
          assert.ok(x === null || Number.isFinite(x), `${v.id}: ${x}`);
        if (v.status === "not computable") assert.match(v.note, /^n = 0/);
      }
      assert.ok(rows.some((v) => v.status === "not computable"));
      assert.doesNotMatch(verificationMarkdown(rows, "de") + verificationHtml(rows, "en"), /NaN|undefined/);
    });

    it(`gives every claim a verdict, "not computable" where a compared group is empty (${name})`, () => {
      const ev = claimsEvidence(t).objects() as ClaimEvidence[];
      for (const r of ev.filter((x) => x.verdict === "not computable")) assert.match(r.warning!, /n = 0/);
      assert.doesNotMatch(claimsEvidenceMarkdown(ev, "de") + claimsEvidenceMarkdown(ev, "en"), /NaN|undefined/);
    });

    it(`builds every figure without NaN in its text (${name})`, () => {
      for (const id of figureIds) assert.doesNotMatch(JSON.stringify(figure(id, t)), /NaN/, id);
    });
  }

  it("names the empty group in the verification note and the claim", () => {
    const t = surveys[0]![1];
    const v = verifyPublished(t).find((x) => x.id === "abb4-medium-top2")!;
    assert.deepEqual([v.status, v.n, v.recomputed], ["not computable", 0, null]);
    assert.equal(v.note, "n = 0: no respondent in the base of culturalProximity in [1,2] | funded=[1], size3=medium");
    const claim = (claimsEvidence(t).objects() as ClaimEvidence[]).find((x) => x.id === "abb3-tech-distance-by-size")!;
    assert.deepEqual(
      [claim.verdict, claim.warning],
      [
        "not computable",
        "n = 0 in medium: no respondent with a valid techProximity; counts suppressed (< 5 respondents)",
      ],
    );
    assert.match(
      claimsEvidenceMarkdown([claim], "de"),
      /Mittlere Unternehmen — \(—\) .*nicht berechenbar \(n = 0 in medium: niemand mit gültiger Angabe zu techProximity; Zählungen unterdrückt \(< 5 Befragte\)\)/,
    );
  });

  it('labels an empty bar "n=0: keine Daten" and says the data are the user\'s own', () => {
    const t = surveys[0]![1];
    const abb3 = figure("abb-03", t);
    assert.ok((abb3.data[0] as { y: string[] }).y.includes("⚠ Mittlere Unternehmen (n=0: keine Daten)"));
    const abb9 = figure("abb-09", t, { lang: "en" });
    assert.ok(abb9.data.some((d) => (d as { name: string }).name === "Medium-sized enterprises (n=0: no data)"));
    const notes = (abb3.layout.annotations as Array<{ text: string }>).map((a) => a.text);
    assert.ok(
      notes.includes("Quelle: InterSpiN, eigene Darstellung. Daten: eigene Erhebung, nicht die Rekonstruktion."),
      notes.join(" | "),
    );
  });

  it("says in the seminar check that the answer cannot be computed on data without large funded enterprises", () => {
    const t = surveys[1]![1];
    assert.equal(
      checkAnswer("s1-4", NaN, t, "de").message,
      "s1-4: — auf diesen Daten nicht berechenbar: eine Basis ist leer (n = 0) oder ein Wert wird unterdrückt (< 5 Befragte).",
    );
  });

  it("shows the key findings of chapter 5 with no count below the minimum cell size", () => {
    const rows = keyFindings(surveys[0]![1]).objects() as Array<{
      k: number | null;
      n: number | null;
      recomputed: number | null;
    }>;
    for (const r of rows) if (r.k !== null && r.n) assert.ok(r.k >= 5 && r.n - r.k >= 5, JSON.stringify(r));
    assert.ok(
      rows.some((r) => r.k === null && r.n !== null && r.n > 0),
      "some shares are suppressed",
    );
  });
});

describe("disclosure control in the verification report and the claims", () => {
  const v = (k: number, n: number): Verification => ({
    id: "x",
    figure: "abb-01",
    kind: "percentage",
    quote: "",
    printed: 50,
    decimals: 0,
    recomputed: (100 * k) / n,
    k,
    n,
    ciLow: 1,
    ciHigh: 2,
    status: "mismatch",
    note: "",
    readings: [],
  });

  it("hides a count, or the rest of its base, below k", () => {
    const out = protectVerifications([v(3, 20), v(17, 20), v(10, 20), v(0, 0)], 5);
    assert.deepEqual(
      out.map((x) => [x.k, x.recomputed, x.n, x.note]),
      [
        [null, null, 20, "suppressed (< 5 respondents)"],
        [null, null, 20, "suppressed (< 5 respondents)"],
        [10, 50, 20, ""],
        [0, 0 / 0, 0, ""],
      ].map(([k, r, n, note]) => [k, Number.isNaN(r) ? NaN : r, n, note]),
    );
    assert.deepEqual(protectVerifications([v(3, 20)], 0)[0]!.k, 3);
  });

  it("hides the counts and shares of a table row with a small cell", () => {
    const row = {
      id: "c",
      effectName: "riskDifference",
      table: [
        [3, 17],
        [9, 11],
      ],
      shares: [15, 45],
      warning: null,
    } as unknown as ClaimEvidence;
    const out = protectClaimEvidence(row, 5);
    assert.deepEqual(
      [out.table[0], out.table[1], out.shares, out.warning],
      [[NaN, NaN], [9, 11], [NaN, 45], "counts suppressed (< 5 respondents)"],
    );
  });
});
