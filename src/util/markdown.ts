/**
 * The notebooks' narrative Markdown as HTML, through markdown-it (CommonMark plus tables and
 * strikethrough). Raw HTML is off, so any markup in a notebook's Markdown reaches the page as
 * escaped text; links pass markdown-it's link check (no `javascript:`, `vbscript:`, `file:` or
 * non-image `data:` targets) and URL-like text is not turned into links. Headings get ids for the
 * page outline.
 */
import MarkdownIt from "markdown-it";

/** A heading of a rendered page: its level, text and anchor. */
export interface Heading {
  level: number;
  text: string;
  id: string;
}

/**
 * The anchor of a heading text: lower case, letters and digits kept (umlauts too), the rest as "-".
 * @example headingId("3.1 Partnerwahl: Überblick") // => "3-1-partnerwahl-überblick"
 */
export function headingId(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize("NFC")
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "") || "abschnitt"
  );
}

function parser(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.core.ruler.push("heading_ids", (state) => {
    const seen = ((state.env as { ids?: Map<string, number> }).ids ??= new Map<string, number>());
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i]!.type !== "heading_open") continue;
      const base = headingId(tokens[i + 1]?.content ?? "");
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      tokens[i]!.attrSet("id", n ? `${base}-${n}` : base);
    }
  });
  return md;
}

const md = parser();

/**
 * Renders Markdown to HTML and lists its headings with the ids they got (one parse); `env`
 * shared across calls keeps heading ids unique on one page.
 * @example renderMarkdownWithHeadings("# Titel\n\nText mit *Betonung*.").html // => '<h1 id="titel">Titel</h1>\n<p>Text mit <em>Betonung</em>.</p>\n'
 */
export function renderMarkdownWithHeadings(
  source: string,
  env: { ids?: Map<string, number> } = {},
): { html: string; headings: Heading[] } {
  const tokens = md.parse(source, env);
  return { html: md.renderer.render(tokens, md.options, env), headings: headingsOf(tokens) };
}

/** The headings of a Markdown text (parsed, not rendered). */
export const markdownHeadings = (source: string): Heading[] => headingsOf(md.parse(source, {}));

function headingsOf(tokens: ReturnType<MarkdownIt["parse"]>): Heading[] {
  const headings: Heading[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === "heading_open")
      headings.push({
        level: Number(t.tag.slice(1)),
        text: headingText(tokens[i + 1]?.children ?? []),
        id: t.attrGet("id") ?? "",
      });
  }
  return headings;
}

/** The plain text of a heading's inline tokens (code and emphasis reduced to their text). */
function headingText(children: { type: string; content: string }[]): string {
  return children
    .filter((c) => c.type === "text" || c.type === "code_inline")
    .map((c) => c.content)
    .join("")
    .trim();
}
