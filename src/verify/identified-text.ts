/**
 * The identified set in words and numbers for tables: a claim's p range and share-difference
 * range over every dataset consistent with the report, its robust verdict, and the one-line
 * caveat every output carries when it is computed on the shipped reconstruction.
 */
import { loadCodebook, type Codebook, type Lang } from "../data/codebook.js";
import { fill } from "../figures/common/layout.js";
import type { IdentifiedRange, RobustVerdict } from "../stats/identified/claim-ranges.js";
import type { FollowUpRange, Statement } from "../stats/identified/identified-range.js";
import type { OrderVerdict } from "../stats/identified/order-verdicts.js";

const dec = (s: string, lang: Lang) => (lang === "de" ? s.replace(".", ",") : s);

/**
 * A p-value for a range: two significant digits, scientific below 0.0001, "< 1e-300" for an underflow.
 * @example pText(0.000397, "en") // => "0.00040"
 */
export function pText(p: number, lang: Lang): string {
  if (!Number.isFinite(p)) return "–";
  if (p === 0) return "< 1e-300";
  return dec(p < 1e-4 ? p.toExponential(1) : p.toPrecision(2), lang);
}

/** A signed difference in percentage points with one decimal. */
export function ppText(x: number, lang: Lang): string {
  return dec(`${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x).toFixed(1)}`, lang);
}

/** The robust verdict in the reader's language (codebook `ui.robust_<verdict>`). */
export function robustLabel(v: RobustVerdict, lang: Lang, cb: Codebook = loadCodebook()): string {
  return cb.ui[`robust_${v}`]?.[lang] ?? v;
}

/**
 * The cells of a claim's identified range: p from–to, difference from–to (pp), verdict, what
 * holds in every consistent dataset (for a sentence of several statements) and each pairwise
 * comparison it makes.
 * An end that consistent datasets attain but that is not proven to be the end of the range is
 * written "≤ x" (a lowest value) or "≥ x" (a highest value), with a note; "–" where there is none.
 * @example identifiedCells(r, "en").p // => "0.00040 – 0.12"
 */
export function identifiedCells(
  r: IdentifiedRange | null,
  lang: Lang,
  cb: Codebook = loadCodebook(),
): {
  p: string;
  effect: string;
  verdict: string;
  holds: string;
  followUps: string[];
  assumptions: string;
  readings: string;
} {
  if (!r) return { p: "–", effect: "–", verdict: "–", holds: "", followUps: [], assumptions: "", readings: "" };
  const attained: readonly string[] = r.attained ?? (r.exact ? [] : ["pMin", "pMax", "effectMin", "effectMax"]);
  const low = (k: string) => (attained.includes(k) ? "≤ " : "");
  const high = (k: string) => (attained.includes(k) ? "≥ " : "");
  const mark = attained.length ? ` (${cb.ui.attainedRange![lang]})` : "";
  const pMark = attained.some((k) => k.startsWith("p")) ? mark : "";
  return {
    p: `${low("pMin")}${pText(r.pMin, lang)} – ${high("pMax")}${pText(r.pMax, lang)}${pMark}`,
    effect: `${low("effectMin")}${ppText(r.effectMin, lang)} – ${high("effectMax")}${ppText(r.effectMax, lang)}${pMark ? "" : mark}`,
    verdict:
      robustLabel(r.verdict, lang, cb) + (r.readings.length ? ` (${modelReadingsText(r.readings, lang, cb)})` : ""),
    holds: holdsText(r, lang, cb),
    followUps: (r.followUps ?? []).map((f) => followUpText(f, lang, r.statements?.find((s) => s.groupBy)?.groupBy, cb)),
    assumptions: assumptionsText(r, lang, cb),
    readings: readingsText(r, lang, cb),
  };
}

/**
 * The readings a verdict was computed over, in words (codebook `ui.modelReading_<id>`; the id where it has none).
 * @example modelReadingsText(["kmu-eu"], "en") // => "over the readings: SMEs by the EU definition (micro + small + medium firms)"
 */
export function modelReadingsText(ids: readonly string[], lang: Lang, cb: Codebook = loadCodebook()): string {
  const names = ids.map((id) => cb.ui[`modelReading_${id}`]?.[lang] ?? id);
  return fill(cb.ui.verdictOverReadings![lang], { readings: names.join("; ") });
}

