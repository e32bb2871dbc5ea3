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
  figureVariables,
  galleryBody,
  type FigureFiles,
} from "./figure-pages.js";
import { loadCodebook, type Lang } from "../data/codebook.js";
import { paths } from "../paths.js";
import { html, joinHtml, raw, scriptJson, type Html } from "../util/html.js";
import { bookAsset } from "./assets.js";
import { liveCellHtml } from "./live-cells.js";
import { liveDataScript, liveScripts } from "./live-bundle.js";
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
  const key = (name: string): string => (isSolutions(name) ? `${name.split("-")[0]}-\uffff` : name);
  return [...chapters].sort((a, b) => (key(a.name) < key(b.name) ? -1 : key(a.name) > key(b.name) ? 1 : 0));
}

/**
 * Whether a notebook is a seminar's solutions (`S2-seminar-loesungen`): teachers' material,
 * reached from its teacher's page, not listed among the pages students read.
 * @example isSolutions("S2-seminar-loesungen") // => true
 */
export const isSolutions = (name: string): boolean => name.endsWith("-loesungen");

/**
 * The seminar a notebook or teacher's page belongs to (`S2-seminar-loesungen`, `S2-lehrkraefte`: "S2"), else none.
 * @example seminarOf("S2-lehrkraefte") // => "S2"
 */
const seminarOf = (name: string): string | undefined => /^(S\d+)-/.exec(name)?.[1];

/** The stylesheet of every page: the verification page's, the book's and the figure pages'. */
const pageCss = (): Html =>
  raw(`${reportCss}\n${bookAsset("book.css")}\n${bookAsset("figure-pages.css")}\n${bookAsset("live.css")}`);

/** Renders a figure as a div plus its JSON; `drawScript` draws all of them. */
function plotDiv(fig: unknown, n: number): string {
  return html`<div class="plot" id="plot-${n}"></div><script type="application/json" id="spec-${n}">${raw(scriptJson(fig))}</script>`
    .text;
}

/** The script that draws every figure of a page from its JSON (for print: at the figures' own size). */
const drawScript = (): Html => html`<script>\n${raw(bookAsset("draw-figures.js"))}</script>`;

/**
 * The scripts beside the pages, at the end of the body: plotly.js and the figures, fitted to the
 * column and drawn as they come into view; on a chapter's page its live cells instead, whose
 * kernel starts at once, and the figures, which load plotly.js once the first cell can run.
 */
const pageScripts = (live: boolean): Html =>
  live
    ? raw(
        '<script src="../live-data.js"></script>\n<script src="../live.js"></script>\n<script src="../figures.js"></script>',
      )
    : raw('<script src="../plotly.min.js"></script>\n<script src="../figures.js"></script>');

/** Draws a figure output: its Plotly spec, its number on the page and the output's other data. */
type FigureRenderer = (spec: unknown, n: number, data: Record<string, unknown>) => string;

function renderOutput(o: Output, counter: { n: number }, figure: FigureRenderer = plotDiv): string {
  if (o.output_type === "stream") return html`<pre class="stream">${text(o.text)}</pre>`.text;
  if (o.output_type === "error") return html`<pre class="error">${`${o.ename}: ${o.evalue}`}</pre>`.text;
  const data = o.data as Record<string, unknown>;
  // The book loads plotly.js from a file beside its pages; the copy a notebook carries is not needed.
  if ((o.metadata.interspin as { kind?: string } | undefined)?.kind === "plotly-library") return "";
  if (data[PLOTLY_MIME]) return figure(data[PLOTLY_MIME], counter.n++, data);
  const markup = text(data["text/html"]);
  if (markup && isSafeTableHtml(markup)) return html`<div class="table" tabindex="0">${raw(markup)}</div>`.text;
  return html`<pre class="output">${text(data["text/plain"])}</pre>`.text;
}

/** A page of the book as the sidebar and previous/next links know it, with its sidebar group (a ui key). */
interface PageRef {
  href: string;
  title: string;
  group?: "bookChapters" | "bookTeaching" | "bookFigures" | "bookReview";
  sub?: boolean;
}

