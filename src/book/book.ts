/**
 * The offline HTML book: one page per executed chapter with its outputs and figures, a figure
 * gallery, and the verification report, linked by relative paths so that opening
 * `site/index.html` from disk works without a server. plotly.js is one shared file.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Notebook, Output } from "../notebook/format/nbformat.js";
import { withoutEnglishSummary, type CellTranslations } from "../notebook/format/localize.js";
import type { NumberRow, PlotlyFigure } from "../figures/common/types.js";
import {
  ASSUMPTION_HEADINGS,
  assumptionSections,
  figurePageBody,
  figurePagesCss,
  figureVariables,
  galleryBody,
  type FigureFiles,
} from "./figure-pages.js";
import { loadCodebook, type Lang } from "../data/codebook.js";
import { paths } from "../paths.js";
import { escapeHtml, scriptJson } from "../util/html.js";
import { stableJson } from "../util/stable-json.js";
import { printDocument, type PrintSection } from "./print-book.js";
import { writeFileAtomic } from "../node/atomic-write.js";
import { markdownHeadings, renderMarkdownWithHeadings, type Heading } from "../util/markdown.js";
import { reportCss, verificationPageHtml } from "../verify/verification-report.js";
import type { ClaimEvidence } from "../verify/claim-evidence.js";
import type { Verification } from "../verify/verify.js";

/** An executed chapter notebook. */
export interface BookChapter {
  name: string;
  notebook: Notebook;
}

/** What the book is made of. */
export interface BookInput {
  chapters: BookChapter[];
  teaching?: readonly TeachingPage[];
  figures: Map<string, PlotlyFigure>;
  verification: Verification[];
  claims?: readonly ClaimEvidence[];
  lang: Lang;
  reconstruction?: boolean;
  /** Every language the build writes a book in (default: only `lang`); each page links to the same page in the others. */
  languages?: readonly Lang[];
  /** The numbers behind each figure (its page shows them with their intervals). */
  figureNumbers?: ReadonlyMap<string, readonly NumberRow[]>;
  /** The files of each figure in `site/<lang>/`, relative to the pages (e.g. `figures/abb-01.png`). */
  figureFiles?: ReadonlyMap<string, FigureFiles>;
}

/** The name of each language in itself, as the language switch shows it. */
const LANGUAGE_NAMES: Record<Lang, string> = { de: "Deutsch", en: "English" };

const PLOTLY_MIME = "application/vnd.plotly.v1+json";
const text = (v: unknown): string => (Array.isArray(v) ? v.join("") : String(v ?? ""));

/** HTML tables the project itself renders (escaped cells); anything else is shown as text. */
function isSafeTableHtml(html: string): boolean {
  // Exactly what tableHtml writes: these tags without attributes (the table's class aside) and
  // escaped text; any other "<" means markup the project did not write.
  const rest = html
    .trim()
    .replace(/^<table class="interspin-table">/, "")
    .replace(/<\/?(thead|tbody|tr|th|td|p)>|<\/table>/g, "");
  return /^\s*<table class="interspin-table">/.test(html) && !rest.includes("<");
}

/**
 * The order in which readers meet the chapters: by name, except that a seminar's solutions
 * (`S2-seminar-loesungen`) follow the seminar itself (`S2-seminar-wissensdiffusion`).
 * @example readingOrder([{ name: "S2-seminar-loesungen" }, { name: "S2-seminar-wissensdiffusion" }]).map((c) => c.name) // => ["S2-seminar-wissensdiffusion", "S2-seminar-loesungen"]
 */
export function readingOrder<T extends { name: string }>(chapters: readonly T[]): T[] {
  const key = (name: string): string => (name.endsWith("-loesungen") ? `${name.split("-")[0]}-\uffff` : name);
  return [...chapters].sort((a, b) => (key(a.name) < key(b.name) ? -1 : key(a.name) > key(b.name) ? 1 : 0));
}

