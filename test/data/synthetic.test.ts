import { strict as assert } from "node:assert";
import { loadCodebook } from "../../src/data/codebook.js";
import { loadSurvey } from "../../src/data/load.js";
import { SyntheticSurveyError, syntheticSurvey } from "../../src/data/synthetic.js";
import { figures } from "../../src/figures/index.js";

const cb = loadCodebook();
const source = loadSurvey();

/** Share of each code of a column among the rows where `keep` holds. */
function shares(values: ArrayLike<number>, keep: (i: number) => boolean = () => true): Map<number, number> {
  const counts = new Map<number, number>();
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (!keep(i)) continue;
    n++;
    counts.set(values[i]!, (counts.get(values[i]!) ?? 0) + 1);
  }
  return new Map([...counts].map(([k, c]) => [k, c / n]));
}

describe("syntheticSurvey", () => {
  it("has the codebook's columns in codebook order and n rows", () => {
    const t = syntheticSurvey(1000, { seed: 3 });
    assert.deepEqual(
      t.columnNames(),
      cb.variables.map((v) => v.name),
    );
    assert.equal(t.numRows(), 1000);
    assert.equal(t.get("id", 0), "S0001");
    assert.equal(t.get("id", 999), "S1000");
    assert.equal(new Set(t.array("id") as string[]).size, 1000, "ids are unique");
  });

  it("uses only codes a variable can take: its scale's codes and the missing codes", () => {
    const t = syntheticSurvey(2000, { seed: 5 });
    for (const v of cb.variables.filter((x) => x.scale)) {
      const allowed = new Set([...cb.scales[v.scale!]!.values.map((x) => x.code), ...(v.missing ?? [])]);
      for (const code of new Set(Array.from(t.array(v.name) as ArrayLike<number>)))
        assert.ok(allowed.has(code), `${v.name}: ${code}`);
    }
  });

  it("is deterministic: the same seed gives the same table, another seed another one", () => {
    const a = syntheticSurvey(500, { seed: 42 });
    const b = syntheticSurvey(500, { seed: 42 });
    const c = syntheticSurvey(500, { seed: 43 });
    for (const name of a.columnNames())
      assert.deepEqual(
        Array.from(a.array(name) as ArrayLike<unknown>),
        Array.from(b.array(name) as ArrayLike<unknown>),
      );
    assert.notDeepEqual(
      Array.from(a.array("shareInside") as ArrayLike<number>),
      Array.from(c.array("shareInside") as ArrayLike<number>),
    );
  });

  it("gives the first m rows of a larger table as the table of m rows (each column its own stream)", () => {
    const small = syntheticSurvey(300, { seed: 9 });
    const large = syntheticSurvey(3000, { seed: 9 });
    for (const name of ["funded", "techProximity", "channel_other"]) {
      assert.deepEqual(
        Array.from(large.array(name) as ArrayLike<number>).slice(0, 300),
        Array.from(small.array(name) as ArrayLike<number>),
      );
    }
  });

  it("reproduces each variable's marginal shares in the source, missing codes included, within 1.5 points at n = 10^5", () => {
    const n = 100_000;
    const t = syntheticSurvey(n, { seed: 11 });
    for (const v of cb.variables.filter((x) => x.type !== "id")) {
      const filter = Object.entries(v.askedIf ?? {});
      const passes = (table: typeof t) => {
        const cols = filter.map(([name, codes]) => ({ values: table.array(name) as ArrayLike<number>, codes }));
        return (i: number) => cols.every((c) => c.codes.includes(c.values[i]!));
      };
      const want = shares(source.array(v.name) as ArrayLike<number>, passes(source));
      const got = shares(t.array(v.name) as ArrayLike<number>, passes(t));
      for (const code of new Set([...want.keys(), ...got.keys()])) {
        assert.ok(
          Math.abs((got.get(code) ?? 0) - (want.get(code) ?? 0)) < 0.015,
          `${v.name} = ${code}: ${got.get(code)} vs ${want.get(code)}`,
        );
      }
    }
  });

  it("respects filters: a question asked only of funded organisations is 'not asked' (-8) for everyone else", () => {
    const t = syntheticSurvey(5000, { seed: 2 });
    const funded = t.array("funded") as ArrayLike<number>;
    const prior = t.array("priorNational") as ArrayLike<number>;
    let others = 0;
    for (let i = 0; i < t.numRows(); i++) {
      if (funded[i] === 1) assert.notEqual(prior[i], -8);
      else {
        others++;
        assert.equal(prior[i], -8);
      }
    }
    assert.ok(others > 1000);
  });

  it("feeds every figure's aggregation", () => {
    const t = syntheticSurvey(2000, { seed: 1 });
    for (const f of figures) assert.ok(f.numbers(t).numRows() > 0, f.id);
  });

  it("takes 10^6 respondents in typed columns quickly", function () {
    this.timeout(20_000);
    const started = Date.now();
    const t = syntheticSurvey(1_000_000, { seed: 1 });
    assert.equal(t.numRows(), 1_000_000);
    assert.ok(t.column("funded") instanceof Int8Array, "no per-row objects or boxed arrays");
    assert.ok(Date.now() - started < 10_000);
  });

  it("refuses a size or seed that is not a whole number, and a filter on a later variable", () => {
    assert.throws(() => syntheticSurvey(-1), /n must be a whole number ≥ 0, got -1/);
    assert.throws(() => syntheticSurvey(1.5), RangeError);
    assert.throws(() => syntheticSurvey(10, { seed: 0.5 }), /seed must be a whole number/);
    const reordered = {
      ...cb,
      variables: [...cb.variables].sort((a, b) => (a.name === "funded" ? 1 : b.name === "funded" ? -1 : 0)),
    };
    assert.throws(
      () => syntheticSurvey(10, { codebook: reordered }),
      (e: Error) =>
        e instanceof SyntheticSurveyError &&
        /"priorNational" is asked only if "funded" is one of \[1\], but "funded" is not an earlier variable/.test(
          e.message,
        ),
    );
  });
});
