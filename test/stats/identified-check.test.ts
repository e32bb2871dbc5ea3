import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadClaims } from "../../src/data/claims-file.js";
import { identifiedProblems, type IdentifiedLike } from "../../src/stats/identified-check.js";
import { IdentifiedSetError, loadIdentified } from "../../src/stats/identified/identified-file.js";

const text = readFileSync("data/published/identified.json", "utf8");
const claims = loadClaims();
/** A fresh copy of the shipped file, to edit. */
const copy = () => JSON.parse(text) as IdentifiedLike & { claims: Record<string, Record<string, unknown>> };
const orders = (s: IdentifiedLike) => s.orders as Record<string, Record<string, unknown>>;

describe("identified.json checked against its own tables", () => {
  it("the shipped file agrees with every table it holds", () => {
    assert.deepEqual(identifiedProblems(copy(), claims), []);
  });

  it("a robust claim set to 'fails' is refused: its own tables support it", () => {
    const s = copy();
    assert.equal(s.claims["abb5-inside-more-than-outside"]!.verdict, "robust");
    s.claims["abb5-inside-more-than-outside"]!.verdict = "fails";
    assert.deepEqual(identifiedProblems(s, claims), [
      'claim "abb5-inside-more-than-outside": verdict "fails": tableAtPMin supports the claim',
    ]);
  });

  it("a failing claim set to 'robust' is refused, and 'depends' with pMin not below alpha", () => {
    const s = copy();
    assert.equal(s.claims["abb67-kmu-give-more-tech-than-receive"]!.verdict, "fails");
    s.claims["abb67-kmu-give-more-tech-than-receive"]!.verdict = "robust";
    assert.match(
      identifiedProblems(s, claims).join("\n"),
      /abb67-kmu-give-more-tech-than-receive": verdict "robust": tableAtPMax does not support/,
    );
    s.claims["abb67-kmu-give-more-tech-than-receive"]!.verdict = "depends";
    assert.match(
      identifiedProblems(s, claims).join("\n"),
      /verdict "depends": no dataset can support the claim with pMin 0\.25/,
    );
  });

  it("an edited end of the p range, statistic or share difference is named with what its table gives", () => {
    const s = copy();
    const r = s.claims["abb5-inside-more-than-outside"]!;
    r.pMax = 0.04;
    r.statisticMax = 20;
    r.effectMax = 10;
    r.effectMin = 5;
    const got = identifiedProblems(s, claims);
    assert.equal(got.length, 4, got.join("\n"));
    assert.match(got[0]!, /pMax 0\.04: its table tableAtPMax gives p = 0\.000446030895387195/);
    assert.match(got[1]!, /statisticMax 20: its table gives 29\.03225806451612/);
    assert.match(got[2]!, /effect 22\.794117647058822 of tableAtPMin lies outside effectMin…effectMax \(5…10\)/);
  });

  it("an edited table is tested again: a table at pMin that does not give pMin", () => {
    const s = copy();
    s.claims["abb3-tech-distance-by-size"]!.tableAtPMin = [
      [4, 1],
      [13, 7],
      [3, 2],
    ];
    assert.match(
      identifiedProblems(s, claims).join("\n"),
      /abb3-tech-distance-by-size": pMin 0\.0219\d*: its table tableAtPMin gives p = 0\.99/,
    );
  });

  it("a missing or unknown claim and a malformed range are named", () => {
    const s = copy();
    delete s.claims["abb4-cultural-distance-by-size"];
    s.claims.invented = { verdict: "robust" };
    s.claims["anh2-large-vs-microsmall-inside"]!.tableAtPMin = [[1, 2, 3]];
    assert.deepEqual(identifiedProblems(s, claims).sort(), [
      'claim "abb4-cultural-distance-by-size": no range',
      'claim "anh2-large-vs-microsmall-inside": tableAtPMin/tableAtPMax: expected tables of counts with two columns',
      'claim "invented": not a claim of claims.json',
    ]);
  });

  it("an order's verdict must agree with its smallest margin", () => {
    const s = copy();
    const [robustId] = Object.entries(orders(s)).find(([, o]) => o.verdict === "robust")!;
    orders(s)[robustId]!.verdict = "depends";
    const [openId] = Object.entries(orders(s)).find(([, o]) => o.method === "not printed")!;
    orders(s)[openId]!.verdict = "robust";
    const got = identifiedProblems(s, claims);
    assert.equal(got.length, 2, got.join("\n"));
    assert.ok(got.some((p) => p.startsWith(`order "${robustId}": verdict "depends": its smallest margin is `)));
    assert.ok(got.some((p) => p.startsWith(`order "${openId}": method "not printed"`)));
  });

  it("loadIdentified refuses an edited file with the same inputs hash, naming the file and the claim", () => {
    const dir = mkdtempSync(join(tmpdir(), "identified-check-"));
    try {
      const s = copy();
      s.claims["abb5-inside-more-than-outside"]!.verdict = "fails";
      const file = join(dir, "identified.json");
      writeFileSync(file, JSON.stringify(s));
      assert.throws(
        () => loadIdentified(file),
        (e: Error) =>
          e instanceof IdentifiedSetError &&
          e.message.includes("identified.json contradicts its own tables (1 problem)") &&
          e.message.includes('claim "abb5-inside-more-than-outside": verdict "fails"'),
      );
      writeFileSync(file, text);
      assert.equal(loadIdentified(file).claims["abb5-inside-more-than-outside"]!.verdict, "robust");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
