/**
 * The inputs of a report run, read once at its start: the data file (or the LimeSurvey export
 * and its mapping), every file of the notebooks folder (chapters and teaching pages) and every
 * file of the project's `data/` folder (codebook, study facts, published numbers, claims, the
 * identified set, the assumptions). Each is hashed; the run key is made from these hashes, the
 * report process reads these bytes through {@link inputSource}, the kernels read copies of them
 * (node/frozen-inputs.ts), and at the end {@link changedInputs} compares every file with its
 * bytes at the start: a file replaced or edited during the run stops it before it publishes.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { filesBelow } from "../node/walk.js";
import { dirname, join, relative, sep } from "node:path";
import { displayPath, paths, resolveUserPath } from "../paths.js";
import { sha256 } from "../node/hash.js";
import { realPathOr, type InputsToFreeze } from "../node/frozen-inputs.js";
import { PROJECT_FILES, type DataSource, type ProjectFile } from "../data/source.js";
import { identifiedInputsHash } from "../node/identified-inputs.js";
import type { ReportOptions } from "./report-options.js";

/** One input file: where it is, how messages name it, its bytes at the start of the run and their SHA-256. */
export interface InputFile {
  path: string;
  shown: string;
  bytes: Buffer;
  sha256: string;
}

/** Everything a run reads from files, as it was at the start. */
export interface RunInputs {
  /** The survey CSV (`--data`, else the shipped `data/survey.csv`) or the LimeSurvey export. */
  data: InputFile;
  /** The LimeSurvey mapping, with `--limesurvey`. */
  mapping?: InputFile;
  /** The LimeSurvey survey structure, with `--structure`. */
  structure?: InputFile;
  /** A researcher's study facts (`--study`, or `study.json` beside the data), in place of `data/study.json`. */
  study?: InputFile;
  /** Every file below the notebooks folder (dot files left out), by "/"-separated path relative to it. */
  notebooks: Map<string, InputFile>;
  /** Every file of the project's `data/` folder (dot files left out), by project-relative name ("data/codebook.json"). */
  project: Map<string, InputFile>;
}

/** Raised when an input changed while the run went on; the message names the file. */
export class InputChangedError extends Error {
  override name = "InputChangedError";
}

function inputFile(path: string): InputFile {
  const bytes = readFileSync(path);
  return { path, shown: displayPath(path), bytes, sha256: sha256(bytes) };
}

/**
 * Every regular file below `dir`, sorted by relative path, dot files and dot folders left out;
 * links to folders are followed (a linked `teaching/`), each real folder once; a named pipe, a
 * socket or a device is no input and left out (reading it would block or never end).
 */
function inputFilesBelow(dir: string): string[] {
  return filesBelow(dir, { follow: true }).filter((f) => {
    try {
      return statSync(f).isFile();
    } catch {
      return false;
    }
  });
}

const relPath = (from: string, file: string): string => relative(from, file).split(sep).join("/");

/**
 * Reads every input of a run with these options once.
 * @param root - the project root (default: this project).
 * @throws the file system's error when an input cannot be read (the checks before name it better).
 * @example readRunInputs(parseReportOptions([])).data.shown // => "data/survey.csv"
 */
export function readRunInputs(o: ReportOptions, root: string = paths.root): RunInputs {
  const dataPath = o.limesurvey ?? o.data ?? join(root, "data", "survey.csv");
  const notebooks = new Map(inputFilesBelow(o.notebooks).map((f) => [relPath(o.notebooks, f), inputFile(f)]));
  const project = new Map(inputFilesBelow(join(root, "data")).map((f) => [relPath(root, f), inputFile(f)]));
  const studyPath = studyFile(o);
  const study = studyPath ? inputFile(studyPath) : undefined;
  // The study's facts are read by their project name everywhere (host and kernels): the run serves the researcher's.
  if (study) project.set(PROJECT_FILES.study, study);
  return {
    data: project.get(relPath(root, dataPath)) ?? inputFile(dataPath),
    ...(o.mapping ? { mapping: inputFile(o.mapping) } : {}),
    ...(o.structure ? { structure: inputFile(o.structure) } : {}),
    ...(study ? { study } : {}),
    notebooks,
    project,
  };
}

