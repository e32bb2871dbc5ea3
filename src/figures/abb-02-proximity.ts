/**
 * Abbildung 2: technological and cultural proximity of the chosen international partners (funded organisations).
 * Items, base and grouping come from the codebook's definition of "abb-02".
 */
import { likertFigure } from "./common/figure-kinds.js";

/** Builder of abb-02: `numbers(table)` gives the rows behind it, `build(table)` the Plotly figure. */
export const abb02 = likertFigure("abb-02");
