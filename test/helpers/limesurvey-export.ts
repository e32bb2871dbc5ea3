/**
 * Writes a response export of this project's questionnaire byte for byte as LimeSurvey does,
 * for each export setting, so that the importer is tested on the real format. Each rule below
 * follows a file of the LimeSurvey repository (LimeSurvey/LimeSurvey, read through the code
 * search; paths under application/):
 *
 * - helpers/admin/export/CsvWriter.php, `outputRecord`/`close`/`csvEscape`: a UTF-8 byte-order
 *   mark; the header once; cells joined by the separator (`csvFieldSeparator`, ';' when the
 *   option is empty as through the RemoteControl API) and each record ended by "\r\n"; one
 *   more "\r\n" at the end; every cell in double quotes with quotes doubled and any line break
 *   turned into "\n". From LimeSurvey 6 (pull request 3651, late 2023) `csvEscape` returns an
 *   unquoted '' for NULL; before, NULL was quoted like any text (`nulls: "quoted"`).
 * - helpers/admin/export/Writer.php, `write`: headings by `headingFormat` "code", "full",
 *   "abbreviated" (15 characters, ".. "), "codetext" (code, `headCodeTextSeparator`, text);
 *   `transformResponseValue`: with "Convert Y to"/"Convert N to", for multiple-choice (M) and
 *   yes/no (Y) fields, "Y" → yValue and "N" or a non-NULL "" → nValue; with "Quote equations"
 *   (on by default in the export form) a cell starting with "=" gets a leading "'".
 * - helpers/viewHelper.php, `getFieldCode`: title plus "[aid]", or "_aid" with
 *   ExpressionScript codes; `getFieldText`: question text, then " [subquestion]" parts.
 * - helpers/admin/export/SurveyObj.php, `getShortAnswer`: stored values, numbers without
 *   trailing zeros ("250.0000000000" → "250"); `getFullAnswer`: answer texts for list (L) and
 *   array (F) fields ("Other" for -oth-), "Yes"/"No"/"N/A" for yes/no and multiple choice
 *   (a multiple-choice "" is "No", NULL "N/A"), the value itself for other types (NULL
 *   becoming "").
 * - views/survey/questions/answer/arrays/multiflexi/rows/cells/answer_td_checkboxes.php: a
 *   checkbox of an array (numbers, checkbox layout) submits "" unticked and "1" ticked.
 * - Answer option codes: A1, A2 … in LimeSurvey 3.x, AO01, AO02 … as proposed by the question
 *   editor of LimeSurvey 4 and later (`answerCodes`).
 */
import type { Codebook } from "../../src/data/codebook.js";
import { LimeSurveyMappingError } from "../../src/data/errors.js";
import { WINDOWS_1252_HIGH } from "../../src/data/csv-encoding.js";
import type { Respondent } from "./limesurvey-respondents.js";

/** The export form's settings (application/views/admin/export/exportresult_panels/). */
export interface ExportSettings {
  separator: "," | ";" | "\t";
  headings: "code" | "full" | "abbreviated" | "codetext";
  /** "Use ExpressionScript code". */
  expressionCodes: boolean;
  codeTextSeparator: string;
  answers: "short" | "long";
  /** "Convert Y to:" / "Convert N to:" values; undefined = off. */
  convertY?: string;
  convertN?: string;
  /** "Completion state": completed responses only, or all. */
  completion: "complete" | "all";
  /** How NULL is written: LimeSurvey 6 "unquoted", earlier versions "quoted". */
  nulls: "quoted" | "unquoted";
  maskEquations: boolean;
}

/** The questionnaire as built in LimeSurvey. */
export interface SurveyDesign {
  /** "A1" (LimeSurvey 3.x) or "AO01" (4 and later) answer option codes. */
  answerCodes: "A1" | "AO01";
  /** G05Q01 with seven channels and LimeSurvey's "Other:" option instead of an eighth box. */
  otherOption: boolean;
  /** G05Q01 shown only to funded organisations (relevance `G01Q03.NAOK == "Y"`): the others never see it. */
  channelsIfFunded?: boolean;
}

