import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCodebook } from "../../src/data/codebook.js";
import { claimsEvidence, type ClaimEvidence } from "../../src/verify/claim-evidence.js";
import { loadClaims, type ClaimSpec } from "../../src/data/claims-file.js";
import { claimsEvidenceMarkdown } from "../../src/verify/claims-markdown.js";
import { pText, robustLabel } from "../../src/verify/identified-text.js";
import { loadIdentified } from "../../src/stats/identified/identified-file.js";
import { paths } from "../../src/paths.js";
import { surveyRows, surveyTable, size3, type Row } from "../helpers/rows.js";
import { assertClose } from "../stats/approx.js";

const cb = loadCodebook();
const rows = surveyRows();
const table = surveyTable();
const specs = (JSON.parse(readFileSync(join(paths.published, "claims.json"), "utf8")) as { claims: ClaimSpec[] })
  .claims;
const evidence = claimsEvidence(table).objects() as ClaimEvidence[];
const row = (id: string) => {
  const r = evidence.find((e) => e.id === id);
  assert.ok(r, `no evidence row for ${id}`);
  return r;
};

/** p-values of the shipped tables from scipy 1.10.1 and 1.17.1 (fisher_exact, chi2_contingency) or the brute-force
 *  Freeman–Halton enumeration of test/stats/reference-values.py; keyed by test and the sorted rows. */
const REFERENCE_P: Record<string, number> = {
  "fisher [[13,7],[4,1]]": 1,
  "fisher [[4,1],[5,15]]": 0.04031620553,
  "fisher [[4,1],[6,14]]": 0.1205533597,
  "fisher [[12,12],[66,9]]": 0.0002392429053,
  "fisher [[50,25],[7,17]]": 0.001813775631,
  "fisher [[10,47],[25,45]]": 0.02823385478,
  "freeman-halton [[13,7],[2,3],[4,1]]": 0.5506276166,
  "freeman-halton [[3,2],[4,1],[5,15]]": 0.04645918799,
  "freeman-halton [[3,2],[4,1],[6,14]]": 0.137748586,
  "freeman-halton [[12,12],[21,4],[66,9]]": 0.0005459954921,
  "chi-square [[15,10],[50,25],[7,17]]": 0.005121512079,
  "chi-square [[25,45],[4,24],[6,23]]": 0.0642991321,
};
const key = (r: ClaimEvidence) =>
  `${r.test} ${JSON.stringify(
    r.table
      .map((x) => JSON.stringify(x))
      .sort()
      .map((x) => JSON.parse(x)),
  )}`;

/** Valid (non-missing) answer: the codebook's missing codes are negative. */
const valid = (r: Row, v: string) => (r[v] as number) >= 0;
const inFilter = (r: Row, filter: Record<string, number[]> = {}) =>
  Object.entries(filter).every(([k, codes]) => codes.includes(r[k] as number));

/** The claim's contingency table, counted from the rows with plain loops. */
function expectedTable(spec: ClaimSpec): number[][] {
  const cmp = spec.comparison;
  if (cmp.kind === "groups") {
    const pools = [[cmp.target], ...cmp.others.map((o) => (Array.isArray(o) ? o : [o]))];
    return pools.map((keys) => {
      const base = rows.filter(
        (r) => inFilter(r, cmp.filter) && keys.includes(size3(r) ?? "") && valid(r, cmp.variable),
      );
      const k = base.filter((r) => cmp.categories.includes(r[cmp.variable] as number)).length;
      return [k, base.length - k];
    });
  }
  let right = "variable" in cmp.right ? cmp.right.variable : "";
  if ("strongestOf" in cmp.right || "nearestOf" in cmp.right) {
    // the strongest of the list; for "nearestOf" with "lower", the weakest
    const list = "strongestOf" in cmp.right ? cmp.right.strongestOf : cmp.right.nearestOf;
    const sign = "nearestOf" in cmp.right && cmp.direction === "lower" ? -1 : 1;
    let best = Number.NEGATIVE_INFINITY;
    for (const v of list) {
      const base = rows.filter((r) => inFilter(r, cmp.filter) && valid(r, v));
      const share = (sign * base.filter((r) => cmp.right.categories.includes(r[v] as number)).length) / base.length;
      if (share > best) {
        best = share;
        right = v;
      }
    }
  }
  const t = [
    [0, 0],
    [0, 0],
  ];
  for (const r of rows) {
    if (!inFilter(r, cmp.filter) || !valid(r, cmp.left.variable) || !valid(r, right)) continue;
    const l = cmp.left.categories.includes(r[cmp.left.variable] as number) ? 0 : 1;
    const rr = cmp.right.categories.includes(r[right] as number) ? 0 : 1;
    t[l]![rr]! += 1;
  }
  return t;
}

