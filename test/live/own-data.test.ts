/**
 * A reader's own data in the live book (headless Chromium, pages opened from disk, every
 * network request refused): a survey CSV picked from disk reruns every cell of the page on it,
 * with the outputs the notebook API gives on that file (disclosure control included: cells
 * under 5 respondents suppressed) and a banner naming the file; a file that breaks the codebook
 * is refused with the command line's own validation message; a LimeSurvey export with its mapping
 * goes through the command line's import. Nothing is uploaded: no request leaves the page, and
 * no line of the file is found in any storage of the browser, in the page's address, in another
 * page of the book, or after a reload.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { loadCodebook } from "../../src/data/codebook.js";
import { readLimeSurvey } from "../../src/data/import-limesurvey.js";
import { readSurveyTable } from "../../src/data/load.js";
import { surveyCsv } from "../../src/data/reconstruct.js";
import type { Notebook } from "../../src/notebook/format/nbformat.js";
import { paths } from "../../src/paths.js";
import { launchChromiumOrSkip } from "../helpers/browser.js";
import { limeSurveyExport } from "../helpers/limesurvey-export.js";
import { RESPONDENTS } from "../helpers/limesurvey-respondents.js";
import { runCellsInNode } from "../helpers/live-node.js";
import { compared, livePageErrors, liveOutputs, openLivePage, whenIdle, type Watch } from "../helpers/live-page.js";
import { sharedReport } from "../helpers/shared-report.js";

const dir = mkdtempSync(join(tmpdir(), "interspin-own-data-"));
const cb = loadCodebook();

/** The shipped survey without its last 40 respondents: other data, so disclosure control applies. */
const ownCsv = join(dir, "meine-umfrage.csv");
const shipped = readFileSync(paths.survey, "utf8").trimEnd().split("\n");
writeFileSync(ownCsv, `${shipped.slice(0, shipped.length - 40).join("\n")}\n`);

/** Picks files into the panel's inputs (the panel opened first, as a reader does). */
async function pick(page: Page, index: number, files: string | string[]): Promise<void> {
  await page.locator(".live-data > summary").click();
  await page.locator('.live-data input[type="file"]').nth(index).setInputFiles(files);
}

/** Waits until the page computes on the reader's data and every cell has rerun. */
async function rerunOnOwnData(page: Page): Promise<void> {
  await page.waitForSelector(".live-banner.own", { timeout: 60_000 });
  await page.waitForFunction(() => document.body.hasAttribute("aria-busy") || document.querySelector(".live-cell.ran"));
  await whenIdle(page);
}

