/**
 * Abbildung 6 and 7 drawn as flows: a Sankey diagram from the senders' actor groups to the
 * recipients' actor groups, from the rows of the grids "gave" (sender perspective: respondents
 * of a group say to whom they gave) or "got" (receiver perspective: respondents of a group say
 * from whom they received). A flow's width is the number of respondents of the group who
 * ticked at least one topic of the chosen topics for the other group.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { loadCodebook, scaleOf, type Codebook, type Lang } from "../data/codebook.js";
import { suppressSmallCells } from "../data/disclosure.js";
import { isOwnData, minCellOf } from "../data/disclosure-policy.js";
import { wilson } from "../stats/wilson.js";
import { figureN } from "./common/figure-kinds.js";
import { numberRows } from "./common/numbers.js";
import { dataNote, fill, wrap } from "./common/layout.js";
import { font, groupColors, pct } from "./common/style.js";
import type { NumberRow, PlotlyFigure } from "./common/types.js";
import { InterspinError } from "../util/errors.js";

/** The figure's id (it joins Abbildung 6 and 7). */
export const FLOWS_ID = "abb-06-07";

/** Options of the flow figure. */
export interface FlowOptions {
  lang: Lang;
  /** "gave": Abbildung 6, sender perspective; "got": Abbildung 7, receiver perspective. */
  perspective: "gave" | "got";
  /** A topic key of the grid ("tech", "markets", "contacts", "other") or "all". */
  topic: string;
  /** Bases below this are flagged as small. */
  smallBase: number;
  codebook?: Codebook;
  /** Suppress flows resting on fewer respondents than this; default: the table's own policy. */
  minCell?: number;
}

/** Defaults of the flow figure. */
export const flowDefaults: FlowOptions = { lang: "de", perspective: "gave", topic: "all", smallBase: 30 };

/** Thrown for an option the flow figure does not accept. */
export class FlowOptionError extends InterspinError {
  override name = "FlowOptionError";
}

function resolve(options: Partial<FlowOptions>): FlowOptions & { codebook: Codebook } {
  const o = { ...flowDefaults, ...options };
  const cb = o.codebook ?? loadCodebook();
  if (o.lang !== "de" && o.lang !== "en")
    throw new FlowOptionError(`invalid lang: "${String(o.lang)}" (expected "de" or "en")`);
  if (o.perspective !== "gave" && o.perspective !== "got")
    throw new FlowOptionError(`invalid perspective: "${String(o.perspective)}" (expected "gave" or "got")`);
  const topics = cb.grids[o.perspective]!.topics!.map((t) => t.key);
  if (o.topic !== "all" && !topics.includes(o.topic))
    throw new FlowOptionError(`invalid topic: "${o.topic}" (expected "all" or one of ${topics.join(", ")})`);
  return { ...o, codebook: cb };
}

/**
 * The numbers behind the flows: one row per respondents' group (`group`) and other group
 * (`item`), with the count of respondents who ticked the flow, the group's base, percentage,
 * Wilson interval and small-base flag, as the other figures' numbers.
 * @throws FlowOptionError for an unknown perspective or topic.
 * @example flowNumbers(survey(), { perspective: "gave" }).numRows() // => 20 (5 respondent groups × 4 grid groups)
 */
export function flowNumbers(table: ColumnTable, options: Partial<FlowOptions> = {}): ColumnTable {
  const o = resolve(options);
  const cb = o.codebook;
  const grid = cb.grids[o.perspective]!;
  const topics = o.topic === "all" ? grid.topics!.map((t) => t.key) : [o.topic];
  const topicLabel =
    o.topic === "all" ? cb.ui.flowsAllTopics![o.lang] : grid.topics!.find((t) => t.key === o.topic)!.label[o.lang];
  const actors = scaleOf(cb, "actorGroup").values;
  const exprs: Record<string, string> = {};
  for (const g of grid.groups!) {
    const cells = topics.map((t) => `d.${o.perspective}_${t}_${g}`);
    const answered = cells.map((c) => `${c} >= 0`).join(" && ");
    // Counted among the base only: a row that answered some topics and not others (a partial
    // export, a synthetic survey) is in neither, so the count never exceeds its base.
    exprs[`k_${g}`] = `d => op.sum((${answered}) && (${cells.map((c) => `${c} === 1`).join(" || ")}) ? 1 : 0)`;
    exprs[`n_${g}`] = `d => op.sum((${answered}) ? 1 : 0)`;
  }
  const sums = new Map(
    (table.groupby("actorGroup").rollup(exprs).objects() as Record<string, number>[]).map((r) => [r.actorGroup, r]),
  );
  const rows: NumberRow[] = [];
  for (const a of actors) {
    const s = sums.get(a.code);
    for (const g of grid.groups!) {
      const count = s?.[`k_${g}`] ?? 0;
      const base = s?.[`n_${g}`] ?? 0;
      const ci = wilson(count, base);
      rows.push({
        figure: FLOWS_ID,
        group: a.key,
        groupLabel: a.label[o.lang],
        item: g,
        itemLabel: actors.find((x) => x.key === g)!.label[o.lang],
        code: 1,
        category: topicLabel,
        count,
        base,
        percent: base ? (100 * count) / base : NaN,
        ciLow: ci.low,
        ciHigh: ci.high,
        smallBase: base < o.smallBase,
      });
    }
  }
  const numbers = aq.from(rows);
  const k = o.minCell ?? minCellOf(table);
  return k > 0 ? suppressSmallCells(numbers, { k, figure: FLOWS_ID }).table : numbers;
}

