// The feature gates this harness reasons about, per Kubernetes minor, with where each fact comes from.
import { editDistance } from '../input/describe.js';
//
// Evidence legend used below:
//   VERIFIED <path>@<version>  read in upstream source at that release (Go module zips from the Go proxy:
//                              k8s.io/kubernetes@v1.34.4, v1.35.8, v1.36.3, v1.37.2; k8s.io/component-base
//                              @v0.34.4, v0.35.8, v0.36.3, v0.37.2).
//   UNVERIFIED                 not read in source; said where it applies.
//
// Facts per minor are the `VersionedSpecs` entry that applies at that minor (the last entry whose Version
// is <= the minor), read from the release that *is* that minor, because later releases may rewrite history.

/** Every Kubernetes component kind passes `featureGates` to (see lib/profiles/render-kind.ts). */
export const COMPONENTS = [
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kubelet',
  'kube-proxy',
] as const;
export type Component = (typeof COMPONENTS)[number];

export type GateStage = 'alpha' | 'beta' | 'ga';

/** Minors the table has read facts for. Older minors know none of these gates; newer ones are extrapolated. */
export const TABLE_MINORS = ['1.34', '1.35', '1.36', '1.37'] as const;
export type TableMinor = (typeof TABLE_MINORS)[number];

export interface GateFacts {
  stage: GateStage;
  default: boolean;
  /** LockToDefault: every component refuses to start when the gate is set to the other value. */
  locked: boolean;
  /** Gates that must be enabled whenever this one is enabled (featuregate.AddDependencies, 1.35+). */
  dependencies: readonly string[];
  /** Where the fact was read. */
  evidence: string;
}

export interface GateDefinition {
  name: string;
  /** What the gate switches, in one line, for plan output. */
  summary: string;
  /**
   * Components whose binaries register the gate (and so accept it on --feature-gates and report it in
   * `kubernetes_feature_enabled`). VERIFIED: every gate in pkg/features/kube_features.go is registered by that
   * package's init() (AddVersioned, line 2585 @v1.35.8), and cmd/{kube-apiserver,kube-controller-manager,
   * kube-scheduler,kubelet,kube-proxy} all import k8s.io/kubernetes/pkg/features @v1.35.8; each of them calls
   * featureGate AddMetrics() (cmd/kube-apiserver/app/server.go:114, cmd/kube-controller-manager/app/
   * controllermanager.go:144, cmd/kube-scheduler/app/server.go:163, cmd/kubelet/app/server.go:293,
   * cmd/kube-proxy/app/server.go:132 @v1.35.8), so all five expose kubernetes_feature_enabled for it.
   */
  registeredBy: readonly Component[];
  /**
   * Components whose behaviour the gate changes: the ones a preflight must see enabled.
   * VERIFIED by grepping `features.<Gate>` in non-test code @v1.35.8 (paths in each entry).
   */
  usedBy: readonly Component[];
  /** Facts per minor; null: the minor does not know the gate ("unrecognized feature gate"). */
  perMinor: Readonly<Record<TableMinor, GateFacts | null>>;
}

const ALL_COMPONENTS: readonly Component[] = COMPONENTS;

export const RESTART_ALL_CONTAINERS = 'RestartAllContainersOnContainerExits';
export const CONTAINER_RESTART_RULES = 'ContainerRestartRules';
export const NODE_DECLARED_FEATURES = 'NodeDeclaredFeatures';

const kubeFeatures = (version: string) => `pkg/features/kube_features.go@${version}`;

