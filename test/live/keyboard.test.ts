/**
 * The live page's contract with people and tests (headless Chromium, page opened from disk,
 * network refused): every live cell is an element with `data-live-cell` (its index in the
 * notebook) holding its outputs in an area that announces them (`aria-live`); the buttons are
 * named "Run all"/"Alle ausführen", "Run"/"Ausführen", "Reset"/"Zurücksetzen",
 * "Interrupt"/"Unterbrechen"; `<body aria-busy="true">` while a cell runs; Tab reaches every
 * control with a visible focus; Shift+Enter runs the cell being edited; a cell that never ends
 * leaves the page responsive and Interrupt ends it; errors name the cell's line and column.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import type { Notebook } from "../../src/notebook/format/nbformat.js";
import { launchChromiumOrSkip } from "../helpers/browser.js";
import { BUTTONS, livePageErrors, liveOutputs, openLivePage, whenIdle } from "../helpers/live-page.js";
import { sharedReport } from "../helpers/shared-report.js";

async function typeInto(page: Page, cell: number, code: string): Promise<void> {
  await page.locator(`[data-live-cell="${cell}"] .cm-content`).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(code);
}

async function outputText(page: Page, cell: number): Promise<string> {
  return ((await liveOutputs(page))[cell] ?? []).map((o) => ("text" in o ? o.text : o.kind)).join("");
}

describe("the live page's contract: names, busy state, keyboard, interrupt, errors", function () {
  this.timeout(600_000);
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
    it(`marks every code cell with its notebook index and names the buttons (${lang})`, async () => {
      const page = await browser!.newPage();
      await openLivePage(page, pathToFileURL(join(site, lang, "03-partnerwahl.html")).href);
      const nb = JSON.parse(readFileSync(join(notebooks, "03-partnerwahl.ipynb"), "utf8")) as Notebook;
      const code = nb.cells.flatMap((c, i) => (c.cell_type === "code" ? [i] : []));
      const cells = await page.$$eval("[data-live-cell]", (els) =>
        els.map((e) => ({
          index: Number((e as HTMLElement).dataset.liveCell),
          live: e.querySelector(".outputs")?.getAttribute("aria-live"),
        })),
      );
      assert.deepEqual(
        cells.map((c) => c.index),
        code,
      );
      assert.ok(cells.every((c) => c.live === "polite"));
      const b = BUTTONS[lang];
      assert.equal(await page.getByRole("button", { name: b.runAll, exact: true }).count(), 1);
      assert.equal(await page.getByRole("button", { name: b.interrupt, exact: true }).count(), 1);
      assert.equal(await page.getByRole("button", { name: b.run, exact: true }).count(), code.length);
      assert.equal(await page.getByRole("button", { name: b.reset, exact: true }).count(), code.length);
      await page.close();
    });
  }

  it("reaches every control by Tab, each with a visible focus, and runs a cell with Shift+Enter", async () => {
    const page = await browser!.newPage();
    const watch = await openLivePage(page, pathToFileURL(join(site, "en", "03-partnerwahl.html")).href);
    // The page's own controls; a figure's tool buttons (plotly.js) are checked for a visible focus when reached.
    const controls = await page.$$eval(
      ".live-toolbar button, .live-toolbar summary, .live-cell-bar button, [data-live-cell] .cm-content",
      // Those shown: the data panel's own controls appear when it is opened.
      (els) => els.filter((e) => e.checkVisibility()).length,
    );
    const reached = new Set<string>();
    let invisible: string[] = [];
    for (let i = 0; i < 400 && reached.size < controls; i++) {
      await page.keyboard.press("Tab");
      await page.waitForTimeout(20);
      const f = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (
          !el?.matches(
            ".live-toolbar button, .live-toolbar summary, [data-live-cell] button, [data-live-cell] .cm-content",
          )
        )
          return null;
        const cell = el.closest<HTMLElement>("[data-live-cell]")?.dataset.liveCell ?? "page";
        const target = el.matches(".cm-content") ? el.closest(".cm-editor")! : el;
        const s = getComputedStyle(target);
        const shown = Number(getComputedStyle(el.closest(".modebar") ?? el).opacity) > 0.5;
        return {
          key: `${cell}:${el.tagName}:${el.getAttribute("aria-label") ?? el.textContent?.slice(0, 20)}`,
          own: !el.matches(".modebar-btn"),
          outline: shown && s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
        };
      });
      if (!f) continue;
      if (f.own) reached.add(f.key);
      if (!f.outline) invisible.push(f.key);
    }
    invisible = [...new Set(invisible)];
    assert.equal(reached.size, controls, `reached ${[...reached].join(", ")}`);
    assert.deepEqual(invisible, [], "every focused control shows its focus");

    // Shift+Enter in the editor of the cell that counts the respondents runs it (and the cells above).
    const nb = JSON.parse(readFileSync(join(notebooks, "03-partnerwahl.ipynb"), "utf8")) as Notebook;
    const counting = nb.cells.findIndex((c) => c.cell_type === "code" && String(c.source).includes("t.numRows()"));
    await page.locator(`[data-live-cell="${counting}"] .cm-content`).click();
    await page.keyboard.press("Shift+Enter");
    await whenIdle(page);
    assert.equal(await outputText(page, counting), "158\n");
    assert.deepEqual(livePageErrors(watch), []);
    await page.close();
  });

  it("keeps the page responsive while a cell never ends, and Interrupt ends it", async () => {
    const page = await browser!.newPage();
    const watch = await openLivePage(page, pathToFileURL(join(site, "de", "03-partnerwahl.html")).href);
    const first = await page.$eval("[data-live-cell]", (e) => Number((e as HTMLElement).dataset.liveCell));
    await typeInto(page, first, "let n = 0;\nwhile (true) { n++; }");
    await page
      .locator(`[data-live-cell="${first}"]`)
      .getByRole("button", { name: BUTTONS.de.run, exact: true })
      .click();
    await page.waitForTimeout(500);
    // An endless loop on the page's own thread would never let it answer; in the worker it does.
    const answer = await Promise.race([
      page.evaluate(() => document.body.getAttribute("aria-busy")),
      new Promise((resolve) => setTimeout(() => resolve("no answer within 30 s"), 30_000).unref()),
    ]);
    assert.equal(answer, "true", "the page answers while the cell runs, and says it is busy");
    await page.getByRole("button", { name: BUTTONS.de.interrupt, exact: true }).click();
    await whenIdle(page, 10_000);
    assert.match((await page.locator(".live-status").textContent())!, /Unterbrochen/);
    // A fresh scope: the page runs again.
    await page
      .locator(`[data-live-cell="${first}"]`)
      .getByRole("button", { name: BUTTONS.de.reset, exact: true })
      .click();
    await page.getByRole("button", { name: BUTTONS.de.runAll, exact: true }).click();
    await whenIdle(page);
    assert.ok(
      Object.values(await liveOutputs(page))
        .flat()
        .some((o) => o.kind === "figure"),
    );
    assert.deepEqual(livePageErrors(watch), []);
    await page.close();
  });

  it("names the line and column of a syntax error and the line of a runtime error", async () => {
    const page = await browser!.newPage();
    await openLivePage(page, pathToFileURL(join(site, "de", "03-partnerwahl.html")).href);
    const cells = await page.$$eval("[data-live-cell]", (els) =>
      els.map((e) => Number((e as HTMLElement).dataset.liveCell)),
    );
    const last = cells.at(-1)!;
    await typeInto(page, last, "const a: number = 1;\nconst b = (a +;\n");
    await page.locator(`[data-live-cell="${last}"]`).getByRole("button", { name: BUTTONS.de.run, exact: true }).click();
    await whenIdle(page);
    assert.equal(
      await page.locator(`[data-live-cell="${last}"] pre.error`).textContent(),
      "SyntaxError: Unexpected token (Zeile 2, Spalte 15)",
    );
    await typeInto(page, last, '// eine Abbildung, die es nicht gibt\n\nshowFigure("abb-99", t, { lang: lang });');
    await page.locator(`[data-live-cell="${last}"]`).getByRole("button", { name: BUTTONS.de.run, exact: true }).click();
    await whenIdle(page);
    assert.match(
      (await page.locator(`[data-live-cell="${last}"] pre.error`).textContent())!,
      /^RangeError: .*abb-99.* \(Zeile 3, Spalte \d+\)$/,
    );
    await page.close();
  });
});