/** Renders a figure as a div plus its JSON; `drawScript` draws all of them. */
function plotDiv(fig: unknown, n: number): string {
  return `<div class="plot" id="plot-${n}"></div><script type="application/json" id="spec-${n}">${scriptJson(fig)}</script>`;
}

const drawScript = `<script>
document.querySelectorAll("div.plot").forEach(function (el) {
  var spec = JSON.parse(document.getElementById(el.id.replace("plot-", "spec-")).textContent);
  var layout = spec.layout || {};
  // A Sankey has no axis labels to keep apart: it fits the column instead of scrolling sideways
  // (other figures keep their size and scroll inside their box: squeezed, their labels collide).
  var flows = (spec.data || []).some(function (t) { return t.type === "sankey"; });
  if (flows && layout.width > el.clientWidth) layout = Object.assign({}, layout, { width: el.clientWidth });
  if (window.Plotly) Plotly.newPlot(el, spec.data, layout, spec.config || {});
  else el.textContent = "plotly.js was not found next to this page.";
});
</script>`;

/** Draws a figure output: its Plotly spec, its number on the page and the output's other data. */
type FigureRenderer = (spec: unknown, n: number, data: Record<string, unknown>) => string;

function renderOutput(o: Output, counter: { n: number }, figure: FigureRenderer = plotDiv): string {
  if (o.output_type === "stream") return `<pre class="stream">${escapeHtml(text(o.text))}</pre>`;
  if (o.output_type === "error") return `<pre class="error">${escapeHtml(`${o.ename}: ${o.evalue}`)}</pre>`;
  const data = o.data as Record<string, unknown>;
  // The book loads plotly.js from a file beside its pages; the copy a notebook carries is not needed.
  if ((o.metadata.interspin as { kind?: string } | undefined)?.kind === "plotly-library") return "";
  if (data[PLOTLY_MIME]) return figure(data[PLOTLY_MIME], counter.n++, data);
  const html = text(data["text/html"]);
  if (html && isSafeTableHtml(html)) return `<div class="table">${html}</div>`;
  return `<pre class="output">${escapeHtml(text(data["text/plain"]))}</pre>`;
}

/** A page of the book as the sidebar and previous/next links know it, with its sidebar group (a ui key). */
interface PageRef {
  href: string;
  title: string;
  group?: "bookChapters" | "bookTeaching" | "bookFigures" | "bookReview";
  sub?: boolean;
}

