/**
 * What the page and its kernel (a worker) say to each other, and what a cell's output is. The
 * worker runs the cells; the page edits them, draws their outputs and never blocks on a cell.
 */

/** One output of a cell, as a notebook keeps it. */
export type LiveOutput =
  | { kind: "stream"; name: "stdout" | "stderr"; text: string }
  | { kind: "table"; html: string; text: string }
  | { kind: "figure"; spec: { data: unknown[]; layout: Record<string, unknown>; config: Record<string, unknown> } }
  | { kind: "error"; ename: string; evalue: string; line?: number; column?: number };

/** A file a reader picked, by the name cells use for it. */
export interface PickedFile {
  path: string;
  bytes: Uint8Array;
}

/** Page → kernel. */
export type ToKernel =
  | { type: "init"; files: Record<string, string> }
  | { type: "file"; file: PickedFile }
  | { type: "forget"; path: string }
  | { type: "run"; run: number; cell: number; source: string }
  | { type: "check-survey"; run: number; path: string; minCell: number }
  | {
      type: "import-limesurvey";
      run: number;
      export: PickedFile;
      mapping: PickedFile;
      path: string;
      minCell: number;
      keepIncomplete: boolean;
    };

/** Kernel → page. */
export type FromKernel =
  | { type: "ready" }
  | { type: "output"; run: number; cell: number; output: LiveOutput }
  | { type: "done"; run: number; cell: number; ok: boolean; ms: number }
  | { type: "survey"; run: number; ok: boolean; rows?: number; message?: string; summary?: string; csv?: string };
