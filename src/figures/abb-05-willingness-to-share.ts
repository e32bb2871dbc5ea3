/**
 * Abbildung 5: willingness to pass on knowledge inside and outside the cluster/network.
 * Items, base and grouping come from the codebook's definition of "abb-05".
 */
import { likertFigure } from "./common/figure-kinds.js";

/** Builder of abb-05: `numbers(table)` gives the rows behind it, `build(table)` the Plotly figure. */
export const abb05 = likertFigure("abb-05");