const bookCss = `
body{font-family:Georgia,"DejaVu Serif",serif;font-size:17px;line-height:1.6;margin:0;max-width:none;color:#1f2328;background:#fff}
.book{display:grid;grid-template-columns:16rem minmax(0,1fr) 13rem;min-height:100vh}
.sidebar{background:#f6f8fa;border-right:1px solid #d0d7de;padding:1.2rem 1rem;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.4}
.sidebar .book-title{display:block;font-weight:bold;color:#1f2328;text-decoration:none;margin-bottom:.6rem}
.lang-switch{margin-bottom:1rem}.lang-switch a{display:inline-block;padding:.1rem .5rem;border:1px solid #d0d7de;border-radius:1rem;color:#0b5394;text-decoration:none;font-size:13px}
.sidebar h2{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:#57606a;margin:1rem 0 .3rem}
.sidebar ol{list-style:none;margin:0;padding:0}.sidebar li a{display:block;padding:.25rem .4rem;border-radius:4px;color:#0b5394;text-decoration:none}
.sidebar li.sub a{padding-left:1.2rem;font-size:13px}.sidebar li a[aria-current=page]{background:#dbe7f5;font-weight:bold;color:#1f2328}
main{padding:1.5rem 2.5rem 3rem;min-width:0}main>article{max-width:48rem;overflow-x:auto}main>article.wide{max-width:none}
.outline{font-family:Arial,Helvetica,sans-serif;font-size:13px;padding:1.5rem 1rem;position:sticky;top:0;align-self:start}
.outline h2{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:#57606a;margin:0 0 .4rem}.outline ol{list-style:none;margin:0;padding:0}
.outline li{margin:.2rem 0}.outline li.level-3{padding-left:.8rem}.outline a{color:#57606a;text-decoration:none}
h1,h2,h3{font-family:Arial,Helvetica,sans-serif;line-height:1.25}h1{font-size:2rem;margin-top:0}
a{color:#0b5394}blockquote{border-left:4px solid #d0d7de;margin:1rem 0;padding:0 1rem;color:#57606a}
article table{border-collapse:collapse;font-size:14px;margin:1rem 0}article td,article th{border:1px solid #d0d7de;padding:4px 8px}
details{margin:.5rem 0;font-family:Arial,Helvetica,sans-serif;font-size:13px}summary{cursor:pointer;color:#57606a}
.plot{width:100%;min-height:360px;overflow-x:auto}.table{overflow:auto;margin:8px 0;font-size:14px}pre.code{border-left:3px solid #2166ac}pre.error{color:#b2182b}
.gallery{display:grid;grid-template-columns:1fr;gap:24px}.contents{list-style:none;padding:0}.contents li{margin:.3rem 0}
.pager{display:flex;justify-content:space-between;gap:1rem;margin-top:3rem;padding-top:1rem;border-top:1px solid #d0d7de;font-family:Arial,Helvetica,sans-serif}
.pager a{text-decoration:none;max-width:48%}.pager small{display:block;color:#57606a}.pager .next{margin-left:auto;text-align:right}
@media (max-width:1100px){.book{grid-template-columns:15rem minmax(0,1fr)}.outline{display:none}}
.sidebar details.menu{margin:0;font-size:inherit;font-family:inherit}.sidebar details.menu>summary{display:none}
h1{overflow-wrap:break-word;hyphens:auto}
@media (max-width:760px){.sidebar details.menu>summary{display:list-item;color:#0b5394;font-size:14px}h1{font-size:1.5rem}.book{display:block}.sidebar{border-right:0;border-bottom:1px solid #d0d7de;padding:.8rem 1rem}.sidebar ol{display:flex;flex-wrap:wrap;gap:0 .3rem}.sidebar h2{margin:.5rem 0 .1rem}main{padding:1rem}body{font-size:16px}}
@media print{.lang-switch,.sidebar,.outline,.pager,details{display:none}.book{display:block}main{padding:0}body{font-size:11pt}a{color:inherit}}
`;

/** Links to the same page in the book's other languages, each marked with its own language. */
function languageSwitch(frame: Frame, current: string): string {
  const others = frame.languages.filter((l) => l !== frame.lang);
  if (!others.length) return "";
  const link = (l: Lang): string =>
    `<a href="../${l}/${escapeHtml(current)}" hreflang="${l}" lang="${l}">${escapeHtml(LANGUAGE_NAMES[l])}</a>`;
  return `<nav class="lang-switch" aria-label="${escapeHtml(frame.t("bookLanguage"))}">${others.map(link).join(" ")}</nav>`;
}

function sidebar(pages: readonly PageRef[], current: string, t: (key: string) => string, switcher = ""): string {
  const item = (p: PageRef): string =>
    `<li${p.sub ? ' class="sub"' : ""}><a href="${escapeHtml(p.href)}"${p.href === current ? ' aria-current="page"' : ""}>${escapeHtml(p.title)}</a></li>`;
  const groups = [...new Set(pages.map((p) => p.group))];
  return `<nav class="sidebar" aria-label="${escapeHtml(t("bookMenu"))}"><a class="book-title" href="index.html">${escapeHtml(t("bookTitle"))}</a>${switcher}
<details class="menu" open><summary>${escapeHtml(t("bookMenu"))}</summary>
${groups
  .map(
    (g) =>
      `${g ? `<h2>${escapeHtml(t(g))}</h2>` : ""}<ol>${pages
        .filter((p) => p.group === g)
        .map(item)
        .join("")}</ol>`,
  )
  .join("\n")}</details></nav>
<script>if (window.matchMedia && matchMedia("(max-width:760px)").matches) document.querySelector(".sidebar details.menu").open = false;</script>`;
}

