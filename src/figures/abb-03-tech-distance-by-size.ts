/**
 * Abbildung 3: technological proximity of international partners by organisation size (funded organisations that gave their size).
 * Items, base and grouping come from the codebook's definition of "abb-03".
 */
import { likertFigure } from "./common/figure-kinds.js";

/** Builder of abb-03: `numbers(table)` gives the rows behind it, `build(table)` the Plotly figure. */
export const abb03 = likertFigure("abb-03");