/** A group key of a grouping in `lang` ("medium+large" → "Mittlere Unternehmen + Großunternehmen"). */
function groupText(groupBy: string | undefined, key: string, lang: Lang, cb: Codebook): string {
  const groups = (groupBy ? cb.groupings[groupBy]?.groups : undefined) ?? [];
  return key
    .split("+")
    .map((k) => groups.find((g) => g.key === k)?.label[lang] ?? k)
    .join(" + ");
}

/**
 * One statement in words: the claim as tested, the groups differing, or one pair ordered.
 * @example statementText({ id: "pair:large-medium", kind: "pair", target: "large", other: "medium", direction: "lower", verdict: "robust" }, "en", "size3") // => "Large enterprises lower than Medium-sized enterprises"
 */
export function statementText(s: Statement, lang: Lang, groupBy?: string, cb: Codebook = loadCodebook()): string {
  if (s.kind === "claim") return cb.ui.stmt_claim![lang];
  const by = s.groupBy ?? groupBy;
  if (s.kind === "differ")
    return fill(cb.ui.stmt_differ![lang], { grouping: (by && cb.groupings[by]?.label[lang]) ?? by ?? "" });
  return fill(cb.ui[s.direction === "lower" ? "stmt_lower" : "stmt_higher"]![lang], {
    a: groupText(by, s.target ?? "", lang, cb),
    b: groupText(by, s.other ?? "", lang, cb),
  });
}

/**
 * What holds in every consistent dataset and what does not, for a claim whose sentence makes
 * several statements (an omnibus test with its pairs): the statements grouped by verdict, each
 * group led by the verdict's words ("" for a claim that is one statement).
 * @example holdsText(anh2, "en") // => "established: a difference between the groups (Firm size); Large enterprises lower than Medium-sized enterprises. assumption-dependent: …"
 */
export function holdsText(r: IdentifiedRange | null, lang: Lang, cb: Codebook = loadCodebook()): string {
  if (!r?.statements || r.statements.length < 2) return "";
  const groupBy = r.statements.find((s) => s.groupBy)?.groupBy;
  return (["robust", "depends", "fails"] as const)
    .map((v) => {
      const list = r.statements.filter((s) => s.verdict === v).map((s) => statementText(s, lang, groupBy, cb));
      return list.length ? `${robustLabel(v, lang, cb)}: ${list.join("; ")}.` : "";
    })
    .filter(Boolean)
    .join(" ");
}

/**
 * One pairwise comparison with its ranges: the statement, p over every consistent dataset,
 * p after Holm's correction, and the verdict.
 * @example followUpText(f, "en", "size3") // => "Large enterprises lower than Medium-sized enterprises: p 0.00067 – 0.016, after Holm 0.00067 – 0.017; established"
 */
export function followUpText(f: FollowUpRange, lang: Lang, groupBy?: string, cb: Codebook = loadCodebook()): string {
  const low = f.attained.includes("pMin") ? "≤ " : "";
  const high = f.attained.includes("pMax") ? "≥ " : "";
  const statement = statementText({ id: "", kind: "pair", ...f }, lang, groupBy, cb);
  return `${statement}: p ${low}${pText(f.pMin, lang)} – ${high}${pText(f.pMax, lang)}, ${cb.ui.pHolm![lang]} ${low}${pText(f.pAdjustedMin, lang)} – ${high}${pText(f.pAdjustedMax, lang)}; ${robustLabel(f.verdict, lang, cb)}`;
}

/**
 * For each statement that holds in every consistent dataset, the assumptions it rests on and
 * its verdict without each: "also without X / only with Y (without it p up to z)"; "" when no
 * statement is robust or none of the assumptions applies.
 * @example assumptionsText(anh2, "en") // => "a difference between the groups (Firm size): also without …; only with … (without it p up to ≥ 0.65)"
 */
