/**
 * The reviewers' verification report in three forms: JSON (for tools), Markdown (for review
 * in a pull request) and HTML (for reading), from the rows of `verifyPublished`.
 */
import { statusLabel, type Verification } from "./verify.js";
import { loadCodebook, type Lang } from "../data/codebook.js";
import type { ClaimEvidence } from "./claims.js";
import { claimsEvidenceMarkdown } from "./claims-markdown.js";
import { escapeHtml } from "../util/html.js";
import { stableJson } from "../util/stable-json.js";
import { caveat, identifiedCells, orderText } from "./identified-text.js";

/** Options of the verification report: language and whether the data are the shipped reconstruction. */
export interface VerificationReportOptions { lang?: Lang; reconstruction?: boolean }

const fmt = (x: number | null, d = 1): string => (x === null || !Number.isFinite(x) ? "" : (Math.round(x * 10 ** d) / 10 ** d).toFixed(d));
const kn = (v: Verification): string => (v.k !== null && v.n !== null ? `${v.k}/${v.n}` : v.n !== null ? `n=${v.n}` : "");
const ci = (v: Verification): string => (v.ciLow !== null && Number.isFinite(v.ciLow) ? `${fmt(v.ciLow)}–${fmt(v.ciHigh)}` : "");

/** Counts of rows per status. */
export function statusCounts(rows: Verification[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The report as JSON: the caveat (on the reconstruction), a summary, every row, and the claims
 * with their evidence; each claim carries `identified` (its range over every consistent dataset).
 */
export function verificationJson(rows: Verification[], claims: readonly ClaimEvidence[] = [], options: VerificationReportOptions = {}): string {
  const reconstruction = options.reconstruction ?? true;
  return stableJson({ caveat: caveat(reconstruction, "en"), reconstruction, summary: statusCounts(rows), entries: rows, claims });
}

/**
 * The claims table as an HTML fragment (escaped): over every consistent dataset first (p range,
 * difference range, verdict), then on these data (test, p, effect, verdict, n).
 */
export function claimsTableHtml(claims: readonly ClaimEvidence[], lang: Lang): string {
  const ui = loadCodebook().ui;
  const h = (k: string): string => ui[`col_${k}`]?.[lang] ?? k;
  const here = ` (${h("onData")})`;
  const head = [h("figure"), h("claim"), h("pRange"), h("effectRange"), h("robust"), h("test") + here, h("p") + here, h("effect") + here, h("verdict") + here, "n"].map((k) => `<th>${escapeHtml(k)}</th>`).join("");
  const body = claims.map((c) => {
    const id = identifiedCells(c.identified, lang);
    const cells = [c.figure, lang === "de" ? c.claimDe : c.claimEn, id.p, id.effect, id.verdict, c.test, Number.isFinite(c.p) ? c.p.toPrecision(3) : "–",
      `${c.effectName} ${c.effect !== null && Number.isFinite(c.effect) ? c.effect.toFixed(2) : "–"}`, ui[`verdict_${c.verdict}`]?.[lang] ?? c.verdict, String(c.n)];
    return `<tr class="robust-${escapeHtml(c.identified?.verdict ?? "none")}">${cells.map((x) => `<td>${escapeHtml(x)}</td>`).join("")}</tr>`;
  }).join("\n");
  return `<h2>${escapeHtml(ui.claimsTitle![lang])}</h2>\n<table class="claims">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** Column headers in `lang` (codebook `ui.col_*`). */
function columns(lang: Lang): string[] {
  const ui = loadCodebook().ui;
  const h = (k: string): string => ui[`col_${k}`]?.[lang] ?? k;
  return [h("id"), h("figure"), h("printed"), h("recomputed"), "k/n", lang === "de" ? "95%-KI" : "95% CI", h("status"), h("identified"), lang === "de" ? "Anmerkung" : "Note"];
}
const cells = (v: Verification, lang: Lang): string[] => [v.id, v.figure, v.printed === null ? "" : String(v.printed), fmt(v.recomputed, 2), kn(v), ci(v), statusLabel(v.status, lang), orderText(v.identified, lang), v.note];

/** The report as Markdown: the caveat, the claims over every consistent dataset, one table row per published entry. */
export function verificationMarkdown(rows: Verification[], lang: Lang = "en", claims: readonly ClaimEvidence[] = [], options: VerificationReportOptions = {}): string {
  const esc = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const ui = loadCodebook().ui;
  const cols = columns(lang);
  const note = caveat(options.reconstruction ?? true, lang);
  const lines = [
    `# ${ui.verificationTitle![lang]}`,
    "",
    ...(note ? [`**${note}**`, ""] : []),
    ui.verificationIntro![lang],
    "",
    ...(claims.length ? [`## ${ui.claimsTitle![lang]}`, "", claimsEvidenceMarkdown(claims, lang).trimEnd(), "", `## ${ui.numbersTitle![lang]}`, ""] : []),
    ...Object.entries(statusCounts(rows)).map(([s, n]) => `- ${statusLabel(s as Verification["status"], lang)}: ${n}`),
    "",
    `| ${cols.join(" | ")} |`,
    `|${cols.map(() => "---").join("|")}|`,
    ...rows.map((v) => `| ${cells(v, lang).map(esc).join(" | ")} |`),
  ];
  return lines.join("\n") + "\n";
}

/** The caveat as an HTML paragraph (empty for data other than the reconstruction). */
export function caveatHtml(reconstruction: boolean, lang: Lang): string {
  const note = caveat(reconstruction, lang);
  return note ? `<p class="caveat"><strong>${escapeHtml(note)}</strong></p>` : "";
}

/** The table of the report as an HTML fragment (every value escaped), for the page and the book. */
export function verificationTableHtml(rows: Verification[], lang: Lang = "en"): string {
  const quote = loadCodebook().ui.col_quote![lang];
  const head = `<tr>${columns(lang).map((c) => `<th>${escapeHtml(c)}</th>`).join("")}<th>${escapeHtml(quote)}</th></tr>`;
  const body = rows.map((v) => `<tr id="v-${escapeHtml(v.id)}" class="status-${escapeHtml(v.status.replace(/ /g, "-"))}">${cells(v, lang).map((c) => `<td>${escapeHtml(c)}</td>`).join("")}<td lang="de">${escapeHtml(v.quote)}</td></tr>`).join("\n");
  const summary = Object.entries(statusCounts(rows)).map(([s, n]) => `<li>${escapeHtml(statusLabel(s as Verification["status"], lang))}: ${n}</li>`).join("");
  return `<ul class="summary">${summary}</ul>\n<table class="verification">\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** Styles shared by the report page and the book. */
export const reportCss = `body{font-family:Arial,Helvetica,sans-serif;margin:24px;max-width:1200px;color:#222}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top;text-align:left}
.status-reproduced td:nth-child(7),.status-claim-holds td:nth-child(7){color:#1a7f37}
.status-mismatch td:nth-child(7),.status-claim-fails td:nth-child(7),.status-impossible-under-every-reading td:nth-child(7){color:#b2182b;font-weight:bold}
.status-attainable-only-under-an-assumption td:nth-child(7),.status-reproduced-on-a-reinterpreted-base td:nth-child(7){color:#b35806}
.robust-robust td:nth-child(5){color:#1a7f37}.robust-fails td:nth-child(5){color:#b2182b}.robust-depends td:nth-child(5){color:#b35806}
.caveat{background:#fff8e1;border-left:4px solid #b35806;padding:6px 10px}
pre{background:#f6f8fa;padding:8px;overflow:auto;font-size:12px}nav a{margin-right:12px}`;

/** The report as a standalone HTML page: caveat, claims over every consistent dataset, every entry. */
export function verificationHtml(rows: Verification[], lang: Lang = "en", claims: readonly ClaimEvidence[] = [], options: VerificationReportOptions = {}): string {
  const ui = loadCodebook().ui;
  return `<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${escapeHtml(ui.verificationTitle![lang])}</title><style>${reportCss}</style></head>
<body>
<h1>${escapeHtml(ui.verificationTitle![lang])}</h1>
${caveatHtml(options.reconstruction ?? true, lang)}
<p>${escapeHtml(ui.verificationIntro![lang])}</p>
${claims.length ? claimsTableHtml(claims, lang) : ""}
${verificationTableHtml(rows, lang)}
</body>
</html>
`;
}
