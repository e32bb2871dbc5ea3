/**
 * An export's header read with the survey structure: every heading, whichever "Export
 * questions as" setting wrote it — question codes (`G02Q01[SQ001]`), ExpressionScript codes
 * (`G02Q01_SQ001`), code and text, or LimeSurvey's default, full question texts — is mapped
 * back to its column's code, so that a mapping written with codes reads any of them.
 */
import { canonicalColumn, leadingCode } from "../limesurvey-headings.js";
import { exportColumns, fullHeading, type StructureColumn } from "./columns.js";
import type { SurveyStructure } from "./structure.js";
import { plain } from "./text.js";

/** The response export's own columns (not questions), with their headings as LimeSurvey writes them in English and German. */
const META: Record<string, string[]> = {
  id: ["id", "Response ID", "Antwort ID", "Antwort-ID"],
  submitdate: ["submitdate", "Date submitted", "Datum Abgeschickt", "Abgeschickt", "Completed"],
  lastpage: ["lastpage", "Last page", "Letzte Seite", "Last page seen"],
  startlanguage: ["startlanguage", "Start language", "Start-Sprache", "Startsprache"],
  seed: ["seed", "Seed"],
  token: ["token", "Access code", "Token", "Zugangsschlüssel", "Zugangscode"],
  startdate: ["startdate", "Date started", "Datum gestartet", "Startdatum"],
  datestamp: ["datestamp", "Date last action", "Datum letzte Aktivität", "Date Last Action"],
  ipaddr: ["ipaddr", "IP address", "IP-Adresse", "IP-Address"],
  refurl: ["refurl", "Referrer URL", "Referring URL", "Verweis-URL"],
};

/** The header as codes, and what could not be matched. */
export interface ExportView {
  /** The code for each heading (the heading itself when nothing matched). */
  codes: string[];
  /** The structure's column behind each heading, if any. */
  columns: Array<StructureColumn | undefined>;
  /** Headings that match no column of the structure and no meta column. */
  unmatched: Array<{ index: number; heading: string }>;
  /** How most question headings were written. */
  style: "question codes" | "ExpressionScript codes" | "question code & question text" | "full question text";
}

/**
 * Maps an export's header to the structure's column codes.
 * @param s - the survey structure.
 * @param header - the export's header cells.
 * @example exportView(structure, ["Response ID", "Welcher Akteursgruppe gehört Ihre Organisation an?"]).codes // => ["id", "G01Q01"]
 */
export function exportView(s: SurveyStructure, header: readonly string[]): ExportView {
  const cols = exportColumns(s);
  const byCode = new Map<string, StructureColumn>();
  for (const c of cols) byCode.set(canonicalColumn(c.code), c);
  const byText = new Map<string, StructureColumn[]>();
  for (const c of cols)
    for (const l of s.languages) {
      const key = plain(fullHeading(c, l));
      const list = byText.get(key) ?? [];
      if (!list.includes(c)) list.push(c);
      byText.set(key, list);
    }
  const meta = new Map<string, string>();
  for (const [code, names] of Object.entries(META)) for (const n of names) meta.set(plain(n).toLowerCase(), code);
  const used = new Set<StructureColumn>();
  const counts = { code: 0, em: 0, codeText: 0, text: 0 };
  const codes: string[] = [];
  const columns: Array<StructureColumn | undefined> = [];
  const unmatched: ExportView["unmatched"] = [];
  header.forEach((h, index) => {
    let c: StructureColumn | undefined = byCode.get(canonicalColumn(h));
    if (c) counts[h.includes("[") || !h.includes("_") ? "code" : "em"]++;
    if (!c) {
      const lead = leadingCode(h);
      const cand = lead === undefined ? undefined : byCode.get(canonicalColumn(lead));
      if (cand && !used.has(cand)) {
        c = cand;
        counts.codeText++;
      }
    }
    if (!c) {
      c = (byText.get(plain(h)) ?? []).find((x) => !used.has(x));
      if (c) counts.text++;
    }
    if (c) {
      used.add(c);
      codes.push(c.code);
      columns.push(c);
      return;
    }
    columns.push(undefined);
    const lead = leadingCode(h);
    const m = meta.get(plain(h).toLowerCase()) ?? (lead !== undefined && lead in META ? lead : undefined);
    if (m) codes.push(m);
    else {
      codes.push(h);
      unmatched.push({ index, heading: h });
    }
  });
  const style =
    counts.text > counts.code + counts.em + counts.codeText
      ? "full question text"
      : counts.codeText > 0
        ? "question code & question text"
        : counts.em > counts.code
          ? "ExpressionScript codes"
          : "question codes";
  // A full-text export whose first heading is not a known meta text: LimeSurvey writes the response id first.
  if (style === "full question text" && !codes.includes("id") && unmatched[0]?.index === 0) {
    codes[0] = "id";
    unmatched.shift();
  }
  return { codes, columns, unmatched, style };
}
