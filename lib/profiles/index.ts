// Cluster profiles: small YAML files (clusters/*.yaml) saying which kind cluster to create and which feature
// gates it must have. This folder validates them (schema.ts, with lib/input), resolves their gates per
// component and node (resolve.ts), renders the kind config for a host (render-kind.ts) and assembles what
// `inplace-e2e plan` prints (plan.ts).
//
// Recognising harness clusters: kind labels every node container with the Docker label
// io.x-k8s.kind.cluster=<cluster name>, so the cluster lifecycle should find its clusters with
// `docker ps -a --filter label=io.x-k8s.kind.cluster` plus its own cluster-name prefix: that works while the
// API server is down and needs no kubeconfig (cleanup after a crash). Every node also carries the node label
// inplace-e2e.dev/profile=<profile name> (PROFILE_LABEL), which a reused cluster is checked against through
// the API (`--reuse NAME` must match the profile asked for).
export {
  PROFILE_API_VERSION,
  PROFILE_KIND,
  ProfileSchema,
  type ProfileDocument,
  type ProfileNodeDocument,
} from './schema.js';
export {
  PROFILE_LABEL,
  RESERVED_FOR_LABEL,
  type ClusterProfile,
  type ClusterWideComponent,
  type GateExpectation,
  type NodeRole,
  type ProfileNode,
} from './types.js';
export { imageTagMinor, kindNodeSuffixes, resolveProfile, type ProfileSource } from './resolve.js';
export { isProfilePath, listShippedProfiles, loadProfile, parseProfile, shippedProfilesDir } from './load.js';
export {
  chooseNodeImage,
  findNodeImage,
  type ImageStore,
  type NodeImageChoice,
  type NodeImageOptions,
} from './node-image.js';
export { DEFAULT_KIND_VERSION, kubeadmApiVersion, type KubeadmApiVersion } from './kubeadm-api.js';
export {
  KIND_API_VERSION,
  KIND_CLUSTER_DOCKER_LABEL,
  RESTRICT_OOM_SCORE_ADJ_PATCH,
  featureGatesFlag,
  renderKindConfig,
  type KindClusterConfig,
  type KindNodeConfig,
  type RenderOptions,
  type RenderedKindConfig,
} from './render-kind.js';
export {
  formatPlan,
  planCluster,
  type ClusterPlan,
  type GateCell,
  type GateSource,
  type GateTableColumn,
  type GateTableRow,
} from './plan.js';
