// lib/cluster: where scenarios run. Cluster providers (KindProvider over the kind CLI,
// ExistingClusterProvider for a kubeconfig the user names), harness ownership (name prefix +
// ownership record), tool checks, node readiness by watch, node access (kubelet journal, crictl)
// through testcontainers' container runtime client, node actions, and the CleanupRegistry that removes what a run created.
export { acquireCluster, cleanupHarnessClusters, listHarnessClusters } from './session.js';
export type { AcquireOptions, ClusterMode, ClusterSession, CleanupReport } from './session.js';
export type {
  ClusterProvider,
  CreateClusterOptions,
  NodeActionName,
  NodeActionOptions,
  NodeExecOptions,
} from './provider.js';
export { NodeAccessError } from './provider.js';
export { KindProvider } from './kind-provider.js';
export {
  runtimeNodeContainers,
  KIND_CLUSTER_LABEL,
  type NodeContainer,
  type NodeContainers,
} from './node-containers.js';
export { nodeActionTarget, performNodeAction } from './node-actions.js';
export { ExistingClusterProvider } from './existing-provider.js';
export { CleanupRegistry } from './reaper.js';
export type { CleanupOutcome, ProcessHandlerOptions } from './reaper.js';
export { waitForNodesReady, nodeReadiness, nodesReadyState } from './ready.js';
export type { NodeReadiness } from './ready.js';
export {
  kubeletJournal,
  crictlPods,
  crictlInspectPod,
  crictlContainers,
  sandboxIdOf,
  nodeCgroupVersion,
  parseCrictlPods,
  parseCrictlContainers,
  parseCrictlInspectPod,
  criTimeToIso,
} from './node-access.js';
export type { NodeExec, CriSandbox, CriContainer, CriSandboxDetail } from './node-access.js';
export {
  checkDocker,
  checkKind,
  checkKubectl,
  parseKindVersion,
  parseKubectlClientVersion,
  isAtLeast,
  MIN_KIND_VERSION,
  KIND_INSTALL_HINT,
  DOCKER_INSTALL_HINT,
} from './tools.js';
export type { ToolReport } from './tools.js';
export { HARNESS_PREFIX, KIND_NAME_MAX, newClusterName, kindNameProblem, hasHarnessPrefix } from './names.js';
export { classifyClusters, readOwnership, writeOwnership, listOwnershipRecords, recordIsBusy } from './ownership.js';
export type { OwnershipRecord, OwnershipClassification } from './ownership.js';
export { clusterDir, privateKubeconfig, ownershipFile } from './paths.js';
