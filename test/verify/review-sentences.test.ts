/**
 * verification.json on the shipped data has an entry for every checkable sentence a review found
 * unencoded (data/published/README.md, "Sentences a review asked to encode"), and every claim's
 * `identified` says what holds, under which readings and on which assumptions.
 */
import { strict as assert } from "node:assert";
import { claimsTable } from "../../src/api/chapter.js";
import { figurePageBody } from "../../src/book/figure-pages.js";
import { loadCodebook } from "../../src/data/codebook.js";
import { fill } from "../../src/figures/common/layout.js";
import { loadSurvey } from "../../src/data/load.js";
import type { PlotlyFigure } from "../../src/figures/common/types.js";
import { claimsEvidence, type ClaimEvidence } from "../../src/verify/claim-evidence.js";
import { verificationJson, verificationPageHtml } from "../../src/verify/verification-report.js";
import { verifyPublished } from "../../src/verify/verify.js";

const survey = loadSurvey();
const rows = verifyPublished(survey);
const evidence = claimsEvidence(survey).objects() as unknown as ClaimEvidence[];
const json = JSON.parse(verificationJson(rows, evidence)) as {
  entries: { id: string; status: string }[];
  claims: {
    id: string;
    identified?: {
      verdict: string;
      pMin: number;
      pMax: number;
      statements: { id: string; verdict: string }[];
      readings: string[];
      assumptions?: { id: string; applies: boolean; without: Record<string, string> }[];
      textReadings?: { reading: string; pMin: number; pMax: number }[];
      followUps?: { pMin: number; pAdjustedMin: number }[];
      holds: { de: string; en: string };
      restsOn: { de: string; en: string };
      dependsOnReadings: { de: string; en: string };
    };
  }[];
};
const entry = (id: string) => json.entries.find((e) => e.id === id);
const claim = (id: string) => json.claims.find((c) => c.id === id);

/** Each sentence of the review, with the entries (numbers.json) and claims (claims.json) that encode it. */
const SENTENCES: [string, string[]][] = [
  [
    "ein ähnlich breites Bild … technologische Distanz",
    ["abb3-medium-broad-tech-distant", "abb3-medium-broad-tech-similar"],
  ],
  ["70 % … trifft eher zu/Teils/teils", ["abb4-microsmall-none-fully-similar"]],
  [
    "noch diverser / nicht ganz so eindeutig",
    ["abb4-medium-more-diverse", "abb4-not-so-clear-microsmall-medium", "abb3-not-so-clear-microsmall"],
  ],
  ["Abb. 1 deutliche Unterschiede", ["abb1-national-known-more-than-international"]],
  ["Forschungseinrichtungen … sogar noch häufiger technisches Wissen", ["abb6-research-receive-more-tech-than-kmu"]],
  [
    "deutlich weniger Auslandsmärkte/-kontakte",
    ["abb6-research-receive-less-markets-than-kmu", "abb6-research-receive-less-contacts-than-kmu"],
  ],
  ["am seltensten Auslandsmärkte", ["abb6-large-receive-least-markets"]],
  [
    "the four cluster-management orders",
    [
      "abb7-management-share-most-contacts",
      "abb7-management-share-most-markets",
      "abb7-management-share-most-other",
      "abb7-management-share-least-tech",
    ],
  ],
  [
    "Newsletter in allen drei Gruppen am häufigsten",
    ["abb9-newsletter-most-used-microsmall", "abb9-newsletter-most-used-medium", "abb9-newsletter-most-used-large"],
  ],
  ["nahezu gleicher Häufigkeit", ["abb67-kmu-share-receive-tech-nearly-equal"]],
  ["ähnlich wie KMU … 58,9 %", ["abb7-research-share-tech-like-kmu", "abb67-research-share-receive-tech-like-kmu"]],
  [
    "Mittlere Unternehmen … ebenfalls eine hohe Bereitschaft",
    ["anh2-medium-also-high-inside", "anh3-medium-also-high-outside"],
  ],
  ["im Durchschnitt (mean or mode)", ["abb2-tech-mode-partly", "abb2-tech-mean-middle", "abb2-cultural-mean-middle"]],
  ["Relativ viele Mikro- und Kleinunternehmen … informelle … Kanäle", ["abb9-microsmall-informal-relatively-many"]],
  ["Mix an Kanälen", ["abb9-mix-informal-medium", "abb9-mix-informal-large"]],
  ["jeweils ähnlich stark", ["sample-micro-large-similar"]],
  ["große Mehrheit für 55,6 %", ["abb1-national-majority", "abb1-national-large-majority"]],
  [
    "Abb. 6/7 unterstreichen … Unternehmensgröße",
    ["abb6-size-differences-kmu-above-large", "abb7-size-differences-kmu-above-large"],
  ],
  [
    "ausgeprägte unternehmensspezifische Unterschiede",
    [
      "k5-size-differences-partner-choice-tech",
      "k5-size-differences-partner-choice-cultural",
      "k5-size-differences-diffusion-inside",
      "k5-size-differences-diffusion-outside",
    ],
  ],
  ["bezieht sich auf genau diese Organisationen", ["abb5-n-if-funded-only"]],
  ["Mehrheit für 29 % / 31 %", ["abb2-tech-absolute-majority-partly", "abb2-cultural-absolute-majority-partly"]],
];

