/**
 * Small valid surveys built from the codebook, CSV text from rows, file hashes and temp
 * folders: what the data-loading tests need to build inputs without copying codebook facts.
 */
import { createHash } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Codebook, Variable } from "../../src/data/codebook.js";

export type SurveyRow = Record<string, string | number>;

function meets(v: Variable, row: SurveyRow): boolean {
  return Object.entries(v.askedIf ?? {}).every(([name, ok]) => ok.includes(row[name] as number));
}

/**
 * `n` valid respondents (R001, R002, …) that vary over every scale; variables filtered by
 * `askedIf` get -8 when the filter excludes the respondent.
 */
export function validRows(cb: Codebook, n: number): SurveyRow[] {
  const rows: SurveyRow[] = [];
  for (let k = 1; k <= n; k++) {
    const row: SurveyRow = {};
    cb.variables.forEach((v, i) => {
      if (v.type === "id") row[v.name] = `R${String(k).padStart(3, "0")}`;
      else if (!meets(v, row)) row[v.name] = -8;
      else if (!v.scale) row[v.name] = (k * 7 + i) % 40;
      else {
        const codes = cb.scales[v.scale]!.values.map((x) => x.code);
        row[v.name] = codes[(k + i) % codes.length]!;
      }
    });
    rows.push(row);
  }
  return rows;
}

/** CSV text (LF line ends, no quoting: survey cells never need it) with the codebook header. */
export function surveyCsv(cb: Codebook, rows: SurveyRow[], eol = "\n"): string {
  const names = cb.variables.map((v) => v.name);
  return [names.join(","), ...rows.map((r) => names.map((c) => String(r[c])).join(","))].join(eol) + eol;
}

/** SHA-256 of a file's bytes, to show a file was not changed. */
export function fileHash(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** A fresh temporary folder and a function that removes it. */
export function tempDir(prefix = "interspin-test-"): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Writes a survey CSV of at least `minBytes` (default 50 MB) with the codebook's columns, built
 * from 100 valid row templates; `cell` may change each template cell, and `lastRow` appends one
 * more row after the bulk. Returns how many rows the bulk has.
 */
export function writeBigSurvey(
  file: string,
  cb: Codebook,
  options: {
    cell?: (r: SurveyRow, name: string) => string | number;
    lastRow?: (id: string) => SurveyRow;
    minBytes?: number;
  } = {},
): { rows: number } {
  const names = cb.variables.map((v) => v.name);
  const cell = options.cell ?? ((r, n) => r[n]!);
  const templates = validRows(cb, 100).map((r) =>
    names
      .slice(1)
      .map((n) => cell(r, n))
      .join(","),
  );
  const id = (i: number): string => `R${String(i + 1).padStart(7, "0")}`;
  const fd = openSync(file, "w");
  try {
    writeSync(fd, `${names.join(",")}\n`);
    let rows = 0;
    while (statSync(file).size < (options.minBytes ?? 50 * 1024 * 1024)) {
      let chunk = "";
      for (let j = 0; j < 5000; j++, rows++) chunk += `${id(rows)},${templates[rows % 100]}\n`;
      writeSync(fd, chunk);
    }
    if (options.lastRow) {
      const last = options.lastRow(id(rows));
      writeSync(fd, `${names.map((n) => last[n]).join(",")}\n`);
    }
    return { rows };
  } finally {
    closeSync(fd);
  }
}
