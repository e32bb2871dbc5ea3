/**
 * The book as one document for print (`site/<lang>/print.html`, printed to PDF by pdf.ts): a
 * title page, a table of contents, every chapter on new pages and an appendix. Links to other
 * pages of the book become links inside the document where that page is part of it, plain text
 * otherwise: a PDF must not point at files on the machine that printed it.
 */
import { escapeHtml } from "../util/html.js";

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

/** Styles for paper: A4 margins come from the printer (pdf.ts); pictures and tables fit the text column. */
export const printCss = `
body{font-size:10.5pt;line-height:1.45;max-width:none;margin:0}
h1{font-size:20pt}h2{font-size:14pt}h3{font-size:12pt}h1,h2,h3{break-after:avoid}
.print-title{break-after:page;padding-top:30%}.print-title h1{font-size:26pt}.print-title p{font-size:13pt;color:#57606a}
.print-contents ol{list-style:none;padding:0;font-size:12pt}.print-contents li{margin:.45em 0}.print-contents a{text-decoration:none;color:inherit}
.print-section{break-before:page}
figure.print-figure{margin:1em 0;break-inside:avoid}figure.print-figure img{display:block;max-width:100%;height:auto;margin:0 auto}
article table,table{font-size:8.5pt;max-width:100%}article td,article th,td,th{padding:2px 4px;hyphens:auto}tr,.callout{break-inside:avoid}thead{display:table-header-group}
@page{size:A4}@page wide{size:A4 landscape}.print-section.wide{page:wide}
pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:9pt}.table{overflow:visible}.plot{min-height:0}
a{color:inherit}
`;

/**
 * Rewrites the links of a section: a link to a page the document holds (`03-partnerwahl.html`,
 * with or without a fragment) leads to that page's section; any other relative link loses its
 * target and stays as text. Links with a scheme (`https:`, `mailto:`) and fragments stay.
 * @example printLinks('<a href="03-partnerwahl.html#abb-1">', new Map([["03-partnerwahl.html", "chapter-03-partnerwahl"]])) // => '<a href="#chapter-03-partnerwahl">'
 */
export function printLinks(html: string, sections: ReadonlyMap<string, string>): string {
  return html.replace(/<a\b([^>]*?)\shref="([^"]*)"/g, (m, before: string, href: string) => {
    if (/^([a-z][a-z0-9+.-]*:|#)/i.test(href)) return m;
    const id = sections.get(href.split("#")[0]!);
    return id ? `<a${before} href="#${escapeHtml(id)}"` : `<a${before}`;
  });
}

/**
 * The print document: title page, table of contents (one entry per section, linked to its
 * anchor), then each section starting a new page.
 * @example printDocument({ lang: "en", title: "Book", subtitle: [], contents: "Contents", sections: [{ id: "chapter-01", title: "Intro", html: "<h1>Intro</h1>", page: "01.html" }], css: "" }).includes('<a href="#chapter-01">Intro</a>') // => true
 */
export function printDocument(d: PrintDocument): string {
  const pages = new Map(d.sections.map((s) => [s.page, s.id]));
  const toc = d.sections.map((s) => `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a></li>`).join("");
  const sections = d.sections
    .map(
      (s) =>
        `<section class="print-section${s.wide ? " wide" : ""}" id="${escapeHtml(s.id)}">\n${printLinks(s.html, pages)}\n</section>`,
    )
    .join("\n");
  return `<!DOCTYPE html>
<html lang="${escapeHtml(d.lang)}">
<head><meta charset="utf-8"><title>${escapeHtml(d.title)}</title>
<style>${d.css}${printCss}</style>${d.head ?? ""}</head>
<body>
<header class="print-title"><h1>${escapeHtml(d.title)}</h1>${d.subtitle.map((l) => `<p>${escapeHtml(l)}</p>`).join("")}</header>
<nav class="print-contents"><h1>${escapeHtml(d.contents)}</h1><ol>${toc}</ol></nav>
${sections}
${d.tail ?? ""}
</body>
</html>
`;
}
