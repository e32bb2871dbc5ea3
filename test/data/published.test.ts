import { strict as assert } from "node:assert";
import { join } from "node:path";
import { paths } from "../../src/paths.js";
import { loadPublished, parsePublished, PublishedEntryError, subgroupParts } from "../../src/data/published.js";

const entries = loadPublished();
const good = {
  id: "abb1-national-top2",
  chapter: "3.1",
  figure: "abb-01",
  quote: "mit 55,6%",
  kind: "percentage",
  base: "funded",
  value: 55.6,
  decimals: 1,
  statedN: 45,
  variable: "priorNational",
  categories: [1, 2],
};

/** Parses one entry built from `good` and returns the error it raises. */
function errorOf(entry: Record<string, unknown>): PublishedEntryError {
  try {
    parsePublished([entry]);
  } catch (e) {
    assert.ok(e instanceof PublishedEntryError, `expected PublishedEntryError, got ${String(e)}`);
    return e;
  }
  assert.fail("expected an error");
}

describe("loadPublished", () => {
  it("loads every entry with unique kebab-case ids", () => {
    const ids = entries.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.every((id) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)));
  });

  it("gives every entry its required fields for its kind", () => {
    for (const e of entries) {
      for (const f of ["chapter", "figure", "quote", "base"] as const) assert.ok(e[f], `${e.id}: ${f}`);
      if (e.kind === "order") assert.ok(e.claim, `${e.id}: claim`);
      else assert.ok(typeof e.value === "number" && Number.isInteger(e.decimals), `${e.id}: value, decimals`);
      if (e.kind === "percentage")
        assert.ok((e.statedN === undefined) !== (e.nRange === undefined), `${e.id}: statedN or nRange`);
      if (e.nRange) assert.ok(e.nRangeReason, `${e.id}: nRangeReason`);
    }
  });

  it("holds every percentage the report prints, as printed", () => {
    const values = entries
      .filter((e) => e.kind === "percentage")
      .map((e) => e.value)
      .sort((a, b) => (a as number) - (b as number));
    assert.deepEqual(
      values,
      [
        11.9, 20, 23, 28, 29, 29.2, 31, 33.3, 35, 40, 40.2, 42.7, 49.2, 49.5, 50, 51.9, 52.3, 55.6, 58.1, 58.9, 60, 60,
        65, 69, 70, 76.1, 77.3, 80, 80, 80.9, 84,
      ],
    );
  });

  it("holds every N a caption states", () => {
    // a literal reading the report contradicts (abb5-n-if-funded-only) is not a caption's N
    const ns = entries.filter((e) => e.kind === "n" && !e.contradicts).map((e) => [e.figure, e.value]);
    assert.deepEqual(ns, [
      ["sample", 158],
      ["abb-01", 45],
      ["abb-02", 45],
      ["abb-03", 30],
      ["abb-04", 30],
      ["abb-05", 136],
      ["abb-08", 139],
    ]);
  });

  it("keeps the printed decimals: 55.6 → 1, 20 → 0", () => {
    const byId = new Map(entries.map((e) => [e.id, e]));
    assert.equal(byId.get("abb1-national-top2")?.decimals, 1);
    assert.equal(byId.get("abb1-international-top2")?.decimals, 0);
    assert.equal(byId.get("abb1-international-bottom2")?.qualifier, "knapp");
  });

  it("names the file when it cannot be read", () => {
    assert.throws(
      () => loadPublished(join(paths.published, "missing.json")),
      /data\/published\/missing\.json: cannot read published numbers/,
    );
  });
});

