/**
 * The book's page of one figure, for reviewers: the interactive chart and its static picture,
 * the numbers behind it with their 95 % intervals, every published number and claim that
 * refers to it with its status (and, for claims, the range over every dataset consistent with
 * the report), the assumptions of the reconstruction it rests on, and the builder's source file.
 * Also the gallery of all figures with thumbnails. Bodies only; book.ts frames them.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Codebook, Lang } from "../data/codebook.js";
import type { NumberRow, PlotlyFigure } from "../figures/common/types.js";
import { pct } from "../figures/common/style.js";
import { paths } from "../paths.js";
import { html, joinHtml, raw, type Html } from "../util/html.js";
import type { ClaimEvidence } from "../verify/claim-evidence.js";
import { identifiedCells, orderText } from "../verify/identified-text.js";
import type { Heading } from "../util/markdown.js";
import { statusLabel, type Verification } from "../verify/verify.js";

/** The files of a figure beside its page (relative to the page), those that exist. */
export interface FigureFiles {
  png?: string;
  svg?: string;
  csv?: string;
  json?: string;
}

/** Everything one figure page shows. */
export interface FigurePageInput {
  id: string;
  figure: PlotlyFigure;
  numbers: readonly NumberRow[];
  rows: readonly Verification[];
  claims: readonly ClaimEvidence[];
  files: FigureFiles;
  /** The HTML of the interactive chart (book.ts's plot container). */
  chart: string;
  /** The assumptions page of the book and the ids of its sections, by section key. */
  assumptions: { href: string; sections: Partial<Record<AssumptionSection, string>> };
  /** Whether the data are the shipped reconstruction (other data rest on none of its assumptions). */
  reconstruction: boolean;
}

/** The sections of data/ASSUMPTIONS.md a figure can rest on. */
export type AssumptionSection = "sample" | "strata" | "items" | "pairs" | "verdicts" | "grids" | "identified";

/** The headings of data/ASSUMPTIONS.md that open each section (English, as the file is written). */
export const ASSUMPTION_HEADINGS: Record<AssumptionSection, string> = {
  sample: "The sample (chapter 2)",
  strata: "Strata",
  items: "Items",
  pairs: "Pairs and their joint tables",
  verdicts: "Published numbers: one standard for every verdict",
  grids: "Reading of Abbildung 6 and 7",
  identified: "The identified set",
};

/** The survey variables behind a figure: the codebook variables that name it. */
export function figureVariables(id: string, cb: Codebook): string[] {
  return cb.variables.filter((v) => (v as { figures?: string[] }).figures?.includes(id)).map((v) => v.name);
}

/**
 * The sections of the assumptions a figure rests on, in the file's order: the strata always,
 * the items and pairs whose variables it shows, the verdicts when a printed number of it needs a
 * reading, the grid reading for a grid figure, the identified set when a claim refers to it.
 * @example assumptionSections("abb-06", ["gave_tech_kmu"], { items: [["gave_tech_kmu"]], pairs: [] }, [], []) // => ["strata", "items", "grids"]
 */
export function assumptionSections(
  id: string,
  variables: readonly string[],
  recorded: { items: string[][]; pairs: string[][] },
  rows: readonly Verification[],
  claims: readonly ClaimEvidence[],
): AssumptionSection[] {
  const shows = (vars: string[]): boolean => vars.some((v) => variables.includes(v));
  const kind = (v: string): string => v.split("_")[0]!;
  const grid = variables.some((v) => kind(v) === "gave" || kind(v) === "got");
  const wanted: Record<AssumptionSection, boolean> = {
    sample: rows.some((r) => r.readings.some((x) => x.startsWith("base:"))),
    strata: true,
    items: recorded.items.some(shows),
    pairs: recorded.pairs.some(shows),
    verdicts: rows.some((r) => r.readings.length > 0),
    grids: grid || id === "abb-06" || id === "abb-07",
    identified: claims.some((c) => c.identified !== null) || rows.some((r) => r.identified !== undefined),
  };
  return (Object.keys(ASSUMPTION_HEADINGS) as AssumptionSection[]).filter((s) => wanted[s]);
}

/**
 * The builder's source file of a figure, relative to the project (`src/figures/<id>-….ts`).
 * @example figureSourceFile("abb-05") // => "src/figures/abb-05-willingness-to-share.ts"
 */
export function figureSourceFile(id: string, dir = join(paths.root, "src", "figures")): string | undefined {
  if (!existsSync(dir)) return undefined;
  const file = readdirSync(dir)
    .sort()
    .find((f) => f.startsWith(`${id}-`) && f.endsWith(".ts") && !f.endsWith(".d.ts"));
  return file ? `src/figures/${file}` : undefined;
}

const num = (x: number | null | undefined, lang: Lang, d = 1): string =>
  x === null || x === undefined || !Number.isFinite(x)
    ? "–"
    : lang === "de"
      ? x.toFixed(d).replace(".", ",")
      : x.toFixed(d);

/** The status of a published number as a badge (class by status, text in the page's language). */
export function statusBadge(status: string, lang: Lang, cb: Codebook): Html {
  return html`<span class="badge status-${status.replace(/[^a-z]+/g, "-")}">${statusLabel(status as Verification["status"], lang, cb)}</span>`;
}

