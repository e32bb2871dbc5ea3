import { strict as assert } from "node:assert";
import { loadPublished } from "../../src/data/published.js";
import { verifyPublished } from "../../src/verify/verify.js";
import { count, size3, surveyRows, surveyTable, type Row } from "../helpers/rows.js";

// Every statement of the report that data/published encodes must hold on the shipped
// reconstruction; each sentence the reconstruction once broke is also recomputed here from the
// rows with plain loops, so the check does not rest on the module's own aggregation.
const rows = surveyRows();
const entries = loadPublished();
const verified = verifyPublished(surveyTable(), entries, undefined, undefined, {});
const funded = rows.filter((r) => r.funded === 1);
const pct = (part: Row[], where: (r: Row) => boolean) => (100 * count(part, where)) / part.length;
const codeIn = (v: string, codes: number[]) => (r: Row) => codes.includes(r[v] as number);

describe("statements of the report on the shipped reconstruction", () => {
  it("holds every order and statement entry of numbers.json", () => {
    const orders = verified.filter((v) => v.kind === "order");
    assert.ok(orders.length >= 38, `${orders.length} statements`);
    assert.deepEqual(
      orders.filter((v) => v.status !== "claim holds").map((v) => v.id),
      [],
    );
  });

  it("footnote 8: „Trifft voll zu“ prints differently among all 45 funded and the 30 with a size, slightly (≤ 10 points)", () => {
    const sized = funded.filter((r) => (r.sizeClass as number) > 0);
    for (const item of ["techProximity", "culturalProximity"]) {
      const all = pct(funded, codeIn(item, [1]));
      const some = pct(sized, codeIn(item, [1]));
      assert.notEqual(Math.round(all), Math.round(some), `${item}: ${all} vs ${some}`);
      assert.ok(Math.abs(all - some) <= 10, `${item}: ${all} vs ${some}`);
    }
    assert.ok(
      entries.some((e) => e.id === "abb3-fully-applies-differs-from-abb2" && e.quote.includes("Trifft voll zu")),
    );
  });

  it("3.1/3.2/5: most funded micro and small firms choose partners culturally similar and technologically distant", () => {
    const ms = funded.filter((r) => size3(r) === "microSmall");
    const both = count(ms, (r) => codeIn("culturalProximity", [2, 3])(r) && codeIn("techProximity", [4, 5])(r));
    assert.ok(both > ms.length / 2, `${both} of ${ms.length}`);
    assert.ok(
      entries.some(
        (e) => e.claim?.type === "majority" && e.quote.includes("die meisten geförderten Mikro- und Kleinunternehmen"),
      ),
    );
  });

  it("footnote 6: Abb. 2 has national and international partners, within 10 points in top 2, „Teils/teils“ and bottom 2", () => {
    for (const [nat, int] of [
      ["techProximityNational", "techProximity"],
      ["culturalProximityNational", "culturalProximity"],
    ] as const) {
      for (const part of [[1, 2], [3], [4, 5]]) {
        const gap = pct(funded, codeIn(nat, part)) - pct(funded, codeIn(int, part));
        assert.ok(Math.abs(gap) <= 10, `${nat} ${part}: ${gap}`);
      }
    }
  });

  it("„vergleichsweise niedrig“: large firms below KMU and research institutes in both grids", () => {
    const grid = rows.filter((r) => (r.gave_tech_kmu as number) >= 0);
    for (const q of ["gave", "got"]) {
      const large = pct(grid, codeIn(`${q}_tech_large`, [1]));
      for (const g of ["kmu", "research"])
        assert.ok(large < pct(grid, codeIn(`${q}_tech_${g}`, [1])), `${q} large vs ${g}`);
    }
  });

  it("„mit Abstand“ and „deutlich“: gaps of at least the stated 10 points", () => {
    const channel = rows.filter((r) => (r.channel_newsletter as number) >= 0);
    const news = pct(channel, codeIn("channel_newsletter", [1]));
    for (const c of ["events", "informal", "workingGroups", "bilateral", "website", "socialMedia", "other"])
      assert.ok(news - pct(channel, codeIn(`channel_${c}`, [1])) >= 10, c);
    const willing = rows.filter((r) => (r.shareInside as number) > 0);
    assert.ok(pct(willing, codeIn("shareInside", [1, 2])) - pct(willing, codeIn("shareOutside", [1, 2])) >= 10);
    const grid = rows.filter((r) => (r.gave_tech_kmu as number) >= 0);
    for (const t of ["markets", "contacts"])
      assert.ok(pct(grid, codeIn(`gave_${t}_kmu`, [1])) - pct(grid, codeIn(`gave_${t}_research`, [1])) >= 10, t);
    for (const id of [
      "abb8-newsletter-most-used",
      "abb5-inside-more-than-outside",
      "abb6-research-receive-less-markets-than-kmu",
    ]) {
      assert.equal((entries.find((e) => e.id === id)!.claim as { margin?: number }).margin, 10, id);
    }
  });

  it("is not comonotone: respondents willing inside only and outside only both occur, and large firms answer the grids", () => {
    const both = rows.filter((r) => (r.shareInside as number) > 0 && (r.shareOutside as number) > 0);
    const inOnly = count(both, (r) => codeIn("shareInside", [1, 2])(r) && !codeIn("shareOutside", [1, 2])(r));
    const outOnly = count(both, (r) => !codeIn("shareInside", [1, 2])(r) && codeIn("shareOutside", [1, 2])(r));
    assert.ok(outOnly >= 5 && inOnly > outOnly, `${inOnly} inside only, ${outOnly} outside only`);
    const large = rows.filter((r) => r.sizeClass === 4);
    assert.ok(count(large, (r) => (r.gave_tech_kmu as number) >= 0) >= large.length / 2);
  });
});
