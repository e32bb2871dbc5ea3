/**
 * Abbildung 4: cultural proximity of international partners by organisation size (funded organisations that gave their size).
 * Items, base and grouping come from the codebook's definition of "abb-04".
 */
import { likertFigure } from "./common/figure-kinds.js";

/** Builder of abb-04: `numbers(table)` gives the rows behind it, `build(table)` the Plotly figure. */
export const abb04 = likertFigure("abb-04");
