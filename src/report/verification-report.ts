/**
 * The reviewers' verification report in three forms: JSON (for tools), Markdown (for review
 * in a pull request) and HTML (for reading), from the rows of `verifyPublished`.
 */
import { statusLabel, type Verification } from "./verify.js";
import { loadCodebook, type Lang } from "../data/codebook.js";
import { claimsEvidenceMarkdown, type ClaimEvidence } from "./claims.js";
import { escapeHtml } from "../util/html.js";
import { stableJson } from "../util/stable-json.js";

const fmt = (x: number | null, d = 1): string => (x === null || !Number.isFinite(x) ? "" : (Math.round(x * 10 ** d) / 10 ** d).toFixed(d));
const kn = (v: Verification): string => (v.k !== null && v.n !== null ? `${v.k}/${v.n}` : v.n !== null ? `n=${v.n}` : "");
const ci = (v: Verification): string => (v.ciLow !== null && Number.isFinite(v.ciLow) ? `${fmt(v.ciLow)}–${fmt(v.ciHigh)}` : "");

/** Counts of rows per status. */
export function statusCounts(rows: Verification[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** The report as JSON: a summary, every row, and the claims with their evidence. */
export function verificationJson(rows: Verification[], claims: readonly ClaimEvidence[] = []): string {
  return stableJson({ summary: statusCounts(rows), entries: rows, claims });
}

/** The claims table as an HTML fragment (escaped). */
export function claimsTableHtml(claims: readonly ClaimEvidence[], lang: Lang): string {
  const ui = loadCodebook().ui;
  const h = (k: string): string => ui[`col_${k}`]?.[lang] ?? k;
  const head = ["figure", "claim", "test", "p", "effect", "verdict"].map((k) => `<th>${escapeHtml(h(k))}</th>`).join("") + "<th>n</th>";
  const body = claims.map((c) => `<tr><td>${escapeHtml(c.figure)}</td><td>${escapeHtml(lang === "de" ? c.claimDe : c.claimEn)}</td><td>${escapeHtml(c.test)}</td><td>${escapeHtml(Number.isFinite(c.p) ? c.p.toPrecision(3) : "–")}</td><td>${escapeHtml(`${c.effectName} ${c.effect !== null && Number.isFinite(c.effect) ? c.effect.toFixed(2) : "–"}`)}</td><td>${escapeHtml(ui[`verdict_${c.verdict}`]?.[lang] ?? c.verdict)}</td><td>${c.n}</td></tr>`).join("\n");
  return `<h2>${escapeHtml(ui.claimsTitle![lang])}</h2>\n<table class="claims">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** Column headers in `lang` (codebook `ui.col_*`). */
function columns(lang: Lang): string[] {
  const ui = loadCodebook().ui;
  const h = (k: string): string => ui[`col_${k}`]?.[lang] ?? k;
  return [h("id"), h("figure"), h("printed"), h("recomputed"), "k/n", lang === "de" ? "95%-KI" : "95% CI", h("status"), lang === "de" ? "Anmerkung" : "Note"];
}
const cells = (v: Verification, lang: Lang): string[] => [v.id, v.figure, v.printed === null ? "" : String(v.printed), fmt(v.recomputed, 2), kn(v), ci(v), statusLabel(v.status, lang), v.note];

/** The report as Markdown, one table row per published entry. */
export function verificationMarkdown(rows: Verification[], lang: Lang = "en", claims: readonly ClaimEvidence[] = []): string {
  const esc = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const ui = loadCodebook().ui;
  const cols = columns(lang);
  const lines = [
    `# ${ui.verificationTitle![lang]}`,
    "",
    ui.verificationIntro![lang],
    "",
    ...Object.entries(statusCounts(rows)).map(([s, n]) => `- ${statusLabel(s as Verification["status"], lang)}: ${n}`),
    "",
    `| ${cols.join(" | ")} |`,
    `|${cols.map(() => "---").join("|")}|`,
    ...rows.map((v) => `| ${cells(v, lang).map(esc).join(" | ")} |`),
  ];
  if (claims.length) lines.push("", `## ${ui.claimsTitle![lang]}`, "", claimsEvidenceMarkdown(claims, lang).trimEnd());
  return lines.join("\n") + "\n";
}

/** The table of the report as an HTML fragment (every value escaped), for the page and the book. */
export function verificationTableHtml(rows: Verification[], lang: Lang = "en"): string {
  const quote = loadCodebook().ui.col_quote![lang];
  const head = `<tr>${columns(lang).map((c) => `<th>${escapeHtml(c)}</th>`).join("")}<th>${escapeHtml(quote)}</th></tr>`;
  const body = rows.map((v) => `<tr class="status-${escapeHtml(v.status.replace(/ /g, "-"))}">${cells(v, lang).map((c) => `<td>${escapeHtml(c)}</td>`).join("")}<td lang="de">${escapeHtml(v.quote)}</td></tr>`).join("\n");
  const summary = Object.entries(statusCounts(rows)).map(([s, n]) => `<li>${escapeHtml(statusLabel(s as Verification["status"], lang))}: ${n}</li>`).join("");
  return `<ul class="summary">${summary}</ul>\n<table class="verification">\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** Styles shared by the report page and the book. */
export const reportCss = `body{font-family:Arial,Helvetica,sans-serif;margin:24px;max-width:1200px;color:#222}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top;text-align:left}
.status-reproduced td:nth-child(7),.status-claim-holds td:nth-child(7){color:#1a7f37}
.status-mismatch td:nth-child(7),.status-claim-fails td:nth-child(7){color:#b2182b;font-weight:bold}
.status-impossible-as-printed td:nth-child(7){color:#b35806}
pre{background:#f6f8fa;padding:8px;overflow:auto;font-size:12px}nav a{margin-right:12px}`;

/** The report as a standalone HTML page. */
export function verificationHtml(rows: Verification[], lang: Lang = "en", claims: readonly ClaimEvidence[] = []): string {
  const ui = loadCodebook().ui;
  return `<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${escapeHtml(ui.verificationTitle![lang])}</title><style>${reportCss}</style></head>
<body>
<h1>${escapeHtml(ui.verificationTitle![lang])}</h1>
<p>${escapeHtml(ui.verificationIntro![lang])}</p>
${verificationTableHtml(rows, lang)}
${claims.length ? claimsTableHtml(claims, lang) : ""}
</body>
</html>
`;
}
