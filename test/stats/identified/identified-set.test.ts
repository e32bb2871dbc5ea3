import { strict as assert } from "node:assert";
import { loadPublished } from "../../../src/data/published.js";
import { claimsEvidence, type ClaimEvidence } from "../../../src/verify/claim-evidence.js";
import { loadClaims } from "../../../src/data/claims-file.js";
import { loadIdentified, IdentifiedSetError } from "../../../src/stats/identified/identified-file.js";
import { loadSolver, type Solver } from "../../../src/ilp/solver.js";
import { willingnessModels } from "../../../src/stats/identified/willingness-block.js";
import { proximityModel } from "../../../src/stats/identified/proximity-block.js";
import { channelModels } from "../../../src/stats/identified/channels-block.js";
import { KMU_READINGS } from "../../../src/stats/identified/sample-block.js";
import { count, surveyRows, surveyTable, type Row } from "../../helpers/rows.js";

const entries = loadPublished();
const rows = surveyRows();
const set = loadIdentified();
const evidence = claimsEvidence(surveyTable()).objects() as unknown as ClaimEvidence[];
let solver: Solver;
before(async () => {
  solver = await loadSolver();
});

const GROUPS: Record<string, (r: Row) => boolean> = {
  MS: (r) => r.sizeClass === 1 || r.sizeClass === 2,
  M: (r) => r.sizeClass === 3,
  L: (r) => r.sizeClass === 4,
  X: (r) => r.sizeClass === -9,
};
const CLASSES: Record<string, number> = { micro: 1, small: 2, medium: 3, large: 4, none: -9 };
const sampleFixes = () =>
  Object.fromEntries(Object.entries(CLASSES).map(([k, c]) => [`s_${k}`, count(rows, (r) => r.sizeClass === c)]));

