/**
 * "Claims and their evidence" as text: the Markdown table for reports, with each claim's range
 * over every dataset consistent with the report first and its value on the data second.
 */
import type { ColumnTable } from "arquero";
import { figureDef, loadCodebook, variable, type Codebook, type Lang } from "../data/codebook.js";
import type { ClaimEvidence } from "./claim-evidence.js";
import { identifiedCells } from "./identified-text.js";

/** A UI text of the codebook in `lang` (the key itself where the codebook has none). */
function ui(cb: Codebook, key: string, lang: Lang): string {
  return cb.ui[key]?.[lang] ?? key;
}

function num(x: number, digits: number, lang: Lang): string {
  const s = x.toFixed(digits);
  return lang === "de" ? s.replace(".", ",") : s;
}

function formatP(p: number, lang: Lang): string {
  if (Number.isNaN(p)) return "–";
  return p < 0.001 ? `< ${num(0.001, 3, lang)}` : num(p, 3, lang);
}

function groupLabel(cb: Codebook, key: string, lang: Lang): string {
  const all = Object.values(cb.groupings).flatMap((g) => g.groups);
  return key
    .split("+")
    .map((k) => all.find((g) => g.key === k)?.label[lang] ?? k)
    .join(" + ");
}

function variableLabel(cb: Codebook, name: string, lang: Lang): string {
  const v = variable(cb, name);
  return (v.short ?? v.question)[lang];
}

function comparisonCell(cb: Codebook, r: ClaimEvidence, lang: Lang): string {
  const vs = ui(cb, "versus", lang);
  const pct = (x: number) => (Number.isFinite(x) ? `${num(x, 1, lang)} %` : "—");
  const kn = (k: number, n: number) => (Number.isNaN(k) || Number.isNaN(n) ? "—" : `${k}/${n}`);
  const int = (x: number) => (Number.isNaN(x) ? "—" : String(x));
  if (r.effectName === "pairedDifference") {
    const [[a, b], [c]] = r.table as [[number, number], [number, number]];
    return `${variableLabel(cb, r.rowKeys[0]!, lang)} ${pct(r.shares[0]!)} (${kn(a + b, r.n)}) ${vs} ${variableLabel(cb, r.colKeys[0]!, lang)} ${pct(r.shares[1]!)} (${kn(a + c, r.n)}); ${ui(cb, "discordantPairs", lang)} ${int(b)} ${vs} ${int(c)}`;
  }
  return r.rowKeys
    .map(
      (k, i) =>
        `${groupLabel(cb, k, lang)} ${pct(r.shares[i]!)} (${kn(r.table[i]![0]!, r.table[i]![0]! + r.table[i]![1]!)})`,
    )
    .join(` ${vs} `);
}

function testCell(cb: Codebook, r: ClaimEvidence, lang: Lang): string {
  const name = ui(cb, `test_${r.test}`, lang);
  return r.statistic === null || Number.isNaN(r.statistic)
    ? name
    : `${name}, χ²(${r.df}) = ${num(r.statistic, 2, lang)}`;
}

function effectCell(cb: Codebook, r: ClaimEvidence, lang: Lang): string {
  if (r.effect === null) return "–";
  if (r.effectName === "cramersV") return `${ui(cb, "effect_cramersV", lang)} = ${num(r.effect, 2, lang)}`;
  const signed = (x: number) => `${x > 0 ? "+" : x < 0 ? "−" : ""}${num(Math.abs(x), 1, lang)}`;
  const ci = r.effectLow !== null && r.effectHigh !== null ? ` [${signed(r.effectLow)}; ${signed(r.effectHigh)}]` : "";
  return `${ui(cb, `effect_${r.effectName}`, lang)} ${signed(r.effect)} ${ui(cb, "percentagePoints", lang)}${ci}`;
}

