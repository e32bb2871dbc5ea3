/**
 * The survey table the LimeSurvey fixture must import to, worked out from the respondent table
 * by the questionnaire's rules (not by the importer): EU size classes from the employee count,
 * -8 for the G02 block when the organisation is not funded, -9 for an answer left empty, and
 * for pages an incomplete response never reached -9 — or 0 for boxes, where the export quotes
 * not-shown questions like empty answers (LimeSurvey before 6).
 */
import type { Codebook } from "../../src/data/codebook.js";
import type { Respondent } from "./limesurvey-respondents.js";

/** How the export was written, as far as the expected table depends on it. */
export interface ExpectedOptions {
  /** Keep incomplete responses (default false). */
  keepIncomplete?: boolean;
  /** LimeSurvey before 6: a box on a page not reached reads as not ticked (default false). */
  nullsQuoted?: boolean;
  /** G05Q01 with the "Other:" option: channel_other is 1 when its text is not empty. */
  otherOption?: boolean;
  /** G05Q01 shown only to funded organisations: the others have no answer (-9; the codebook has no filter for it). */
  channelsIfFunded?: boolean;
}

function sizeClass(employees: number | null): number {
  return employees === null ? -9 : employees < 10 ? 1 : employees < 50 ? 2 : employees < 250 ? 3 : 4;
}

/**
 * One object per kept respondent, keyed by codebook variable, in response-id order.
 * @example expectedRows(cb, RESPONDENTS).length // => 20
 */
export function expectedRows(
  cb: Codebook,
  respondents: readonly Respondent[],
  options: ExpectedOptions = {},
): Array<Record<string, string | number>> {
  const kept = respondents.filter((r) => options.keepIncomplete || r.pages === 6);
  const box = (r: Respondent, page: number, cell: string | undefined): number =>
    r.pages < page ? (options.nullsQuoted ? 0 : -9) : Number(cell);
  const likert = (r: Respondent, page: number, d: string | undefined): number =>
    r.pages < page || d === "-" || d === undefined ? -9 : Number(d);
  return kept.map((r) => {
    const row: Record<string, string | number> = { id: `R${String(r.id).padStart(3, "0")}` };
    row.actorGroup = r.actor === "oth" ? 5 : Number(r.actor);
    row.sizeClass = sizeClass(r.employees);
    row.funded = r.funded === "Y" ? 1 : r.funded === "N" ? 2 : -9;
    ["priorNational", "priorInternational", "techProximity", "culturalProximity"].forEach((n, i) => {
      row[n] = r.funded === "Y" ? likert(r, 2, r.g02[i]) : -8;
    });
    // The questionnaire did not ask the national proximity items (optional codebook columns): not asked outside the funded filter, no answer inside it.
    ["techProximityNational", "culturalProximityNational"].forEach((n) => {
      row[n] = r.funded === "Y" ? -9 : -8;
    });
    ["regularExchange", "shareInside", "shareOutside", "managementHub"].forEach((n, i) => {
      row[n] = likert(r, 3, r.g03[i]);
    });
    const gridVars = (q: string) => cb.variables.filter((v) => v.grid?.question === q).map((v) => v.name);
    gridVars("gave").forEach((n, i) => {
      row[n] = box(r, 4, r.gave[i]);
    });
    gridVars("got").forEach((n, i) => {
      row[n] = box(r, 4, r.got[i]);
    });
    cb.grids.channel!.items!.forEach((n, i) => {
      row[n] = options.channelsIfFunded && r.funded !== "Y" ? -9 : box(r, 5, r.channels[i]);
    });
    if (options.otherOption) row.channel_other = r.pages < 5 ? (options.nullsQuoted ? 0 : -9) : r.channelOther ? 1 : 0;
    return Object.fromEntries(cb.variables.map((v) => [v.name, row[v.name]!]));
  });
}