describe("the identified set (data/published/identified.json)", () => {
  it("was computed from the present numbers, claims and model, and covers every claim and order", () => {
    assert.deepEqual(
      Object.keys(set.claims).sort(),
      loadClaims()
        .map((c) => c.id)
        .sort(),
    );
    assert.deepEqual(
      Object.keys(set.orders).sort(),
      entries
        .filter((e) => e.kind === "order")
        .map((e) => e.id)
        .sort(),
    );
  });

  it("refuses a file computed from other inputs", () => {
    assert.throws(() => loadIdentified("test/fixtures/notebooks/hello.ipynb"), IdentifiedSetError);
  });

  it("has no p of 0: every end is a number above 0 (survival functions, no 1 − cdf)", () => {
    for (const [id, r] of Object.entries(set.claims))
      assert.ok(r.pMin > 0 && r.pMax <= 1, `${id}: ${r.pMin}…${r.pMax}`);
    // Abb. 9, three groups: its end table [[24,1],[0,59],[0,31]] alone has p = 1.95e-24; the range goes further
    assert.ok(set.claims["abb9-informal-by-size"]!.pMin < 1.95e-24);
  });

  it("gives Abb. 9's informal talks, micro/small vs the rest, its exact smallest p: 57 of 58 against 0 of 81", () => {
    const r = set.claims["abb9-informal-microsmall-vs-larger"]!;
    assert.deepEqual(r.tableAtPMin, [
      [57, 1],
      [0, 81],
    ]);
    // exact enumeration in fractions (test/stats/reference-tails.py): 1.162027024057e-38
    assert.ok(Math.abs(r.pMin / 1.162027024057e-38 - 1) < 1e-8, `${r.pMin}`);
    assert.ok(!r.attained.includes("pMin") && !r.attained.includes("pMax"), r.attained.join());
  });

  it("does not call the four sentences of Anhang 2/3 robust: the groups differ, but micro/small are not shown above medium firms", () => {
    for (const id of [
      "anh2-microsmall-most-willing-inside",
      "anh2-large-least-willing-inside",
      "anh3-microsmall-most-willing-outside",
      "anh3-large-least-willing-outside",
    ]) {
      const r = set.claims[id]!;
      assert.equal(r.verdict, "depends", id);
      assert.equal(r.omnibus?.verdict, "robust", id);
      assert.equal(r.statements.find((s) => s.id === "differ")?.verdict, "robust", id);
      assert.deepEqual(
        r.followUps?.map((f) => [f.test, f.correction]),
        [
          ["fisher", "holm"],
          ["fisher", "holm"],
        ],
        id,
      );
    }
    const pair = (id: string, key: string) => set.claims[id]!.followUps!.find((f) => `${f.target}-${f.other}` === key)!;
    // micro/small against medium: p from 0.0013 (inside) and 5.6e-7 (outside) up to 1
    const msIn = pair("anh2-microsmall-most-willing-inside", "microSmall-medium");
    const msOut = pair("anh3-microsmall-most-willing-outside", "microSmall-medium");
    assert.ok(Math.abs(msIn.pMin / 0.0013 - 1) < 0.05 && msIn.pMax === 1, `${msIn.pMin}…${msIn.pMax}`);
    assert.ok(Math.abs(msOut.pMin / 5.6e-7 - 1) < 0.05 && msOut.pMax === 1, `${msOut.pMin}…${msOut.pMax}`);
    // large below medium: inside in every dataset (p ≤ 0.016, after Holm ≤ 0.017); outside p ≤ 0.045, after Holm up to 0.062
    const lmIn = pair("anh2-large-least-willing-inside", "large-medium");
    const lmOut = pair("anh3-large-least-willing-outside", "large-medium");
    assert.equal(lmIn.verdict, "robust");
    assert.ok(lmIn.pMax < 0.017 && lmIn.pAdjustedMax < 0.05, `${lmIn.pMax}`);
    assert.ok(lmOut.pMax < 0.05 && lmOut.pAdjustedMax > 0.05, `${lmOut.pMax} / ${lmOut.pAdjustedMax}`);
    assert.equal(lmOut.verdict, "depends");
  });

  it("names for each robust statement of Abb. 5 and Anhang 2/3 the assumptions it rests on, recomputed without each", () => {
    const without = (id: string, a: string) => set.claims[id]!.assumptions!.find((x) => x.id === a)!;
    // Anhang 2 (inside): only with the shared base and the repair of 49,2 %, also without Kapitel 2's limits
    for (const a of ["shared-base", "repair-49-2"]) {
      const x = without("anh2-large-least-willing-inside", a);
      assert.deepEqual([x.without.differ, x.without["pair:large-medium"], x.certain], ["depends", "depends", true], a);
    }
    assert.equal(without("anh2-large-least-willing-inside", "kapitel2-limits").without.differ, "robust");
    // Anhang 3 (outside): only with Kapitel 2's limits (p then reaches 0.067), also without the shared base
    const k2 = without("anh3-large-least-willing-outside", "kapitel2-limits");
    assert.equal(k2.without.differ, "depends");
    assert.ok(k2.pMax! > 0.05, `${k2.pMax}`);
    assert.equal(without("anh3-large-least-willing-outside", "shared-base").without.differ, "robust");
    // Abb. 5 rests on its own N for both items: the shared base of the size groups does not apply
    const abb5 = set.claims["abb5-inside-more-than-outside"]!.assumptions!;
    assert.deepEqual(
      abb5.map((x) => [x.id, x.applies, x.without.claim ?? null]),
      [
        ["shared-base", false, null],
        ["kapitel2-limits", true, "robust"],
        ["repair-49-2", true, "robust"],
      ],
    );
    // a robust claim outside the block rests on none of them
    assert.ok(set.claims["abb1-national-known-more-than-international"]!.assumptions!.every((x) => !x.applies));
  });

  it("computes the claims again under each reading of the text, and names the reading a verdict depends on", () => {
    const under = (id: string, reading: string) => set.claims[id]!.textReadings?.find((t) => t.reading === reading);
    // "70 %" read literally: both Abb. 4 claims fail (p 0.121 / 0.138)
    for (const id of ["abb4-large-vs-microsmall-cultural-distance", "abb4-cultural-distance-by-size"]) {
      const t = under(id, "literal-70")!;
      assert.equal(t.verdict, "fails", id);
      assert.ok(t.pMin > 0.12 && t.pMin < 0.14, `${id}: ${t.pMin}`);
    }
    assert.equal(set.claims["abb4-large-vs-microsmall-cultural-distance"]!.verdict, "depends");
    // "ein ähnlich breites Bild": the size groups no longer differ on technological distance in any dataset
    const broad = under("abb3-tech-distance-by-size", "broad-medium-tech")!;
    assert.equal(broad.statements.find((s) => s.id === "differ")?.verdict, "fails");
    assert.equal(
      set.claims["abb3-tech-distance-by-size"]!.statements.find((s) => s.id === "differ")?.verdict,
      "depends",
    );
    // "Mix an Kanälen": informal talks in every group rule out the end table 57/58 against 0/81
    assert.ok(under("abb9-informal-microsmall-vs-larger", "mix-channels")!.pMin > 1.2e-38);
  });

  it("has claims of every verdict: robust, depends, fails", () => {
    const verdicts = new Set(Object.values(set.claims).map((r) => r.verdict));
    assert.deepEqual([...verdicts].sort(), ["depends", "fails", "robust"]);
  });

  it("contains the shipped reconstruction: its p lies in every exact range", () => {
    for (const e of evidence) {
      const r = set.claims[e.id]!;
      if (!r.exact) continue;
      assert.ok(
        e.p >= r.pMin * (1 - 1e-9) && e.p <= r.pMax * (1 + 1e-9),
        `${e.id}: p=${e.p} outside ${r.pMin}…${r.pMax}`,
      );
      const [first, second] = e.shares as [number, number];
      if (e.shares.length === 2)
        assert.ok(
          first - second >= r.effectMin - 1e-9 && first - second <= r.effectMax + 1e-9,
          `${e.id}: difference ${first - second} outside ${r.effectMin}…${r.effectMax}`,
        );
    }
  });

  it("is satisfied by the reconstruction's counts in the willingness block (Abb. 5, Anhang 2/3)", () => {
    const fixes: Record<string, number> = sampleFixes();
    for (const [g, inGroup] of Object.entries(GROUPS)) {
      const both = rows.filter((r) => inGroup(r) && (r.shareInside as number) > 0 && (r.shareOutside as number) > 0);
      const i = (r: Row) => r.shareInside === 1 || r.shareInside === 2;
      const o = (r: Row) => r.shareOutside === 1 || r.shareOutside === 2;
      Object.assign(fixes, {
        [`wa_${g}`]: count(both, (r) => i(r) && o(r)),
        [`wb_${g}`]: count(both, (r) => i(r) && !o(r)),
        [`wc_${g}`]: count(both, (r) => !i(r) && o(r)),
        [`wd_${g}`]: count(both, (r) => !i(r) && !o(r)),
      });
    }
    const models = willingnessModels(solver, entries, { orders: true, readings: KMU_READINGS });
    const fits = models.filter((b) => !b.model.violated(fixes).length && solver.feasible(b.model.with(fixes)) !== null);
    assert.equal(fits.length, 1);
    assert.deepEqual(fits[0]!.readings, ["kmu-small-medium"]);
  });

  it("is satisfied by the reconstruction's counts in the proximity block (Abb. 1–4), under every reading of the text", () => {
    const b = proximityModel(entries, {
      orders: true,
      textReadings: ["literal-70", "broad-medium-tech", "mean-middle"],
    });
    const funded = rows.filter((r) => r.funded === 1);
    const fixes: Record<string, number> = {};
    for (const item of ["priorNational", "priorInternational"])
      for (let c = 1; c <= 5; c++) fixes[`x_${item}_all_${c}`] = count(funded, (r) => r[item] === c);
    for (const item of ["techProximity", "culturalProximity"])
      for (const [g, inGroup] of Object.entries(GROUPS))
        for (let c = 1; c <= 5; c++) fixes[`x_${item}_${g}_${c}`] = count(funded, (r) => inGroup(r) && r[item] === c);
    assert.deepEqual(b.model.violated(fixes), []);
  });

  it("is satisfied by the reconstruction's counts in the channel block (Abb. 8/9), informal order included", () => {
    const fixes: Record<string, number> = sampleFixes();
    for (const [g, inGroup] of Object.entries(GROUPS)) {
      const answered = rows.filter((r) => inGroup(r) && (r.channel_newsletter as number) >= 0);
      const yes = (v: string) => (r: Row) => r[v] === 1;
      Object.assign(fixes, {
        [`n_${g}`]: answered.length,
        [`nw_${g}`]: count(answered, yes("channel_newsletter")),
        [`rv_${g}`]: count(answered, yes("channel_events")),
        [`talk_${g}`]: count(answered, yes("channel_informal")),
        [`ja_${g}`]: count(answered, (r) => yes("channel_newsletter")(r) && yes("channel_events")(r)),
      });
    }
    const pivot = { n_MS: fixes.n_MS!, talk_MS: fixes.talk_MS! };
    const models = channelModels(solver, entries, {
      orders: true,
      readings: ["kmu-small-medium"],
      informal: { pivot },
    });
    assert.ok(models.some((b) => solver.feasible(b.model.with(fixes)) !== null));
  });
});
