/**
 * The live book gives the kernel's numbers: every chapter and seminar page of both languages,
 * opened from disk (file://) in headless Chromium with every network request refused, runs all
 * its cells live ("Run all" / "Alle ausführen"), and each cell's outputs equal those of the
 * executed notebook of `npm run report`: text and tables equal, figure specs equal after the
 * snapshot normalisation (sorted keys, 6 significant digits), no error output, no request
 * beyond the page's own files, no script error.
 *
 * The German executed notebooks are `output/notebooks/*.ipynb`; the English ones the report
 * does not keep as files, so an English page is compared with the outputs it carries, which the
 * book rendered from the executed English notebook (and the German pages show that those are
 * the notebook's own: their stored outputs are compared with the .ipynb as well).
 *
 * One difference must exist and is left out: the kernel's first figure of a session is preceded
 * by an output carrying plotly.js itself (metadata interspin.kind "plotly-library"); the page
 * draws with the plotly.js the book ships once and its cells never send it.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import type { Notebook, Output } from "../../src/notebook/format/nbformat.js";
import { launchChromiumOrSkip } from "../helpers/browser.js";
import { sharedReport } from "../helpers/shared-report.js";
import { normaliseFigure } from "../helpers/snapshot.js";
import {
  compared as pageShown,
  livePageErrors,
  openLivePage,
  pushText,
  runAllLive,
  type Shown,
  tableMarkup,
} from "../helpers/live-page.js";

const joined = (v: unknown): string => (Array.isArray(v) ? v.join("") : String(v ?? ""));

/** A notebook cell's outputs in the compared form. */
function notebookShown(outputs: readonly Output[]): Shown[] {
  const out: Shown[] = [];
  for (const o of outputs) {
    if (o.output_type === "stream") pushText(out, joined(o.text));
    else if (o.output_type === "error") out.push({ kind: "error", text: `${o.ename}: ${o.evalue}` });
    else {
      if ((o.metadata?.interspin as { kind?: string } | undefined)?.kind === "plotly-library") continue;
      const data = o.data as Record<string, unknown>;
      if (data["application/vnd.plotly.v1+json"])
        out.push({ kind: "figure", spec: normaliseFigure(data["application/vnd.plotly.v1+json"]) });
      else if (joined(data["text/html"]).startsWith("<table"))
        out.push({ kind: "table", html: tableMarkup(joined(data["text/html"])) });
      else pushText(out, joined(data["text/plain"]));
    }
  }
  return out;
}

describe("the live book runs every chapter and seminar page with the kernel's numbers (file://, network blocked)", function () {
  this.timeout(900_000);
  let browser: Browser | undefined;
  let site: string;
  let notebooks: string;

  before(async function () {
    browser = await launchChromiumOrSkip(this);
    const out = await sharedReport();
    site = join(out, "site");
    notebooks = join(out, "notebooks");
  });
  after(async () => {
    await browser?.close();
  });

  for (const lang of ["de", "en"] as const) {
    it(`runs all cells of every page in ${lang} and gives the notebook's outputs`, async () => {
      const names = readdirSync(notebooks)
        .filter((f) => f.endsWith(".ipynb"))
        .map((f) => f.replace(/\.ipynb$/, ""))
        .sort();
      assert.ok(names.length >= 12, `expected every chapter and seminar notebook, found ${names.length}`);
      const problems: string[] = [];
      for (const name of names) {
        const page: Page = await browser!.newPage();
        const url = pathToFileURL(join(site, lang, `${name}.html`)).href;
        const watch = await openLivePage(page, url);
        const stored = await watch.stored();
        const live = await runAllLive(page, lang);
        const cells = Object.keys(stored).map(Number);
        assert.ok(cells.length > 0, `${lang}/${name}: no live cell`);
        const nb =
          lang === "de" ? (JSON.parse(readFileSync(join(notebooks, `${name}.ipynb`), "utf8")) as Notebook) : undefined;
        for (const cell of cells) {
          const got = pageShown(live[cell] ?? []);
          const want = nb
            ? notebookShown((nb.cells[cell] as { outputs?: Output[] }).outputs ?? [])
            : pageShown(stored[cell]!);
          if (nb)
            assert.deepEqual(
              pageShown(stored[cell]!),
              want,
              `${lang}/${name} cell ${cell}: the page's stored outputs are the notebook's`,
            );
          if (got.some((o) => o.kind === "error"))
            problems.push(`${lang}/${name} cell ${cell}: error ${JSON.stringify(got.find((o) => o.kind === "error"))}`);
          try {
            assert.deepEqual(got, want);
          } catch {
            problems.push(
              `${lang}/${name} cell ${cell}: live ${JSON.stringify(got).slice(0, 400)} ≠ notebook ${JSON.stringify(want).slice(0, 400)}`,
            );
          }
        }
        problems.push(...livePageErrors(watch).map((e) => `${lang}/${name}: ${e}`));
        await page.close();
      }
      assert.deepEqual(problems, []);
    });
  }
});