function warningDe(r: ClaimEvidence): string {
  const suppressed = /counts suppressed \(< (\d+) respondents\)/.exec(r.warning ?? "");
  const rest = (r.warning ?? "").replace(/(; )?counts suppressed \(< \d+ respondents\)/, "");
  const main = !rest
    ? ""
    : r.verdict === "not computable"
      ? rest
          .replace(/^n = 0 in (.*): no respondent with a valid (.*)$/, "n = 0 in $1: niemand mit gültiger Angabe zu $2")
          .replace(/^n = 0: no respondent answered both (.*) and (.*)$/, "n = 0: niemand hat $1 und $2 beantwortet")
      : r.test === "chi-square"
        ? "erwartete Häufigkeit unter 5, exakter Test vorzuziehen"
        : "weniger als 25 diskordante Paare, exakter Test vorzuziehen";
  return [main, suppressed ? `Zählungen unterdrückt (< ${suppressed[1]} Befragte)` : ""].filter(Boolean).join("; ");
}

/**
 * A claim's cells on these data in `lang`: the compared shares with counts, the test, p, the
 * effect size and the verdict (with its warning).
 * @example claimCells(evidence, "de", cb).p // => "< 0,001"
 */
export function claimCells(
  r: ClaimEvidence,
  lang: Lang,
  cb: Codebook = loadCodebook(),
): { comparison: string; test: string; p: string; effect: string; verdict: string } {
  const label = ui(cb, `verdict_${r.verdict}`, lang);
  // "not computable (n = 0)": the warning names the empty group, so the label drops its "(n = 0)"
  const verdict = r.warning
    ? `${label.replace(/ \(n = 0\)$/, "")} (${lang === "de" ? warningDe(r) : r.warning})`
    : label;
  return {
    comparison: comparisonCell(cb, r, lang),
    test: testCell(cb, r, lang),
    p: formatP(r.p, lang),
    effect: effectCell(cb, r, lang),
    verdict,
  };
}

/**
 * The evidence as a Markdown table for reports: claim (in `lang`) and figure; then the claim over
 * every dataset consistent with the report (p range, difference range, robust verdict); then its
 * value on these data (compared shares with counts, test, p, effect size, N, verdict). Headers
 * from the codebook's `ui` texts.
 * @param rows - the table from {@link claimsEvidence} or its rows.
 * @param lang - "de" (the report's words) or "en" (translation).
 * @param cb - the codebook for labels.
 * @example claimsEvidenceMarkdown(claimsEvidence(loadSurvey()), "en").split("\n")[0]
 * // => "| Claim | Figure | p over all consistent datasets | difference (pp) over all consistent datasets | verdict over all consistent datasets | Comparison (on these data) | Test | p-value | Effect size | N | Verdict (on these data) |"
 */
export function claimsEvidenceMarkdown(
  rows: ColumnTable | readonly ClaimEvidence[],
  lang: Lang,
  cb: Codebook = loadCodebook(),
): string {
  const list = (Array.isArray(rows) ? rows : (rows as ColumnTable).objects()) as ClaimEvidence[];
  const ui = (key: string) => cb.ui[key]?.[lang] ?? key;
  const here = ` (${ui("col_onData")})`;
  const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ");
  const head = [
    ui("col_claim"),
    ui("col_figure"),
    ui("col_pRange"),
    ui("col_effectRange"),
    ui("col_robust"),
    ui("col_comparison") + here,
    ui("col_test"),
    ui("col_p"),
    ui("col_effect"),
    ui("n"),
    ui("col_verdict") + here,
  ];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const r of list) {
    const figure = figureDef(cb, r.figure).number[lang];
    const id = identifiedCells(r.identified, lang, cb);
    const c = claimCells(r, lang, cb);
    lines.push(
      `| ${[lang === "de" ? r.claimDe : r.claimEn, figure, id.p, id.effect, [id.verdict, id.readings, id.holds, ...id.followUps, id.assumptions].filter(Boolean).join(" "), c.comparison, c.test, c.p, c.effect, String(r.n), c.verdict].map(cell).join(" | ")} |`,
    );
  }
  return lines.join("\n");
}