/**
 * The flows as a Plotly Sankey: senders on the left, recipients on the right, one link per
 * pair with respondents (suppressed and empty flows are left out).
 * @throws FlowOptionError for an unknown perspective or topic.
 * @example buildFlows(survey(), { lang: "en" }).data[0].type // => "sankey"
 */
export function buildFlows(table: ColumnTable, options: Partial<FlowOptions> = {}): PlotlyFigure {
  const o = resolve(options);
  const cb = o.codebook;
  const u = cb.ui;
  const rows = numberRows(flowNumbers(table, o));
  const actors = scaleOf(cb, "actorGroup").values;
  const index = new Map(actors.map((a, i) => [a.key, i]));
  const gave = o.perspective === "gave";
  const senderOf = (r: NumberRow) => (gave ? r.group : r.item);
  const recipientOf = (r: NumberRow) => (gave ? r.item : r.group);
  const links = rows.filter((r) => !r.suppressed && r.count > 0);
  const colour = (key: string) => groupColors[index.get(key)! % groupColors.length]!;
  const n = figureN(rows);
  const grid = cb.grids[o.perspective]!;
  const topic = rows[0]?.category ?? "";
  const title = fill(u.flowsTitle![o.lang], { perspective: grid.perspective![o.lang], topic, n });
  // The respondents' own actor group (left for senders, right for recipients) is not published:
  // on the reconstruction that side of the diagram is an assumption, and the caption says so.
  const own = isOwnData(table);
  const ownGroup = fill(u.flowsOwnGroup![o.lang], { side: (gave ? u.flowsLeft : u.flowsRight)![o.lang] });
  const notes = [
    ...wrap(`${u.flowsNote![o.lang]}.`, 120).split("<br>"),
    ...(own ? [] : wrap(`${ownGroup}.`, 120).split("<br>")),
    ...wrap(dataNote(cb, o.lang, own), 120).split("<br>"),
  ];
  if (rows.some((r) => r.suppressed))
    notes.push(`⚠ ${fill(u.suppressed![o.lang], { k: o.minCell ?? minCellOf(table) })}`);
  const data = [
    {
      type: "sankey",
      orientation: "h",
      arrangement: "fixed",
      valueformat: "d",
      node: {
        label: [
          ...actors.map((a) => `${a.label[o.lang]} (${u.flowsSenders![o.lang]})`),
          ...actors.map((a) => `${a.label[o.lang]} (${u.flowsRecipients![o.lang]})`),
        ],
        color: [...actors.map((a) => colour(a.key)), ...actors.map((a) => colour(a.key))],
        pad: 18,
        thickness: 18,
        line: { color: "#555", width: 0.5 },
      },
      link: {
        source: links.map((r) => index.get(senderOf(r))!),
        target: links.map((r) => actors.length + index.get(recipientOf(r))!),
        value: links.map((r) => r.count),
        color: links.map((r) => `${colour(senderOf(r))}80`),
        customdata: links.map((r) =>
          fill(u.flowsLink![o.lang], {
            source: actors[index.get(senderOf(r))!]!.label[o.lang],
            target: actors[index.get(recipientOf(r))!]!.label[o.lang],
            count: r.count,
            base: r.base,
            percent: pct(r.percent, o.lang),
          }),
        ),
        hovertemplate: "%{customdata}<extra></extra>",
      },
    },
  ];
  const bottom = 30 + 16 * notes.length;
  const layout = {
    title: { text: wrap(title, 95), x: 0.01, xref: "container", xanchor: "left", font: { ...font, size: 15 } },
    font,
    paper_bgcolor: "#ffffff",
    width: 900,
    height: 480 + bottom,
    margin: { l: 20, r: 20, t: 70, b: bottom },
    annotations: notes.map((text, i) => ({
      name: "data-note",
      text,
      showarrow: false,
      xref: "paper",
      yref: "paper",
      x: 0,
      xanchor: "left",
      y: 0,
      yanchor: "top",
      yshift: -(10 + 16 * i),
      font: { ...font, size: 11, color: "#555" },
    })),
    meta: { id: FLOWS_ID, n, lang: o.lang, title, smallBase: rows.some((r) => r.smallBase && r.count > 0) },
  };
  return { data, layout, config: { displaylogo: false, responsive: true } };
}

/** Builder of the flow figure, shaped like the registry's builders (`numbers`, `build`). */
export const abb0607 = { id: FLOWS_ID, defaults: flowDefaults, numbers: flowNumbers, build: buildFlows };
