/**
 * The registry of figure builders, one per figure and appendix figure of the report.
 */
import type { FigureBuilder } from "./common/figure-kinds.js";
import { abb01 } from "./abb-01-prior-experience.js";
import { abb02 } from "./abb-02-proximity.js";
import { abb03 } from "./abb-03-tech-distance-by-size.js";
import { abb04 } from "./abb-04-cultural-distance-by-size.js";
import { abb05 } from "./abb-05-willingness-to-share.js";
import { abb06 } from "./abb-06-information-given.js";
import { abb07 } from "./abb-07-information-received.js";
import { abb08 } from "./abb-08-channels.js";
import { abb09 } from "./abb-09-channels-by-size.js";
import { anh01 } from "./anh-01-regular-exchange.js";
import { anh02 } from "./anh-02-share-inside-by-size.js";
import { anh03 } from "./anh-03-share-outside-by-size.js";
import { anh04 } from "./anh-04-management-hub.js";

/** Every figure builder in report order. */
export const figures: readonly FigureBuilder[] = [
  abb01,
  abb02,
  abb03,
  abb04,
  abb05,
  abb06,
  abb07,
  abb08,
  abb09,
  anh01,
  anh02,
  anh03,
  anh04,
];

/** The report ids of all figures, in report order. */
export const figureIds: readonly string[] = figures.map((f) => f.id);

/**
 * The builder of one figure.
 * @throws RangeError for an unknown id, listing the known ones.
 * @example figureBuilder("abb-05").id // => "abb-05"
 */
export function figureBuilder(id: string): FigureBuilder {
  const f = figures.find((x) => x.id === id);
  if (!f) throw new RangeError(`unknown figure "${id}"; known: ${figureIds.join(", ")}`);
  return f;
}
