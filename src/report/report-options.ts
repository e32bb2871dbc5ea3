/**
 * The options of `npm run report`, parsed and checked before anything runs.
 */
import { parseArgs } from "node:util";
import { CliUsageError } from "../util/errors.js";
import { paths, resolveUserPath } from "../paths.js";
import type { Lang } from "../data/codebook.js";
import { CSV_ENCODINGS, type CsvEncoding } from "../data/csv-encoding.js";
import { DEFAULT_MAX_INPUT_BYTES } from "../node/input-file.js";
import {
  DEFAULT_MAX_CELL_OUTPUT_BYTES,
  DEFAULT_MAX_NOTEBOOK_OUTPUT_BYTES,
} from "../notebook/kernel/output-collector.js";

/** Everything `npm run report` can be told. */
export interface ReportOptions {
  data: string | null;
  limesurvey: string | null;
  mapping: string | null;
  /** LimeSurvey import: the survey structure (.lss, .lsa or tab-separated .txt). */
  structure: string | null;
  /** The study's facts (invited organisations, clusters) for the data; default `study.json` beside the data file, else the report's `data/study.json`. */
  study: string | null;
  /** LimeSurvey import: keep responses without a submit date; the export's encoding; variables exempt from the mapping checks. */
  includeIncomplete: boolean;
  encoding: CsvEncoding;
  allow: string[];
  lang: Lang;
  chapters: string[];
  notebooks: string;
  out: string;
  smallBase: number;
  minCell: number;
  jobs: number | null;
  timeoutMs: number;
  static: boolean;
  force: boolean;
  /** Drop products of earlier runs that this run does not write (default: keep them, reported as stale). */
  clean: boolean;
  /** Size limit of each input file, in bytes. */
  maxInputBytes: number;
  /** Most output one cell may write, in bytes; more is dropped with a note. */
  maxCellOutputBytes: number;
  /** Most output all cells of one notebook may write, in bytes; more is dropped with a note. */
  maxNotebookOutputBytes: number;
  /** The languages of the book in `site/` (each chapter runs once per language). */
  bookLangs: Lang[];
  /**
   * Each parallel worker runs its notebooks in turn in one kernel, a new session each (default:
   * a new kernel for every notebook). Does not protect against a notebook that changes what
   * existed before it (see notebook/run/kernel-pool.ts).
   */
  reuseKernels: boolean;
}

export const REPORT_HELP = `Usage: npm run report -- [options]

Executes every chapter notebook through the tslab kernel, exports every figure
(JSON, CSV, standalone HTML, SVG, PNG), writes the verification report and the
offline HTML book to the output folder.

Data (default: the shipped reconstruction data/survey.csv):
  --data FILE          a survey CSV with the codebook's columns
  --limesurvey FILE    a LimeSurvey response export (CSV); needs --mapping
  --mapping FILE       mapping from LimeSurvey codes to codebook variables (JSON)
  --structure FILE     with --limesurvey: the survey's structure (.lss, .lsa or .txt from
                       LimeSurvey's survey export); reads full question texts and full
                       answers, checks the mapping, and decides "not shown" by relevance
  --study FILE         the facts of your study, {"invited": N, "clusters": M} (JSON):
                       how many organisations were invited, from how many clusters
                       (default: study.json beside the --data or --limesurvey file
                       when there is one, else the report's data/study.json)
  --include-incomplete with --limesurvey: keep responses without a submit date
                       (default: they are left out, and the import summary says how many)
  --encoding NAME      with --limesurvey: the export's encoding, utf-8 (default) or
                       windows-1252 / latin1 for a spreadsheet's re-save
  --allow LIST         with --limesurvey: comma-separated variables or grids (gave, got,
                       channel) to accept although the import checks find them suspect

Choices:
  --lang de|en         language of labels, captions and narrative of the notebooks,
                       figures and verification files (default: de)
  --book-langs LIST    languages of the book in site/<lang>/, comma-separated: de,en
                       (default), de or en; every chapter runs once per language
  --chapters LIST      comma-separated chapter prefixes, e.g. 03,04 (default: all)
  --out DIR            output folder (default: output); it must be new, empty, or
                       written by this command before (marked .interspin/)
  --clean              drop products of earlier runs this run does not write (e.g.
                       notebooks of chapters left out with --chapters); by default
                       they are kept and listed as stale
  --notebooks DIR      folder of the chapter notebooks (default: notebooks)
  --small-base N       flag shares resting on fewer than N respondents (default: 30)
  --min-cell K         with data other than the reconstruction, suppress cells with
                       fewer than K respondents (default: 5; 1 suppresses nothing)

Running:
  --jobs N             notebooks executed at once (default: number of cores)
  --timeout S          time limit per cell in seconds, 1–86400 (default: 120)
  --max-cell-output MB most output one cell may write; more is dropped with a note
                       (default: 5)
  --max-notebook-output MB
                       most output all cells of one notebook may write together; more
                       is dropped with a note (default: 50)
  --max-input-size MB  size limit of --data, --limesurvey, --mapping (default: 200)
  --fresh-kernels      a new kernel process for every notebook, so that no notebook
                       can change another's outputs (the default; the next kernels
                       start while notebooks run)
  --reuse-kernels      faster: each of the --jobs kernels runs its notebooks in turn,
                       each in a new session (no variable or declaration of the one
                       before; after a failure, or a timer, socket or process left
                       running, a new kernel). It does NOT protect against a notebook
                       that changes what existed before it: a module's cached state
                       (e.g. the codebook's labels), a prototype's method (e.g.
                       Number.prototype.toFixed), a replaced global, an exit handler;
                       such a change reaches the notebooks after it. Results of reused
                       kernels are not stored in the execution cache
  --no-static          skip SVG/PNG rendering through Chromium
  --force              re-run notebooks even when nothing changed
  --help               show this text

Exit codes: 0 done; 1 a notebook failed, a published number was not reproduced, or
the output folder or an input was refused (e.g. --chapters naming no notebook of the
folder); 2 wrong usage; 128 + n stopped by signal n (130 by Ctrl-C).
`;