/** The page outline; `source` marks headings taken from a document shown as it is, in its language. */
function outline(headings: readonly Heading[], t: (key: string) => string, source?: { lang?: Lang }): string {
  const shown = headings.filter((h) => h.level === 2 || h.level === 3);
  if (!shown.length) return "";
  return `<aside class="outline"><h2>${escapeHtml(t("bookOnThisPage"))}</h2><ol${source ? ` class="source-document"${source.lang ? ` lang="${source.lang}"` : ""}` : ""}>${shown.map((h) => `<li class="level-${h.level}"><a href="#${escapeHtml(h.id)}">${escapeHtml(h.text)}</a></li>`).join("")}</ol></aside>`;
}

function pager(pages: readonly PageRef[], current: string, t: (key: string) => string): string {
  const i = pages.findIndex((p) => p.href === current);
  const link = (p: PageRef | undefined, cls: string, key: string): string =>
    p
      ? `<a class="${cls}" rel="${cls}" href="${escapeHtml(p.href)}"><small>${escapeHtml(t(key))}</small>${escapeHtml(p.title)}</a>`
      : "";
  return `<nav class="pager">${link(pages[i - 1], "prev", "bookPrevious")}${link(pages[i + 1], "next", "bookNext")}</nav>`;
}

/** The frame every page of the book shares: sidebar, the page, its outline, previous/next. */
interface Frame {
  pages: readonly PageRef[];
  t: (key: string) => string;
  lang: Lang;
  languages: readonly Lang[];
}

function page(
  frame: Frame,
  current: string,
  body: string,
  headings: readonly Heading[] = [],
  wide = false,
  headingsLang?: Lang,
): string {
  const title = frame.pages.find((p) => p.href === current)?.title ?? current;
  return `<!DOCTYPE html>
<html lang="${frame.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(`${title} · ${frame.t("bookTitle")}`)}</title>
<style>${reportCss}${bookCss}${figurePagesCss}</style>
<script src="../plotly.min.js"></script></head>
<body>
<div class="book">
${sidebar(frame.pages, current, frame.t, languageSwitch(frame, current))}
<main><article${wide ? ' class="wide"' : ""}>
${body}
</article>
${pager(frame.pages, current, frame.t)}
</main>
${outline(headings, frame.t, headingsLang ? { lang: headingsLang !== frame.lang ? headingsLang : undefined } : undefined)}
</div>
${drawScript}
</body>
</html>
`;
}

/** A chapter's title: the text of its first Markdown heading, else its file name. */
export function chapterTitle(ch: BookChapter): string {
  for (const c of ch.notebook.cells) {
    if (c.cell_type !== "markdown") continue;
    const h = markdownHeadings(text(c.source))[0];
    if (h?.text) return h.text;
  }
  return ch.name;
}

/** The language a chapter's notebook was localized to (`localizeNotebook`), German when not noted. */
const notebookLang = (ch: BookChapter): Lang =>
  (ch.notebook.metadata.interspin as { lang?: Lang } | undefined)?.lang === "en" ? "en" : "de";

/**
 * A chapter's Markdown and outputs as HTML, with its headings. `code` labels each code cell's
 * folded source (none: code left out); `env` shared across chapters keeps heading ids unique on
 * one page; `figure` draws figure outputs, `counter` numbers them.
 */
function chapterBody(
  ch: BookChapter,
  o: { code?: string; env?: object; figure?: FigureRenderer; counter?: { n: number } },
): { html: string; headings: Heading[] } {
  const counter = o.counter ?? { n: 0 };
  const env = o.env ?? {};
  const headings: Heading[] = [];
  const parts = ch.notebook.cells.map((c) => {
    if (c.cell_type === "markdown") {
      // A German cell's short English summary is left out: the English book has the whole text.
      const bilingual = typeof (c.metadata.interspin as CellTranslations | undefined)?.en === "string";
      const r = renderMarkdownWithHeadings(
        bilingual && notebookLang(ch) !== "en" ? withoutEnglishSummary(text(c.source)) : text(c.source),
        env,
      );
      headings.push(...r.headings);
      return r.html;
    }
    if (c.cell_type !== "code") return "";
    const outs = (c.outputs ?? []).map((out) => renderOutput(out, counter, o.figure)).join("\n");
    return o.code === undefined
      ? outs
      : `<details><summary>${escapeHtml(o.code)}</summary><pre class="code">${escapeHtml(text(c.source))}</pre></details>\n${outs}`;
  });
  return { html: parts.join("\n"), headings };
}

