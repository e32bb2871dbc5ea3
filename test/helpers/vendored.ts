/**
 * The text of an output file without the bytes the project vendors (plotly.js carried inside
 * notebook outputs), so that checks for NaN, paths or timestamps read only what the project wrote.
 */
import { strict as assert } from "node:assert";
import { parseNotebook, serializeNotebook } from "../../src/notebook/format/nbformat.js";
import { libraryBundle, PLOTLY_BUNDLES } from "../../src/notebook/display/plotly-library.js";

/**
 * A file's text; for a notebook, without the outputs that carry plotly.js, after checking that
 * each is exactly what libraryBundle writes (the vendored bundle holds "NaN" and date-like strings).
 */
export function ownText(file: string, text: string): string {
  if (!file.endsWith(".ipynb")) return text;
  const nb = parseNotebook(text, file);
  for (const c of nb.cells) {
    if (c.cell_type !== "code") continue;
    c.outputs = c.outputs.filter((o) => {
      if (
        o.output_type !== "display_data" ||
        (o.metadata.interspin as { kind?: string } | undefined)?.kind !== "plotly-library"
      )
        return true;
      const bundle = PLOTLY_BUNDLES.find((b) => String(o.data["text/html"]).includes(`data-bundle="${b.name}"`))!;
      assert.equal(
        o.data["text/html"],
        libraryBundle(bundle)["text/html"],
        `${file}: the plotly.js output is the vendored bundle, unchanged`,
      );
      return false;
    });
  }
  return serializeNotebook(nb);
}
