/**
 * A reader's own data on a page: a survey CSV with the codebook's columns, or a LimeSurvey
 * export with its mapping (read by the command line's import), picked from disk. The file is
 * read in this browser and handed to the page's kernel; it is never uploaded, stored or put
 * into the page's address. The kernel reads it as the command line does (same validation
 * messages, same disclosure control), and the page then reruns its cells on it. A banner says
 * whose data the page shows.
 */
import type { LiveKernel, SurveyResult } from "./kernel.js";
import type { Words } from "./words.js";

/** The data the page's cells run on: the book's own (null) or a picked file. */
export interface PageData {
  /** The name cells read it by (the `data` parameter). */
  path: string;
  /** What the banner calls it. */
  label: string;
  rows: number;
  minCell: number;
}

/** The panel's elements and what it does with a choice. */
export interface OwnDataPanel {
  element: HTMLElement;
  banner: HTMLElement;
}

let uid = 0;
const id = (name: string): string => `live-${name}-${++uid}`;

function fileInput(label: string, accept: string): { wrap: HTMLElement; input: HTMLInputElement } {
  const wrap = document.createElement("p");
  const input = document.createElement("input");
  input.type = "file";
  input.accept = accept;
  input.id = id("file");
  const l = document.createElement("label");
  l.htmlFor = input.id;
  l.textContent = label;
  wrap.append(l, " ", input);
  return { wrap, input };
}

async function bytesOf(input: HTMLInputElement): Promise<{ name: string; bytes: Uint8Array } | undefined> {
  const f = input.files?.[0];
  if (!f) return undefined;
  return { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
}

/**
 * Builds the panel.
 * @param use - called with the chosen data once the kernel has read it (null: the book's own data).
 */
export function ownDataPanel(
  kernel: LiveKernel,
  words: Words,
  shippedBanner: () => string,
  use: (data: PageData | null) => Promise<void>,
): OwnDataPanel {
  const element = document.createElement("details");
  element.className = "live-data";
  const summary = document.createElement("summary");
  summary.textContent = words.t("liveOwnData");
  const banner = document.createElement("p");
  banner.className = "live-banner";
  banner.setAttribute("role", "status");
  banner.textContent = shippedBanner();

  const csv = fileInput(words.t("livePickCsv"), ".csv,text/csv");
  const exp = fileInput(words.t("livePickExport"), ".csv,text/csv");
  const map = fileInput(words.t("livePickMapping"), ".json,application/json");
  const minWrap = document.createElement("p");
  const min = document.createElement("input");
  min.type = "number";
  min.min = "0";
  min.step = "1";
  min.value = "5";
  min.id = id("min-cell");
  const minLabel = document.createElement("label");
  minLabel.htmlFor = min.id;
  minLabel.textContent = words.t("liveMinCell");
  minWrap.append(minLabel, " ", min);
  const incWrap = document.createElement("p");
  const inc = document.createElement("input");
  inc.type = "checkbox";
  inc.id = id("incomplete");
  const incLabel = document.createElement("label");
  incLabel.htmlFor = inc.id;
  incLabel.textContent = words.t("liveIncludeIncomplete");
  incWrap.append(inc, " ", incLabel);
  const importButton = document.createElement("button");
  importButton.type = "button";
  importButton.textContent = words.t("liveImport");
  const shipped = document.createElement("button");
  shipped.type = "button";
  shipped.textContent = words.t("liveShipped");
  const problems = document.createElement("pre");
  problems.className = "live-problems";
  problems.hidden = true;
  problems.setAttribute("role", "alert");
  const fieldset = document.createElement("fieldset");
  const legend = document.createElement("legend");
  legend.textContent = "LimeSurvey";
  fieldset.append(legend, exp.wrap, map.wrap, incWrap, importButton);
  element.append(summary, minWrap, csv.wrap, fieldset, shipped, problems);

  const minCell = (): number => {
    const k = Number(min.value);
    return Number.isInteger(k) && k >= 0 ? k : 5;
  };
  const refuse = (r: SurveyResult): void => {
    problems.hidden = false;
    problems.textContent = `${words.t("liveDataRefused")}\n${r.message ?? ""}`;
  };
  const accept = async (path: string, label: string, r: SurveyResult, k: number): Promise<void> => {
    problems.hidden = !r.summary;
    problems.textContent = r.summary ?? "";
    banner.textContent = words.fill("liveBannerOwn", { file: label, rows: r.rows ?? 0, minCell: k });
    banner.classList.add("own");
    await use({ path, label, rows: r.rows ?? 0, minCell: k });
  };

  csv.input.addEventListener("change", async () => {
    const f = await bytesOf(csv.input);
    csv.input.value = "";
    if (!f) return;
    const k = minCell();
    kernel.addFile({ path: f.name, bytes: f.bytes });
    const r = await kernel.checkSurvey(f.name, k);
    if (!r.ok) {
      kernel.forgetFile(f.name);
      refuse(r);
      return;
    }
    await accept(f.name, f.name, r, k);
  });
  importButton.addEventListener("click", async () => {
    const e = await bytesOf(exp.input);
    const m = await bytesOf(map.input);
    if (!e || !m) {
      refuse({
        type: "survey",
        run: 0,
        ok: false,
        message: `${words.t("livePickExport")} + ${words.t("livePickMapping")}`,
      });
      return;
    }
    const k = minCell();
    const path = `${e.name.replace(/\.[^.]*$/, "")}.survey.csv`;
    const r = await kernel.importLimeSurvey({ path: e.name, bytes: e.bytes }, { path: m.name, bytes: m.bytes }, path, {
      minCell: k,
      keepIncomplete: inc.checked,
    });
    exp.input.value = "";
    map.input.value = "";
    if (!r.ok) {
      refuse(r);
      return;
    }
    await accept(path, `${e.name} (${m.name})`, r, k);
  });
  shipped.addEventListener("click", async () => {
    problems.hidden = true;
    banner.textContent = shippedBanner();
    banner.classList.remove("own");
    await use(null);
  });
  return { element, banner };
}