/** Every line of the file found anywhere outside the page itself (storage, cookies, address, databases). */
async function leaks(page: Page, file: string): Promise<string[]> {
  const lines = readFileSync(file, "utf8")
    .split(/\r?\n/)
    .filter((l) => l.length >= 20);
  const outside = await page.evaluate(async () => {
    const store = (s: Storage) =>
      Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i)!)}`).join("\n");
    const dbs = (await indexedDB.databases?.()) ?? [];
    return {
      localStorage: store(localStorage),
      sessionStorage: store(sessionStorage),
      cookie: document.cookie,
      address: location.href,
      databases: dbs.map((d) => d.name).join(","),
      caches: "caches" in self ? (await caches.keys()).join(",") : "",
    };
  });
  return Object.entries(outside).flatMap(([where, text]) =>
    lines.filter((l) => text.includes(l)).map((l) => `${where} holds "${l.slice(0, 30)}…"`),
  );
}

describe("own data in the live book: picked from disk, rerun locally, never uploaded", function () {
  this.timeout(900_000);
  let browser: Browser | undefined;
  let site: string;

  before(async function () {
    browser = await launchChromiumOrSkip(this);
    site = join(await sharedReport(), "site");
  });
  after(async () => {
    await browser?.close();
  });

  for (const name of ["03-partnerwahl", "S1-seminar-loesungen"]) {
    it(`reruns ${name} on a picked survey CSV with the API's outputs on that file, and keeps it in the page`, async () => {
      const context = await browser!.newContext();
      const page = await context.newPage();
      const url = pathToFileURL(join(site, "de", `${name}.html`)).href;
      const watch: Watch = await openLivePage(page, url);
      await pick(page, 0, ownCsv);
      await rerunOnOwnData(page);
      const banner = await page.locator(".live-banner").textContent();
      assert.match(banner!, /meine-umfrage\.csv \(118 Zeilen\)/);
      assert.match(banner!, /weniger als 5 Befragten/);

      const nb = JSON.parse(readFileSync(join(site, "..", "notebooks", `${name}.ipynb`), "utf8")) as Notebook;
      const want = await runCellsInNode(nb, `{ data = ${JSON.stringify(ownCsv)}; minCell = 5; }`);
      const got = await liveOutputs(page);
      assert.deepEqual(Object.keys(got), Object.keys(want));
      for (const cell of Object.keys(want).map(Number))
        assert.deepEqual(compared(got[cell]!), compared(want[cell]!), `cell ${cell}`);
      // The own data's N, and cells suppressed where fewer than 5 respondents answer.
      const all = Object.values(got).flat();
      assert.ok(
        all.some((o) => o.kind === "text" && /^(118\n|S1: 118 Befragte geladen \(eigene Daten\))/.test(o.text)),
      );
      if (name === "03-partnerwahl")
        assert.ok(
          all.some((o) => o.kind === "table" && /<td><\/td><td>\d+<\/td>/.test(o.html)),
          "a suppressed count",
        );
      else {
        assert.ok(all.filter((o) => o.kind === "text" && /✓/.test(o.text)).length >= 3, "checks computed on the file");
        assert.ok(
          all.some((o) => o.kind === "text" && /unterdrückt \(< 5 Befragte\)/.test(o.text)),
          "a check on a suppressed value",
        );
      }

      assert.deepEqual(livePageErrors(watch), [], "no request, no script error");
      assert.deepEqual(await leaks(page, ownCsv), []);
      const other = await context.newPage();
      await openLivePage(other, pathToFileURL(join(site, "de", "04-wissensdiffusion.html")).href);
      assert.equal(await other.locator(".live-banner.own").count(), 0, "another page of the book does not have it");
      assert.deepEqual(await leaks(other, ownCsv), []);
      await openLivePage(page, url);
      assert.equal(await page.locator(".live-banner.own").count(), 0, "gone after a reload");
      assert.deepEqual(await leaks(page, ownCsv), []);
      await context.close();
    });
  }

  it("refuses a CSV that breaks the codebook with the command line's message, and goes back to the shipped data", async () => {
    const page = await browser!.newPage();
    const watch = await openLivePage(page, pathToFileURL(join(site, "de", "03-partnerwahl.html")).href);
    const bad = join(paths.root, "test", "fixtures", "bad", "three-problems.csv");
    let message = "";
    try {
      readSurveyTable(readFileSync(bad), { file: "three-problems.csv" });
    } catch (e) {
      message = (e as Error).message;
    }
    assert.ok(message, "the fixture breaks the codebook");
    await pick(page, 0, bad);
    const alert = page.locator(".live-problems");
    await alert.waitFor({ state: "visible" });
    assert.equal(await alert.textContent(), `${cb.ui.liveDataRefused!.de}\n${message}`);
    assert.equal(await page.locator(".live-banner.own").count(), 0);
    assert.deepEqual(livePageErrors(watch), []);
    await page.close();
  });

  it("imports a LimeSurvey export with its mapping through the command line's import and reruns the page", async () => {
    const page = await browser!.newPage();
    const watch = await openLivePage(page, pathToFileURL(join(site, "en", "03-partnerwahl.html")).href);
    const exportFile = join(dir, "results-survey123456.csv");
    writeFileSync(exportFile, limeSurveyExport(cb, RESPONDENTS));
    const mapping = join(paths.data, "limesurvey", "mapping.example.json");
    const imported = readLimeSurvey(readFileSync(exportFile), {
      mapping: JSON.parse(readFileSync(mapping, "utf8")),
      codebook: cb,
    });
    await pick(page, 1, exportFile);
    await page.locator('.live-data input[type="file"]').nth(2).setInputFiles(mapping);
    await page.getByRole("button", { name: "Import the export", exact: true }).click();
    await rerunOnOwnData(page);
    const rows = imported.table.numRows();
    assert.match(
      (await page.locator(".live-banner").textContent())!,
      new RegExp(`results-survey123456\\.csv \\(mapping\\.example\\.json\\) \\(${rows} rows\\)`),
    );
    assert.match((await page.locator(".live-problems").textContent())!, /^LimeSurvey import: 22 responses/);
    const csv = join(dir, "imported.csv");
    writeFileSync(csv, surveyCsv(imported.table.objects() as Record<string, number | string>[], cb));
    const nb = JSON.parse(readFileSync(join(site, "..", "notebooks", "03-partnerwahl.ipynb"), "utf8")) as Notebook;
    const want = await runCellsInNode(nb, `{ data = ${JSON.stringify(csv)}; minCell = 5; lang = "en"; }`);
    const got = await liveOutputs(page);
    // The English page: its injected parameters say lang = "en"; the German notebook with lang set gives the same cells.
    for (const cell of Object.keys(want)
      .map(Number)
      .filter((c) => c > 2))
      assert.deepEqual(compared(got[cell]!), compared(want[cell]!), `cell ${cell}`);
    assert.deepEqual(livePageErrors(watch), []);
    assert.deepEqual(await leaks(page, exportFile), []);
    await page.close();
  });
});
