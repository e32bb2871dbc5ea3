import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { writeFileAtomic } from "../node/atomic-write.js";
import { readVerified, writeVerified } from "../node/verified-file.js";
import { chromiumPath, chromiumProfile } from "../render/render-static.js";
import { pruneCache } from "../node/cache-folder.js";
import { hasher, sha256 } from "../node/hash.js";

/** The date the PDF carries: the report's publication date (22.02.2021), not the clock's. */
export const PDF_DATE = "20210222000000";

/** One document to print: the HTML file and the PDF to write. */
export interface PrintJob {
  html: string;
  pdf: string;
}

/** A printed PDF: its file, size and how long printing took. */
export interface Printed {
  pdf: string;
  bytes: number;
  ms: number;
}

const footer = `<div style="width:100%;font-family:Arial,Helvetica,sans-serif;font-size:8pt;color:#57606a;text-align:center"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`;

/** Resolves when the fonts are ready, every picture is decoded and every chart drawn; rejects naming a picture that failed to load. */
const ready = `(async () => {
  await document.fonts.ready;
  await Promise.all([...document.images].map((img) => img.complete ? null : new Promise((r) => { img.onload = img.onerror = r; })));
  const broken = [...document.images].filter((img) => !img.naturalWidth).map((img) => img.getAttribute("src"));
  if (broken.length) throw new Error("pictures that did not load: " + broken.join(", "));
  while ([...document.querySelectorAll("div.plot")].some((el) => !el.querySelector(".main-svg") && !el.textContent)) await new Promise((r) => setTimeout(r, 50));
})()`;

/**
 * Prints each job's HTML file to its PDF in one headless Chromium, each in a page of its own and all at once (A4, 18 mm margins,
 * backgrounds, page numbers "n / total" in the footer, tagged with a document outline), with
 * the clock-dependent bytes fixed (see {@link stablePdf}).
 * @returns the PDFs written, or null when no Chromium is installed.
 * @throws Error naming a picture of the document that did not load.
 * @example (await printPdfs([{ html: "output/site/de/print.html", pdf: "output/report-de.pdf" }]))?.[0]?.pdf // => "output/report-de.pdf"
 */
export async function printPdfs(jobs: readonly PrintJob[]): Promise<Printed[] | null> {
  const browser = await chromiumProfile();
  if (!browser) return null;
  const context = await browser.launch();
  try {
    // Each document in its own page, all at once: layout and printing use every core.
    return await Promise.all(
      jobs.map(async (job) => {
        const page = await context.newPage();
        const start = Date.now();
        await page.goto(pathToFileURL(job.html).href, { waitUntil: "load" });
        await page.evaluate(ready);
        const pdf = await page.pdf({
          format: "A4",
          preferCSSPageSize: true,
          margin: { top: "18mm", bottom: "18mm", left: "18mm", right: "18mm" },
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: "<span></span>",
          footerTemplate: footer,
          tagged: true,
          outline: true,
        });
        const bytes = stablePdf(pdf);
        writeFileAtomic(job.pdf, bytes);
        await page.close();
        return { pdf: job.pdf, bytes: bytes.length, ms: Date.now() - start };
      }),
    );
  } finally {
    await context.close();
    browser.dispose();
  }
}

/** Options of {@link printPdfsCached}. */
export interface PdfCacheOptions {
  cacheDir: string;
  force?: boolean;
  /** Told of a stored print discarded because its bytes did not match their hash (one line). */
  onNote?: (line: string) => void;
}

/**
 * The cache key of a print: SHA-256 over the layout of stored prints, the print document, every
 * file of the folders it loads pictures from (`figures/` beside it), the printing code and the browser.
 */
export function pdfKey(html: string): string {
  const h = hasher()
    .update("stored with its hash 1\0")
    .update(readFileSync(html))
    .update(`\0${chromiumPath() ?? ""}\0`)
    .update(readFileSync(fileURLToPath(import.meta.url)));
  const figures = join(dirname(html), "figures");
  if (existsSync(figures))
    for (const f of readdirSync(figures).sort()) h.update(`\0${f}\0`).update(readFileSync(join(figures, f)));
  return h.digest("hex");
}