export function assumptionsText(r: IdentifiedRange | null, lang: Lang, cb: Codebook = loadCodebook()): string {
  const checks = (r?.assumptions ?? []).filter((a) => a.applies);
  if (!r?.assumptions?.length) return "";
  const name = (id: string) => cb.ui[`assumption_${id}`]?.[lang] ?? id;
  if (!checks.length)
    return `${robustLabel("robust", lang, cb)} — ${fill(cb.ui.restsOnNone![lang], { list: r.assumptions.map((a) => name(a.id)).join("; ") })}`;
  const groupBy = r.statements.find((s) => s.groupBy)?.groupBy;
  const single = r.statements.length === 1;
  return r.statements
    .filter((s) => s.verdict === "robust")
    .map((s) => {
      const also = checks.filter((a) => a.without[s.id] === "robust");
      const only = checks.filter((a) => a.without[s.id] !== undefined && a.without[s.id] !== "robust");
      const unsure = (a: (typeof checks)[number]) => (a.certain ? "" : `, ${cb.ui.notProven![lang]}`);
      const pOf = (a: (typeof checks)[number]) =>
        a.pMax === null
          ? ""
          : ` (${cb.ui.withoutP![lang]} ${a.pMaxAttained ? "≥ " : ""}${pText(a.pMax, lang)}${unsure(a)})`;
      const parts = [
        also.length ? `${cb.ui.alsoWithout![lang]} ${also.map((a) => name(a.id) + unsure(a)).join("; ")}` : "",
        only.length ? `${cb.ui.onlyWith![lang]} ${only.map((a) => name(a.id) + pOf(a)).join("; ")}` : "",
      ].filter(Boolean);
      const head = single ? robustLabel("robust", lang, cb) : statementText(s, lang, groupBy, cb);
      return parts.length ? `${head} — ${parts.join(" / ")}` : "";
    })
    .filter(Boolean)
    .join(". ");
}

/**
 * The readings of the text a verdict depends on: for each optional reading under which a
 * statement's verdict differs from its verdict over the union of the readings, "fails if …".
 * @example readingsText(abb4, "en") // => "cannot be established if “70 % …” is read literally (…)"
 */
export function readingsText(r: IdentifiedRange | null, lang: Lang, cb: Codebook = loadCodebook()): string {
  if (!r?.textReadings?.length) return "";
  const groupBy = r.statements.find((s) => s.groupBy)?.groupBy;
  const single = r.statements.length === 1;
  const out: string[] = [];
  for (const t of r.textReadings) {
    const reading = cb.ui[`reading_${t.reading}`]?.[lang] ?? t.reading;
    for (const s of r.statements) {
      const under = t.statements.find((x) => x.id === s.id)?.verdict ?? t.verdict;
      if (under === s.verdict) continue;
      const text = fill(cb.ui.ifReading![lang], { verdict: robustLabel(under, lang, cb), reading });
      out.push(single ? text : `${statementText(s, lang, groupBy, cb)}: ${text}`);
    }
  }
  return out.join(". ");
}

/**
 * An order's verdict on the printed numbers alone, with the smallest margin where known; a negative
 * one is said as what it is: the order reversed in some consistent datasets, by up to that much.
 * @example orderText({ verdict: "depends", marginMin: -57.554, method: "integer model" }, "en")
 * // => "… (reversed in some consistent datasets, by up to 57.6 pp)"
 */
export function orderText(v: OrderVerdict | undefined, lang: Lang, cb: Codebook = loadCodebook()): string {
  if (!v) return "";
  const label = cb.ui[`order_${v.verdict}`]?.[lang] ?? v.verdict;
  if (v.marginMin === null) return label;
  if (v.marginMin < 0)
    return `${label} (${fill(cb.ui.marginReversed![lang], { pp: ppText(-v.marginMin, lang).replace("+", "") })})`;
  return `${label} (${cb.ui.marginMin![lang]} ${ppText(v.marginMin, lang)} ${lang === "de" ? "Pp." : "pp"})`;
}

/**
 * The caveat line for outputs computed on the shipped reconstruction (empty for other data).
 * @example caveat(true, "en").startsWith("The shipped data are a reconstruction") // => true
 */
export function caveat(reconstruction: boolean, lang: Lang, cb: Codebook = loadCodebook()): string {
  return reconstruction ? cb.ui.reconstructionCaveat![lang] : "";
}
