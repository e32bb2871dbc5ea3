/**
 * Anhang 3: willingness to pass on knowledge outside the cluster/network, by organisation size.
 * Items, base and grouping come from the codebook's definition of "anh-03".
 */
import { likertFigure } from "./common/figure-kinds.js";

/** Builder of anh-03: `numbers(table)` gives the rows behind it, `build(table)` the Plotly figure. */
export const anh03 = likertFigure("anh-03");