/** LimeSurvey 6 with its export form set as the README asks: CSV, question codes, answer codes. */
export const LIMESURVEY_6: ExportSettings = {
  separator: ",",
  headings: "code",
  expressionCodes: false,
  codeTextSeparator: ". ",
  answers: "short",
  completion: "all",
  nulls: "unquoted",
  maskEquations: true,
};
/** The design of a current survey: AO01 codes, an eighth channel box. */
export const DESIGN_6: SurveyDesign = { answerCodes: "AO01", otherOption: false };

type QType = "id" | "meta" | "L" | "N" | "Y" | "F" | ":" | "M" | "T";
/** One column of the survey as LimeSurvey's field map has it. */
export interface Field {
  title: string;
  aid?: string;
  type: QType;
  question: string;
  sub: string[];
  page: number;
  answers?: Map<string, string>;
}

const META = [
  ["id", "Response ID"],
  ["submitdate", "Date submitted"],
  ["lastpage", "Last page"],
  ["startlanguage", "Start language"],
  ["seed", "Seed"],
] as const;
const sq = (i: number): string => `SQ${String(i + 1).padStart(3, "0")}`;

function answerCode(design: SurveyDesign, k: number): string {
  return design.answerCodes === "A1" ? `A${k}` : `AO${String(k).padStart(2, "0")}`;
}

/** The fields (columns) of the survey, in LimeSurvey's order, with texts from the codebook. */
function fields(cb: Codebook, design: SurveyDesign): Field[] {
  const q = (name: string): string => cb.variables.find((v) => v.name === name)!.question.de;
  const labels = (scale: string): Map<string, string> =>
    new Map(cb.scales[scale]!.values.map((v, i) => [answerCode(design, i + 1), v.label.de]));
  const out: Field[] = META.map(([title, text]) => ({
    title,
    type: title === "id" ? "id" : "meta",
    question: text,
    sub: [],
    page: 0,
  }));
  const actors = labels("actorGroup");
  actors.delete(answerCode(design, 5));
  out.push(
    { title: "G01Q01", type: "L", question: q("actorGroup"), sub: [], page: 1, answers: actors },
    { title: "G01Q01", aid: "other", type: "L", question: q("actorGroup"), sub: ["Sonstiges"], page: 1 },
  );
  out.push(
    { title: "G01Q02", type: "N", question: q("sizeClass"), sub: [], page: 1 },
    { title: "G01Q03", type: "Y", question: q("funded"), sub: [], page: 1 },
  );
  const array = (title: string, page: number, names: string[]): void =>
    names.forEach((n, i) =>
      out.push({
        title,
        aid: sq(i),
        type: "F",
        question: "Inwieweit treffen die folgenden Aussagen zu?",
        sub: [q(n)],
        page,
        answers: labels("likert5"),
      }),
    );
  array("G02Q01", 2, ["priorNational", "priorInternational", "techProximity", "culturalProximity"]);
  array("G03Q01", 3, ["regularExchange", "shareInside", "shareOutside", "managementHub"]);
  for (const [title, key] of [
    ["G04Q01", "gave"],
    ["G04Q02", "got"],
  ] as const) {
    const grid = cb.grids[key]!;
    grid.topics!.forEach((t, ti) =>
      grid.groups!.forEach((g, gi) =>
        out.push({
          title,
          aid: `${sq(ti)}_${sq(gi)}`,
          type: ":",
          question: grid.question.de,
          sub: [t.label.de, cb.scales.actorGroup!.values.find((v) => v.key === g)!.label.de],
          page: 4,
        }),
      ),
    );
  }
  const channels = cb.grids.channel!.items!.slice(0, design.otherOption ? 7 : 8);
  channels.forEach((n, i) =>
    out.push({
      title: "G05Q01",
      aid: sq(i),
      type: "M",
      question: cb.grids.channel!.question.de,
      sub: [cb.variables.find((v) => v.name === n)!.short!.de],
      page: 5,
    }),
  );
  if (design.otherOption)
    out.push({
      title: "G05Q01",
      aid: "other",
      type: "M",
      question: cb.grids.channel!.question.de,
      sub: ["Sonstiges"],
      page: 5,
    });
  out.push({ title: "G06Q01", type: "T", question: "Haben Sie Anmerkungen zur Befragung?", sub: [], page: 6 });
  return out;
}

