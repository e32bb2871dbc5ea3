/**
 * Driving a page of the live book in headless Chromium: open it from disk with every request
 * but the page's own files refused (and recorded), read the outputs it carries, press its
 * buttons by their accessible names, wait while `<body aria-busy="true">`, read what its cells
 * showed (`window.interspinLive.outputs()`).
 */
import type { Page } from "playwright-core";
import { normaliseFigure } from "./snapshot.js";

/** One output as a page shows it. */
export type Seen =
  | { kind: "text"; text: string }
  | { kind: "table"; html: string }
  | { kind: "figure"; spec: unknown }
  | { kind: "error"; text: string; line?: number };

/** What a page did while it was watched. */
export interface Watch {
  /** Requests other than the page's own files (file:), blob: and data: URLs; each was refused. */
  requests: string[];
  /** Uncaught errors and console errors of the page. */
  errors: string[];
  /** The outputs the page carries, by cell index, read before anything runs. */
  stored(): Promise<Record<number, Seen[]>>;
}

/** The button names of the testing contract, by language. */
export const BUTTONS = {
  de: { runAll: "Alle ausführen", run: "Ausführen", reset: "Zurücksetzen", interrupt: "Unterbrechen" },
  en: { runAll: "Run all", run: "Run", reset: "Reset", interrupt: "Interrupt" },
} as const;

/** Opens a page of the live book and waits until its kernel is ready. */
export async function openLivePage(page: Page, url: string): Promise<Watch> {
  const watch: Watch = {
    requests: [],
    errors: [],
    stored: () =>
      page.evaluate(() => {
        const out: Record<number, unknown[]> = {};
        for (const cell of Array.from(document.querySelectorAll<HTMLElement>("[data-live-cell]"))) {
          const seen: unknown[] = [];
          for (const el of Array.from(cell.querySelector(".outputs")?.children ?? [])) {
            if (el.matches("pre.error")) seen.push({ kind: "error", text: el.textContent });
            else if (el.matches("pre")) seen.push({ kind: "text", text: el.textContent });
            else if (el.matches("div.table")) seen.push({ kind: "table", html: el.innerHTML });
            else if (el.matches("div.plot"))
              seen.push({
                kind: "figure",
                spec: JSON.parse(document.getElementById(el.id.replace("plot-", "spec-"))!.textContent!),
              });
          }
          out[Number(cell.dataset.liveCell)] = seen;
        }
        return out;
      }) as Promise<Record<number, Seen[]>>,
  };
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (/^(file|blob|data):/.test(u)) return route.continue();
    watch.requests.push(u);
    return route.abort();
  });
  page.on("pageerror", (e) => watch.errors.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") watch.errors.push(`console error: ${m.text()}`);
  });
  await page.goto(url);
  await page.waitForSelector("body[data-live-ready]", { timeout: 60_000 });
  return watch;
}

/** The requests and errors a watched page must not have, one line each. */
export function livePageErrors(watch: Watch): string[] {
  return [...watch.requests.map((r) => `request ${r}`), ...watch.errors];
}

/** Waits until no cell of the page runs. */
export async function whenIdle(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(() => !document.body.hasAttribute("aria-busy"), undefined, { timeout });
}

/** The outputs the cells showed when they last ran, by cell index. */
export function liveOutputs(page: Page): Promise<Record<number, Seen[]>> {
  return page.evaluate(() => {
    const live = (window as unknown as { interspinLive: { outputs(): Record<number, Array<Record<string, unknown>>> } })
      .interspinLive;
    const out: Record<number, unknown[]> = {};
    for (const [cell, outputs] of Object.entries(live.outputs()))
      out[Number(cell)] = outputs.map((o) =>
        o.kind === "stream"
          ? { kind: "text", text: o.text }
          : o.kind === "table"
            ? { kind: "table", html: o.html }
            : o.kind === "figure"
              ? { kind: "figure", spec: o.spec }
              : { kind: "error", text: `${o.ename}: ${o.evalue}`, line: o.line },
      );
    return out;
  }) as Promise<Record<number, Seen[]>>;
}

/** Presses "Run all" (in the page's language), waits for the page to be idle, and gives what every cell showed. */
export async function runAllLive(page: Page, lang: "de" | "en"): Promise<Record<number, Seen[]>> {
  await page.getByRole("button", { name: BUTTONS[lang].runAll, exact: true }).click();
  await whenIdle(page);
  return liveOutputs(page);
}

/** One output as compared: text runs merged as a notebook front end shows them, figures normalised. */
export type Shown =
  | { kind: "text"; text: string }
  | { kind: "table"; html: string }
  | { kind: "figure"; spec: string }
  | { kind: "error"; text: string };

/**
 * A table's markup as a browser serialises it: `&quot;` and `&#39;` in text become plain quotes
 * (the stored outputs of a page are read back from its DOM).
 */
export const tableMarkup = (html: string): string => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** Appends text to the last text run, or starts one. */
export function pushText(out: Shown[], text: string): void {
  const last = out.at(-1);
  if (last?.kind === "text") last.text += text;
  else out.push({ kind: "text", text });
}

/** What a page showed of a cell, in the compared form (figure specs as snapshot text: sorted keys, 6 significant digits). */
export function compared(seen: readonly Seen[]): Shown[] {
  const out: Shown[] = [];
  for (const s of seen) {
    if (s.kind === "text") pushText(out, s.text);
    else if (s.kind === "figure") out.push({ kind: "figure", spec: normaliseFigure(s.spec) });
    else if (s.kind === "table") out.push({ kind: "table", html: tableMarkup(s.html) });
    else out.push({ kind: "error", text: s.text });
  }
  return out;
}