/**
 * {@link printPdfs} for the documents whose print is not stored in `cacheDir`; the others are
 * copied from it, so a report in which nothing changed starts no browser for its PDFs. Stored
 * prints carry the hash of their bytes and are checked when read (node/verified-file.ts): one
 * that does not match is discarded, with a note, and printed again.
 * @returns the PDFs written (stored ones with ms 0), or null when a print is needed and no Chromium is installed.
 */
export async function printPdfsCached(jobs: readonly PrintJob[], options: PdfCacheOptions): Promise<Printed[] | null> {
  const keyed = jobs.map((job) => {
    const stored = join(options.cacheDir, `${pdfKey(job.html)}.pdf`);
    const read = options.force ? undefined : readVerified(stored);
    if (read?.status === "damaged")
      options.onNote?.(
        `the stored print of ${basename(job.pdf)} did not match its recorded hash: discarded, printing it again`,
      );
    return { job, stored, bytes: read?.status === "ok" ? read.bytes : undefined };
  });
  const missing = keyed.filter((k) => !k.bytes);
  const printed = missing.length ? await printPdfs(missing.map((k) => k.job)) : [];
  if (!printed) return null;
  for (const k of missing) writeVerified(k.stored, readFileSync(k.job.pdf));
  if (missing.length) pruneCache(options.cacheDir, 16);
  return keyed.map((k) => {
    const fresh = printed.find((p) => p.pdf === k.job.pdf);
    if (fresh || !k.bytes) return fresh!;
    writeFileAtomic(k.job.pdf, k.bytes);
    return { pdf: k.job.pdf, bytes: k.bytes.length, ms: 0 };
  });
}

/**
 * The PDF with its clock-dependent bytes fixed: /CreationDate and /ModDate set to `date`
 * (`YYYYMMDDHHmmSS`, time zone UTC), the node names of structure elements numbered from 0, a
 * document /ID to the first bytes of the SHA-256 of the file with that ID left out. Every replacement has the length of what it replaces, so the
 * cross-reference offsets stay valid.
 * @example stablePdf(Buffer.from("/CreationDate (D:20261202185358+01'00')")).toString() // => "/CreationDate (D:20210222000000+00'00')"
 */
export function stablePdf(pdf: Buffer, date = PDF_DATE): Buffer {
  let s = pdf.toString("latin1");
  s = s.replace(
    /\/(CreationDate|ModDate) ?\(D:\d{14}([+-]\d\d'\d\d'?|Z)?\)/g,
    (m, _key: string, zone: string | undefined) => {
      const fixed = zone === undefined ? "" : zone === "Z" ? "Z" : `+00'00${zone.endsWith("'") ? "'" : ""}`;
      return `${m.slice(0, m.indexOf("(D:") + 3) + date + fixed})`;
    },
  );
  // Tagged PDF: each structure element names its DOM node (`(node00000109)`), numbered by the
  // browser across every page it loaded; renumbered in their order, so the ID tree stays sorted.
  const nodes = [...new Set([...s.matchAll(/\(node(\d+)\)/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
  const renumbered = new Map(nodes.map((n, i) => [n, i]));
  s = s.replace(
    /\(node(\d+)\)/g,
    (_m, digits: string) => `(node${String(renumbered.get(Number(digits))).padStart(digits.length, "0")})`,
  );
  const id = /\/ID ?\[ ?<([0-9A-Fa-f]+)> ?<([0-9A-Fa-f]+)> ?\]/.exec(s);
  if (id) {
    const blank = s.slice(0, id.index) + s.slice(id.index + id[0].length);
    const hash = sha256(Buffer.from(blank, "latin1")).repeat(4);
    s =
      s.slice(0, id.index) +
      id[0].replace(id[1]!, hash.slice(0, id[1]!.length)).replace(id[2]!, hash.slice(0, id[2]!.length)) +
      s.slice(id.index + id[0].length);
  }
  return Buffer.from(s, "latin1");
}
