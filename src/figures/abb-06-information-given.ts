/**
 * Abbildung 6: information provided to other actors, by type of information and recipient group (sender perspective).
 * Items, base and grouping come from the codebook's definition of "abb-06".
 */
import { gridFigure } from "./common/figure-kinds.js";

/** Builder of abb-06: `numbers(table)` gives the rows behind it, `build(table)` the Plotly figure. */
export const abb06 = gridFigure("abb-06");
