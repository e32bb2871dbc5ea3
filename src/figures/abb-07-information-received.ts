/**
 * Abbildung 7: information received from other actors, by type of information and sending group (receiver perspective).
 * Items, base and grouping come from the codebook's definition of "abb-07".
 */
import { gridFigure } from "./common/figure-kinds.js";

/** Builder of abb-07: `numbers(table)` gives the rows behind it, `build(table)` the Plotly figure. */
export const abb07 = gridFigure("abb-07");