/** Links to the same page in the book's other languages, each marked with its own language. */
function languageSwitch(frame: Frame, current: string): Html {
  const others = frame.languages.filter((l) => l !== frame.lang);
  if (!others.length) return html``;
  const link = (l: Lang): Html =>
    html`<a href="../${l}/${current}" hreflang="${l}" lang="${l}">${LANGUAGE_NAMES[l]}</a>`;
  return html`<nav class="lang-switch" aria-label="${frame.t("bookLanguage")}">${joinHtml(others.map(link), " ")}</nav>`;
}

function sidebar(pages: readonly PageRef[], current: string, t: (key: string) => string, switcher: Html): Html {
  const item = (p: PageRef): Html =>
    html`<li${p.sub && raw(' class="sub"')}><a href="${p.href}"${p.href === current && raw(' aria-current="page"')}>${p.title}</a></li>`;
  const groups = [...new Set(pages.map((p) => p.group))].map(
    (g) => html`${g && html`<h2>${t(g)}</h2>`}<ol>${pages.filter((p) => p.group === g).map(item)}</ol>`,
  );
  return html`<nav class="sidebar" aria-label="${t("bookMenu")}"><a class="book-title" href="index.html">${t("bookTitle")}</a>${switcher}
<details class="menu" open><summary>${t("bookMenu")}</summary>
${joinHtml(groups, "\n")}</details></nav>
<script>${raw(bookAsset("sidebar.js").trimEnd())}</script>`;
}

/** The page outline; `source` marks headings taken from a document shown as it is, in its language. */
function outline(headings: readonly Heading[], t: (key: string) => string, source?: { lang?: Lang }): Html {
  const shown = headings.filter((h) => h.level === 2 || h.level === 3);
  if (!shown.length) return html``;
  const marked = source && html` class="source-document"${source.lang && html` lang="${source.lang}"`}`;
  return html`<aside class="outline"><h2>${t("bookOnThisPage")}</h2><ol${marked}>${shown.map((h) => html`<li class="level-${h.level}"><a href="#${h.id}">${h.text}</a></li>`)}</ol></aside>`;
}

