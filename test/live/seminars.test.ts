/**
 * The seminars in the live book, as students use them (headless Chromium, pages opened from
 * disk, network refused): in each answer cell of each seminar page, in both languages, a wrong
 * answer typed into the editor and run gives the hint `check` gives in Node (✗ and why), the
 * right one its ✓; the solutions pages run green live (every check ✓); answers are kept in the browser
 * across a reload, per page and language, until Reset (one cell) or Reset all.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { survey } from "../../src/api/chapter.js";
import { checkAnswer, exercises } from "../../src/seminar/exercises.js";
import { launchChromiumOrSkip } from "../helpers/browser.js";
import { sharedReport } from "../helpers/shared-report.js";
import { BUTTONS, livePageErrors, liveOutputs, openLivePage, runAllLive, whenIdle } from "../helpers/live-page.js";

const SEMINARS = ["S1-seminar-partnerwahl-und-naehe", "S2-seminar-wissensdiffusion", "S3-seminar-zahlen-pruefen"];
const SOLUTIONS = ["S1-seminar-loesungen", "S2-seminar-loesungen", "S3-seminar-loesungen"];

/**
 * The right answer of an exercise on the shipped data as a student types it, and a wrong one;
 * both held to the seminar's own judge (`checkAnswer`) first, so the page is asked what Node
 * already answers.
 */
function answers(id: string, lang: "de" | "en"): { right: string; wrong: string } {
  const ex = exercises.find((e) => e.id === id)!;
  const t = survey();
  const typed = (x: number, d: number): string => (lang === "de" ? x.toFixed(d).replace(".", ",") : x.toFixed(d));
  let right: string;
  let wrong: string;
  if (ex.kind === "number") {
    const x = ex.solve(t);
    right = typed(x, ex.decimals);
    wrong = typed(x + 17, ex.decimals);
  } else if (ex.kind === "choice") {
    const i = ex.solve(t);
    right = String.fromCharCode(97 + i);
    wrong = String.fromCharCode(97 + ((i + 1) % ex.options.length));
  } else {
    const { yes, value } = ex.solve(t);
    const word = (b: boolean) => (b ? (lang === "de" ? "ja" : "yes") : lang === "de" ? "nein" : "no");
    const number = value < 0.001 ? value.toExponential(2) : typed(value, 3);
    right = `${word(yes)}, ${number}`;
    wrong = `${word(!yes)}, ${number}`;
  }
  assert.ok(checkAnswer(id, right, t, lang).correct, `${id}: "${right}" is right in Node`);
  assert.ok(!checkAnswer(id, wrong, t, lang).correct, `${id}: "${wrong}" is wrong in Node`);
  return { right, wrong };
}

