/**
 * The offline HTML book: one page per executed chapter with its outputs and figures, a figure
 * gallery, and the verification report, linked by relative paths so that opening
 * `site/index.html` from disk works without a server. plotly.js is one shared file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Notebook, Output } from "../notebook/nbformat.js";
import type { PlotlyFigure } from "../figures/common/types.js";
import { loadCodebook, type Lang } from "../data/codebook.js";
import { paths } from "../paths.js";
import { escapeHtml, scriptJson } from "../util/html.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { renderMarkdown } from "./markdown.js";
import { caveatHtml, claimsTableHtml, reportCss, verificationTableHtml } from "./verification-report.js";
import type { ClaimEvidence } from "./claims.js";
import type { Verification } from "./verify.js";

/** An executed chapter notebook. */
export interface BookChapter { name: string; notebook: Notebook }

/** What the book is made of. */
export interface BookInput { chapters: BookChapter[]; figures: Map<string, PlotlyFigure>; verification: Verification[]; claims?: readonly ClaimEvidence[]; lang: Lang; reconstruction?: boolean }

const PLOTLY_MIME = "application/vnd.plotly.v1+json";
const text = (v: unknown): string => (Array.isArray(v) ? v.join("") : String(v ?? ""));

/** HTML tables the project itself renders (escaped cells); anything else is shown as text. */
function isSafeTableHtml(html: string): boolean {
  // Exactly what tableHtml writes: these tags without attributes (the table's class aside) and
  // escaped text; any other "<" means markup the project did not write.
  const rest = html.trim().replace(/^<table class="interspin-table">/, "").replace(/<\/?(thead|tbody|tr|th|td|p)>|<\/table>/g, "");
  return /^\s*<table class="interspin-table">/.test(html) && !rest.includes("<");
}

/** Renders a figure as a div plus its JSON; `drawScript` draws all of them. */
function plotDiv(fig: unknown, n: number): string {
  return `<div class="plot" id="plot-${n}"></div><script type="application/json" id="spec-${n}">${scriptJson(fig)}</script>`;
}

const drawScript = `<script>
document.querySelectorAll("div.plot").forEach(function (el) {
  var spec = JSON.parse(document.getElementById(el.id.replace("plot-", "spec-")).textContent);
  if (window.Plotly) Plotly.newPlot(el, spec.data, spec.layout, spec.config || {});
  else el.textContent = "plotly.js was not found next to this page.";
});
</script>`;

function renderOutput(o: Output, counter: { n: number }): string {
  if (o.output_type === "stream") return `<pre class="stream">${escapeHtml(text(o.text))}</pre>`;
  if (o.output_type === "error") return `<pre class="error">${escapeHtml(`${o.ename}: ${o.evalue}`)}</pre>`;
  const data = o.data as Record<string, unknown>;
  // The book loads plotly.js from a file beside its pages; the copy a notebook carries is not needed.
  if ((o.metadata.interspin as { kind?: string } | undefined)?.kind === "plotly-library") return "";
  if (data[PLOTLY_MIME]) return plotDiv(data[PLOTLY_MIME], counter.n++);
  const html = text(data["text/html"]);
  if (html && isSafeTableHtml(html)) return `<div class="table">${html}</div>`;
  return `<pre class="output">${escapeHtml(text(data["text/plain"]))}</pre>`;
}

function page(title: string, nav: string, body: string, lang: Lang): string {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>${reportCss}
.plot{width:100%;min-height:300px}.table{overflow:auto;margin:8px 0}pre.code{border-left:3px solid #2166ac}pre.error{color:#b2182b}
.gallery{display:grid;grid-template-columns:1fr;gap:24px}</style>
<script src="plotly.min.js"></script></head>
<body>
<nav>${nav}</nav>
${body}
${drawScript}
</body>
</html>
`;
}

/** The book's page of one chapter. */
export function chapterPage(ch: BookChapter, nav: string, lang: Lang): string {
  const counter = { n: 0 };
  const parts = ch.notebook.cells.map((c) => {
    if (c.cell_type === "markdown") return renderMarkdown(text(c.source));
    if (c.cell_type !== "code") return "";
    const outs = (c.outputs ?? []).map((o) => renderOutput(o, counter)).join("\n");
    return `<details><summary>Code</summary><pre class="code">${escapeHtml(text(c.source))}</pre></details>\n${outs}`;
  });
  return page(ch.name, nav, parts.join("\n"), lang);
}

/**
 * Writes the book to `<outDir>/site/`.
 * @returns the files written, relative to the site folder.
 */
export function writeBook(input: BookInput, outDir: string): string[] {
  const site = join(outDir, "site");
  const ui = loadCodebook().ui;
  const t = (key: string): string => ui[key]![input.lang];
  const pages: [string, string][] = [["index.html", t("bookContents")], ...input.chapters.map((c): [string, string] => [`${c.name}.html`, c.name]),
    ["gallery.html", t("bookFigures")], ["verification.html", t("bookVerification")]];
  const nav = pages.map(([href, label]) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`).join(" ");
  const files: [string, string | Buffer][] = [["plotly.min.js", readFileSync(paths.plotlyBundle)]];
  const index = `<h1>${escapeHtml(t("bookTitle"))}</h1>
<p>${escapeHtml(t("bookIntro"))}</p>
<ul>${pages.slice(1).map(([href, label]) => `<li><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></li>`).join("")}</ul>`;
  files.push(["index.html", page(t("bookContents"), nav, index, input.lang)]);
  for (const ch of input.chapters) files.push([`${ch.name}.html`, chapterPage(ch, nav, input.lang)]);
  const gallery = [...input.figures.values()].map((f, i) => `<section><h2>${escapeHtml(f.layout.meta.title)}</h2>${plotDiv(f, i)}</section>`).join("\n");
  files.push(["gallery.html", page(t("bookFigures"), nav, `<h1>${escapeHtml(t("bookFigures"))}</h1><div class="gallery">${gallery}</div>`, input.lang)]);
  files.push(["verification.html", page(t("bookVerification"), nav, `<h1>${escapeHtml(t("verificationTitle"))}</h1>${caveatHtml(input.reconstruction ?? true, input.lang)}${input.claims?.length ? claimsTableHtml(input.claims, input.lang) : ""}${verificationTableHtml(input.verification, input.lang)}`, input.lang)]);
  for (const [name, content] of files) writeFileAtomic(join(site, name), content);
  return files.map(([name]) => name);
}
