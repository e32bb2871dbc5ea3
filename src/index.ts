/**
 * interspin-notebooks: the shared module of the InterSpiN report notebooks, for Node. Notebooks
 * import it by name: `import { survey, showFigure } from "interspin-notebooks"`. Importing it
 * installs the Node host first (files from disk, tslab's display in a kernel); then come the
 * notebook API (`api/index.ts`, the same that runs in the book's pages) and the library.
 */
import "./node-host.js";

// 1. The notebook API
export * from "./api/index.js";

// 2. The library
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
export type { PublishedEntry, Statement, ShareSpec, Subgroup, PublishedKind } from "./data/published.js";
export { loadClaims, type ClaimSpec } from "./data/claims-file.js";
export { suppressSmallCells, isReconstruction, MIN_CELL } from "./data/disclosure.js";
export { requireMinCell, minCellOf } from "./data/disclosure-policy.js";

// Analysis and statistics
export { distribution, type AggregateOptions } from "./analysis/distribution.js";
export { cramersV } from "./stats/cramers-v.js";
export { shares, counts } from "./analysis/shares.js";
export { groupsOf, withGroup, ALL } from "./analysis/groups.js";
export { auditPublished, auditPercentage } from "./stats/audit.js";
export { auditSharedBases, auditPartitions } from "./stats/audit-bases.js";
export { checkStatement, auditStatements } from "./stats/audit-statements.js";
export { loadIdentified, IdentifiedSetError } from "./stats/identified/identified-file.js";
export type { IdentifiedRange, RobustVerdict } from "./stats/identified/claim-ranges.js";
export type { OrderVerdict } from "./stats/identified/order-verdicts.js";

// Figures
export { figures, figureIds, figureBuilder } from "./figures/index.js";
export type { PlotlyFigure, FigureOptions, NumberRow } from "./figures/common/types.js";

// Verification of the report's numbers and claims
export { claimsEvidence, type ClaimEvidence } from "./verify/claim-evidence.js";
export { claimsEvidenceMarkdown } from "./verify/claims-markdown.js";
export { verifyPublished, type Verification, type VerificationStatus } from "./verify/verify.js";

// Notebooks
export { localizeNotebook } from "./notebook/format/localize.js";

// Interop: a pandas-style DataFrame (danfojs-node, loaded on first use)
export { toDataFrame, type DataFrameLike } from "./interop/danfo.js";
