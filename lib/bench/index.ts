// lib/bench: `inplace-e2e bench`, the benchmark of record on real clusters. Pure parts, tested offline:
// restart-times (phase instants of one restart-all from a pod timeline), fleet-times (a fleet's recovery
// per pod), clock-stamps (millisecond instants containers write), stats and fit (exact percentiles, growth
// with N), summarize (figures and the KEP judgement), tables/markdown/console/html/chart (rendering).
export * from './types.js';
export { restartTimes, phaseDurations, PHASES, PHASE_LABELS, CLOCKS } from './restart-times.js';
export type { RestartTimes, RestartTimesInput, Instant, Clock, Phase } from './restart-times.js';
export { fleetRecovery, RECREATE_MILESTONES, MILESTONE_LABELS } from './fleet-times.js';
export type { FleetRecovery, FleetRecoveryInput, PodRecovery, RecoveryPath, RecreateMilestone } from './fleet-times.js';
export { withClockStamps, parseClockStamps, stampPrologue, DEFAULT_STAMP_FILE } from './clock-stamps.js';
export type { ClockStamp, StampedPod } from './clock-stamps.js';
export { summarize, percentile, percentileOfSorted, fractionAtMost } from './stats.js';
export type { Summary } from './stats.js';
export { fitLinear, fitPowerLaw, predictLinear, predictPower } from './fit.js';
export type { LinearFit, PowerFit, Point } from './fit.js';
export { phaseSummaries, judgeKep, fleetCell, fleetRatios, scaleFits } from './summarize.js';
export { benchTables } from './tables.js';
export type { Table } from './tables.js';
export { benchMarkdown } from './markdown.js';
export { benchHtml } from './html.js';
export { formatTable } from './console.js';
export { latencyCdfSvg, recoveryBarsSvg, stackedStepsSvg } from './chart.js';
