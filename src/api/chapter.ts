/**
 * The short calls chapter notebooks make: load the survey, build a figure, get its numbers.
 * Notebooks stay thin; everything they show is computed here and in the modules below.
 */
import type { ColumnTable } from "arquero";
import { readSurveyTable } from "../data/load.js";
import { PROJECT_FILES, readBytesOf } from "../data/source.js";
import { isReconstruction, MIN_CELL } from "../data/disclosure.js";
import { requireMinCell } from "../data/disclosure-policy.js";
import { figureBuilder } from "../figures/index.js";
import type { FigureOptions, PlotlyFigure } from "../figures/common/types.js";
import * as aq from "arquero";
import { loadCodebook, type Codebook, type Lang } from "../data/codebook.js";
import { verifyPublished, statusLabel } from "../verify/verify.js";
import { identifiedCells } from "../verify/identified-text.js";
import { claimsEvidence, type ClaimEvidence } from "../verify/claim-evidence.js";
import { show, showTable } from "./display.js";
import { decimal, localNumber } from "../util/number-format.js";

/**
 * The survey table: the shipped reconstruction by default, or a survey CSV given by path
 * (relative paths are taken from the current folder). Parsed once per process. Data other
 * than the reconstruction get disclosure control: figures and tables built from the table
 * suppress cells with fewer than `minCell` respondents.
 * @param options.minCell - minimum cell size for data other than the reconstruction (default 5; 0 switches it off).
 * @throws DataFileError or SurveyValidationError naming the file, row, column and value.
 * @example survey().numRows() // => 158
 */
export function survey(file = "", options: { minCell?: number } = {}): ColumnTable {
  const { bytes, name } = readBytesOf(file || undefined, PROJECT_FILES.survey);
  const table = readSurveyTable(bytes, { file: name });
  return isReconstruction(bytes) ? table : requireMinCell(table, options.minCell ?? MIN_CELL);
}

/**
 * Builds one figure of the report from the survey table.
 * @param id - report id, e.g. "abb-03" or "anh-02".
 * @throws RangeError for an unknown id.
 * @example figure("abb-01", survey()).layout.meta.n // => 45
 */
export function figure(id: string, table: ColumnTable, options: Partial<FigureOptions> = {}): PlotlyFigure {
  return figureBuilder(id).build(table, options);
}

/**
 * The numbers behind one figure (count, base, percent, 95% interval for every bar).
 * @example figureNumbers("abb-05", survey()).numRows() // => 10
 */
export function figureNumbers(id: string, table: ColumnTable, options: Partial<FigureOptions> = {}): ColumnTable {
  return figureBuilder(id).numbers(table, options);
}

/**
 * The report's figures as the codebook defines them: id, number, caption, base, stated N.
 * @example figureCatalogue("en").numRows() // => 13
 */
export function figureCatalogue(lang: Lang = "de", cb: Codebook = loadCodebook()): ColumnTable {
  return aq.from(
    cb.figures.map((f) => ({
      id: f.id,
      number: f.number[lang],
      caption: f.caption[lang],
      base: Object.keys(f.base).length
        ? Object.entries(f.base)
            .map(([k, codes]) => baseWords(cb, k, codes, lang))
            .join(", ")
        : cb.ui.all![lang],
      groupBy: f.groupBy ? (cb.groupings[f.groupBy]?.label[lang] ?? f.groupBy) : "",
      statedN: f.statedN,
    })),
  );
}

/**
 * A figure's base in words: the variable's short name and its answers' labels.
 * @example baseWords(cb, "funded", [1], "de") // => "InterSpiN-Förderung: Ja"
 */
function baseWords(cb: Codebook, name: string, codes: readonly number[], lang: Lang): string {
  const v = cb.variables.find((x) => x.name === name);
  const values = v?.scale ? cb.scales[v.scale]?.values : undefined;
  const label = (code: number) => values?.find((x) => x.code === code)?.label[lang] ?? String(code);
  return `${v?.short?.[lang] ?? name}: ${codes.map(label).join(" / ")}`;
}

/**
 * A figure's id as readers know it: "Abbildung 3", "Anhang 2", the sample as "Stichprobe".
 * @example figureName("abb-03", "de") // => "Abbildung 3"
 */
function figureName(id: string, lang: Lang, cb: Codebook = loadCodebook()): string {
  if (id === "sample") return cb.ui.sampleNumber?.[lang] ?? id;
  return cb.figures.find((f) => f.id === id)?.number[lang] ?? id;
}

/**
 * The report's quoted numbers recomputed, one row per published percentage, count or N, with
 * its figure, the printed and recomputed values, k/n and status (the chapter 5 table).
 * @example keyFindings(survey()).numRows() // => 44
 */
export function keyFindings(table: ColumnTable, lang: Lang = "de"): ColumnTable {
  const rows = verifyPublished(table).filter((v) => v.kind !== "order" && v.status !== "design fact");
  return aq.from(
    rows.map((v) => ({
      figure: figureName(v.figure, lang),
      quote: v.quote,
      printed: v.printed,
      recomputed: v.recomputed === null ? null : Math.round(v.recomputed * 10) / 10,
      k: v.k,
      n: v.n,
      status: statusLabel(v.status, lang),
    })),
  );
}

/**
 * The numbers behind a figure for reading: labels, count, base, percent and interval rounded
 * to one decimal as the report prints them, and the small-base flag (base under the threshold).
 * @example figureTable("abb-01", survey()).columnNames() // => ["groupLabel", "itemLabel", "category", "count", "base", "percent", "ciLow", "ciHigh", "smallBase"]
 */
