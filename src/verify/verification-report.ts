/**
 * The reviewers' verification report in three forms: JSON (for tools), Markdown (for review
 * in a pull request) and HTML (for reading), from the rows of `verifyPublished`.
 */
import { statusLabel, type Verification, type VerificationStatus } from "./verify.js";
import { loadCodebook, type Codebook, type Lang } from "../data/codebook.js";
import type { ClaimEvidence } from "./claim-evidence.js";
import { claimCells, claimsEvidenceMarkdown } from "./claims-markdown.js";
import { html, joinHtml, raw, type Html } from "../util/html.js";
import { stableJson } from "../util/stable-json.js";
import { fill } from "../figures/common/layout.js";
import { caveat, identifiedCells, orderText } from "./identified-text.js";
import { noteText } from "./note-text.js";
import { headingId, type Heading } from "../util/markdown.js";
import { chapterHeading, groupVerification, type FigureGroup } from "./verification-groups.js";
import { verificationFilterScript } from "./verification-filter.js";
import { reportCss } from "./verification-css.js";

export { reportCss } from "./verification-css.js";

/** Options of the verification report: language, whether the data are the shipped reconstruction, chapter titles by notebook name. */
export interface VerificationReportOptions {
  lang?: Lang;
  reconstruction?: boolean;
  chapterTitles?: Readonly<Record<string, string>>;
}

const fmt = (x: number | null, d = 1): string =>
  x === null || !Number.isFinite(x) ? "" : (Math.round(x * 10 ** d) / 10 ** d).toFixed(d);
const kn = (v: Verification): string =>
  v.k !== null && v.n !== null ? `${v.k}/${v.n}` : v.n !== null ? `n=${v.n}` : "";
const ci = (v: Verification): string =>
  v.ciLow !== null && Number.isFinite(v.ciLow) ? `${fmt(v.ciLow)}–${fmt(v.ciHigh)}` : "";

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
export function verificationJson(
  rows: Verification[],
  claims: readonly ClaimEvidence[] = [],
  options: VerificationReportOptions = {},
): string {
  const reconstruction = options.reconstruction ?? true;
  const entries = rows.map(({ noteParts: _, ...v }) => v);
  return stableJson({
    caveat: caveat(reconstruction, "en"),
    reconstruction,
    summary: statusCounts(rows),
    entries,
    claims,
  });
}

/** Column headers in `lang` (codebook `ui.col_*`). */
function columns(lang: Lang): string[] {
  const ui = loadCodebook().ui;
  const h = (k: string): string => ui[`col_${k}`]?.[lang] ?? k;
  return [h("id"), h("figure"), h("printed"), h("recomputed"), "k/n", h("ci"), h("status"), h("identified"), h("note")];
}
/** A row's note in `lang`: from its parts, else its text as given. */
const noteOf = (v: Verification, lang: Lang, cb?: Codebook): string =>
  v.noteParts ? noteText(v.noteParts, lang, cb) : v.note;
const cells = (v: Verification, lang: Lang): string[] => [
  v.id,
  v.figure,
  v.printed === null ? "" : String(v.printed),
  fmt(v.recomputed, 2),
  kn(v),
  ci(v),
  statusLabel(v.status, lang),
  orderText(v.identified, lang),
  noteOf(v, lang),
];

/** The report as Markdown: the caveat, the claims over every consistent dataset, one table row per published entry. */
export function verificationMarkdown(
  rows: Verification[],
  lang: Lang = "en",
  claims: readonly ClaimEvidence[] = [],
  options: VerificationReportOptions = {},
): string {
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
    ...(claims.length
      ? [
          `## ${ui.claimsTitle![lang]}`,
          "",
          claimsEvidenceMarkdown(claims, lang).trimEnd(),
          "",
          `## ${ui.numbersTitle![lang]}`,
          "",
        ]
      : []),
    ...Object.entries(statusCounts(rows)).map(([s, n]) => `- ${statusLabel(s as Verification["status"], lang)}: ${n}`),
    "",
    `| ${cols.join(" | ")} |`,
    `|${cols.map(() => "---").join("|")}|`,
    ...rows.map((v) => `| ${cells(v, lang).map(esc).join(" | ")} |`),
  ];
  return `${lines.join("\n")}\n`;
}

/** The caveat as an HTML paragraph (empty for data other than the reconstruction). */
export function caveatHtml(reconstruction: boolean, lang: Lang): Html {
  const note = caveat(reconstruction, lang);
  return note ? html`<p class="caveat"><strong>${note}</strong></p>` : html``;
}