const MB = 2 ** 20;

/**
 * A whole number within bounds.
 * @throws CliUsageError "--jobs needs a whole number from 1 to 256, got "0"".
 */
function whole(flag: string, v: string, min: number, max = 1_000_000): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max)
    throw new CliUsageError(
      `${flag} needs a whole number from ${min} to ${max}, got "${v.length > 40 ? `${v.slice(0, 39)}…` : v}"`,
    );
  return n;
}

/** A comma-separated list, items trimmed, empty ones dropped. */
const list = (v: string): string[] =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** The defaults: a run on the shipped reconstruction into output/. */
function defaults(): ReportOptions {
  return {
    data: null,
    limesurvey: null,
    mapping: null,
    structure: null,
    study: null,
    includeIncomplete: false,
    encoding: "utf-8",
    allow: [],
    lang: "de",
    chapters: [],
    notebooks: paths.notebooks,
    out: paths.output,
    smallBase: 30,
    minCell: 5,
    jobs: null,
    timeoutMs: 120_000,
    static: true,
    force: false,
    clean: false,
    maxInputBytes: DEFAULT_MAX_INPUT_BYTES,
    maxCellOutputBytes: DEFAULT_MAX_CELL_OUTPUT_BYTES,
    maxNotebookOutputBytes: DEFAULT_MAX_NOTEBOOK_OUTPUT_BYTES,
    bookLangs: ["de", "en"],
    reuseKernels: false,
  };
}

type Setter = (o: ReportOptions, v: string, flag: string) => void;

