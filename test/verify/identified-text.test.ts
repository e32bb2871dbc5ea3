import { strict as assert } from "node:assert";
import { loadCodebook } from "../../src/data/codebook.js";
import {
  assumptionsText,
  followUpText,
  holdsText,
  identifiedCells,
  modelReadingsText,
  orderText,
  readingsText,
} from "../../src/verify/identified-text.js";
import type { IdentifiedRange } from "../../src/stats/identified/identified-range.js";
import { readFileSync } from "node:fs";
import { identifiedFile } from "../../src/node/identified-inputs.js";

const cb = loadCodebook();
const label = (v: string, lang: "de" | "en") => cb.ui[`robust_${v}`]![lang];

/** A three-group sentence: the groups differ everywhere, large below medium everywhere, micro/small above medium not. */
const anh2: IdentifiedRange = {
  pMin: 1.3e-10,
  pMax: 0.0086,
  effectMin: -38.6,
  effectMax: -33.6,
  statisticMin: null,
  statisticMax: null,
  verdict: "depends",
  exact: true,
  attained: [],
  certain: true,
  readings: ["kmu-eu"],
  tableAtPMin: [],
  tableAtPMax: [],
  alpha: 0.05,
  omnibus: { verdict: "robust", certain: true },
  followUps: [
    {
      target: "large",
      other: "medium",
      direction: "lower",
      test: "fisher",
      correction: "holm",
      pMin: 0.00067,
      pMax: 0.016,
      pAdjustedMin: 0.00067,
      pAdjustedMax: 0.017,
      effectMin: -38.6,
      effectMax: -33.6,
      verdict: "robust",
      certain: true,
      attained: [],
    },
  ],
  statements: [
    { id: "differ", kind: "differ", groupBy: "size3", verdict: "robust" },
    { id: "pair:large-medium", kind: "pair", target: "large", other: "medium", direction: "lower", verdict: "robust" },
    {
      id: "pair:microSmall-medium",
      kind: "pair",
      target: "microSmall",
      other: "medium",
      direction: "higher",
      verdict: "depends",
    },
  ],
  assumptions: [
    {
      id: "shared-base",
      applies: true,
      without: { differ: "depends", "pair:large-medium": "depends" },
      pMin: 1e-9,
      pMax: 0.65,
      pMaxAttained: true,
      certain: true,
    },
    {
      id: "kapitel2-limits",
      applies: true,
      without: { differ: "robust", "pair:large-medium": "depends" },
      pMin: 1e-9,
      pMax: 0.067,
      pMaxAttained: false,
      certain: true,
    },
  ],
  textReadings: [
    {
      reading: "literal-70",
      verdict: "fails",
      pMin: 0.1,
      pMax: 0.2,
      certain: true,
      statements: [
        { id: "differ", kind: "differ", groupBy: "size3", verdict: "fails" },
        { id: "pair:large-medium", kind: "pair", verdict: "robust" },
        { id: "pair:microSmall-medium", kind: "pair", verdict: "depends" },
      ],
    },
  ],
};

