/**
 * Abbildung 8: information channels used, sorted by share.
 * Items, base and grouping come from the codebook's definition of "abb-08".
 */
import { multipleFigure } from "./common/figure-kinds.js";

/** Builder of abb-08: `numbers(table)` gives the rows behind it, `build(table)` the Plotly figure. */
export const abb08 = multipleFigure("abb-08");
