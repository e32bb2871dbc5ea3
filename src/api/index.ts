/**
 * The notebook API: every name the chapter and seminar notebooks import, and nothing that needs
 * Node. It runs wherever a host has installed a data source and a display (`useDataSource`,
 * `useDisplay`): a Jupyter kernel through the package entry, a page of the book in the browser.
 */

// Hosts: where files are read and things are shown
export { useDataSource, type DataSource, PROJECT_FILES } from "../data/source.js";
export { useDisplay, show, showTable, showPlotlyLibrary, type Display } from "./display.js";

// Chapters: the survey, figures and their numbers, the report's numbers and claims
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
} from "./chapter.js";
export { sampleDescription } from "../analysis/sample.js";
export { sampleFigure } from "../figures/sample-composition.js";
export { loadStudy } from "../data/study-facts.js";
export { wilson, type Interval } from "../stats/wilson.js";
export { mcnemar } from "../stats/mcnemar.js";
export { attainableCounts, nearestAttainable, roundedPercent } from "../stats/grim.js";

// Seminars: exercises and checks, regrouping, sensitivity, flows
export {
  exercises,
  exercise,
  seminarExercises,
  checkAnswer,
  question,
  type Exercise,
  type CheckResult,
} from "../seminar/exercises.js";
export { parseAnswer, type ParsedAnswer } from "../seminar/answer.js";
export { check, checkMessage, seminar, regroupedNumbers } from "../seminar/notebook-api.js";
export { shareOf } from "../seminar/share-of.js";
export { insideOutsideTable, insideOutsideTest, pairedTable } from "../seminar/paired.js";
export { testSummary } from "../seminar/test-summary.js";
export { regroupedFigure, regroupedCodebook, RegroupError, type CustomGroup } from "../seminar/regroup.js";
export { flipsToChange, flipsToLoseMajority, type Sensitivity } from "../seminar/sensitivity.js";
export {
  flowBalance,
  balanceOf,
  balanceTable,
  flowBetween,
  receivedAny,
  receivedAnyTest,
  receivedTable,
} from "../seminar/flows.js";
export {
  nonResponseBounds,
  identifiedVerdicts,
  shareInterval,
  waldInterval,
  intervalTable,
  verdictTable,
} from "../seminar/evidence.js";
export {
  flowNumbers,
  buildFlows,
  abb0607,
  flowDefaults,
  FlowOptionError,
  type FlowOptions,
} from "../figures/abb-06-07-information-flows.js";
