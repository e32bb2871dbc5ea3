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
  it("holds every order and statement entry of numbers.json, optional readings included", () => {
    const literal = new Set(entries.filter((e) => e.contradicts).map((e) => e.id));
    const orders = verified.filter((v) => v.kind === "order" && !literal.has(v.id));
    assert.ok(orders.length >= 58, `${orders.length} statements`);
    assert.deepEqual(
      orders.filter((v) => v.status !== "claim holds").map((v) => v.id),
      [],
    );
    assert.ok(entries.filter((e) => e.optional).length >= 7);
  });

  it("shows every literal reading the report contradicts as such, not as a failed claim", () => {
    const literal = entries.filter((e) => e.contradicts);
    assert.deepEqual(literal.map((e) => e.id).sort(), [
      "abb1-national-large-majority",
      "abb2-cultural-absolute-majority-partly",
      "abb2-tech-absolute-majority-partly",
      "abb5-n-if-funded-only",
    ]);
    for (const e of literal) {
      assert.equal(verified.find((v) => v.id === e.id)!.status, "contradicted by the report", e.id);
      assert.ok(
        entries.some((x) => x.id === e.contradicts),
        `${e.id} names ${e.contradicts}`,
      );
    }
  });

  it("„70 % … trifft eher zu/Teils/teils“ read literally: no funded micro or small firm answers „trifft voll zu“, 6 of 20 are distant", () => {
    const ms = funded.filter((r) => size3(r) === "microSmall");
    assert.equal(ms.length, 20);
    assert.equal(count(ms, codeIn("culturalProximity", [2, 3])), 14);
    assert.equal(count(ms, codeIn("culturalProximity", [1])), 0);
    assert.equal(count(ms, codeIn("culturalProximity", [4, 5])), 6);
  });

  it("„ein ähnlich breites Bild“ (technological distance, medium firms): distant and similar partners both occur", () => {
    const medium = funded.filter((r) => size3(r) === "medium");
    assert.ok(count(medium, codeIn("techProximity", [4, 5])) >= 1);
    assert.ok(count(medium, codeIn("techProximity", [1, 2])) >= 1);
  });

  it("„im Durchschnitt … mittleres Niveau“: both readings, the mode „Teils/teils“ and a mean between 2,5 and 3,5", () => {
    for (const item of ["techProximity", "culturalProximity"]) {
      const codes = funded.map((r) => r[item] as number);
      const mean = codes.reduce((a, b) => a + b, 0) / codes.length;
      assert.ok(mean >= 2.5 && mean <= 3.5, `${item}: mean ${mean}`);
      const partly = count(funded, codeIn(item, [3]));
      for (const c of [1, 2, 4, 5]) assert.ok(count(funded, codeIn(item, [c])) < partly, `${item} code ${c}`);
    }
  });

  it("„noch diverser“ and „nicht ganz so eindeutig“: the larger camp shrinks from large (80 %) to micro/small (70 %) to medium (60 %)", () => {
    const share = (g: string, item: string, codes: number[]) =>
      pct(
        funded.filter((r) => size3(r) === g),
        codeIn(item, codes),
      );
    assert.ok(share("large", "culturalProximity", [4, 5]) > share("microSmall", "culturalProximity", [2, 3]));
    assert.ok(share("microSmall", "culturalProximity", [2, 3]) > share("medium", "culturalProximity", [4, 5]));
    assert.ok(share("large", "techProximity", [4, 5]) > share("microSmall", "techProximity", [4, 5]));
  });

  it("„jeweils ähnlich stark“: micro and large firms at most 10 points apart among those with a size", () => {
    const sized = rows.filter((r) => (r.sizeClass as number) > 0);
    const gap = pct(sized, codeIn("sizeClass", [1])) - pct(sized, codeIn("sizeClass", [4]));
    assert.ok(Math.abs(gap) <= 10, `${gap}`);
  });

  it("„Mittlere Unternehmen zeigen ebenfalls eine hohe Bereitschaft“: medium firms above all respondents, inside and outside", () => {
    const both = rows.filter((r) => (r.shareInside as number) > 0 && (r.shareOutside as number) > 0);
    const medium = both.filter((r) => size3(r) === "medium");
    for (const item of ["shareInside", "shareOutside"])
      assert.ok(pct(medium, codeIn(item, [1, 2])) > pct(both, codeIn(item, [1, 2])), item);
  });

  it("„nahezu gleicher Häufigkeit“ (within 5 points) and „ähnlich wie KMU“ (both readings, within 10 points)", () => {
    const grid = rows.filter((r) => (r.gave_tech_kmu as number) >= 0);
    const p = (v: string) => pct(grid, codeIn(v, [1]));
    assert.ok(Math.abs(p("got_tech_kmu") - p("gave_tech_kmu")) <= 5);
    assert.ok(Math.abs(p("got_tech_research") - p("got_tech_kmu")) <= 10);
    assert.ok(Math.abs(p("got_tech_research") - p("gave_tech_research")) <= 10);
    // „unterstreichen … Unterschiede im Hinblick auf die Unternehmensgröße“, read as KMU above large enterprises
    assert.ok(p("gave_tech_kmu") > p("gave_tech_large") && p("got_tech_kmu") > p("got_tech_large"));
  });

  it("„Mix an Kanälen“: every size group names informal talks; „relativ viele“ micro and small firms do, more than the others", () => {
    const channel = rows.filter((r) => (r.channel_newsletter as number) >= 0);
    const informal = (g: string) =>
      pct(
        channel.filter((r) => size3(r) === g),
        codeIn("channel_informal", [1]),
      );
    for (const g of ["microSmall", "medium", "large"]) assert.ok(informal(g) > 0, g);
    assert.ok(informal("microSmall") > informal("medium") && informal("microSmall") > informal("large"));
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
