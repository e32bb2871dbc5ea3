/**
 * Abbildung 1: prior experience with national and international cooperation partners (funded organisations).
 * Items, base and grouping come from the codebook's definition of "abb-01".
 */
import { likertFigure } from "./common/figure-kinds.js";

/** Builder of abb-01: `numbers(table)` gives the rows behind it, `build(table)` the Plotly figure. */
export const abb01 = likertFigure("abb-01");
