/**
 * Anhang 1: regular exchange of experience between actors in the cluster/network.
 * Items, base and grouping come from the codebook's definition of "anh-01".
 */
import { likertFigure } from "./common/figure-kinds.js";

/** Builder of anh-01: `numbers(table)` gives the rows behind it, `build(table)` the Plotly figure. */
export const anh01 = likertFigure("anh-01");
