/**
 * Anhang 4: the cluster/network management as the decisive actor where all threads come together.
 * Items, base and grouping come from the codebook's definition of "anh-04".
 */
import { likertFigure } from "./common/figure-kinds.js";

/** Builder of anh-04: `numbers(table)` gives the rows behind it, `build(table)` the Plotly figure. */
export const anh04 = likertFigure("anh-04");