/** The options that take a value, each with what it sets. */
const VALUED: Record<string, Setter> = {
  data: (o, v) => void (o.data = resolveUserPath(v)),
  limesurvey: (o, v) => void (o.limesurvey = resolveUserPath(v)),
  mapping: (o, v) => void (o.mapping = resolveUserPath(v)),
  structure: (o, v) => void (o.structure = resolveUserPath(v)),
  study: (o, v) => void (o.study = resolveUserPath(v)),
  encoding: (o, given) => {
    const v = given
      .toLowerCase()
      .replace(/^utf8$/, "utf-8")
      .replace(/^cp1252$/, "windows-1252");
    if (!(CSV_ENCODINGS as readonly string[]).includes(v))
      throw new CliUsageError(`--encoding must be one of ${CSV_ENCODINGS.join(", ")}, got "${given}"`);
    o.encoding = v as CsvEncoding;
  },
  allow: (o, v) => {
    o.allow = list(v);
    if (!o.allow.length)
      throw new CliUsageError("--allow needs at least one variable or grid, e.g. --allow channel_other");
  },
  lang: (o, v) => {
    if (v !== "de" && v !== "en") throw new CliUsageError(`--lang must be "de" or "en", got "${v}"`);
    o.lang = v;
  },
  "book-langs": (o, v) => {
    const langs = [...new Set(list(v))];
    if (!langs.length || langs.some((l) => l !== "de" && l !== "en"))
      throw new CliUsageError(`--book-langs takes de, en or de,en, got "${v}"`);
    o.bookLangs = langs as Lang[];
  },
  chapters: (o, v) => {
    o.chapters = list(v);
    if (!o.chapters.length) throw new CliUsageError("--chapters needs at least one chapter, e.g. 03,04");
  },
  out: (o, v) => {
    if (v.trim() === "")
      throw new CliUsageError("--out needs a folder name, got an empty text (an unset shell variable?)");
    o.out = resolveUserPath(v);
  },
  notebooks: (o, v) => void (o.notebooks = resolveUserPath(v)),
  "small-base": (o, v, flag) => void (o.smallBase = whole(flag, v, 0)),
  "min-cell": (o, v, flag) => void (o.minCell = whole(flag, v, 1)),
  jobs: (o, v, flag) => void (o.jobs = whole(flag, v, 1, 256)),
  timeout: (o, v, flag) => void (o.timeoutMs = whole(flag, v, 1, 86_400) * 1000),
  "max-cell-output": (o, v, flag) => void (o.maxCellOutputBytes = whole(flag, v, 1, 1024) * MB),
  "max-notebook-output": (o, v, flag) => void (o.maxNotebookOutputBytes = whole(flag, v, 1, 10_240) * MB),
  "max-input-size": (o, v, flag) => void (o.maxInputBytes = whole(flag, v, 1, 100_000) * MB),
};

/** The switches, each with what it sets. */
const SWITCHES: Record<string, (o: ReportOptions) => void> = {
  "include-incomplete": (o) => void (o.includeIncomplete = true),
  clean: (o) => void (o.clean = true),
  "no-static": (o) => void (o.static = false),
  "fresh-kernels": (o) => void (o.reuseKernels = false),
  "reuse-kernels": (o) => void (o.reuseKernels = true),
  force: (o) => void (o.force = true),
};

/**
 * Parses the command line (with node:util's parseArgs, as the other commands).
 * @throws CliUsageError naming the option and the bad value.
 * @example parseReportOptions(["--lang", "en"]).lang // => "en"
 */
export function parseReportOptions(args: string[]): ReportOptions {
  const o = defaults();
  const options = Object.fromEntries([
    ...Object.keys(VALUED).map((name) => [name, { type: "string" as const }]),
    ...Object.keys(SWITCHES).map((name) => [name, { type: "boolean" as const }]),
  ]);
  // Not strict: every problem is reported in this command's words, in the order of the arguments.
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === "positional") throw new CliUsageError(`unexpected argument "${token.value}"`);
    if (token.kind === "option-terminator") throw new CliUsageError('unknown option "--"');
    const flag = token.rawName;
    const setValue = flag.startsWith("--") ? VALUED[token.name] : undefined;
    const setSwitch = flag.startsWith("--") ? SWITCHES[token.name] : undefined;
    if (setValue) {
      const v = token.value;
      if (v === undefined || (!token.inlineValue && v.startsWith("--")))
        throw new CliUsageError(`${flag} needs a value`);
      setValue(o, v, flag);
    } else if (setSwitch && token.value === undefined) setSwitch(o);
    else if (setSwitch) throw new CliUsageError(`${flag} takes no value, got "${token.value}"`);
    else throw new CliUsageError(`unknown option "${token.inlineValue ? `${flag}=${token.value}` : flag}"`);
  }
  checkCombinations(o);
  return o;
}

/** Options that need or exclude each other. */
function checkCombinations(o: ReportOptions): void {
  if (o.data && o.limesurvey)
    throw new CliUsageError("--data and --limesurvey exclude each other: choose one data source");
  if (o.limesurvey && !o.mapping)
    throw new CliUsageError("--limesurvey needs --mapping FILE (see data/limesurvey/mapping.example.json)");
  if (o.mapping && !o.limesurvey) throw new CliUsageError("--mapping is only used with --limesurvey");
  const importOnly = [
    o.includeIncomplete && "--include-incomplete",
    o.encoding !== "utf-8" && "--encoding",
    o.allow.length > 0 && "--allow",
    o.structure !== null && "--structure",
  ].filter(Boolean);
  if (importOnly.length && !o.limesurvey)
    throw new CliUsageError(
      `${importOnly.join(", ")} only apply to a LimeSurvey export (--limesurvey FILE --mapping FILE)`,
    );
}