describe("parsePublished", () => {
  it("accepts a well-formed entry", () => {
    assert.equal(parsePublished([good])[0]?.value, 55.6);
  });

  it("names entry and field when a value is a string", () => {
    const e = errorOf({ ...good, value: "55,6" });
    assert.equal(
      e.message,
      'numbers.json: entry 0 "abb1-national-top2", field "value": must be a number as printed, e.g. 55.6, got "55,6"',
    );
    assert.deepEqual([e.index, e.entryId, e.field], [0, "abb1-national-top2", "value"]);
  });

  it("rejects a value with more decimals than stated", () => {
    assert.match(errorOf({ ...good, decimals: 0 }).message, /field "value": 55\.6 has more decimals than decimals=0/);
  });

  it("rejects a percentage with neither statedN nor nRange", () => {
    const { statedN: _, ...noN } = good;
    assert.match(errorOf(noN).message, /field "nRange": a percentage needs exactly one of statedN/);
  });

  it("rejects an nRange without its reason, and a reversed one", () => {
    const { statedN: _, ...noN } = good;
    assert.match(errorOf({ ...noN, nRange: [1, 158] }).message, /field "nRangeReason": must be a non-empty string/);
    assert.match(
      errorOf({ ...noN, nRange: [158, 1], nRangeReason: "r" }).message,
      /field "nRange": must be \[min, max\]/,
    );
  });

  it("rejects an unknown field, naming the known ones", () => {
    assert.match(errorOf({ ...good, statedn: 45 }).message, /field "statedn": unknown field \(known: id, chapter/);
  });

  it("rejects a figure id outside the report", () => {
    assert.match(errorOf({ ...good, figure: "abb-10" }).message, /field "figure": must be "abb-01"/);
  });

  it("rejects an order entry without a valid claim, naming the inner field", () => {
    const order = { id: "o", chapter: "4.1", figure: "abb-08", quote: "q", kind: "order", base: "b" };
    assert.match(errorOf(order).message, /field "claim": an order entry needs a claim object/);
    const claim = {
      type: "max",
      target: { variable: "channel_newsletter", categories: [1] },
      others: [{ variable: "channel_events" }],
    };
    assert.match(
      errorOf({ ...order, claim }).message,
      /field "claim\.others\[0\]\.categories": must be a non-empty array of whole codes/,
    );
    assert.match(
      errorOf({ ...order, claim: { type: "mode", variable: "v", category: 6, codes: [1, 2] } }).message,
      /field "claim\.category": must be one of claim\.codes/,
    );
  });

  it("accepts bounds, near and mean claims with optional readings and contradictions, and rejects malformed ones", () => {
    const order = { id: "o", chapter: "3.1", figure: "abb-04", quote: "q", kind: "order", base: "b" };
    const share = { variable: "culturalProximity", categories: [1], subgroup: { funded: [1], size3: "microSmall" } };
    const ok = parsePublished([
      { ...order, claim: { type: "bound", share, atMost: 0 }, optional: "literal-70" },
      { ...order, id: "p", claim: { type: "near", left: share, right: share, tolerance: 5 } },
      {
        ...order,
        id: "m",
        claim: { type: "mean", variable: "techProximity", codes: [1, 2, 3, 4, 5], min: 2.5, max: 3.5 },
      },
      { ...order, id: "c", claim: { type: "majority", share }, contradicts: "abb2-tech-partly" },
    ]);
    assert.deepEqual(
      ok.map((e) => [e.claim!.type, e.optional ?? e.contradicts ?? ""]),
      [
        ["bound", "literal-70"],
        ["near", ""],
        ["mean", ""],
        ["majority", "abb2-tech-partly"],
      ],
    );
    assert.match(errorOf({ ...order, claim: { type: "bound", share } }).message, /a bound needs at least one of/);
    assert.match(
      errorOf({ ...order, claim: { type: "bound", share, above: 120 } }).message,
      /field "claim\.above": must be percentage points from 0 to 100/,
    );
    assert.match(
      errorOf({ ...order, claim: { type: "mean", variable: "v", codes: [1], min: 4, max: 3 } }).message,
      /field "claim\.min": min and max must be numbers with min ≤ max/,
    );
    assert.match(
      errorOf({ ...order, claim: { type: "bound", share, atMost: 0 }, optional: "Literal 70" }).message,
      /field "optional": must name the reading in kebab-case/,
    );
  });

  it("rejects a duplicate id, naming the first entry", () => {
    assert.throws(
      () => parsePublished([good, good]),
      /entry 1 "abb1-national-top2", field "id": duplicate id, first used by entry 0/,
    );
  });

  it("rejects a file that is not an array", () => {
    assert.throws(
      () => parsePublished({}),
      /^PublishedEntryError: numbers\.json: must hold a JSON array of entries, got object$/,
    );
  });
});

describe("subgroupParts", () => {
  it("splits code filters from the size grouping", () => {
    assert.deepEqual(subgroupParts({ funded: [1], size3: "large" }), {
      filter: { funded: [1] },
      groupBy: "size3",
      group: "large",
    });
    assert.deepEqual(subgroupParts(), { filter: {} });
  });

  it("refuses two groupings", () => {
    assert.throws(() => subgroupParts({ size3: "large", actor: "kmu" }), /names two groupings \(size3, actor\)/);
  });
});