/** What LimeSurvey stores for a respondent in each field (null = NULL: not shown). */
function stored(r: Respondent, f: Field, k: number, design: SurveyDesign): string | null {
  if (f.type === "id") return String(r.id);
  if (f.type === "meta") {
    if (f.title === "submitdate")
      return r.pages === 6
        ? `2023-05-${String(1 + (r.id % 28)).padStart(2, "0")} 10:${String(r.id % 60).padStart(2, "0")}:00`
        : null;
    return f.title === "lastpage"
      ? String(r.pages)
      : f.title === "startlanguage"
        ? r.lang
        : String((r.id * 7919) % 99991);
  }
  if (r.pages < f.page) return null;
  const likert = (digits: string, i: number): string =>
    digits[i] === "-" ? "" : answerCode(design, Number(digits[i]));
  switch (f.title) {
    case "G01Q01":
      return f.aid
        ? r.actor === "oth"
          ? (r.actorOther ?? "")
          : ""
        : r.actor === "oth"
          ? "-oth-"
          : answerCode(design, Number(r.actor));
    case "G01Q02":
      return r.employees === null ? null : r.employees.toFixed(10);
    case "G01Q03":
      return r.funded;
    case "G02Q01":
      return r.funded === "Y" && r.g02 ? likert(r.g02, k) : null;
    case "G03Q01":
      return likert(r.g03, k);
    case "G04Q01":
      return r.gave[k] === "1" ? "1" : "";
    case "G04Q02":
      return r.got[k] === "1" ? "1" : "";
    case "G05Q01":
      if (design.channelsIfFunded && r.funded !== "Y") return null;
      return f.aid === "other" ? (r.channelOther ?? "") : r.channels[k] === "1" ? "Y" : "";
    default:
      return r.comment ?? "";
  }
}

function code(f: Field, s: ExportSettings): string {
  if (!f.aid) return f.title;
  return s.expressionCodes ? `${f.title}_${f.aid}` : `${f.title}[${f.aid}]`;
}

function ellipsize(text: string, max: number | undefined): string {
  return max !== undefined && text.length > max ? `${text.slice(0, max - 3)}.. ` : text;
}

function text(f: Field, max?: number): string {
  const sub = f.sub.map((x) => `[${ellipsize(x, max)}]`).join("");
  return ellipsize(f.question, max) + (sub ? ` ${sub}` : "");
}

function heading(f: Field, s: ExportSettings): string {
  switch (s.headings) {
    case "full":
      return text(f);
    case "abbreviated":
      return text(f, 15);
    case "codetext":
      return code(f, s) + s.codeTextSeparator + text(f);
    default:
      return code(f, s);
  }
}

function longAnswer(f: Field, v: string | null): string | null {
  switch (f.type) {
    case "N":
      return v === null ? null : v.replace(/\.?0+$/, "");
    case "L":
      return f.aid ? v : v === "-oth-" ? "Sonstiges" : v === null ? null : (f.answers!.get(v) ?? null);
    case "Y":
      return v === "Y" ? "Ja" : v === "N" ? "Nein" : "N/A";
    case "M":
      return f.aid ? v : v === "Y" ? "Ja" : v === "" ? "Nein" : "N/A";
    case "F":
      return v === null ? "" : (f.answers!.get(v) ?? "");
    default:
      return v ?? "";
  }
}

function cell(f: Field, v: string | null, s: ExportSettings): string | null {
  let out = s.answers === "long" ? longAnswer(f, v) : f.type === "N" && v !== null ? v.replace(/\.?0+$/, "") : v;
  if ((f.type === "M" || f.type === "Y") && !f.aid && out !== null) {
    if ((out === "N" || out === "") && s.convertN !== undefined) out = s.convertN;
    else if (out === "Y" && s.convertY !== undefined) out = s.convertY;
  }
  if (s.maskEquations && out?.startsWith("=")) out = `'${out}`;
  return out;
}

function csvEscape(v: string | null, s: ExportSettings): string {
  if (v === null && s.nulls === "unquoted") return "";
  return `"${(v ?? "").replace(/\r\n|\r|\n/g, "\n").replace(/"/g, '""')}"`;
}

