/**
 * LimeSurvey's texts as an export shows them: question and answer texts are HTML in the survey
 * structure, and an export's "Full question text" headings and "Full answers" are those texts
 * flattened (application/helpers/viewHelper.php, `flatten`: HTML Purifier with no tag allowed,
 * line breaks as spaces). Comparing both needs one plain form.
 */

const HTML_ENTITIES: Record<string, string> = {
  nbsp: "\u00a0",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  auml: "ä",
  ouml: "ö",
  uuml: "ü",
  Auml: "Ä",
  Ouml: "Ö",
  Uuml: "Ü",
  szlig: "ß",
  eacute: "é",
  egrave: "è",
  agrave: "à",
  ccedil: "ç",
  ntilde: "ñ",
  euro: "€",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  bdquo: "„",
  ldquo: "“",
  rdquo: "”",
  lsquo: "‘",
  rsquo: "’",
  sbquo: "‚",
  laquo: "«",
  raquo: "»",
  shy: "\u00ad",
};

/**
 * Decodes HTML character references (named ones of German, French and Spanish texts, and numeric ones).
 * @example decodeHtml("Gr&ouml;&szlig;e &amp; Co") // => "Größe & Co"
 */
export function decodeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return HTML_ENTITIES[ref] ?? whole;
  });
}

/**
 * The text without tags, references decoded, as LimeSurvey flattens it for an export.
 * @example flattenHtml("<p>Welcher <b>Akteursgruppe</b><br />gehört Ihre Organisation an?</p>") // => "Welcher Akteursgruppe gehört Ihre Organisation an?"
 */
export function flattenHtml(html: string): string {
  return decodeHtml(
    html
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ")
      .replace(/<br\s*\/?>|<\/(p|div|li|h\d|tr)>/gi, " ")
      .replace(/<[^>]*>/g, ""),
  )
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The form two texts are compared in: flattened, every kind of space one space, Unicode NFC,
 * case kept.
 * @example plain("Teils/teils\u00a0 ") // => "Teils/teils"
 */
export function plain(text: string): string {
  return flattenHtml(text)
    .normalize("NFC")
    .replace(/[\s\u00a0\u2000-\u200b\u202f\u3000\ufeff]+/g, " ")
    .trim();
}
