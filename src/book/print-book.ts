/**
 * The book as one document for print (`site/<lang>/print.html`, printed to PDF by pdf.ts): a
 * title page, a table of contents, every chapter on new pages and an appendix. Links to other
 * pages of the book become links inside the document where that page is part of it, plain text
 * otherwise: a PDF must not point at files on the machine that printed it.
 */
import { html, raw } from "../util/html.js";
import { bookAsset } from "./assets.js";

/** A chapter or appendix of the print document: its anchor, title and body. */
export interface PrintSection {
  id: string;
  title: string;
  html: string;
  /** The book's page the section comes from (links to it lead to the section). */
  page: string;
  /** Printed across the page (landscape), for wide tables. */
  wide?: boolean;
}

/** What the print document is made of. */
export interface PrintDocument {
  lang: string;
  title: string;
  /** Lines under the title on the title page. */
  subtitle: readonly string[];
  /** The heading of the table of contents. */
  contents: string;
  sections: readonly PrintSection[];
  /** Styles, and what goes into the head and at the end of the body (scripts, if any). */
  css: string;
  head?: string;
  tail?: string;
}

/**
 * Rewrites the links of a section: a link to a page the document holds (`03-partnerwahl.html`,
 * with or without a fragment) leads to that page's section; any other relative link loses its
 * target and stays as text. Links with a scheme (`https:`, `mailto:`) and fragments stay.
 * @example printLinks('<a href="03-partnerwahl.html#abb-1">', new Map([["03-partnerwahl.html", "chapter-03-partnerwahl"]])) // => '<a href="#chapter-03-partnerwahl">'
 */
export function printLinks(markup: string, sections: ReadonlyMap<string, string>): string {
  return markup.replace(/<a\b([^>]*?)\shref="([^"]*)"/g, (m, before: string, href: string) => {
    if (/^([a-z][a-z0-9+.-]*:|#)/i.test(href)) return m;
    const id = sections.get(href.split("#")[0]!);
    return id ? `<a${before} href="#${html`${id}`}"` : `<a${before}`;
  });
}

/**
 * The print document: title page, table of contents (one entry per section, linked to its
 * anchor), then each section starting a new page.
 * @example printDocument({ lang: "en", title: "Book", subtitle: [], contents: "Contents", sections: [{ id: "chapter-01", title: "Intro", html: "<h1>Intro</h1>", page: "01.html" }], css: "" }).includes('<a href="#chapter-01">Intro</a>') // => true
 */
export function printDocument(d: PrintDocument): string {
  const pages = new Map(d.sections.map((s) => [s.page, s.id]));
  const toc = d.sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`);
  const sections = d.sections.map(
    (s, i) =>
      html`${i ? "\n" : ""}<section class="print-section${s.wide ? " wide" : ""}" id="${s.id}">\n${raw(printLinks(s.html, pages))}\n</section>`,
  );
  return html`<!DOCTYPE html>
<html lang="${d.lang}">
<head><meta charset="utf-8"><title>${d.title}</title>
<style>${raw(d.css)}
${raw(bookAsset("print.css"))}</style>${raw(d.head ?? "")}</head>
<body>
<header class="print-title"><h1>${d.title}</h1>${d.subtitle.map((l) => html`<p>${l}</p>`)}</header>
<nav class="print-contents"><h1>${d.contents}</h1><ol>${toc}</ol></nav>
${sections}
${raw(d.tail ?? "")}
</body>
</html>
`.text;
}