/** The report as a standalone HTML page: the body of {@link verificationPageHtml}. */
export function verificationHtml(
  rows: Verification[],
  lang: Lang = "en",
  claims: readonly ClaimEvidence[] = [],
  options: VerificationReportOptions = {},
): string {
  const ui = loadCodebook().ui;
  return html`<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${ui.verificationTitle![lang]}</title><style>${raw(reportCss)}</style></head>
<body>
${raw(verificationPageHtml(rows, claims, lang, options).html)}
</body>
</html>
`.text;
}

/** The statuses in the order the page lists them: verdicts on numbers from best to worst, then claims, facts, gaps. */
export const STATUS_ORDER: readonly VerificationStatus[] = [
  "reproduced",
  "reproduced on a reinterpreted base",
  "attainable only under an assumption",
  "impossible under every reading",
  "mismatch",
  "expected mismatch",
  "claim holds",
  "claim fails",
  "design fact",
  "not computable",
];

const slug = (s: string): string => s.replace(/ /g, "-");
const num = (x: number | null, d: number, lang: Lang): string =>
  lang === "de" ? fmt(x, d).replace(".", ",") : fmt(x, d);
const fact = (term: string, value: string): Html => (value ? html`<dt>${term}</dt><dd>${value}</dd>` : html``);

/** One published number as a card: status (and an order's verdict on the printed numbers), id, the report's sentence, printed against recomputed, counts, interval, note. */
function numberCard(v: Verification, lang: Lang, cb: Codebook): Html {
  const h = (k: string): string => cb.ui[`col_${k}`]?.[lang] ?? k;
  const pct = v.kind === "percentage" ? " %" : "";
  const d = v.kind === "percentage" ? 2 : 0;
  const printed =
    v.printed === null ? "" : `${lang === "de" ? String(v.printed).replace(".", ",") : String(v.printed)}${pct}`;
  const recomputed =
    v.recomputed === null || !Number.isFinite(v.recomputed) ? "" : `${num(v.recomputed, d, lang)}${pct}`;
  const interval =
    v.ciLow !== null && Number.isFinite(v.ciLow) ? `${num(v.ciLow, 1, lang)}–${num(v.ciHigh, 1, lang)} %` : "";
  const facts = joinHtml([
    fact(h("printed"), printed),
    fact(h("recomputed"), recomputed),
    fact("k/n", kn(v)),
    fact(h("ci"), interval),
  ]);
  const note = noteOf(v, lang, cb);
  const order =
    v.identified &&
    html`<span class="badge b-${v.identified.verdict}" title="${h("identified")}">${orderText(v.identified, lang, cb)}</span>`;
  return html`<li class="vcard" id="v-${v.id}" data-status="${slug(v.status)}">
<div class="vhead"><span class="badge b-${slug(v.status)}">${statusLabel(v.status, lang, cb)}</span>${order}<code class="vid">${v.id}</code></div>
<blockquote class="vquote${facts.text ? "" : " whole"}" lang="de">${v.quote}</blockquote>${facts.text && html`\n<dl class="vfacts">${facts}</dl>`}
${note && html`<p class="vnote"><span>${h("note")}:</span> ${note}</p>`}
</li>`;
}

/** One tested claim as a card: its verdict over every consistent dataset, its words, its ranges and its test on these data. */
function claimCard(c: ClaimEvidence, lang: Lang, cb: Codebook): Html {
  const h = (k: string): string => cb.ui[`col_${k}`]?.[lang] ?? k;
  const id = identifiedCells(c.identified, lang, cb);
  const here = claimCells(c, lang, cb);
  const badge = c.identified && html`<span class="badge b-${c.identified.verdict}">${id.verdict}</span>`;
  return html`<li class="vcard" id="v-claim-${c.id}" data-status="claims">
<div class="vhead"><span class="badge b-claims">${cb.ui.verifyClaimsHere![lang]}</span>${badge}<code class="vid">${c.id}</code></div>
<blockquote class="vquote" lang="${lang}">${lang === "de" ? c.claimDe : c.claimEn}</blockquote>
<dl class="vfacts stacked">${fact(h("pRange"), id.p)}${fact(h("effectRange"), id.effect)}${fact(h("comparison"), here.comparison)}${fact(h("test"), here.test)}${fact(h("pHere"), here.p)}${fact(h("effectHere"), here.effect)}${fact(h("verdictHere"), here.verdict)}${fact(cb.ui.n![lang], String(c.n))}</dl>
</li>`;
}

