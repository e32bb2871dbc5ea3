/**
 * A notebook's cells run in Node the way the live page runs them (the same scope and compiler of
 * src/live/, the notebook API with a display that records instead of showing), to give what a
 * page must show on data the report never ran on (a reader's own file).
 */
import { useDisplay } from "../../src/api/display.js";
import { tableHtml } from "../../src/api/table-render.js";
import { isParameterCell } from "../../src/book/live-cells.js";
import * as api from "../../src/api/index.js";
import { formatLog } from "../../src/live/inspect.js";
import { PageScope } from "../../src/live/page-scope.js";
import type { Notebook } from "../../src/notebook/format/nbformat.js";
import type { Seen } from "./live-page.js";

const text = (v: unknown): string => (Array.isArray(v) ? v.join("") : String(v ?? ""));

/**
 * Runs every code cell of `nb` in one scope; after the last parameter cell, `overrides` (e.g.
 * `data = "/tmp/x.csv"; minCell = 5;`) as the page does with a reader's data.
 * @returns what each cell showed, by cell index.
 */
export async function runCellsInNode(nb: Notebook, overrides: string): Promise<Record<number, Seen[]>> {
  const out: Record<number, Seen[]> = {};
  let current: Seen[] = [];
  useDisplay({
    figure(f) {
      current.push({
        kind: "figure",
        spec: JSON.parse(JSON.stringify({ data: f.data, layout: f.layout ?? {}, config: f.config ?? {} })),
      });
      return true;
    },
    table(t, limit) {
      current.push({ kind: "table", html: tableHtml(t, limit) });
      return true;
    },
    plotlyLibrary: () => true,
  });
  const log = console.log;
  console.log = (...args: unknown[]) => {
    const s = `${formatLog(args)}\n`;
    const last = current.at(-1);
    if (last?.kind === "text") last.text += s;
    else current.push({ kind: "text", text: s });
  };
  const scope = new PageScope({ "interspin-notebooks": api });
  const lastParameters = nb.cells.reduce((last, c, i) => (c.cell_type === "code" && isParameterCell(c) ? i : last), -1);
  try {
    for (const [i, c] of nb.cells.entries()) {
      if (c.cell_type !== "code") continue;
      current = out[i] = [];
      try {
        const v = await scope.run(text(c.source), i);
        if (v !== undefined && v !== null) console.log(v);
        if (i === lastParameters) await scope.run(overrides, i);
      } catch (e) {
        current.push({ kind: "error", text: `${(e as Error).name}: ${(e as Error).message}` });
        break;
      }
    }
  } finally {
    console.log = log;
    useDisplay({ figure: () => false, table: () => false, plotlyLibrary: () => false });
  }
  return out;
}
