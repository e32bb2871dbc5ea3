/**
 * Anhang 2: willingness to pass on knowledge inside the cluster/network, by organisation size.
 * Items, base and grouping come from the codebook's definition of "anh-02".
 */
import { likertFigure } from "./common/figure-kinds.js";

/** Builder of anh-02: `numbers(table)` gives the rows behind it, `build(table)` the Plotly figure. */
export const anh02 = likertFigure("anh-02");
