import { strict as assert } from "node:assert";
import { loadPublished, type PublishedEntry } from "../../src/data/published.js";
import { auditPercentage, auditPublished, candidateNs } from "../../src/stats/audit.js";
import { auditPartitions, auditSharedBases } from "../../src/stats/audit-bases.js";

const published = loadPublished();
const audits = auditPublished(published);
const auditOf = (id: string) => {
  const a = audits.find((x) => x.id === id);
  assert.ok(a, `no audit for ${id}`);
  return a;
};

function percentage(over: Partial<PublishedEntry>): PublishedEntry {
  return {
    id: "x",
    chapter: "1",
    figure: "sample",
    quote: "q",
    kind: "percentage",
    base: "b",
    value: 50,
    decimals: 0,
    ...over,
  };
}

describe("auditPercentage", () => {
  it("finds 42.7 % of N=139 impossible, with 42.4 (59/139) and 43.2 (60/139) nearest", () => {
    const a = auditOf("abb8-newsletter");
    assert.equal(a.status, "impossible");
    assert.deepEqual(a.consistent, []);
    assert.deepEqual(
      [a.nearest[0]?.below, a.nearest[0]?.above],
      [
        { value: 42.4, counts: [59] },
        { value: 43.2, counts: [60] },
      ],
    );
    assert.deepEqual(a.closest, { value: 42.4, n: 139, counts: [59], distance: 0.3 });
  });

  it("finds 49.2 % impossible for any number of large firms the sample can hold (1 to 37)", () => {
    const a = auditOf("anh2-large-inside-top2");
    assert.equal(a.status, "impossible");
    assert.deepEqual(a.nRange, [1, 37]);
    assert.equal(a.nearest.length, 37);
    assert.deepEqual(a.closest, { value: 48.6, n: 35, counts: [17], distance: 0.6 });
    assert.equal(auditPercentage(percentage({ value: 49.2, decimals: 1, nRange: [1, 100] })).consistent[0]?.n, 59); // 29/59
  });

  it("finds the large firms' 29.2 % only at n=24 (7/24)", () => {
    assert.deepEqual(auditOf("anh3-large-outside-top2").consistent, [{ n: 24, counts: [7] }]);
  });

  it("finds 35 % (45 organisations) only among 127 to 130 respondents, not 158", () => {
    assert.deepEqual(
      auditOf("sample-funded-share").consistent.map((c) => c.n),
      [127, 128, 129, 130],
    );
  });

  it("confirms the stated shares of N=45 with their counts", () => {
    const got = [
      "abb1-national-top2",
      "abb1-international-top2",
      "abb1-international-bottom2",
      "abb2-tech-partly",
      "abb2-cultural-partly",
    ].map((id) => auditOf(id).consistent);
    assert.deepEqual(got, [
      [{ n: 45, counts: [25] }],
      [{ n: 45, counts: [9] }],
      [{ n: 45, counts: [31] }],
      [{ n: 45, counts: [13] }],
      [{ n: 45, counts: [14] }],
    ]);
  });

  it("reads 'knapp' as just under: knapp 69 % of 45 is 31 (68.9 %), and 'knapp 20 %' of 45 would be impossible", () => {
    assert.equal(auditOf("abb1-international-bottom2").justUnder, true);
    const knapp20 = auditPercentage(percentage({ value: 20, qualifier: "knapp", statedN: 45 }));
    assert.equal(knapp20.status, "impossible");
    assert.equal(auditPercentage(percentage({ value: 20, qualifier: "etwa", statedN: 45 })).status, "consistent");
  });

  it("checks the response rate 11.9 % as 158 of 1323", () => {
    assert.deepEqual(auditOf("sample-response-rate").consistent, [{ n: 1323, counts: [158] }]);
  });

  it("refuses an order entry", () => {
    const order = published.find((e) => e.kind === "order") as PublishedEntry;
    assert.throws(() => candidateNs(order), new RegExp(`entry "${order.id}" is a order entry`));
  });
});

describe("auditPublished", () => {
  it("audits every percentage and finds exactly two impossible numbers", () => {
    assert.equal(audits.length, published.filter((e) => e.kind === "percentage").length);
    assert.deepEqual(
      audits.filter((a) => a.status === "impossible").map((a) => a.id),
      ["anh2-large-inside-top2", "abb8-newsletter"],
    );
  });
});

describe("auditSharedBases", () => {
  const bases = auditSharedBases(published, audits);
  const ns = (id: string) => bases.find((b) => b.baseId === id)?.ns;

  it("finds no single base for the three percentages of Abb. 6, nor for those of Abb. 7", () => {
    assert.deepEqual(ns("abb-06"), []);
    assert.deepEqual(ns("abb-07"), []);
  });

  it("pins the funded base at 45 and the micro/small firms of Abb. 3/4 at 20 or 23", () => {
    assert.deepEqual(ns("abb-01"), [45]);
    assert.deepEqual(ns("abb-03-04-microSmall"), [20, 23]);
    assert.deepEqual(ns("abb-03-04-large"), [5, 10, 15, 20, 25]);
  });

  it("marks the base of an impossible number impossible", () => {
    assert.equal(bases.find((b) => b.baseId === "abb-05-large")?.status, "impossible");
  });
});

describe("auditPartitions", () => {
  it("splits the N=30 of Abb. 3 and 4 only as 20 micro/small, 5 medium, 5 large firms", () => {
    const parts = auditPartitions(published);
    assert.deepEqual(
      parts.map((p) => [p.id, p.combinations]),
      [
        ["abb3-n", [[20, 5, 5]]],
        ["abb4-n", [[20, 5, 5]]],
      ],
    );
  });

  it("names the entry and part when a part has no percentages", () => {
    const n: PublishedEntry = {
      id: "t-n",
      chapter: "1",
      figure: "sample",
      quote: "q",
      kind: "n",
      base: "b",
      value: 10,
      decimals: 0,
      partition: ["a", "b"],
    };
    assert.throws(
      () => auditPartitions([n]),
      /entry "t-n": partition part "a" is not the baseId of any percentage entry/,
    );
  });
});
