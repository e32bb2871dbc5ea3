/**
 * A cell's code as an editor (CodeMirror 6 with TypeScript highlighting): Shift+Enter runs the
 * cell, Tab leaves the editor (as a keyboard user expects; indenting is CodeMirror's
 * Ctrl+] / Ctrl+[), and every change is reported so the page can keep it.
 */
import { javascript } from "@codemirror/lang-javascript";
import { Prec } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { basicSetup } from "codemirror";

/** What the page needs of a cell's editor. */
export interface CellEditor {
  /** The code as it is now. */
  text(): string;
  /** Replaces the code. */
  set(text: string): void;
  /** Moves the keyboard focus into the editor. */
  focus(): void;
}

/**
 * Puts an editor with `doc` into `parent`.
 * @param options.label - the editor's accessible name ("Code cell 3").
 * @param options.onRun - Shift+Enter.
 * @param options.onChange - after every change, with the new code.
 */
export function createEditor(
  parent: HTMLElement,
  doc: string,
  options: { label: string; onRun: () => void; onChange: (text: string) => void },
): CellEditor {
  let quiet = false;
  const view = new EditorView({
    doc,
    parent,
    extensions: [
      Prec.highest(
        keymap.of([
          {
            key: "Shift-Enter",
            run: () => {
              options.onRun();
              return true;
            },
          },
        ]),
      ),
      basicSetup,
      javascript({ typescript: true }),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": options.label }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged && !quiet) options.onChange(u.state.doc.toString());
      }),
    ],
  });
  return {
    text: () => view.state.doc.toString(),
    set(text) {
      quiet = true;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      quiet = false;
    },
    focus: () => view.focus(),
  };
}