/** The book's page of one chapter. */
function chapterPage(ch: BookChapter, frame: Frame): string {
  const body = chapterBody(ch, { code: frame.t("bookCode") });
  return page(frame, `${ch.name}.html`, body.html, body.headings);
}

/** A teacher's page: a Markdown file of notebooks/teaching/ in the book's language. */
export interface TeachingPage {
  name: string;
  markdown: string;
}

/**
 * The teaching pages in `dir` for one language: `<name>.<lang>.md`, sorted by name.
 * @returns none when the folder does not exist.
 */
export function readTeachingPages(dir: string, lang: Lang): TeachingPage[] {
  if (!existsSync(dir)) return [];
  const suffix = `.${lang}.md`;
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => ({ name: f.slice(0, -suffix.length), markdown: readFileSync(join(dir, f), "utf8") }));
}

/** The title of a teaching page: its first heading, else its name. */
const teachingTitle = (p: TeachingPage): string => markdownHeadings(p.markdown)[0]?.text || p.name;

/** A figure's number in the codebook ("Abbildung 1", "Appendix 2"), else its id. */
function figureNumber(id: string, lang: Lang): string {
  return loadCodebook().figures.find((f) => f.id === id)?.number[lang] ?? id;
}

/** A figure's caption in the codebook, else its title. */
function figureCaption(id: string, lang: Lang, fig: PlotlyFigure): string {
  return loadCodebook().figures.find((f) => f.id === id)?.caption[lang] ?? fig.layout.meta.title;
}

/** The variables of every item and pair the reconstruction records (data/assumptions.json). */
function recordedAssumptions(): { items: string[][]; pairs: string[][] } {
  const file = join(paths.root, "data", "assumptions.json");
  if (!existsSync(file)) return { items: [], pairs: [] };
  const a = JSON.parse(readFileSync(file, "utf8")) as {
    items?: { variables: string[] }[];
    pairs?: { variables: string[] }[];
  };
  return { items: (a.items ?? []).map((i) => i.variables), pairs: (a.pairs ?? []).map((p) => p.variables) };
}

/**
 * The page of data/ASSUMPTIONS.md (written in English: on a page in another language it is
 * marked as English) and the ids of its sections.
 */
function assumptionsPage(frame: Frame): {
  html: string;
  ids: Partial<Record<keyof typeof ASSUMPTION_HEADINGS, string>>;
} {
  const file = join(paths.root, "data", "ASSUMPTIONS.md");
  const md = existsSync(file) ? readFileSync(file, "utf8") : "";
  const r = renderMarkdownWithHeadings(md);
  const ids = Object.fromEntries(
    Object.entries(ASSUMPTION_HEADINGS)
      .map(([k, text]) => [k, r.headings.find((h) => h.text === text)?.id])
      .filter(([, id]) => id),
  );
  const body = `<h1>${escapeHtml(frame.t("bookAssumptions"))}</h1><p>${escapeHtml(frame.t("bookAssumptionsNote"))}</p>
<div class="assumptions source-document" data-source="data/ASSUMPTIONS.md"${frame.lang === "en" ? "" : ' lang="en"'}>${r.html.replace(/<h1[^>]*>[\s\S]*?<\/h1>/, "")}</div>`;
  return {
    html: page(
      frame,
      "assumptions.html",
      body,
      r.headings.filter((h) => h.level === 2),
      false,
      "en",
    ),
    ids,
  };
}

