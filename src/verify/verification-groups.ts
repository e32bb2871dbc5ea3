/**
 * The verification in the report's order: chapters as the report has them, and within each its
 * figures, each with the published numbers read from it and the claims tested on it. A figure's
 * chapter is the codebook's (`figures[].chapter`, the notebook that shows it); the sample figure's
 * is chapter 2's.
 */
import type { Codebook, Lang } from "../data/codebook.js";
import { fill } from "../figures/common/layout.js";
import { sampleDef } from "../figures/sample-composition.js";
import type { ClaimEvidence } from "./claim-evidence.js";
import type { Verification } from "./verify.js";

/** One figure with its rows and claims, in the order they were given. */
export interface FigureGroup {
  figure: string;
  number: string;
  caption: string;
  rows: Verification[];
  claims: ClaimEvidence[];
}
/** One chapter (its codebook key, e.g. "03" or "anhang") with its figures. */
export interface ChapterGroup {
  chapter: string;
  figures: FigureGroup[];
}

/** The figures in report order with their chapter and heading: the sample figure first, then the codebook's. */
function figureOrder(cb: Codebook, lang: Lang): { id: string; chapter: string; number: string; caption: string }[] {
  const sample = sampleDef(cb);
  return [sample, ...cb.figures].map((f) => ({
    id: f.id,
    chapter: f.chapter,
    number: f.number[lang],
    caption: f.caption[lang],
  }));
}

/**
 * Groups rows and claims by chapter and figure: chapters in the order of their first figure,
 * figures in report order; a figure the codebook does not know comes last, under its own id.
 * @example groupVerification(verifyPublished(survey()), [], cb, "de")[0].figures[0].figure // => "sample"
 */
export function groupVerification(
  rows: readonly Verification[],
  claims: readonly ClaimEvidence[],
  cb: Codebook,
  lang: Lang,
): ChapterGroup[] {
  const known = figureOrder(cb, lang);
  const ids = [...new Set([...rows.map((r) => r.figure), ...claims.map((c) => c.figure)])];
  const order = [
    ...known.filter((f) => ids.includes(f.id)),
    ...ids.filter((id) => !known.some((f) => f.id === id)).map((id) => ({ id, chapter: "", number: id, caption: "" })),
  ];
  const chapters: ChapterGroup[] = [];
  for (const f of order) {
    let ch = chapters.find((c) => c.chapter === f.chapter);
    if (!ch) chapters.push((ch = { chapter: f.chapter, figures: [] }));
    ch.figures.push({
      figure: f.id,
      number: f.number,
      caption: f.caption,
      rows: rows.filter((r) => r.figure === f.id),
      claims: claims.filter((c) => c.figure === f.id),
    });
  }
  return chapters;
}

/**
 * A chapter's heading: the title of its notebook when `titles` has one (by notebook name, e.g.
 * "03-partnerwahl" for chapter "03"), else "Kapitel 3" / "Anhang".
 * @example chapterHeading("03", cb, "de") // => "Kapitel 3"
 */
export function chapterHeading(
  chapter: string,
  cb: Codebook,
  lang: Lang,
  titles: Readonly<Record<string, string>> = {},
): string {
  const own = Object.entries(titles).find(([name]) => name.startsWith(`${chapter}-`) || name.endsWith(`-${chapter}`));
  if (own) return own[1];
  if (/^\d+$/.test(chapter)) return fill(cb.ui.verifyChapter![lang], { chapter: Number(chapter) });
  return chapter === "anhang" ? cb.ui.verifyAppendix![lang] : chapter || "–";
}
