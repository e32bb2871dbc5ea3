/**
 * The numbers seminar S2 ("Wissensdiffusion im Cluster") works with: each actor group's balance
 * of information given and received, and how many respondents of a group received any
 * information at all.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { loadCodebook, scaleOf, type Codebook, type Lang } from "../data/codebook.js";
import { shares } from "../analysis/shares.js";
import { compareGroups, type TestOutcome } from "../stats/compare-groups.js";
import { flowNumbers, type FlowOptions } from "../figures/abb-06-07-information-flows.js";
import { numberRows } from "../figures/common/numbers.js";

/**
 * Per actor group of the grids and topic: the share of respondents who received information
 * from the group (`given`: the group as sender, Abbildung 7), the share who gave information
 * to it (`received`: the group as recipient, Abbildung 6), and `balance` = given − received in
 * percentage points (positive: the group passes on more than it gets).
 * @throws RangeError for an unknown topic.
 * @example flowBalance(survey(), "contacts").objects().find((r) => r.group === "management").balance // => a number of percentage points
 */
export function flowBalance(
  table: ColumnTable,
  topic: string,
  lang: Lang = "de",
  cb: Codebook = loadCodebook(),
): ColumnTable {
  const grid = cb.grids.gave!;
  if (!grid.topics!.some((t) => t.key === topic))
    throw new RangeError(`unknown topic "${topic}"; known: ${grid.topics!.map((t) => t.key).join(", ")}`);
  const share = (q: string) =>
    new Map(
      (
        shares(
          table,
          cb,
          grid.groups!.map((g) => `${q}_${topic}_${g}`),
          [1],
        ).objects() as { item: string; percent: number }[]
      ).map((r) => [r.item.split("_")[2]!, r.percent]),
    );
  const got = share("got");
  const gave = share("gave");
  const labels = scaleOf(cb, "actorGroup").values;
  return aq.from(
    grid.groups!.map((g) => ({
      group: g,
      groupLabel: labels.find((v) => v.key === g)!.label[lang],
      topic,
      given: got.get(g)!,
      received: gave.get(g)!,
      balance: got.get(g)! - gave.get(g)!,
    })),
  );
}

/**
 * Respondents of actor group `group` (k of n) and of all other groups who received at least
 * one piece of information from anyone (any topic, any sender; Abbildung 7's grid), among
 * those who answered every cell of the grid.
 * @example receivedAny(survey(), "kmu").group // => { k: …, n: 59 }
 */
export function receivedAny(
  table: ColumnTable,
  group: string,
  cb: Codebook = loadCodebook(),
): { group: { k: number; n: number }; others: { k: number; n: number } } {
  const code = scaleOf(cb, "actorGroup").values.find((v) => v.key === group)?.code;
  if (code === undefined) throw new RangeError(`unknown actor group "${group}"`);
  const cells = cb.variables.filter((v) => v.grid?.question === "got").map((v) => `d.${v.name}`);
  const r = table
    .params({ code })
    .derive({
      answered: `d => (${cells.map((c) => `${c} >= 0`).join(" && ")}) ? 1 : 0`,
      any: `d => (${cells.map((c) => `${c} === 1`).join(" || ")}) ? 1 : 0`,
    })
    .filter("d => d.answered === 1 && d.actorGroup > 0")
    .derive({ inGroup: "(d, $) => d.actorGroup === $.code ? 1 : 0" })
    .rollup({
      k: "d => op.sum(d.inGroup * d.any)",
      n: "d => op.sum(d.inGroup)",
      kAll: "d => op.sum(d.any)",
      nAll: "d => op.count()",
    })
    .object() as { k: number; n: number; kAll: number; nAll: number };
  return { group: { k: r.k, n: r.n }, others: { k: r.kAll - r.k, n: r.nAll - r.n } };
}

/**
 * Fisher's exact test of "group `group` received information more often than the others";
 * null when either group has no respondents (nothing to compare).
 * @example receivedAnyTest(survey(), "kmu")?.p // => a p-value
 */
export function receivedAnyTest(table: ColumnTable, group: string): TestOutcome | null {
  const { group: a, others: b } = receivedAny(table, group);
  return a.n && b.n ? compareGroups([a, b], "fisher") : null;
}

/**
 * One group's balance (given − received, percentage points) on one topic, rounded to one decimal.
 * @throws RangeError for an unknown topic or group.
 * @example balanceOf(survey(), "management", "contacts") // => 10.3
 */
export function balanceOf(table: ColumnTable, group: string, topic: string): number {
  const r = (flowBalance(table, topic).objects() as { group: string; balance: number }[]).find(
    (x) => x.group === group,
  );
  if (!r) throw new RangeError(`unknown actor group "${group}" in the grids`);
  return Math.round(r.balance * 10) / 10;
}

/**
 * The flow from actor group `sender` to `recipient` in the flow figure's numbers (count, base,
 * percent; count NaN where the flow is suppressed).
 * @throws RangeError when there is no such flow.
 * @example flowBetween(survey(), "kmu", "management").count // => 45
 */
export function flowBetween(
  table: ColumnTable,
  sender: string,
  recipient: string,
  options: Partial<FlowOptions> = {},
): { count: number; base: number; percent: number } {
  const gave = (options.perspective ?? "gave") === "gave";
  const [group, item] = gave ? [sender, recipient] : [recipient, sender];
  const r = numberRows(flowNumbers(table, options)).find((x) => x.group === group && x.item === item);
  if (!r) throw new RangeError(`no flow from "${sender}" to "${recipient}"`);
  return r.suppressed
    ? { count: NaN, base: r.base, percent: NaN }
    : { count: r.count, base: r.base, percent: r.percent };
}

/**
 * The balance per actor group on one topic for reading: the group's label, `given`, `received`
 * and `balance` rounded to one decimal (columns named for `display`, which puts them into words).
 * @example balanceTable(survey(), "contacts").objects()[3] // => { groupLabel: "Cluster-/Netzwerkmanagement", given: 45.8, received: 35.5, balance: 10.3 }
 */
export function balanceTable(
  table: ColumnTable,
  topic: string,
  lang: Lang = "de",
  cb: Codebook = loadCodebook(),
): ColumnTable {
  return flowBalance(table, topic, lang, cb).select("groupLabel", "given", "received", "balance").derive({
    given: "d => op.round(d.given * 10) / 10",
    received: "d => op.round(d.received * 10) / 10",
    balance: "d => op.round(d.balance * 10) / 10",
  });
}

/**
 * Who received any information (any topic, any sender) in actor group `group` and among the
 * other respondents, as a labelled 2×2 table with each row's percentage (`receivedAny`'s counts).
 * @example receivedTable(survey(), "kmu", "de").objects()[0]["hat Informationen erhalten"] // => 59
 */
export function receivedTable(
  table: ColumnTable,
  group: string,
  lang: Lang = "de",
  cb: Codebook = loadCodebook(),
): ColumnTable {
  const u = cb.ui;
  const { group: a, others: b } = receivedAny(table, group, cb);
  const label = scaleOf(cb, "actorGroup").values.find((v) => v.key === group)!.label[lang];
  const row = (name: string, x: { k: number; n: number }) => ({
    [u.col_groupLabel![lang]]: name,
    [u.receivedSome![lang]]: x.k,
    [u.receivedNone![lang]]: x.n - x.k,
    [u.total![lang]]: x.n,
    [u.col_percent![lang]]: x.n ? Math.round((1000 * x.k) / x.n) / 10 : NaN,
  });
  return aq.from([row(label, a), row(u.otherRespondents![lang], b)]);
}
