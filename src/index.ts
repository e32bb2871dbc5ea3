/**
 * interspin-notebooks: the shared module of the InterSpiN report notebooks. Notebooks import
 * it by name: `import { survey, figure, show } from "interspin-notebooks"`.
 */

// Data: codebook, loading and validation, LimeSurvey import, reconstruction, published numbers
export * from "./data/codebook.js";
export { loadSurvey, readSurveyTable, surveyFromRows, checkSurveyFile, clearSurveyCache } from "./data/load.js";
export * from "./data/errors.js";
export type { LoadSurveyOptions } from "./data/load.js";
export {
  importLimeSurvey,
  readLimeSurvey,
  type ImportLimeSurveyOptions,
  type LimeSurveyImport,
} from "./data/import-limesurvey.js";
export { loadLimeSurveyMapping, type LimeSurveyMapping } from "./data/limesurvey-mapping.js";
export { parseCsv } from "./data/csv.js";
export { reconstructSurvey, surveyCsv, loadAssumptions, ReconstructionError } from "./data/reconstruct.js";
export { loadPublished, parsePublished, subgroupParts, PublishedEntryError } from "./data/published.js";
export type { PublishedEntry, Claim, ShareSpec, Subgroup, PublishedKind } from "./data/published.js";

// Analysis and statistics
export { distribution, type AggregateOptions } from "./analysis/distribution.js";
export { shares, counts } from "./analysis/shares.js";
export { groupsOf, withGroup, ALL } from "./analysis/groups.js";
export { wilson, type Interval } from "./stats/wilson.js";
export { attainableCounts, nearestAttainable, roundedPercent } from "./stats/grim.js";
export { auditPublished, auditPercentage } from "./stats/audit.js";
export { auditSharedBases, auditPartitions } from "./stats/audit-bases.js";
export { evaluateClaim, auditClaims } from "./stats/audit-claims.js";

// Figures
export { figures, figureIds, figureBuilder } from "./figures/index.js";
export { sampleFigure } from "./figures/sample-composition.js";
export type { PlotlyFigure, FigureOptions, NumberRow } from "./figures/common/types.js";

// Chapters and the report
export {
  survey,
  figure,
  figureNumbers,
  figureTable,
  figureCatalogue,
  keyFindings,
  claimsTable,
  showFigure,
  showNumbers,
  display,
  localizeColumns,
} from "./api/chapter.js";
export { claimsEvidence, loadClaims, type ClaimEvidence } from "./verify/claim-evidence.js";
export { claimsEvidenceMarkdown } from "./verify/claims-markdown.js";
export { loadIdentified, IdentifiedSetError } from "./stats/identified/identified-file.js";
export type { IdentifiedRange, RobustVerdict } from "./stats/identified/claim-ranges.js";
export type { OrderVerdict } from "./stats/identified/order-verdicts.js";
export { suppressSmallCells, isReconstruction, MIN_CELL } from "./data/disclosure.js";
export { requireMinCell, minCellOf } from "./data/disclosure-policy.js";
export { localizeNotebook } from "./notebook/format/localize.js";
export { sampleDescription, loadStudy } from "./analysis/sample.js";
export { verifyPublished, type Verification, type VerificationStatus } from "./verify/verify.js";

// Interop: a pandas-style DataFrame (danfojs-node, loaded on first use)
export { toDataFrame, type DataFrameLike } from "./interop/danfo.js";

// Notebook display (inside tslab cells)
export { show, showTable } from "./notebook/display/display.js";

// Seminar: exercises, checks, sensitivity, regrouping
export {
  exercises,
  exercise,
  seminarExercises,
  checkAnswer,
  question,
  type Exercise,
  type CheckResult,
} from "./seminar/exercises.js";
export { parseAnswer, type ParsedAnswer } from "./seminar/answer.js";
export { check, checkMessage, seminar, regroupedNumbers } from "./seminar/notebook-api.js";
export { shareOf } from "./seminar/share-of.js";
export { insideOutsideTable, insideOutsideTest, pairedTable } from "./seminar/paired.js";
export { testSummary } from "./seminar/test-summary.js";
export { regroupedFigure, regroupedCodebook, RegroupError, type CustomGroup } from "./seminar/regroup.js";
export { flipsToChange, flipsToLoseMajority, type Sensitivity } from "./seminar/sensitivity.js";
export { mcnemar } from "./stats/mcnemar.js";
export {
  flowBalance,
  balanceOf,
  balanceTable,
  flowBetween,
  receivedAny,
  receivedAnyTest,
  receivedTable,
} from "./seminar/flows.js";
export {
  nonResponseBounds,
  identifiedVerdicts,
  shareInterval,
  waldInterval,
  intervalTable,
  verdictTable,
} from "./seminar/evidence.js";
export {
  flowNumbers,
  buildFlows,
  abb0607,
  flowDefaults,
  FlowOptionError,
  type FlowOptions,
} from "./figures/abb-06-07-information-flows.js";