function pager(pages: readonly PageRef[], current: string, t: (key: string) => string): Html {
  const i = pages.findIndex((p) => p.href === current);
  const link = (p: PageRef | undefined, cls: string, key: string): Html =>
    p ? html`<a class="${cls}" rel="${cls}" href="${p.href}"><small>${t(key)}</small>${p.title}</a>` : html``;
  return html`<nav class="pager">${link(pages[i - 1], "prev", "bookPrevious")}${link(pages[i + 1], "next", "bookNext")}</nav>`;
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
  live?: { page: string; data?: string },
): string {
  const title = frame.pages.find((p) => p.href === current)?.title ?? current;
  const liveBody =
    live &&
    html` data-live-page="${live.page}" data-live-lang="${frame.lang}" data-plotly="../plotly.min.js"${live.data && html` data-book-data="${live.data}"`}`;
  return html`<!DOCTYPE html>
<html lang="${frame.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${`${title} · ${frame.t("bookTitle")}`}</title>
<style>${pageCss()}</style></head>
<body${liveBody}>
<div class="book">
${sidebar(frame.pages, current, frame.t, languageSwitch(frame, current))}
<main><article${wide && raw(' class="wide"')}>
${raw(body)}
</article>
${pager(frame.pages, current, frame.t)}
</main>
${outline(headings, frame.t, headingsLang ? { lang: headingsLang !== frame.lang ? headingsLang : undefined } : undefined)}
</div>
${pageScripts(!!live)}
</body>
</html>
`.text;
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
 * A chapter's Markdown and outputs as HTML, with its headings. `live` shows each code cell as a
 * live cell (its code, then its stored outputs; `live(i)` names cell i's output area), else
 * code is left out; `env` shared across chapters keeps heading ids unique on one page; `figure`
 * draws figure outputs, `counter` numbers them.
 */
function chapterBody(
  ch: BookChapter,
  o: { live?: (cell: number) => string; env?: object; figure?: FigureRenderer; counter?: { n: number } },
): { html: string; headings: Heading[] } {
  const counter = o.counter ?? { n: 0 };
  const env = o.env ?? {};
  const headings: Heading[] = [];
  const parts = ch.notebook.cells.map((c, i) => {
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
    return o.live ? liveCellHtml(c, i, outs, o.live(i)) : outs;
  });
  return { html: parts.join("\n"), headings };
}

/** The book's page of one chapter: its cells live, on the data the notebook ran on. */
function chapterPage(ch: BookChapter, frame: Frame): string {
  const body = chapterBody(ch, { live: (i) => frame.t("liveOutput").replace("{cell}", String(i)) });
  const data = (ch.notebook.metadata.papermill as { parameters?: { data?: unknown } } | undefined)?.parameters?.data;
  return page(frame, `${ch.name}.html`, body.html, body.headings, false, undefined, {
    page: ch.name,
    data: typeof data === "string" && data ? data : undefined,
  });
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

/** A figure's short title in the codebook, else its caption. */
function figureShort(id: string, lang: Lang, fig: PlotlyFigure): string {
  const def = loadCodebook().figures.find((f) => f.id === id);
  return def?.short?.[lang] ?? figureCaption(id, lang, fig);
}

/**
 * The start page of one language: what the book is, its three ways in (read the report, teach
 * a seminar, check the numbers) with the pages of each, and the figures as thumbnails.
 */
function startPage(
  pages: readonly PageRef[],
  figures: readonly { href: string; title: string; number: string; thumbnail?: string }[],
  t: (key: string) => string,
): string {
  const link = (p: PageRef): Html => html`<li><a href="${p.href}">${p.title}</a></li>`;
  const chapters = pages.filter((p) => p.group === "bookChapters");
  const seminar = (p: PageRef): boolean => /^S\d/.test(p.href);
  const read = chapters.filter((p) => !seminar(p));
  const teach = [...pages.filter((p) => p.group === "bookTeaching"), ...chapters.filter(seminar)];
  const check = pages.filter((p) => p.group === "bookReview" || p.href === "gallery.html");
  const way = (cls: string, key: string, list: readonly PageRef[]): Html =>
    html`<section class="way ${cls}"><h2>${list[0] ? html`<a href="${list[0].href}">${t(key)}</a>` : t(key)}</h2><p>${t(`${key}Text`)}</p><ul>${list.map(link)}</ul></section>`;
  return html`<h1>${t("bookTitle")}</h1>
<p class="lead">${t("bookWhat")}</p>
<div class="ways">${way("read", "bookWayRead", read)}${way("teach", "bookWayTeach", teach)}${way("check", "bookWayCheck", [...check.filter((p) => p.href === "verification.html"), ...check.filter((p) => p.href !== "verification.html")])}</div>
${raw(
  galleryBody(figures, t("bookFigures"))
    .replace(/^<h1>/, "<h2>")
    .replace(/<\/h1>/, "</h2>"),
)}`.text;
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
  const body = html`<h1>${frame.t("bookAssumptions")}</h1><p>${frame.t("bookAssumptionsNote")}</p>
<div class="assumptions source-document" data-source="data/ASSUMPTIONS.md"${frame.lang !== "en" && raw(' lang="en"')}>${raw(r.html.replace(/<h1[^>]*>[\s\S]*?<\/h1>/, ""))}</div>`
    .text;
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
    return html`<figure class="print-figure"><img src="${png}" alt="${fig.layout?.meta?.title ?? ""}"></figure>`.text;
  };
  // The book on paper is the students' too: a seminar's solutions stay on the teachers' pages.
  const sections: PrintSection[] = input.chapters
    .filter((ch) => !isSolutions(ch.name))
    .map((ch) => ({
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
    css: pageCss().text,
    head: drawn ? '<script src="../plotly.min.js"></script>' : "",
    tail: drawn ? drawScript().text : "",
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
  // A seminar's solutions are the teachers': listed under their teacher's page in the sidebar
  // of the teachers' pages only (teachersPages), linked from that page, and in no students' page.
  const solutions = input.chapters.filter((c) => isSolutions(c.name));
  const solutionsOf = (p: TeachingPage): BookChapter[] =>
    solutions.filter((c) => seminarOf(p.name) !== undefined && seminarOf(c.name) === seminarOf(p.name));
  const solutionRef = (c: BookChapter): PageRef => ({
    href: `${c.name}.html`,
    title: chapterTitle(c),
    group: "bookTeaching",
    sub: true,
  });
  const teachingRefs = (withSolutions: boolean): PageRef[] =>
    teaching.flatMap((p) => [
      { href: `teaching-${p.name}.html`, title: teachingTitle(p), group: "bookTeaching" as const },
      ...(withSolutions ? solutionsOf(p).map(solutionRef) : []),
    ]);
  const pages: PageRef[] = [
    { href: "index.html", title: t("bookContents") },
    ...input.chapters
      .filter((c) => !isSolutions(c.name))
      .map((c) => ({ href: `${c.name}.html`, title: chapterTitle(c), group: "bookChapters" as const })),
    ...teachingRefs(false),
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
  // The teachers' pages and the solutions: the same frame with each seminar's solutions under its
  // teacher's page; a solutions page without a teacher's page comes last among the teachers'.
  const listed = new Set(teaching.flatMap((p) => solutionsOf(p).map((c) => c.name)));
  const teachersPages: PageRef[] = [
    ...pages.filter((p) => p.group !== "bookTeaching" && p.group !== "bookFigures" && p.group !== "bookReview"),
    ...teachingRefs(true),
    ...solutions.filter((c) => !listed.has(c.name)).map(solutionRef),
    ...pages.filter((p) => p.group === "bookFigures" || p.group === "bookReview"),
  ];
  const teachers: Frame = { ...frame, pages: teachersPages };
  const scripts = liveScripts();
  const files: [string, string | Buffer][] = [
    ["plotly.min.js", readFileSync(paths.plotlyBundle)],
    ["figures.js", scripts.figures],
    ["live.js", scripts.live],
    ["live-data.js", liveDataScript()],
  ];
  const own = (name: string, html: string): void => void files.push([`${input.lang}/${name}`, html]);
  const figureFiles = input.figureFiles ?? new Map<string, FigureFiles>();
  const galleryItems = [...input.figures.entries()].map(([id, f]) => ({
    href: `figure-${id}.html`,
    number: figureNumber(id, input.lang),
    title: figureShort(id, input.lang, f),
    thumbnail: figureFiles.get(id)?.png,
  }));
  own("index.html", page(frame, "index.html", startPage(pages, galleryItems, t)));
  for (const ch of input.chapters) own(`${ch.name}.html`, chapterPage(ch, isSolutions(ch.name) ? teachers : frame));
  for (const p of teaching) {
    const r = renderMarkdownWithHeadings(p.markdown);
    const links = solutionsOf(p).map(
      (c) =>
        html`<p class="solutions-link">${t("bookSolutionsLink")} <a href="${c.name}.html">${chapterTitle(c)}</a></p>`,
    );
    // The link to the seminar's solutions follows the page's title.
    const shown = joinHtml(links, "\n").text;
    const body = !links.length
      ? r.html
      : /<\/h1>/.test(r.html)
        ? r.html.replace(/<\/h1>/, () => `</h1>\n${shown}`)
        : `${shown}\n${r.html}`;
    own(`teaching-${p.name}.html`, page(teachers, `teaching-${p.name}.html`, body, r.headings));
  }
  const assumptions = assumptionsPage(frame);
  own("assumptions.html", assumptions.html);
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
  const entry = (l: Lang): Html =>
    html`<li lang="${l}"><a href="${l}/index.html" hreflang="${l}"><strong>${LANGUAGE_NAMES[l]}</strong><span>${ui.bookTitle![l]}</span></a></li>`;
  const index = html`<!DOCTYPE html>
<html lang="${languages[0] ?? "de"}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${languages.map((l) => ui.bookTitle![l]).join(" · ")}</title>
<style>\n${raw(bookAsset("book.css"))}\n${raw(bookAsset("site-index.css").trimEnd())}</style></head>
<body><main class="languages"><h1>${joinHtml(
    languages.map((l) => html`<span lang="${l}">${ui.bookTitle![l]}</span>`),
    "<br>",
  )}</h1>
<nav aria-label="${languages.map((l) => ui.bookLanguage![l]).join(" / ")}"><ul>${languages.map(entry)}</ul></nav></main></body>
</html>
`;
  writeFileAtomic(join(outDir, "site", "index.html"), index.text);
  return ["index.html"];
}
