/**
 * Abbildung 9: information channels used, by organisation size.
 * Items, base and grouping come from the codebook's definition of "abb-09".
 */
import { multipleFigure } from "./common/figure-kinds.js";

/** Builder of abb-09: `numbers(table)` gives the rows behind it, `build(table)` the Plotly figure. */
export const abb09 = multipleFigure("abb-09");