describe("claimsEvidence on the shipped survey", () => {
  it("has one row per claim of claims.json, in order", () => {
    assert.deepEqual(
      evidence.map((e) => e.id),
      specs.map((s) => s.id),
    );
    assert.ok(specs.length >= 17);
  });

  it("builds every contingency table as counted from the survey rows", () => {
    for (const spec of specs) {
      const r = row(spec.id);
      assert.deepEqual(r.table, expectedTable(spec), spec.id);
      assert.equal(
        r.n,
        expectedTable(spec)
          .flat()
          .reduce((a, b) => a + b, 0),
        `${spec.id} n`,
      );
    }
  });

  it("reads the direction from the shares, target (or left item) first", () => {
    for (const spec of specs) {
      const t = expectedTable(spec);
      const shares =
        spec.comparison.kind === "groups"
          ? t.map(([k, rest]) => k! / (k! + rest!))
          : [
              (t[0]![0]! + t[0]![1]!) / (t[0]![0]! + t[0]![1]! + t[1]![0]! + t[1]![1]!),
              (t[0]![0]! + t[1]![0]!) / (t[0]![0]! + t[0]![1]! + t[1]![0]! + t[1]![1]!),
            ];
      const [first, ...rest] = shares as [number, ...number[]];
      // a sentence that says only that the groups differ has no direction to hold
      const holds =
        spec.says === "differ" ||
        (spec.comparison.direction === "higher" ? rest.every((s) => first > s) : rest.every((s) => first < s));
      assert.equal(row(spec.id).directionHolds, holds, spec.id);
    }
  });

  it("gives verdicts consistent with p, alpha = 0.05 and the direction", () => {
    for (const r of evidence) {
      const expected = r.p < 0.05 ? (r.directionHolds ? "supported" : "contradicted") : "not distinguishable at this N";
      assert.equal(r.verdict, expected, r.id);
      assert.equal(r.alpha, 0.05);
    }
  });

  it("supports 'inside more than outside' by McNemar on 44 vs 13 discordant pairs (counted from the rows), p < 0.001", () => {
    const r = row("abb5-inside-more-than-outside");
    const t = expectedTable(specs.find((s) => s.id === "abb5-inside-more-than-outside")!);
    const [b, c] = [t[0]![1]!, t[1]![0]!];
    assert.deepEqual([r.table[0]![1], r.table[1]![0]], [b, c]);
    assert.deepEqual([b, c], [44, 13]);
    assert.equal(r.test, "mcnemar");
    assertClose(r.statistic!, (Math.abs(b - c) - 1) ** 2 / (b + c), "continuity-corrected McNemar statistic");
    assertClose(r.p, 7.079528641e-5, "p (scipy.stats.chi2.sf(900/57, 1), the corrected statistic)", 1e-6);
    assert.ok(r.p < 0.001);
    assertClose(r.effect!, (100 * (b - c)) / r.n, "paired difference in percentage points");
    assert.equal(r.verdict, "supported");
  });

  it("uses the exact binomial McNemar test where there are few discordant pairs: p = 2·P(X ≤ c)", () => {
    for (const id of [
      "abb67-kmu-give-more-tech-than-receive",
      "abb67-research-give-more-tech-than-receive",
      "abb67-large-receive-more-tech-than-give",
      "abb8-newsletter-vs-runner-up",
    ]) {
      const r = row(id);
      const [b, c] = [r.table[0]![1]!, r.table[1]![0]!];
      const n = b + c;
      let tail = 0;
      for (let i = 0; i <= Math.min(b, c); i++) {
        let binom = 1;
        for (let j = 0; j < i; j++) binom = (binom * (n - j)) / (j + 1);
        tail += binom / 2 ** n;
      }
      assert.equal(r.test, "mcnemar-exact", id);
      assertClose(r.p, Math.min(1, 2 * tail), `${id} exact p`);
    }
  });

  it("matches scipy (Fisher, chi-square) and a brute-force Freeman–Halton on every group comparison", () => {
    const groups = evidence.filter((r) => r.effectName !== "pairedDifference");
    for (const r of groups) {
      const ref = REFERENCE_P[key(r)];
      assert.ok(ref !== undefined, `no reference p for ${r.id}: ${key(r)}`);
      assertClose(r.p, ref, `${r.id} p`, 1e-6);
    }
  });

  it("picks chi-square only where every expected count is at least 5", () => {
    for (const spec of specs.filter((s) => s.test === "exact-or-chi-square")) {
      const t = expectedTable(spec);
      const n = t.flat().reduce((a, b) => a + b, 0);
      const cols = [0, 1].map((j) => t.reduce((s, x) => s + x[j]!, 0));
      const minExpected = Math.min(...t.flatMap((x) => cols.map((c) => ((x[0]! + x[1]!) * c) / n)));
      assert.equal(row(spec.id).test, minExpected < 5 ? "freeman-halton" : "chi-square", spec.id);
    }
    assert.equal(row("anh2-microsmall-most-willing-inside").test, "freeman-halton"); // large firms: 24·25/124 = 4.8 < 5
    assert.equal(row("anh3-microsmall-most-willing-outside").test, "chi-square");
  });

  it("gives two-group comparisons a risk difference in percentage points inside its Newcombe interval", () => {
    for (const r of evidence.filter((e) => e.effectName === "riskDifference")) {
      const [[k1, m1], [k2, m2]] = r.table as [[number, number], [number, number]];
      assertClose(r.effect!, 100 * (k1 / (k1 + m1) - k2 / (k2 + m2)), `${r.id} difference`);
      assert.ok(r.effectLow! <= r.effect! && r.effect! <= r.effectHigh!, r.id);
    }
  });

  it("compares the newsletter with the runner-up channel, events", () => {
    assert.deepEqual(row("abb8-newsletter-vs-runner-up").colKeys, ["channel_events", "not channel_events"]);
  });

  it("changes verdicts with alpha: informal talks, micro/small vs the rest (p = 0.028), supported at 0.05, not at 0.01", () => {
    const id = "abb9-informal-microsmall-vs-larger";
    assertClose(row(id).p, 0.02823385478, `${id} p`, 1e-6);
    assert.equal(row(id).verdict, "supported");
    const strict = claimsEvidence(table, { alpha: 0.01 }).objects() as ClaimEvidence[];
    assert.equal(strict.find((e) => e.id === id)!.verdict, "not distinguishable at this N");
    assert.throws(() => claimsEvidence(table, { alpha: 5 }), /alpha must be in \(0, 1\), got 5/);
  });

  it("calls a claim contradicted when the opposite direction is significant", () => {
    const base = specs.find((s) => s.id === "anh2-large-vs-microsmall-inside")!;
    const reversed: ClaimSpec = {
      ...base,
      id: "reversed",
      comparison: { ...base.comparison, direction: "higher" } as ClaimSpec["comparison"],
    };
    const r = claimsEvidence(table, { claims: [reversed] }).objects()[0] as ClaimEvidence;
    assert.equal(r.directionHolds, false);
    assert.equal(r.verdict, "contradicted");
  });
});

