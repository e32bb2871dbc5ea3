/**
 * The options of `npm run report`, parsed and checked before anything runs.
 */
import { CliUsageError } from "../util/errors.js";
import { paths, resolveUserPath } from "../paths.js";
import type { Lang } from "../data/codebook.js";
import { CSV_ENCODINGS, type CsvEncoding } from "../data/csv-encoding.js";
import { DEFAULT_MAX_INPUT_BYTES } from "../node/input-file.js";
import { DEFAULT_MAX_CELL_OUTPUT_BYTES } from "../notebook/kernel/output-collector.js";

/** Everything `npm run report` can be told. */
export interface ReportOptions {
  data: string | null;
  limesurvey: string | null;
  mapping: string | null;
  /** LimeSurvey import: the survey structure (.lss, .lsa or tab-separated .txt). */
  structure: string | null;
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
  /** The languages of the book in `site/` (each chapter runs once per language). */
  bookLangs: Lang[];
  /** A new kernel for every notebook (default: each parallel worker runs its notebooks in turn in one kernel, a new session each). */
  freshKernels: boolean;
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
  --max-input-size MB  size limit of --data, --limesurvey, --mapping (default: 200)
  --fresh-kernels      start a new kernel for every notebook (default: each of the
                       --jobs kernels runs its notebooks in turn, each in a new
                       session with nothing of the one before; a notebook that failed
                       or left a timer, socket or process running gets a new kernel)
  --no-static          skip SVG/PNG rendering through Chromium
  --force              re-run notebooks even when nothing changed
  --help               show this text
`;

const whole = (flag: string, v: string, min: number, max = 1_000_000): number => {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max)
    throw new CliUsageError(
      `${flag} needs a whole number from ${min} to ${max}, got "${v.length > 40 ? `${v.slice(0, 39)}…` : v}"`,
    );
  return n;
};
const MB = 2 ** 20;

/**
 * Parses the command line.
 * @throws CliUsageError naming the option and the bad value.
 * @example parseReportOptions(["--lang", "en"]).lang // => "en"
 */
export function parseReportOptions(args: string[]): ReportOptions {
  const o: ReportOptions = {
    data: null,
    limesurvey: null,
    mapping: null,
    structure: null,
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
    bookLangs: ["de", "en"],
    freshKernels: false,
  };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith("--")) throw new CliUsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--data":
        o.data = resolveUserPath(value());
        break;
      case "--limesurvey":
        o.limesurvey = resolveUserPath(value());
        break;
      case "--mapping":
        o.mapping = resolveUserPath(value());
        break;
      case "--structure":
        o.structure = resolveUserPath(value());
        break;
      case "--include-incomplete":
        o.includeIncomplete = true;
        break;
      case "--encoding": {
        const v = value()
          .toLowerCase()
          .replace(/^utf8$/, "utf-8")
          .replace(/^cp1252$/, "windows-1252");
        if (!(CSV_ENCODINGS as readonly string[]).includes(v))
          throw new CliUsageError(`--encoding must be one of ${CSV_ENCODINGS.join(", ")}, got "${args[i]}"`);
        o.encoding = v as CsvEncoding;
        break;
      }
      case "--allow": {
        const list = value()
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        if (!list.length)
          throw new CliUsageError("--allow needs at least one variable or grid, e.g. --allow channel_other");
        o.allow = list;
        break;
      }
      case "--lang": {
        const v = value();
        if (v !== "de" && v !== "en") throw new CliUsageError(`--lang must be "de" or "en", got "${v}"`);
        o.lang = v;
        break;
      }
      case "--book-langs": {
        const list = [
          ...new Set(
            value()
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean),
          ),
        ];
        const bad = list.filter((l) => l !== "de" && l !== "en");
        if (!list.length || bad.length) throw new CliUsageError(`--book-langs takes de, en or de,en, got "${args[i]}"`);
        o.bookLangs = list as Lang[];
        break;
      }
      case "--chapters": {
        const list = value()
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        if (!list.length) throw new CliUsageError("--chapters needs at least one chapter, e.g. 03,04");
        o.chapters = list;
        break;
      }
      case "--out": {
        const v = value();
        if (v.trim() === "")
          throw new CliUsageError("--out needs a folder name, got an empty text (an unset shell variable?)");
        o.out = resolveUserPath(v);
        break;
      }
      case "--notebooks":
        o.notebooks = resolveUserPath(value());
        break;
      case "--small-base":
        o.smallBase = whole(flag, value(), 0);
        break;
      case "--min-cell":
        o.minCell = whole(flag, value(), 1);
        break;
      case "--jobs":
        o.jobs = whole(flag, value(), 1, 256);
        break;
      case "--timeout":
        o.timeoutMs = whole(flag, value(), 1, 86_400) * 1000;
        break;
      case "--max-cell-output":
        o.maxCellOutputBytes = whole(flag, value(), 1, 1024) * MB;
        break;
      case "--max-input-size":
        o.maxInputBytes = whole(flag, value(), 1, 100_000) * MB;
        break;
      case "--clean":
        o.clean = true;
        break;
      case "--no-static":
        o.static = false;
        break;
      case "--fresh-kernels":
        o.freshKernels = true;
        break;
      case "--force":
        o.force = true;
        break;
      default:
        throw new CliUsageError(flag.startsWith("-") ? `unknown option "${flag}"` : `unexpected argument "${flag}"`);
    }
  }
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
  return o;
}