describe("the identified set in words", () => {
  it("says what holds in every consistent dataset and what does not, in both languages, from the codebook's verdict words", () => {
    const en = holdsText(anh2, "en", cb);
    assert.equal(
      en,
      `${label("robust", "en")}: a difference between the groups (Firm size); Large enterprises lower than Medium-sized enterprises. ${label("depends", "en")}: Micro and small enterprises higher than Medium-sized enterprises.`,
    );
    assert.match(
      holdsText(anh2, "de", cb),
      /ein Unterschied zwischen den Gruppen \(Unternehmensgröße\); Großunternehmen niedriger als Mittlere Unternehmen\./,
    );
    assert.equal(holdsText({ ...anh2, statements: [{ id: "claim", kind: "claim", verdict: "robust" }] }, "en", cb), "");
  });

  it("writes each pairwise comparison with its p range and Holm's range", () => {
    assert.equal(
      followUpText(anh2.followUps![0]!, "en", "size3", cb),
      `Large enterprises lower than Medium-sized enterprises: p 0.00067 – 0.016, after Holm 0.00067 – 0.017; ${label("robust", "en")}`,
    );
    assert.match(followUpText(anh2.followUps![0]!, "de", "size3", cb), /p 0,00067 – 0,016, nach Holm 0,00067 – 0,017/);
  });

  it("lists for each robust statement the assumptions it holds also without and only with, with the p reached without", () => {
    const en = assumptionsText(anh2, "en", cb);
    assert.match(
      en,
      /^a difference between the groups \(Firm size\) — also without Chapter 2's limits[^/]* \/ only with the shared base of Appendix 2 and 3 per size group \(large firms: 24\) \(without it p up to ≥ 0\.65\)/,
    );
    assert.match(
      en,
      /Large enterprises lower than Medium-sized enterprises — only with the shared base [^.]*\(without it p up to ≥ 0\.65\); Chapter 2's limits [^)]*\) \(without it p up to 0\.067\)/,
    );
    assert.match(assumptionsText(anh2, "de", cb), /auch ohne die Grenzen der Stichprobe aus Kapitel 2/);
  });

  it("names the reading of the text a verdict depends on: 'fails … if … read literally'", () => {
    const en = readingsText(anh2, "en", cb);
    assert.equal(
      en,
      `a difference between the groups (Firm size): ${label("fails", "en")} if “70 % … trifft eher zu/Teils/teils” is read literally (no micro or small firm answering “trifft voll zu”)`,
    );
    assert.match(readingsText(anh2, "de", cb), /wenn „70 % … trifft eher zu\/Teils\/teils“ wörtlich gelesen wird/);
  });

  it("says an order's smallest margin, and a negative one as the order reversed in some consistent datasets", () => {
    const verdict = (marginMin: number | null) => ({
      verdict: "depends" as const,
      marginMin,
      method: "integer model" as const,
    });
    const depends = { de: cb.ui.order_depends!.de, en: cb.ui.order_depends!.en };
    assert.equal(
      orderText(verdict(-57.554), "de"),
      `${depends.de} (in manchen vereinbaren Datensätzen umgekehrt, um bis zu 57,6 Pp.)`,
    );
    assert.equal(
      orderText(verdict(-57.554), "en"),
      `${depends.en} (reversed in some consistent datasets, by up to 57.6 pp)`,
    );
    assert.equal(orderText(verdict(3.25), "de"), `${depends.de} (Mindestabstand +3,3 Pp.)`);
    assert.equal(orderText(verdict(null), "en"), depends.en);
    assert.equal(orderText(undefined, "en"), "");
  });

  it("names the readings a verdict was computed over in words, for every reading of the shipped identified set", () => {
    const shipped = JSON.parse(readFileSync(identifiedFile, "utf8")) as {
      claims: Record<string, { readings: string[] }>;
    };
    const ids = [...new Set(Object.values(shipped.claims).flatMap((c) => c.readings))].sort();
    assert.deepEqual(ids, ["grids-common-base", "grids-same-respondents", "kmu-eu", "kmu-small-medium"]);
    for (const lang of ["de", "en"] as const)
      for (const id of ids) {
        const words = modelReadingsText([id], lang, cb);
        assert.ok(!words.includes(id), `${id} (${lang}) has words`);
      }
    assert.equal(
      modelReadingsText(["kmu-small-medium", "kmu-eu"], "de", cb),
      "über die Lesarten: KMU = kleine + mittlere Unternehmen; KMU nach EU-Definition (Kleinst- + kleine + mittlere Unternehmen)",
    );
    assert.equal(
      identifiedCells({ ...anh2, verdict: "depends", readings: ["kmu-eu"] }, "en", cb).verdict,
      `${cb.ui.robust_depends!.en} (over the readings: SMEs by the EU definition (micro + small + medium firms))`,
    );
  });

  it("gives the table cells every text at once, and none for a claim without a range", () => {
    const cells = identifiedCells(anh2, "en", cb);
    assert.deepEqual(
      [cells.p, cells.holds === holdsText(anh2, "en", cb), cells.followUps.length, cells.readings !== ""],
      ["1.3e-10 – 0.0086", true, 1, true],
    );
    assert.deepEqual(identifiedCells(null, "en", cb), {
      p: "–",
      effect: "–",
      verdict: "–",
      holds: "",
      followUps: [],
      assumptions: "",
      readings: "",
    });
  });
});