function table(head: readonly string[], rows: readonly (readonly unknown[])[], cls: string): Html {
  return html`<div class="table" tabindex="0"><table class="${cls}"><thead><tr>${head.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>${joinHtml(
    rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`),
    "\n",
  )}</tbody></table></div>`;
}

/** A heading with its id, recorded for the page outline. */
function heading(headings: Heading[], text: string, id: string): Html {
  headings.push({ level: 2, text, id });
  return html`<h2 id="${id}">${text}</h2>`;
}

/** The body of a figure's page and its outline. */
export function figurePageBody(
  input: FigurePageInput,
  lang: Lang,
  cb: Codebook,
): { html: string; headings: Heading[] } {
  const t = (key: string): string => cb.ui[key]![lang];
  const col = (key: string): string => cb.ui[`col_${key}`]?.[lang] ?? key;
  const headings: Heading[] = [];
  const title = input.figure.layout.meta.title;
  const def = cb.figures.find((f) => f.id === input.id);
  // A short heading; the report's caption (for Abb. 6/7 the whole question) follows as a subtitle.
  const heading1 = def ? `${def.number[lang]}: ${(def.short ?? def.caption)[lang]}` : title;
  const parts: Html[] = [
    html`<h1>${heading1}</h1>`,
    html`${def && html`<p class="figure-question"><span>${t("figureQuestion")}:</span> ${def.caption[lang]}</p>`}`,
    html`<figure class="figure-chart">${raw(input.chart)}</figure>`,
  ];
  const { png, svg, csv, json } = input.files;
  if (png)
    parts.push(
      html`<details class="static"><summary>${t("figureStatic")}</summary><img src="${png}" alt="${title}" loading="lazy"></details>`,
    );
  const downloads = (
    [
      ["PNG", png],
      ["SVG", svg],
      ["CSV", csv],
      ["JSON", json],
    ] as const
  )
    .filter(([, f]) => f)
    .map(([label, f]) => html`<a href="${f!}" download>${label}</a>`);
  if (downloads.length) parts.push(html`<p class="downloads">${t("figureFiles")}: ${joinHtml(downloads, " · ")}</p>`);

  parts.push(heading(headings, t("figureNumbers"), "numbers"));
  parts.push(html`<p>${t("figureNumbersIntro")}</p>`);
  parts.push(
    table(
      [col("groupLabel"), col("itemLabel"), col("category"), "k/n", "%", lang === "de" ? "95%-KI" : "95% CI"],
      input.numbers.map((r) => [
        r.groupLabel,
        r.itemLabel,
        r.category,
        r.suppressed ? "–" : `${r.count}/${r.base}`,
        r.suppressed
          ? "–"
          : html`${pct(r.percent, lang)}${r.smallBase && html` <span class="badge small-base" title="${t("figureSmallBase")}">n&lt;</span>`}`,
        r.suppressed ? "–" : `${num(r.ciLow, lang)}–${num(r.ciHigh, lang)}`,
      ]),
      "numbers",
    ),
  );

  parts.push(heading(headings, t("figurePublished"), "published"));
  parts.push(
    input.rows.length
      ? table(
          [col("printed"), col("recomputed"), "k/n", col("status"), col("identified")],
          input.rows.map((r) => [
            html`<blockquote lang="de">${r.quote}</blockquote>${r.printed !== null && html`<strong>${num(r.printed, lang, r.decimals ?? 1)}</strong>`}`,
            num(r.recomputed, lang, 2),
            r.k !== null && r.n !== null ? `${r.k}/${r.n}` : r.n !== null ? `n=${r.n}` : "",
            html`<a href="verification.html#v-${r.id}">${statusBadge(r.status, lang, cb)}</a>`,
            orderText(r.identified, lang, cb),
          ]),
          "published",
        )
      : html`<p>${t("figureNone")}</p>`,
  );

  parts.push(heading(headings, t("figureClaims"), "claims"));
  parts.push(
    input.claims.length
      ? table(
          [col("claim"), col("pRange"), col("effectRange"), col("robust"), `${col("verdict")} (${col("onData")})`],
          input.claims.map((c) => {
            const id = identifiedCells(c.identified, lang, cb);
            return [
              lang === "de" ? c.claimDe : c.claimEn,
              id.p,
              id.effect,
              [id.verdict, id.readings, id.holds, id.assumptions].filter(Boolean).join(" — "),
              cb.ui[`verdict_${c.verdict}`]?.[lang] ?? c.verdict,
            ];
          }),
          "claims",
        )
      : html`<p>${t("figureNone")}</p>`,
  );

  parts.push(heading(headings, t("figureAssumptions"), "assumptions"));
  const links = Object.entries(input.assumptions.sections).map(
    ([key, anchor]) =>
      html`<li><a href="${input.assumptions.href}#${anchor!}" class="source-document" lang="en">${ASSUMPTION_HEADINGS[key as AssumptionSection]}</a></li>`,
  );
  parts.push(
    input.reconstruction
      ? html`<p>${t("figureAssumptionsIntro")}</p><ul>${links}</ul>`
      : html`<p>${t("figureAssumptionsOwnData")}</p>`,
  );

  parts.push(heading(headings, t("figureSource"), "source"));
  const source = figureSourceFile(input.id);
  parts.push(html`<p>${t("figureSourceIntro")} <code>${source ?? input.id}</code></p>`);
  return { html: joinHtml(parts, "\n").text, headings };
}

/** The gallery: a thumbnail (the static picture, when rendered) and the title of each figure, linking to its page. */
export function galleryBody(
  items: readonly { href: string; title: string; number: string; thumbnail?: string }[],
  title: string,
): string {
  const card = (f: (typeof items)[number]): Html =>
    html`<li><a href="${f.href}">${f.thumbnail && html`<img src="${f.thumbnail}" alt="" loading="lazy">`}<strong>${f.number}</strong><span>${f.title}</span></a></li>`;
  return html`<h1>${title}</h1><ul class="thumbnails">${joinHtml(items.map(card), "\n")}</ul>`.text;
}