export const GATE_TABLE: readonly GateDefinition[] = [
  {
    name: RESTART_ALL_CONTAINERS,
    summary: 'RestartAllContainers action in container restartPolicyRules (KEP-5532)',
    registeredBy: ALL_COMPONENTS,
    // pkg/api/pod (validation option AllowRestartAllContainers), pkg/kubelet/** @v1.35.8.
    usedBy: ['kube-apiserver', 'kubelet'],
    perMinor: {
      // VERIFIED: no such constant in kube_features.go@v1.34.4.
      '1.34': null,
      '1.35': {
        stage: 'alpha',
        default: false,
        locked: false,
        dependencies: [CONTAINER_RESTART_RULES, NODE_DECLARED_FEATURES],
        evidence: `VERIFIED ${kubeFeatures('v1.35.8')}: {1.35 Alpha false}; dependencies {ContainerRestartRules, NodeDeclaredFeatures} (line 2409)`,
      },
      '1.36': {
        stage: 'beta',
        default: true,
        locked: false,
        dependencies: [CONTAINER_RESTART_RULES, NODE_DECLARED_FEATURES],
        evidence: `VERIFIED ${kubeFeatures('v1.36.3')}: {1.35 Alpha false}, {1.36 Beta true}; same dependencies (line 2651)`,
      },
      '1.37': {
        // Still beta: the KEP's "stable in 1.37" did not happen (no 1.37 entry in v1.37.2).
        stage: 'beta',
        default: true,
        locked: false,
        dependencies: [CONTAINER_RESTART_RULES, NODE_DECLARED_FEATURES],
        evidence: `VERIFIED ${kubeFeatures('v1.37.2')}: {1.35 Alpha false}, {1.36 Beta true}, no 1.37 entry (line 2077); same dependencies (line 2831)`,
      },
    },
  },
  {
    name: CONTAINER_RESTART_RULES,
    summary: 'container restartPolicyRules (KEP-5307); off: the API server silently drops every rule',
    registeredBy: ALL_COMPONENTS,
    // pkg/api/pod (dropContainerRestartRules), pkg/kubelet/** @v1.35.8.
    usedBy: ['kube-apiserver', 'kubelet'],
    perMinor: {
      '1.34': {
        stage: 'alpha',
        default: false,
        locked: false,
        // VERIFIED: 1.34 has no gate dependency mechanism at all (no defaultKubernetesFeatureGateDependencies in
        // kube_features.go@v1.34.4, no "depends on features" check in component-base featuregate@v0.34.4).
        dependencies: [],
        evidence: `VERIFIED ${kubeFeatures('v1.34.4')}: {1.34 Alpha false}`,
      },
      '1.35': {
        stage: 'beta',
        default: true,
        locked: false,
        dependencies: [],
        evidence: `VERIFIED ${kubeFeatures('v1.35.8')}: {1.34 Alpha false}, {1.35 Beta true}; dependencies {} (line 2203)`,
      },
      '1.36': {
        stage: 'beta',
        default: true,
        locked: false,
        dependencies: [],
        evidence: `VERIFIED ${kubeFeatures('v1.36.3')}: unchanged since {1.35 Beta true}; dependencies {}`,
      },
      '1.37': {
        stage: 'beta',
        default: true,
        locked: false,
        dependencies: [],
        // Not GA and not locked in 1.37 either: a ContainerRestartRules=false profile is valid on every minor.
        evidence: `VERIFIED ${kubeFeatures('v1.37.2')}: {1.34 Alpha false}, {1.35 Beta true}, no GA entry (line 1438); dependencies {} (line 2575)`,
      },
    },
  },
  {
    name: NODE_DECLARED_FEATURES,
    summary: 'nodes publish status.declaredFeatures; the scheduler and admission match pods against them (KEP-5328)',
    registeredBy: ALL_COMPONENTS,
    // pkg/registry/core/node + plugin/pkg/admission/nodedeclaredfeatures (apiserver), pkg/scheduler/** (scheduler),
    // pkg/kubelet/kubelet_node_status.go:668 (kubelet publishes declaredFeatures only with this gate) @v1.35.8.
    usedBy: ['kube-apiserver', 'kube-scheduler', 'kubelet'],
    perMinor: {
      // VERIFIED: no such constant in kube_features.go@v1.34.4.
      '1.34': null,
      '1.35': {
        stage: 'alpha',
        default: false,
        locked: false,
        dependencies: [],
        evidence: `VERIFIED ${kubeFeatures('v1.35.8')}: {1.35 Alpha false}; dependencies {} (line 2345)`,
      },
      '1.36': {
        stage: 'beta',
        default: true,
        locked: false,
        dependencies: [],
        evidence: `VERIFIED ${kubeFeatures('v1.36.3')}: {1.35 Alpha false}, {1.36 Beta true}`,
      },
      '1.37': {
        stage: 'ga',
        default: true,
        locked: true,
        dependencies: [],
        evidence: `VERIFIED ${kubeFeatures('v1.37.2')}: {1.35 Alpha false}, {1.36 Beta true}, {1.37 GA true LockToDefault} (line 1892)`,
      },
    },
  },
];

const BY_NAME = new Map(GATE_TABLE.map((g) => [g.name, g]));

export function gateDefinition(name: string): GateDefinition | undefined {
  return BY_NAME.get(name);
}

/** Names of the gates in the table, in table order. */
export function tableGateNames(): string[] {
  return GATE_TABLE.map((g) => g.name);
}

/**
 * The table gate `name` is most likely a misspelling of (a few edits away, or the same letters in another
 * case); undefined for table gates and for names not close to any.
 */
export function misspelledGate(name: string): string | undefined {
  if (BY_NAME.has(name)) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of BY_NAME.keys()) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 6)) ? best : undefined;
}