/** The cell's code with the answer between the backticks of its check call replaced by `value`. */
function withAnswer(code: string, value: string): string {
  const m = /(check\(\s*["'][\w-]+["']\s*,\s*`)([^`]*)(`)/.exec(code);
  assert.ok(m, `no answer between backticks in ${JSON.stringify(code)}`);
  return code.replace(m[0], `${m[1]}${value}${m[3]}`);
}

/** Types `code` into a cell's editor with the keyboard (select all, then type). */
async function typeInto(page: Page, cell: number, code: string): Promise<void> {
  const editor = page.locator(`[data-live-cell="${cell}"] .cm-content`);
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(code);
}

async function cellCode(page: Page, cell: number): Promise<string> {
  return page.locator(`[data-live-cell="${cell}"] .cm-content`).evaluate((el) =>
    Array.from(el.querySelectorAll(".cm-line"))
      .map((l) => l.textContent)
      .join("\n"),
  );
}

async function runCell(page: Page, cell: number, lang: "de" | "en"): Promise<string> {
  await page
    .locator(`[data-live-cell="${cell}"]`)
    .getByRole("button", { name: BUTTONS[lang].run, exact: true })
    .click();
  await whenIdle(page);
  const out = await liveOutputs(page);
  return (out[cell] ?? []).map((o) => ("text" in o ? o.text : o.kind)).join("");
}

describe("seminars in the live book: answers, checks, kept answers (file://, network blocked)", function () {
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

  for (const lang of ["de", "en"] as const) {
    it(`gives the hint for a wrong answer and ✓ for the right one in every answer cell (${lang})`, async () => {
      const context = await browser!.newContext();
      const problems: string[] = [];
      for (const name of SEMINARS) {
        const page = await context.newPage();
        const watch = await openLivePage(page, pathToFileURL(join(site, lang, `${name}.html`)).href);
        const cells = await page.$$eval("[data-exercise]", (els) =>
          els.map((e) => ({
            cell: Number((e as HTMLElement).dataset.liveCell),
            id: (e as HTMLElement).dataset.exercise!,
          })),
        );
        assert.ok(cells.length >= 5, `${name}: ${cells.length} answer cells`);
        for (const { cell, id } of cells) {
          const original = await cellCode(page, cell);
          const { right, wrong } = answers(id, lang);
          const said = (answer: string) => `${checkAnswer(id, answer, survey(), lang).message}\n`;
          await typeInto(page, cell, withAnswer(original, wrong));
          const saidWrong = await runCell(page, cell, lang);
          if (saidWrong !== said(wrong) || !saidWrong.includes("✗"))
            problems.push(`${lang}/${name} ${id} wrong (${wrong}): ${saidWrong}`);
          await typeInto(page, cell, withAnswer(original, right));
          const saidRight = await runCell(page, cell, lang);
          if (saidRight !== said(right) || !saidRight.includes("✓"))
            problems.push(`${lang}/${name} ${id} right (${right}): ${saidRight}`);
          if (!(await page.locator(`[data-live-cell="${cell}"]`).evaluate((e) => e.classList.contains("correct"))))
            problems.push(`${lang}/${name} ${id}: the cell is not marked correct`);
        }
        problems.push(...livePageErrors(watch).map((e) => `${lang}/${name}: ${e}`));
        await page.close();
      }
      await context.close();
      assert.deepEqual(problems, []);
    });

    it(`runs the solutions pages green: every check ✓ (${lang})`, async () => {
      const page = await browser!.newPage();
      for (const name of SOLUTIONS) {
        const watch = await openLivePage(page, pathToFileURL(join(site, lang, `${name}.html`)).href);
        const live = await runAllLive(page, lang);
        const checks = await page.$$eval("[data-exercise]", (els) =>
          els.map((e) => Number((e as HTMLElement).dataset.liveCell)),
        );
        assert.ok(checks.length >= 5, `${name}: ${checks.length} checks`);
        for (const cell of checks) {
          const text = (live[cell] ?? []).map((o) => ("text" in o ? o.text : o.kind)).join("");
          const verdicts = text.split("\n").filter((l) => /^s\d-\d+: /.test(l));
          assert.ok(
            verdicts.length > 0 && verdicts.every((l) => /^s\d-\d+: ✓/.test(l)),
            `${lang}/${name} cell ${cell}: ${text}`,
          );
        }
        assert.deepEqual(livePageErrors(watch), []);
      }
      await page.close();
    });
  }

  it("keeps answers across a reload, per page and language, until Reset or Reset all", async () => {
    const context = await browser!.newContext();
    const page = await context.newPage();
    const de = pathToFileURL(join(site, "de", `${SEMINARS[0]}.html`)).href;
    const en = pathToFileURL(join(site, "en", `${SEMINARS[0]}.html`)).href;
    await openLivePage(page, de);
    const [first, second] = await page.$$eval("[data-exercise]", (els) =>
      els.map((e) => Number((e as HTMLElement).dataset.liveCell)),
    );
    const original = await cellCode(page, first!);
    const typed = withAnswer(original, "12,5");
    await typeInto(page, first!, typed);
    await typeInto(page, second!, withAnswer(await cellCode(page, second!), "b"));
    await openLivePage(page, de);
    assert.equal(await cellCode(page, first!), typed, "kept across a reload");
    await openLivePage(page, en);
    assert.notEqual(await cellCode(page, first!), typed, "the English page keeps its own answers");
    await openLivePage(page, de);
    await page
      .locator(`[data-live-cell="${first}"]`)
      .getByRole("button", { name: BUTTONS.de.reset, exact: true })
      .click();
    assert.equal(await cellCode(page, first!), original, "Reset restores the notebook's code");
    await openLivePage(page, de);
    assert.equal(await cellCode(page, first!), original, "and forgets the kept answer");
    assert.notEqual(await cellCode(page, second!), original, "the other answer is still kept");
    await page.getByRole("button", { name: lang("de").resetAll, exact: true }).click();
    await openLivePage(page, de);
    assert.equal(await page.evaluate(() => localStorage.length), 0, "Reset all leaves nothing stored for the page");
    await context.close();
  });
});

function lang(l: "de" | "en"): { resetAll: string } {
  return { resetAll: l === "de" ? "Alle zurücksetzen" : "Reset all" };
}
