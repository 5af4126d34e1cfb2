export type { EvidenceBundle, PreflightCheck, RunReport, RunTotals } from './types.js';
export { evidenceFor, observationFor, scenarioKey, totals } from './types.js';
export { formatTimeline, formatTimelineEntry, formatTimelineSlice, timelineSlice } from './timeline.js';
export { describeCheck, evidenceSummary, failedChecks, failureDetails, failureMessage } from './failure-text.js';
export { buildJUnit, testCaseName } from './junit.js';
export { buildJson } from './json.js';
export { buildMarkdown } from './markdown.js';
export { formatSummaryTable, type ConsoleOptions } from './console.js';
export { REPORT_FILES, writeReports, type ReportPaths } from './write.js';
