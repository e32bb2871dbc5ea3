/**
 * A reader's edits of a page's cells (a student's answers among them), kept in the browser's
 * localStorage across reloads, per page and language. Every page opened from disk shares one
 * storage, so the key names the book's language and the page. Only code the reader typed is
 * kept: never a picked data file, nor anything computed from one.
 */

/** The kept code of one page's cells, by cell index. */
export class KeptCells {
  private readonly key: string;

  constructor(lang: string, page: string) {
    this.key = `interspin-live/${lang}/${page}`;
  }

  private read(): Record<string, string> {
    try {
      const raw = localStorage.getItem(this.key);
      return raw ? (JSON.parse(raw) as Record<string, string>) : {};
    } catch {
      return {};
    }
  }

  private write(cells: Record<string, string>): void {
    try {
      if (Object.keys(cells).length) localStorage.setItem(this.key, JSON.stringify(cells));
      else localStorage.removeItem(this.key);
    } catch {
      // A browser without storage (or with it full) still runs the page; edits are then not kept.
    }
  }

  /** The code kept for a cell, if any. */
  get(cell: number): string | undefined {
    return this.read()[String(cell)];
  }

  /** Keeps a cell's code; the notebook's own code is not kept (nothing to restore). */
  set(cell: number, code: string, original: string): void {
    const cells = this.read();
    if (code === original) delete cells[String(cell)];
    else cells[String(cell)] = code;
    this.write(cells);
  }

  /** Forgets one cell, or every cell of the page. */
  forget(cell?: number): void {
    if (cell === undefined) {
      this.write({});
      return;
    }
    const cells = this.read();
    delete cells[String(cell)];
    this.write(cells);
  }
}
