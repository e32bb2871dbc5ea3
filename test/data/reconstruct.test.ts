import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import {
  loadAssumptions,
  matches,
  reconstructSurvey,
  surveyCsv,
  ReconstructionError,
  type Assumptions,
} from "../../src/data/reconstruct.js";
import { loadCodebook, scaleOf } from "../../src/data/codebook.js";
import { closestToIndependence } from "../../src/data/independence.js";
import { loadSolver, type Solver } from "../../src/ilp/solver.js";
import { paths } from "../../src/paths.js";

const cb = loadCodebook();
const clone = (a: Assumptions): Assumptions => JSON.parse(JSON.stringify(a));

describe("reconstruction of the survey microdata", () => {
  it("is what data/survey.csv holds, byte for byte", () => {
    assert.equal(surveyCsv(), readFileSync(paths.survey, "utf8"));
  });

  it("gives byte-identical output on every run", () => {
    assert.equal(surveyCsv(reconstructSurvey()), surveyCsv(reconstructSurvey()));
  });

  it("has 158 respondents with the codebook's columns in order and ids R001…R158", () => {
    const rows = reconstructSurvey();
    assert.equal(rows.length, 158);
    assert.deepEqual(Object.keys(rows[0]!).sort(), cb.variables.map((v) => v.name).sort());
    assert.equal(rows[0]!.id, "R001");
    assert.equal(rows[157]!.id, "R158");
    assert.equal(surveyCsv().split("\n")[0], cb.variables.map((v) => v.name).join(","));
  });

  it("marks items outside their filter as not asked (-8): only funded organisations answer Abbildung 1", () => {
    for (const r of reconstructSurvey()) {
      if (r.funded === 1) assert.ok((r.priorNational as number) >= 1);
      else assert.equal(r.priorNational, -8);
    }
  });

  it("gives every item of assumptions.json a reason", () => {
    for (const item of loadAssumptions().items) assert.ok(item.reason.length > 40, item.variables.join(","));
  });

  it("stops with a message naming the item and group when counts do not add up", () => {
    const a = clone(loadAssumptions());
    const item = a.items.find((i) => i.variables[0] === "regularExchange")!;
    item.groups[0]!.counts[0]! += 1;
    const n = item.groups[0]!.counts.reduce((s, k) => s + k, 0);
    const re = new RegExp(
      `item regularExchange, group all respondents: counts add up to ${n} answers \\+ ${item.groups[0]!.missing} skipped, but the group has 158 respondents`,
    );
    assert.throws(
      () => reconstructSurvey(a),
      (e: Error) => e instanceof ReconstructionError && re.test(e.message),
    );
  });

  it("stops when the strata do not add up to the respondents", () => {
    const a = clone(loadAssumptions());
    a.strata[0]!.n += 1;
    assert.throws(() => reconstructSurvey(a), /strata add up to 159 respondents, expected 158/);
  });

  it("stops when a codebook variable has no assumption, or an assumption names an unknown variable", () => {
    const a = clone(loadAssumptions());
    a.items = a.items.filter((i) => !i.variables.includes("managementHub"));
    assert.throws(() => reconstructSurvey(a), /codebook variable "managementHub" has no assumption/);
    const b = clone(loadAssumptions());
    b.items[0]!.variables = ["nonsense"];
    assert.throws(() => reconstructSurvey(b), /variable "nonsense", which is not in the codebook/);
  });
});

describe("joint tables and layouts of the reconstruction", () => {
  const a = loadAssumptions();
  const rows = reconstructSurvey();
  let solver: Solver;
  before(async () => {
    solver = await loadSolver();
  });

  it("realises every pair's joint table in the rows, group by group", () => {
    for (const p of a.pairs ?? []) {
      const [x, y] = p.variables;
      const codes = p.variables.map((v) => scaleOf(cb, v).values.map((c) => c.code)) as [number[], number[]];
      for (const g of p.groups) {
        const members = rows.filter((r) => matches(r, g.filter) && (r[x] as number) > -8);
        const got = codes[0].map((ca) =>
          codes[1].map((cb2) => members.filter((r) => r[x] === ca && r[y] === cb2).length),
        );
        assert.deepEqual(got, g.joint, `${x} × ${y}, ${JSON.stringify(g.filter)}`);
      }
    }
  });

  it("uses for each pair the table closest to independence that its bounds allow (re-solved with HiGHS)", () => {
    for (const p of a.pairs ?? []) {
      const codes = p.variables.map((v) => scaleOf(cb, v).values.map((c) => c.code)) as [number[], number[]];
      for (const g of p.groups) {
        const rowsums = g.joint.map((r) => r.reduce((s, k) => s + k, 0));
        const colsums = codes[1].map((_, j) => g.joint.reduce((s, r) => s + r[j]!, 0));
        const n = rowsums.reduce((s, k) => s + k, 0);
        const distance =
          g.joint.reduce(
            (s, r, i) => s + r.reduce((t, k, j) => t + Math.abs(n * k - rowsums[i]! * colsums[j]!), 0),
            0,
          ) / (n || 1);
        const best = closestToIndependence(solver, rowsums, colsums, codes[0], codes[1], g.atLeast ?? []);
        assert.ok(
          Math.abs(distance - best.distance) < 1e-9,
          `${p.variables.join(" × ")} ${JSON.stringify(g.filter)}: ${distance} vs ${best.distance}`,
        );
      }
    }
  });

  it("lets micro and small firms exceed independence only where the text requires it (at least 11 of 20 similar and distant)", () => {
    const pair = a.pairs!.find((p) => p.variables.join() === "techProximity,culturalProximity")!;
    const ms = pair.groups.find((g) => g.atLeast)!;
    assert.equal(ms.atLeast![0]!.count, 11);
    const block = [3, 4].reduce((s, i) => s + ms.joint[i]![1]! + ms.joint[i]![2]!, 0);
    assert.equal(block, 11);
  });

  it("stops when a pair's joint table does not add up to its items' counts", () => {
    const b = clone(a);
    b.pairs![0]!.groups[0]!.joint[0]![0]! += 1;
    assert.throws(
      () => reconstructSurvey(b),
      /pair priorNational × priorInternational, group funded in \[1\]: the joint table's row sums/,
    );
  });
});
