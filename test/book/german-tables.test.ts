import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../../src/paths.js";
import { sharedReport } from "../helpers/shared-report.js";
import { count, surveyRows } from "../helpers/rows.js";
import { germanNumber } from "../seminar/typed.js";

/** HTML text without tags, entities decoded as far as the book writes them. */
const plain = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();

/** A number written with a decimal point (not a date or version such as 22.02.2021 or 4.1.1). */
const DECIMAL_POINT = /(?<![\d.])\d+\.\d+(?![\d.])/;

describe("the German book: numbers and column headings as a German reader writes them", function () {
  this.timeout(300_000);
  const ui = (JSON.parse(readFileSync(paths.codebook, "utf8")) as { ui: Record<string, { de: string; en: string }> })
    .ui;
  // a column's code name (given, balance, …) or its English heading, where the German one differs
  const english = new Set(
    Object.entries(ui)
      .filter(([k]) => k.startsWith("col_"))
      .flatMap(([k, v]) => [k.slice(4), ...(v.en !== v.de ? [v.en] : [])])
      .filter((h) => h.length > 1),
  );

  it("has no decimal point in a table cell or an output and no English column heading on any German page", async () => {
    const dir = join(await sharedReport(), "site", "de");
    // assumptions.html shows data/ASSUMPTIONS.md as an English source document; print.html gathers the other pages
    const pages = readdirSync(dir).filter(
      (f) => f.endsWith(".html") && !["assumptions.html", "print.html"].includes(f),
    );
    assert.ok(
      pages.some((f) => f.startsWith("S2-seminar")) && pages.some((f) => f.startsWith("02-")),
      pages.join(", "),
    );
    const problems: string[] = [];
    let tables = 0;
    for (const f of pages) {
      const html = readFileSync(join(dir, f), "utf8").replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, "");
      for (const table of html.match(/<table[\s\S]*?<\/table>/g) ?? []) {
        tables++;
        for (const [, th] of table.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g))
          if (english.has(plain(th!))) problems.push(`${f}: English heading "${plain(th!)}"`);
        for (const [, td] of table.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g))
          if (DECIMAL_POINT.test(plain(td!))) problems.push(`${f}: "${plain(td!).slice(0, 60)}"`);
      }
      for (const [, pre] of html.matchAll(/<pre class="(?:stream|output)">([\s\S]*?)<\/pre>/g))
        if (DECIMAL_POINT.test(plain(pre!))) problems.push(`${f}: output "${plain(pre!).slice(0, 80)}"`);
    }
    assert.ok(tables >= 20, `${tables} tables read`);
    assert.deepEqual(problems, []);
  });

  it("writes the balance table of S2 with German headings and decimal commas", async () => {
    const html = readFileSync(join(await sharedReport(), "site", "de", "S2-seminar-wissensdiffusion.html"), "utf8");
    const table = html.match(/<table[\s\S]*?<\/table>/)![0];
    assert.deepEqual(
      [...table.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => plain(m[1]!)),
      ["Gruppe", ui.col_given!.de, ui.col_received!.de, ui.col_balance!.de],
    );
    // the first row: SMEs' shares who received from them and gave to them (foreign contacts), counted from the rows
    const rows = surveyRows();
    const share = (v: string) => {
      const valid = rows.filter((r) => (r[v] as number) >= 0);
      return (100 * count(valid, (r) => r[v] === 1)) / valid.length;
    };
    const [given, received] = [share("got_contacts_kmu"), share("gave_contacts_kmu")];
    const cells = [given, received, given - received].map((x) => `<td>${germanNumber(Math.round(x * 10) / 10)}</td>`);
    assert.ok(table.includes(cells.join("")), `${cells.join("")} in ${table.slice(0, 600)}`);
  });
});
