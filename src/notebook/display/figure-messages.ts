/**
 * The texts a notebook figure box shows (static note, waiting, missing library, failure), in
 * the figure's language, from the codebook's `ui` labels.
 */
import { loadCodebook, type Lang } from "../../data/codebook.js";
import type { FigureMessages } from "./plotly-html.js";

/**
 * The figure box texts in `lang`.
 * @example figureMessages("en").waiting // => "Loading plotly.js …"
 */
export function figureMessages(lang: Lang): FigureMessages {
  const ui = loadCodebook().ui;
  const t = (key: string): string => ui[key]?.[lang] ?? key;
  return {
    staticNote: t("figureStaticNote"),
    waiting: t("figureWaiting"),
    missing: t("figureLibraryMissing"),
    failed: t("figureDrawFailed"),
  };
}

/** The language a figure says it is in (`layout.meta.lang`), German when it says nothing. */
export function figureLang(figure: { layout?: Record<string, unknown> }): Lang {
  return (figure.layout?.meta as { lang?: unknown } | undefined)?.lang === "en" ? "en" : "de";
}