/** The summary as filter buttons: one badge per status with its count (inert until the script runs), claims, and "all". */
function filterBar(rows: readonly Verification[], claims: readonly ClaimEvidence[], lang: Lang, cb: Codebook): Html {
  const counts = statusCounts([...rows]);
  const statuses = [
    ...STATUS_ORDER.filter((s) => counts[s]),
    ...Object.keys(counts).filter((s) => !STATUS_ORDER.includes(s as VerificationStatus)),
  ];
  const button = (status: string, label: string, n: number, cls: string, hidden = false): Html =>
    html`<button type="button" class="badge ${cls}" data-status="${status}" aria-pressed="false"${raw(hidden ? " hidden" : " disabled")}>${label}<b>${n}</b></button>`;
  const total = rows.length + claims.length;
  const ui = cb.ui;
  return html`<div class="vfilter">
<p class="vchecked">${fill(ui.verifyChecked![lang], { n: total })}</p>
<div class="vbadges" role="group" aria-label="${ui.verifyFilter![lang]}">${[
    button("all", ui.verifyShowAll![lang], total, "b-all", true),
    ...statuses.map((s) => button(slug(s), statusLabel(s as VerificationStatus, lang, cb), counts[s]!, `b-${slug(s)}`)),
    ...(claims.length ? [button("claims", ui.verifyClaimsHere![lang], claims.length, "b-claims")] : []),
  ]}</div>
<p class="vshown" aria-live="polite" data-template="${ui.verifyShown![lang]}" hidden></p>
</div>`;
}

function figureSection(f: FigureGroup, id: string, lang: Lang, cb: Codebook): Html {
  const cards = [...f.rows.map((v) => numberCard(v, lang, cb)), ...f.claims.map((c) => claimCard(c, lang, cb))];
  const caption = f.caption && html`: <span class="vcaption">${f.caption}</span>`;
  return html`<section class="vfigure">\n<h3 id="${id}">${f.number}${caption}</h3>\n<ol class="vcards">\n${joinHtml(cards, "\n")}\n</ol>\n</section>`;
}

/**
 * The verification page's body: title, caveat, the counts per status as filter buttons (a
 * small inline script; without it everything is shown), then every published number and tested
 * claim as a card (anchored `v-<id>`, claims `v-claim-<id>`), under a heading per chapter (h2,
 * report order) and figure (h3). Every text is in `lang` and escaped; quotes keep the report's German.
 * @param options - `reconstruction` (default true) for the caveat, `chapterTitles` by notebook name
 * @returns the HTML and its h2/h3 headings for a page outline
 * @example verificationPageHtml(verifyPublished(survey()), [], "de").headings[0].text // => "Kapitel 2"
 */
export function verificationPageHtml(
  rows: readonly Verification[],
  claims: readonly ClaimEvidence[],
  lang: Lang,
  options: VerificationReportOptions = {},
): { html: string; headings: Heading[] } {
  const cb = loadCodebook();
  const headings: Heading[] = [];
  // Cards are anchored as v-<id> (figure pages link to them); no heading may take such an id.
  const seen = new Map<string, number>(
    [...rows.map((v) => `v-${v.id}`), ...claims.map((c) => `v-claim-${c.id}`)].map((id) => [id, 1]),
  );
  const heading = (level: number, text: string): string => {
    const base = `v-${headingId(text)}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    const id = n ? `${base}-${n}` : base;
    headings.push({ level, text, id });
    return id;
  };
  const sections = groupVerification(rows, claims, cb, lang).map((ch) => {
    const title = chapterHeading(ch.chapter, cb, lang, options.chapterTitles);
    const id = heading(2, title);
    const figures = ch.figures.map((f) => figureSection(f, heading(3, f.number), lang, cb));
    return html`<section class="vchapter">\n<h2 id="${id}">${title}</h2>\n${joinHtml(figures, "\n")}\n</section>`;
  });
  const page = html`<div class="vpage">
<h1>${cb.ui.verificationTitle![lang]}</h1>
${caveatHtml(options.reconstruction ?? true, lang)}
<p>${cb.ui.verifyPageIntro![lang]}</p>
${filterBar(rows, claims, lang, cb)}
${joinHtml(sections, "\n")}
</div>
${raw(verificationFilterScript)}`;
  return { html: page.text, headings };
}