/**
 * The study facts a run uses instead of the report's: `--study`, else a `study.json` beside the
 * data file, else none (the report's `data/study.json`).
 * @example studyFile(parseReportOptions(["--data", "mine/survey.csv"])) // => "…/mine/study.json" when it exists
 */
export function studyFile(o: ReportOptions): string | undefined {
  if (o.study) return o.study;
  const data = o.limesurvey ?? o.data;
  const beside = data ? join(dirname(data), "study.json") : undefined;
  return beside && existsSync(beside) && statSync(beside).isFile() ? beside : undefined;
}

/** The files a user named (data, mapping, structure, study), the data first. */
function userFiles(inputs: RunInputs): InputFile[] {
  return [inputs.data, inputs.mapping, inputs.structure, inputs.study].filter((f): f is InputFile => !!f);
}

/** Every input file once, in a fixed order. */
function allInputs(inputs: RunInputs): InputFile[] {
  return [...new Set([...userFiles(inputs), ...inputs.notebooks.values(), ...inputs.project.values()])];
}

/**
 * The inputs whose bytes are not those the run read at its start (changed, removed), and files
 * added to the notebooks or data folder since, as messages name them.
 * @example changedInputs(readRunInputs(o)) // => [] when nothing changed
 */
export function changedInputs(inputs: RunInputs, o: ReportOptions, root: string = paths.root): string[] {
  const changed = allInputs(inputs)
    .filter((f) => {
      try {
        return sha256(readFileSync(f.path)) !== f.sha256;
      } catch {
        return true;
      }
    })
    .map((f) => f.shown);
  const added = [
    ...inputFilesBelow(o.notebooks).filter((f) => !inputs.notebooks.has(relPath(o.notebooks, f))),
    ...inputFilesBelow(join(root, "data")).filter((f) => !inputs.project.has(relPath(root, f))),
  ].map(displayPath);
  return [...changed, ...added];
}

/**
 * Stops the run when an input changed since it started, naming the files.
 * @throws InputChangedError "data/survey.csv changed while the report ran: nothing was published; run it again".
 */
export function requireUnchangedInputs(inputs: RunInputs, o: ReportOptions, root: string = paths.root): void {
  const changed = changedInputs(inputs, o, root);
  if (!changed.length) return;
  const names = changed.slice(0, 5).join(", ") + (changed.length > 5 ? ` and ${changed.length - 5} more` : "");
  throw new InputChangedError(
    `${names} changed while the report ran (the run used ${changed.length === 1 ? "its" : "their"} bytes from its start); nothing was published, run it again`,
  );
}

/**
 * A data source that serves the run's inputs as they were at its start, and everything else
 * from `fallback` (for the report process itself).
 * @example useDataSource(inputSource(inputs, fileSource))
 */
export function inputSource(inputs: RunInputs, fallback: DataSource): DataSource {
  const byPath = new Map(userFiles(inputs).map((f) => [realPathOr(f.path), f.bytes]));
  // Every file of data/ was read: a name not among them is a file the project does not have.
  const project = (name: string): Uint8Array | null =>
    inputs.project.get(name)?.bytes ?? (name.startsWith("data/") ? null : fallback.project(name as ProjectFile));
  return {
    ...fallback,
    project,
    user: (path) => byPath.get(realPathOr(resolveUserPath(path))) ?? fallback.user(path),
    checkIdentified: (hash) => hash === identifiedInputsHash(project),
  };
}

/**
 * What the kernels get as fixed inputs: the project's data files and the data file (and mapping) by path.
 * @example toFreeze(inputs).project.has("data/codebook.json") // => true
 */
export function toFreeze(inputs: RunInputs): InputsToFreeze {
  return {
    project: new Map([...inputs.project].map(([name, f]) => [name, f.bytes])),
    user: new Map(userFiles(inputs).map((f) => [f.path, f.bytes])),
  };
}