describe("verification.json and the sentences of the review", () => {
  it("has an entry or a claim for every sentence listed", () => {
    const missing = SENTENCES.flatMap(([s, ids]) =>
      ids.filter((id) => !entry(id) && !claim(id)).map((id) => `${s}: ${id}`),
    );
    assert.deepEqual(missing, []);
  });

  it("shows the literal readings the report contradicts as contradicted by the report itself", () => {
    for (const id of [
      "abb1-national-large-majority",
      "abb5-n-if-funded-only",
      "abb2-tech-absolute-majority-partly",
      "abb2-cultural-absolute-majority-partly",
    ])
      assert.equal(entry(id)?.status, "contradicted by the report", id);
  });

  it("gives every claim's identified range its statements, readings and assumptions, and no p of 0 anywhere", () => {
    for (const c of json.claims) {
      const r = c.identified;
      assert.ok(r, c.id);
      assert.ok(r.statements.length >= 1 && Array.isArray(r.readings), c.id);
      // a statement that holds in every dataset names the assumptions it was checked without
      if (r.statements.some((x) => x.verdict === "robust"))
        assert.deepEqual(
          r.assumptions?.map((a) => a.id),
          ["shared-base", "kapitel2-limits", "repair-49-2"],
          c.id,
        );
      for (const lang of ["de", "en"] as const)
        assert.equal(
          typeof r.holds[lang] + typeof r.restsOn[lang] + typeof r.dependsOnReadings[lang],
          "stringstringstring",
        );
      const ps = [
        r.pMin,
        r.pMax,
        ...(r.followUps ?? []).flatMap((f) => [f.pMin, f.pAdjustedMin]),
        ...(r.textReadings ?? []).flatMap((t) => [t.pMin, t.pMax]),
      ];
      assert.ok(
        ps.every((p) => p > 0 && p <= 1),
        `${c.id}: ${ps.join()}`,
      );
    }
  });

  it("does not call the four sentences of Anhang 2/3 established; says in both languages that the groups differ", () => {
    for (const id of [
      "anh2-microsmall-most-willing-inside",
      "anh2-large-least-willing-inside",
      "anh3-microsmall-most-willing-outside",
      "anh3-large-least-willing-outside",
    ]) {
      const r = claim(id)!.identified!;
      assert.equal(r.verdict, "depends", id);
      assert.match(r.holds.de, /^belegt: ein Unterschied zwischen den Gruppen/, id);
      assert.match(r.holds.en, /^established: a difference between the groups/, id);
    }
    // micro/small firms are not shown above medium firms, inside or outside
    for (const id of ["anh2-microsmall-most-willing-inside", "anh3-microsmall-most-willing-outside"])
      assert.match(
        claim(id)!.identified!.holds.en,
        /assumption-dependent: [^.]*Micro and small enterprises higher than Medium-sized enterprises/,
        id,
      );
    // inside, large firms below medium firms hold in every dataset (after Holm), on the shared base and the repair of 49,2 %
    const inside = claim("anh2-large-least-willing-inside")!.identified!;
    assert.match(inside.holds.en, /^established: [^.]*Large enterprises lower than Medium-sized enterprises\./);
    assert.match(inside.restsOn.en, /only with the shared base of Appendix 2 and 3/);
    assert.match(
      inside.restsOn.de,
      /nicht ohne die gemeinsame Basis von Anhang 2 und 3 [^/]*\(ohne sie p bis ≥ 0,42\)/,
    );
    // outside, large below medium is not established after Holm (p up to 0.062)
    assert.match(
      claim("anh3-large-least-willing-outside")!.identified!.holds.en,
      /assumption-dependent: [^.]*Large enterprises lower than Medium-sized enterprises/,
    );
  });

  it("names the reading a verdict depends on, in both languages", () => {
    const abb4 = claim("abb4-large-vs-microsmall-cultural-distance")!.identified!;
    assert.match(
      abb4.dependsOnReadings.en,
      /^cannot be established if “70 % … trifft eher zu\/Teils\/teils” is read literally/,
    );
    assert.match(
      abb4.dependsOnReadings.de,
      /^nicht belegbar, wenn „70 % … trifft eher zu\/Teils\/teils“ wörtlich gelesen wird/,
    );
  });

  it("shows what holds, in the reader's language, on the verification page, the figure page and in chapter 5's table", () => {
    const cb = loadCodebook();
    const want = {
      de: "belegt: ein Unterschied zwischen den Gruppen (Unternehmensgröße); Großunternehmen niedriger als Mittlere Unternehmen. annahmeabhängig: Großunternehmen niedriger als Mikro- und Kleinunternehmen.",
      en: "established: a difference between the groups (Firm size); Large enterprises lower than Medium-sized enterprises. assumption-dependent: Large enterprises lower than Micro and small enterprises.",
    };
    const id = "anh2-large-least-willing-inside";
    const anh2 = evidence.filter((c) => c.id === id);
    for (const lang of ["de", "en"] as const) {
      assert.ok(verificationPageHtml(rows, evidence, lang).html.includes(want[lang]), `verification page, ${lang}`);
      const page = figurePageBody(
        {
          id: anh2[0]!.figure,
          figure: { data: [], layout: { meta: { title: "Anhang 2" } } } as unknown as PlotlyFigure,
          numbers: [],
          rows: [],
          claims: anh2,
          files: {},
          chart: "",
          assumptions: { href: "assumptions.html", sections: {} },
          reconstruction: true,
        },
        lang,
        cb,
      ).html;
      assert.ok(page.includes(want[lang]), `figure page, ${lang}`);
      const table = claimsTable(survey, lang, cb);
      // every column of chapter 5's table has its header in the codebook (holds, assumptions, readings)
      assert.deepEqual(
        table.columnNames().filter((c) => c !== "n" && !cb.ui[`col_${c}`]),
        [],
      );
      const chapter = table.objects() as Record<string, string>[];
      const row = chapter.find((r) => r.claim === (lang === "de" ? anh2[0]!.claimDe : anh2[0]!.claimEn))!;
      assert.equal(row.holds, want[lang], `chapter 5, ${lang}`);
      // The readings the verdict is taken over, in words, not by their ids.
      assert.equal(
        row.robust,
        `${cb.ui.robust_depends![lang]} (${fill(cb.ui.verdictOverReadings![lang], {
          readings: `${cb.ui["modelReading_kmu-eu"]![lang]}; ${cb.ui["modelReading_kmu-small-medium"]![lang]}`,
        })})`,
      );
    }
  });
});