export function figureTable(id: string, table: ColumnTable, options: Partial<FigureOptions> = {}): ColumnTable {
  return figureNumbers(id, table, options)
    .select("groupLabel", "itemLabel", "category", "count", "base", "percent", "ciLow", "ciHigh", "smallBase")
    .derive({
      percent: "d => op.round(d.percent * 10) / 10",
      ciLow: "d => op.round(d.ciLow * 10) / 10",
      ciHigh: "d => op.round(d.ciHigh * 10) / 10",
    });
}

/**
 * Shows a figure in the notebook (one display with Plotly JSON, offline HTML and text); returns
 * nothing so that the kernel does not echo the figure's JSON.
 */
export function showFigure(id: string, table: ColumnTable, options: Partial<FigureOptions> = {}): void {
  show(figure(id, table, options));
}

/** Shows the numbers behind a figure as a table in the notebook (see `figureTable`). */
export function showNumbers(id: string, table: ColumnTable, options: Partial<FigureOptions> = {}): void {
  const lang = options.lang ?? "de";
  showTable(localizeColumns(localizeValues(figureTable(id, table, options), lang), lang));
}

/**
 * Shows a figure or a table in the notebook and returns nothing, so the kernel does not echo
 * the object after the display.
 * @example display(sampleDescription(survey())) // => undefined
 */
export function display(item: PlotlyFigure | ColumnTable, lang: Lang = "de"): void {
  if ("layout" in item && "data" in item) show(item as PlotlyFigure);
  else showTable(localizeColumns(localizeValues(roundFloats(item as ColumnTable), lang), lang));
}

/**
 * Renames a table's columns to their headers in `lang` (codebook `ui.col_<name>`); columns
 * without a header keep their names.
 * @example localizeColumns(aq.table({ count: [1] }), "de").columnNames() // => ["Anzahl"]
 */
export function localizeColumns(t: ColumnTable, lang: Lang, cb: Codebook = loadCodebook()): ColumnTable {
  const names = Object.fromEntries(t.columnNames().map((c) => [c, cb.ui[`col_${c}`]?.[lang] ?? c]));
  return t.rename(names);
}

/**
 * Writes a table's values as a reader of `lang` reads them: numbers with the decimal comma in
 * German (7.1e-8 as 7,1e-8), yes/no for booleans (codebook `ui.yes`, `ui.no`), "—" for NaN.
 * @example localizeValues(aq.table({ p: [10.3], small: [true] }), "de").objects() // => [{ p: "10,3", small: "ja" }]
 */
export function localizeValues(t: ColumnTable, lang: Lang, cb: Codebook = loadCodebook()): ColumnTable {
  const columns = t
    .columnNames()
    .filter((c) =>
      (t.array(c) as unknown[]).some((v) => typeof v === "boolean" || (typeof v === "number" && lang === "de")),
    );
  if (!columns.length) return t;
  const word = (v: unknown): unknown =>
    typeof v === "boolean"
      ? cb.ui[v ? "yes" : "no"]![lang]
      : typeof v === "number"
        ? Number.isNaN(v)
          ? "—"
          : localNumber(v, lang)
        : v;
  return t.assign(aq.table(Object.fromEntries(columns.map((c) => [c, (t.array(c) as unknown[]).map(word)]))));
}

/** Rounds every column holding fractional numbers to one decimal, for reading. */
function roundFloats(t: ColumnTable): ColumnTable {
  const fractional = t
    .columnNames()
    .filter((c) =>
      (t.array(c) as unknown[]).some((v) => typeof v === "number" && !Number.isInteger(v) && Number.isFinite(v)),
    );
  if (!fractional.length) return t;
  return t.derive(Object.fromEntries(fractional.map((c) => [c, `d => op.round(d[${JSON.stringify(c)}] * 10) / 10`])));
}

/**
 * The claims the report's text makes (the "claims and their evidence" table of chapter 5): first
 * each claim over every dataset consistent with the report (p range, difference range, robust
 * verdict), then the test, p-value, effect size and verdict on these data.
 * @example claimsTable(survey(), "en").numRows() // => 33
 */
export function claimsTable(table: ColumnTable, lang: Lang = "de", cb: Codebook = loadCodebook()): ColumnTable {
  const rows = claimsEvidence(table, { codebook: cb }).objects() as unknown as ClaimEvidence[];
  // p as text with three significant digits, so that reading tables never round it to 0
  const sig = (x: number): string => {
    const s = !Number.isFinite(x) ? "–" : x < 0.001 ? x.toExponential(2) : x.toPrecision(3);
    return lang === "de" ? s.replace(".", ",") : s;
  };
  return aq.from(
    rows.map((r) => {
      const id = identifiedCells(r.identified, lang, cb);
      return {
        figure: figureName(r.figure, lang, cb),
        claim: lang === "de" ? r.claimDe : r.claimEn,
        pRange: id.p,
        effectRange: id.effect,
        robust: id.verdict,
        holds: id.holds,
        assumptions: id.assumptions,
        readings: id.readings,
        test: cb.ui[`test_${r.test}`]?.[lang] ?? r.test,
        n: r.n,
        pHere: sig(r.p),
        effectHere: `${cb.ui[`effect_${r.effectName}`]?.[lang] ?? r.effectName} ${r.effect !== null && Number.isFinite(r.effect) ? decimal(r.effect, 2, lang) : "–"}`,
        verdictHere: cb.ui[`verdict_${r.verdict}`]?.[lang] ?? r.verdict,
      };
    }),
  );
}
