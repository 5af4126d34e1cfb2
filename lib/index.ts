/**
 * inplace-e2e as a library: the same engine as the `inplace-e2e` command, for programs.
 *
 * ```ts
 * import { validateSuites, loadProfile, run, judgeRecorded } from 'inplace-e2e';
 *
 * // Offline: check your own suites (schema, pod manifests, trigger/expectation combinations).
 * const checked = await validateSuites(['e2e/restart-suites']);
 * if (!checked.ok) for (const p of checked.problems) console.error(formatProblem(p));
 *
 * // A profile (shipped name or file), resolved: gates per component and node, node image pin.
 * const profile = await loadProfile('1.36-defaults');
 *
 * // Real: a kind cluster from the profile (or existingCluster: kubeconfig), reports in reportDir.
 * const { exitCode, report } = await run({ profile: '1.36-defaults', suites: ['core', 'e2e/restart-suites'] });
 *
 * // Offline again: judge a recorded observation (report.json's observations[i]) with its scenario.
 * const verdict = await judgeRecorded(report!.observations[0]!);
 * ```
 *
 * Everything here is stable within a 0.x minor; anything imported from a deeper path is not.
 */

// ---- suites ---------------------------------------------------------------------------------------
export { validateSuites, type SuiteValidation } from './api.js';
export { findScenario } from './suite/find.js';
export { loadSuites, type LoadedSuite, type LoadedScenario, type LoadOptions } from './suite/load.js';
export { shippedSuitesDir, shippedSuiteNames, schemasDir } from './suite/shipped.js';
export { schemaId } from './schemas/render.js';
export type { ScenarioT, SuiteT } from './suite/schema.js';

// ---- profiles -------------------------------------------------------------------------------------
export { loadProfile, listShippedProfiles, parseProfile } from './profiles/load.js';
export { planCluster, formatPlan, type ClusterPlan } from './profiles/plan.js';
export type { ClusterProfile } from './profiles/types.js';
export { detectHost, type HostFacts } from './host/facts.js';

// ---- running against a cluster --------------------------------------------------------------------
export { run, type RunOptions, type RunResult } from './api.js';

// ---- verdicts over recorded observations ----------------------------------------------------------
export { judgeRecorded } from './api.js';
export { judge, type JudgeOptions } from './verdict/judge.js';
export type { Verdict, VerdictStatus } from './verdict/types.js';
export type { CheckResult } from './expectations/types.js';
export type { Observation, PodSnapshot, TimelineEntry } from './observe/types.js';

// ---- reports --------------------------------------------------------------------------------------
export { writeReports, REPORT_FILES, type ReportPaths } from './report/write.js';
export { buildHtml, renderHtmlPage, type HtmlPage, type HtmlScenario } from './report/html.js';
export { htmlFromFiles } from './report/from-files.js';
export { buildMarkdown } from './report/markdown.js';
export { buildJUnit } from './report/junit.js';
export type { RunReport } from './report/types.js';

// ---- errors ---------------------------------------------------------------------------------------
export { InputError, EnvironmentError, DeadlineError, formatProblem, type InputProblem } from './errors.js';
export { EXIT } from './cli/exit-codes.js';