/**
 * The book as one document for print: title page, table of contents, every chapter in reading
 * order without its code, each figure as its static picture (the figure's PNG in `figures/` when
 * the chapter shows the figure as built, else the picture the output carries, else the chart
 * drawn by plotly.js), then the body of the verification page as an appendix.
 */
function printPage(input: BookInput, frame: Frame, verificationPage: string): string {
  const appendix = /<article[^>]*>([\s\S]*)<\/article>/.exec(verificationPage)?.[1] ?? "";
  const env = {};
  const counter = { n: 0 };
  let drawn = false;
  const figure: FigureRenderer = (spec, n, data) => {
    const fig = spec as PlotlyFigure;
    const id = fig.layout?.meta?.id;
    const own = id ? input.figures.get(id) : undefined;
    const file = own && stableJson(own) === stableJson(fig) ? input.figureFiles?.get(id!)?.png : undefined;
    const png = file ?? (data["image/png"] ? `data:image/png;base64,${text(data["image/png"]).trim()}` : undefined);
    if (!png) {
      drawn = true;
      return plotDiv(spec, n);
    }
    return `<figure class="print-figure"><img src="${escapeHtml(png)}" alt="${escapeHtml(fig.layout?.meta?.title ?? "")}"></figure>`;
  };
  const sections: PrintSection[] = input.chapters.map((ch) => ({
    id: `chapter-${ch.name}`,
    title: chapterTitle(ch),
    page: `${ch.name}.html`,
    html: chapterBody(ch, { env, figure, counter }).html,
  }));
  sections.push({
    id: "appendix-verification",
    title: frame.t("bookVerification"),
    page: "verification.html",
    html: appendix,
    wide: true,
  });
  return printDocument({
    lang: frame.lang,
    title: frame.t("bookTitle"),
    subtitle: [loadCodebook().title[frame.lang], frame.t("bookIntro")],
    contents: frame.t("bookTableOfContents"),
    sections,
    css: `${reportCss}${bookCss}${figurePagesCss}`,
    head: drawn ? '<script src="../plotly.min.js"></script>' : "",
    tail: drawn ? drawScript : "",
  });
}

/**
 * Writes the book in `input.lang` to `<outDir>/site/<lang>/`, with plotly.js shared by all
 * languages in `<outDir>/site/`.
 * @returns the files written, relative to the site folder.
 * @example writeBook({ chapters, figures, verification, lang: "en" }, "output").includes("en/index.html") // => true
 */
