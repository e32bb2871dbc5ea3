/**
 * The book reads well at every width: at 1366, 1024 and 390 px (a laptop, a tablet, a phone),
 * every figure of every chapter, seminar and figure page, in both languages, is drawn within its
 * text column (its drawn width never exceeds the column, nothing scrolls sideways inside it), and
 * no legend item, axis label, title or note is clipped at the figure's edge or hidden there by plotly.js, no share
 * inside a bar is drawn too small to read; a table
 * wider than its box shows at its side that it scrolls. Measured in headless
 * Chromium on the pages opened from disk; a screenshot of each failing page is kept for a look.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { launchChromiumOrSkip } from "../helpers/browser.js";
import { sharedReport } from "../helpers/shared-report.js";

const WIDTHS = [1366, 1024, 390] as const;

/** What is wrong with the open page and its figures, one line each (measured in the page). */
function measure(): string[] {
  const problems: string[] = [];
  const page = document.documentElement;
  if (page.scrollWidth > window.innerWidth + 1)
    problems.push(`the page scrolls sideways (${page.scrollWidth} px in a window of ${window.innerWidth} px)`);
  // A table wider than its box scrolls inside it, with a shadow at the side there is more (a
  // background fixed to the box over one that moves with the table, which covers it at the ends),
  // and takes the keyboard's focus, so that the arrow keys scroll it.
  Array.from(document.querySelectorAll<HTMLElement>("div.table")).forEach((box, i) => {
    if (box.scrollWidth <= box.clientWidth + 1) return;
    const style = getComputedStyle(box);
    const layers = style.backgroundAttachment.split(",").map((a) => a.trim());
    if (style.overflowX !== "auto" || !layers.includes("local") || !layers.includes("scroll"))
      problems.push(
        `table ${i}: ${box.scrollWidth} px in a box of ${box.clientWidth} px, with no sign that it scrolls`,
      );
    if (box.tabIndex < 0) problems.push(`table ${i}: scrolls, but a keyboard cannot reach it to scroll`);
  });
  const plots = Array.from(document.querySelectorAll<HTMLElement>("div.plot"));
  plots.forEach((plot, i) => {
    const name = plot.id || `plot ${i}`;
    const column = (plot.closest("article") ?? document.body).getBoundingClientRect();
    const svg = plot.querySelector("svg.main-svg");
    if (!svg) {
      problems.push(`${name}: not drawn`);
      return;
    }
    const frame = svg.getBoundingClientRect();
    if (frame.width > column.width + 1)
      problems.push(`${name}: ${Math.round(frame.width)} px wide in a column of ${Math.round(column.width)} px`);
    if (frame.right > column.right + 1)
      problems.push(`${name}: ends at ${Math.round(frame.right)}, its column at ${Math.round(column.right)}`);
    if (plot.scrollWidth > plot.clientWidth + 1)
      problems.push(`${name}: scrolls sideways (${plot.scrollWidth} > ${plot.clientWidth})`);
    const parts: [string, string][] = [
      [".legend .traces", "legend item"],
      [".xtick text", "x label"],
      [".ytick text", "y label"],
      [".xtitle", "x title"],
      [".ytitle", "y title"],
      [".gtitle", "title"],
      [".annotation", "note"],
      [".sankey .node-label", "flow label"],
    ];
    // A share inside a bar segment is drawn at a readable size (Plotly shrinks a label to fit its segment).
    for (const el of Array.from(plot.querySelectorAll(".bars .bartext"))) {
      const b = el.getBoundingClientRect();
      const label = (el.textContent ?? "").trim();
      if (label && getComputedStyle(el).display !== "none" && Math.min(b.width, b.height) < 8)
        problems.push(`${name}: bar label "${label}" drawn ${Math.round(Math.min(b.width, b.height))} px high`);
    }
    for (const [selector, what] of parts)
      for (const el of Array.from(plot.querySelectorAll(selector))) {
        const b = el.getBoundingClientRect();
        const label = (el.textContent ?? "").slice(0, 40);
        // plotly.js hides a tick label that would reach past the figure's edge ("hide past div"):
        // the label is missing, as cut as one drawn over the edge.
        if (what.endsWith(" label") && label && getComputedStyle(el).display === "none") {
          problems.push(`${name}: ${what} "${label}" hidden at the figure's edge`);
          continue;
        }
        if (!b.width && !b.height) continue;
        if (
          b.left < frame.left - 1 ||
          b.right > frame.right + 1 ||
          b.top < frame.top - 1 ||
          b.bottom > frame.bottom + 1
        )
          problems.push(
            `${name}: ${what} "${label}" clipped (${Math.round(b.left)}–${Math.round(b.right)} × ${Math.round(b.top)}–${Math.round(b.bottom)} outside ${Math.round(frame.left)}–${Math.round(frame.right)} × ${Math.round(frame.top)}–${Math.round(frame.bottom)})`,
          );
      }
  });
  return problems;
}

/** Scrolls every figure into view (figures are drawn as they come near the screen) and waits until all are drawn. */
async function drawAll(page: Page): Promise<void> {
  const count = await page.locator("div.plot").count();
  for (let i = 0; i < count; i++) await page.locator("div.plot").nth(i).scrollIntoViewIfNeeded();
  await page.waitForFunction(
    () => Array.from(document.querySelectorAll("div.plot")).every((p) => p.querySelector("svg.main-svg")),
    undefined,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(300);
}

describe("figures fit the text column at 1366, 1024 and 390 px, nothing clipped (headless Chromium)", function () {
  this.timeout(1_200_000);
  let browser: Browser | undefined;
  let site: string;
  const shots = mkdtempSync(join(tmpdir(), "interspin-responsive-"));

  before(async function () {
    browser = await launchChromiumOrSkip(this);
    site = join(await sharedReport(), "site");
  });
  after(async () => {
    await browser?.close();
  });

  for (const width of WIDTHS) {
    it(`draws every figure within its column at ${width} px`, async () => {
      const context = await browser!.newContext({ viewport: { width, height: 900 } });
      await context.route("**/*", (route) =>
        /^(file|blob|data):/.test(route.request().url()) ? route.continue() : route.abort(),
      );
      const page = await context.newPage();
      const problems: string[] = [];
      for (const lang of ["de", "en"]) {
        const pages = readdirSync(join(site, lang)).filter((f) => /^(\d\d|S\d|figure-).*\.html$/.test(f));
        for (const file of pages.sort()) {
          await page.goto(pathToFileURL(join(site, lang, file)).href);
          await drawAll(page);
          const found = await page.evaluate(measure);
          if (found.length) {
            problems.push(...found.map((p) => `${width}px ${lang}/${file}: ${p}`));
            await page.screenshot({ path: join(shots, `${width}-${lang}-${file}.png`), fullPage: true });
          }
        }
      }
      await context.close();
      assert.deepEqual(problems, [], `screenshots of the pages in ${shots}`);
    });
  }
});
