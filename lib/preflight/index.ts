// lib/preflight: proof, before any scenario, that the cluster has the feature gates the profile
// expects: API server and kubelet kubernetes_feature_enabled metrics, nodes' declaredFeatures, and
// a server-side dry-run of a pod using RestartAllContainers. Each check says precisely what was seen.
export { runPreflight, DEFAULT_PROBE_IMAGE } from './preflight.js';
export type { GateExpectations, NodeInfo, PreflightClient, PreflightReport } from './preflight.js';
export { gateChecks, declaredFeatureCheck, dryRunExpectation, RESTART_ALL_NODE_FEATURE } from './checks.js';
export { gateExpectationsFromProfile } from './from-profile.js';
export type { PreflightCheck } from './checks.js';
export { parsePrometheusText, featureGatesFromMetrics, cgroupVersionFromMetrics } from './prometheus.js';
export type { Sample, GateMetric } from './prometheus.js';
export { restartAllProbePod, PREFLIGHT_POD_NAME } from './dry-run.js';