/**
 * The export file's bytes, as LimeSurvey writes them for these respondents and settings.
 * @example limeSurveyExport(cb, RESPONDENTS, LIMESURVEY_6).subarray(0, 3) // => EF BB BF
 */
export function limeSurveyExport(
  cb: Codebook,
  respondents: readonly Respondent[],
  settings: Partial<ExportSettings> = {},
  design: Partial<SurveyDesign> = {},
): Buffer {
  const s = { ...LIMESURVEY_6, ...settings };
  const d = { ...DESIGN_6, ...design };
  const fs = fields(cb, d);
  const index = indexWithinQuestion(fs);
  const lines = [fs.map((f) => csvEscape(heading(f, s), s)).join(s.separator)];
  for (const r of respondents) {
    if (s.completion === "complete" && r.pages < 6) continue;
    lines.push(fs.map((f, i) => csvEscape(cell(f, stored(r, f, index[i]!, d), s), s)).join(s.separator));
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "utf8")]);
}

/** Each field's position among the fields of its question ("other" fields take the next one's). */
function indexWithinQuestion(fs: readonly Field[]): number[] {
  const within = new Map<string, number>();
  return fs.map((f) => {
    const k = within.get(f.title) ?? 0;
    if (f.aid !== "other") within.set(f.title, k + 1);
    return k;
  });
}

/**
 * The survey's fields and what each respondent stored in them (null = NULL), for writers of
 * LimeSurvey's other export formats (`limesurvey-r-export.ts`).
 */
export function storedCells(
  cb: Codebook,
  respondents: readonly Respondent[],
  design: Partial<SurveyDesign> = {},
): { fields: Field[]; rows: Array<Array<string | null>> } {
  const d = { ...DESIGN_6, ...design };
  const fs = fields(cb, d);
  const index = indexWithinQuestion(fs);
  return { fields: fs, rows: respondents.map((r) => fs.map((f, i) => stored(r, f, index[i]!, d))) };
}

/** Windows-1252 bytes of a text; characters it lacks become "?", as Excel writes them. */
function windows1252(text: string): Buffer {
  const high = new Map<number, number>();
  for (let i = 0; i < 32; i++) high.set(WINDOWS_1252_HIGH.charCodeAt(i), 0x80 + i);
  return Buffer.from(
    Array.from(text, (ch) => {
      const c = ch.codePointAt(0)!;
      return c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : (high.get(c) ?? 0x3f);
    }),
  );
}

/**
 * The export opened in a German Excel and saved as "CSV (Trennzeichen-getrennt)": Windows-1252,
 * ';' between cells, no byte-order mark, quotes only where a cell needs them, dates in German
 * form, CRLF.
 */
export function excelResave(limeSurveyCsv: Buffer): Buffer {
  const rows = parseLimeSurveyCsv(limeSurveyCsv.toString("utf8").replace(/^\uFEFF/, ""));
  const german = (c: string): string => c.replace(/^(\d{4})-(\d\d)-(\d\d) (\d\d:\d\d):\d\d$/, "$3.$2.$1 $4");
  const out = rows
    .map((r) =>
      r
        .map((c) => german(c))
        .map((c) => (/[";\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c))
        .join(";"),
    )
    .join("\r\n");
  return windows1252(`${out}\r\n`);
}

/** Splits a comma-separated LimeSurvey export into rows of cells (quoted or not), without blank lines. */
function parseLimeSurveyCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i <= text.length) {
    let v = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        v += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          v += '"';
          i++;
        } else break;
      }
    } else {
      while (i < text.length && text[i] !== "," && text[i] !== "\r") v += text[i++];
    }
    row.push(v);
    if (text[i] === ",") {
      i++;
      continue;
    }
    if (row.length > 1) rows.push(row);
    row = [];
    i += 2;
  }
  return rows;
}

/** The mapping error a LimeSurvey import raises; fails the test when the import succeeds or throws anything else. */
export function refusalOf(run: () => unknown): LimeSurveyMappingError {
  try {
    run();
  } catch (e) {
    if (e instanceof LimeSurveyMappingError) return e;
    throw e;
  }
  throw new Error("imported without error");
}