describe("loadClaims", () => {
  it("loads the shipped claims file", () => {
    assert.equal(loadClaims().length, specs.length);
  });

  it("names the claim and field of a problem", () => {
    const dir = mkdtempSync(join(tmpdir(), "claims-"));
    try {
      const abb3 = specs.find((s) => s.id === "abb3-large-vs-microsmall-tech-distance")!;
      const bad = { claims: [{ ...abb3, comparison: { ...abb3.comparison, variable: "techProximty" } }] };
      writeFileSync(join(dir, "claims.json"), JSON.stringify(bad));
      assert.throws(
        () => loadClaims(join(dir, "claims.json"), cb),
        /claim 0 "abb3-large-vs-microsmall-tech-distance", field "comparison.variable": unknown variable "techProximty"/,
      );
      const fisher3 = { claims: [{ ...specs.find((s) => s.id === "abb3-tech-distance-by-size")!, test: "fisher" }] };
      writeFileSync(join(dir, "claims.json"), JSON.stringify(fisher3));
      assert.throws(
        () => loadClaims(join(dir, "claims.json"), cb),
        /field "test": "fisher" compares two groups; with 3 use "freeman-halton"/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("claimsEvidenceMarkdown", () => {
  it("shows each claim's range over the identified set before its value on these data, an attained end as ≤/≥", () => {
    const set = loadIdentified();
    const md = claimsEvidenceMarkdown(evidence, "en", cb).split("\n");
    for (const [i, e] of evidence.entries()) {
      const r = set.claims[e.id]!;
      const cells = md[2 + i]!.split(" | ");
      // an end that is attained but not proven the end of the range is written "≤ x" / "≥ x"
      const low = r.attained.includes("pMin") ? "≤ " : "";
      const high = r.attained.includes("pMax") ? "≥ " : "";
      assert.equal(
        cells[2]!.startsWith(`${low}${pText(r.pMin, "en")} – ${high}${pText(r.pMax, "en")}`),
        true,
        `${e.id}: ${cells[2]}`,
      );
      assert.equal(cells[4]!.startsWith(robustLabel(r.verdict, "en", cb)), true, `${e.id}: ${cells[4]}`);
    }
  });

  it("writes one table row per claim with the codebook's headers, in English", () => {
    const md = claimsEvidenceMarkdown(evidence, "en", cb).split("\n");
    assert.equal(
      md[0],
      "| Claim | Figure | p over all consistent datasets | difference (pp) over all consistent datasets | verdict over all consistent datasets | Comparison (on these data) | Test | p-value | Effect size | N | Verdict (on these data) |",
    );
    assert.equal(md.length, evidence.length + 2);
    assert.match(
      md[2 + evidence.findIndex((e) => e.id === "abb5-inside-more-than-outside")]!,
      /80\.9 % \(110\/136\).*58\.1 % \(79\/136\); discordant pairs 44 vs 13 \| McNemar, χ²\(1\) = 15\.79 \| < 0\.001 \|.*\| 136 \| supported \|$/,
    );
  });

  it("writes the report's German words with decimal commas, and accepts the Arquero table", () => {
    const md = claimsEvidenceMarkdown(claimsEvidence(table), "de", cb);
    assert.match(md, /^\| Aussage \| Abbildung \| p über alle vereinbaren Datensätze \|/);
    assert.match(
      md,
      /Dagegen ist die Bereitschaft, Wissen\/Informationen an Akteure außerhalb des Clusters weiterzugeben, deutlich geringer\. \| Abbildung 5 \| .*80,9 %/,
    );
    assert.ok(md.includes(`| ${cb.ui["verdict_not distinguishable at this N"]!.de} |`), "the codebook's verdict word");
    assert.doesNotMatch(md, /widerlegt|bei diesem N/);
  });
});