export function writeBook(input: BookInput, outDir: string): string[] {
  input = { ...input, chapters: readingOrder(input.chapters) };
  const site = join(outDir, "site");
  const cb = loadCodebook();
  const ui = cb.ui;
  const t = (key: string): string => ui[key]![input.lang];
  const teaching = input.teaching ?? [];
  const pages: PageRef[] = [
    { href: "index.html", title: t("bookContents") },
    ...input.chapters.map((c) => ({ href: `${c.name}.html`, title: chapterTitle(c), group: "bookChapters" as const })),
    ...teaching.map((p) => ({
      href: `teaching-${p.name}.html`,
      title: teachingTitle(p),
      group: "bookTeaching" as const,
    })),
    { href: "gallery.html", title: t("bookFigures"), group: "bookFigures" },
    ...[...input.figures.keys()].map((id) => ({
      href: `figure-${id}.html`,
      title: figureNumber(id, input.lang),
      group: "bookFigures" as const,
      sub: true,
    })),
    { href: "verification.html", title: t("bookVerification"), group: "bookReview" },
    { href: "assumptions.html", title: t("bookAssumptions"), group: "bookReview" },
  ];
  const frame: Frame = {
    pages,
    t,
    lang: input.lang,
    languages: input.languages?.length ? input.languages : [input.lang],
  };
  const files: [string, string | Buffer][] = [["plotly.min.js", readFileSync(paths.plotlyBundle)]];
  const own = (name: string, html: string): void => void files.push([`${input.lang}/${name}`, html]);
  const index = `<h1>${escapeHtml(t("bookTitle"))}</h1>
<p>${escapeHtml(t("bookIntro"))}</p>
<ul class="contents">${pages
    .slice(1)
    .map((p) => `<li><a href="${escapeHtml(p.href)}">${escapeHtml(p.title)}</a></li>`)
    .join("")}</ul>`;
  own("index.html", page(frame, "index.html", index));
  for (const ch of input.chapters) own(`${ch.name}.html`, chapterPage(ch, frame));
  for (const p of teaching) {
    const r = renderMarkdownWithHeadings(p.markdown);
    own(`teaching-${p.name}.html`, page(frame, `teaching-${p.name}.html`, r.html, r.headings));
  }
  const assumptions = assumptionsPage(frame);
  own("assumptions.html", assumptions.html);
  const figureFiles = input.figureFiles ?? new Map<string, FigureFiles>();
  own(
    "gallery.html",
    page(
      frame,
      "gallery.html",
      galleryBody(
        [...input.figures.entries()].map(([id, f]) => ({
          href: `figure-${id}.html`,
          number: figureNumber(id, input.lang),
          title: figureCaption(id, input.lang, f),
          thumbnail: figureFiles.get(id)?.png,
        })),
        t("bookFigures"),
      ),
    ),
  );
  [...input.figures.entries()].forEach(([id, fig], i) => {
    const rows = input.verification.filter((v) => v.figure === id);
    const claims = (input.claims ?? []).filter((c) => c.figure === id);
    const sections = assumptionSections(id, figureVariables(id, cb), recordedAssumptions(), rows, claims);
    const body = figurePageBody(
      {
        id,
        figure: fig,
        numbers: input.figureNumbers?.get(id) ?? [],
        rows,
        claims,
        files: figureFiles.get(id) ?? {},
        chart: plotDiv(fig, i),
        assumptions: {
          href: "assumptions.html",
          sections: Object.fromEntries(sections.map((k) => [k, assumptions.ids[k]])),
        },
        reconstruction: input.reconstruction ?? true,
      },
      input.lang,
      cb,
    );
    own(`figure-${id}.html`, page(frame, `figure-${id}.html`, body.html, body.headings));
  });
  const verification = verificationPageHtml(input.verification, input.claims ?? [], input.lang, {
    reconstruction: input.reconstruction ?? true,
    chapterTitles: Object.fromEntries(input.chapters.map((ch) => [ch.name, chapterTitle(ch)])),
  });
  own("verification.html", page(frame, "verification.html", verification.html, verification.headings, true));
  own(
    "print.html",
    printPage(input, frame, String(files.find(([name]) => name === `${input.lang}/verification.html`)![1])),
  );
  for (const [name, content] of files) writeFileAtomic(join(site, name), content);
  return files.map(([name]) => name);
}

/**
 * Writes `<outDir>/site/index.html`: the book's title in each language, leading to each
 * language's contents (a reader opening the site folder lands here).
 */
export function writeSiteIndex(outDir: string, languages: readonly Lang[]): string[] {
  const ui = loadCodebook().ui;
  const entry = (l: Lang): string =>
    `<li lang="${l}"><a href="${l}/index.html" hreflang="${l}"><strong>${escapeHtml(LANGUAGE_NAMES[l])}</strong><span>${escapeHtml(ui.bookTitle![l])}</span></a></li>`;
  const html = `<!DOCTYPE html>
<html lang="${languages[0] ?? "de"}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(languages.map((l) => ui.bookTitle![l]).join(" · "))}</title>
<style>${bookCss}
.languages{max-width:40rem;margin:4rem auto;padding:0 1rem;list-style:none}.languages a{display:block;padding:1rem 1.2rem;margin:.8rem 0;border:1px solid #d0d7de;border-radius:8px;text-decoration:none}
.languages strong{display:block;font-family:Arial,Helvetica,sans-serif}.languages span{color:#57606a}</style></head>
<body><ul class="languages">${languages.map(entry).join("")}</ul></body>
</html>
`;
  writeFileAtomic(join(outDir, "site", "index.html"), html);
  return ["index.html"];
}
