// A cluster profile after validation and gate resolution: what every later stage (render, plan, preflight,
// cluster lifecycle) works from. Nothing here is read from disk or a cluster.
import type { Component, GateResolution } from '../gates/index.js';

export type NodeRole = 'control-plane' | 'worker';

/** Node label put on every node of a harness cluster; its value is the profile name. */
export const PROFILE_LABEL = 'inplace-e2e.dev/profile';

/**
 * Label and NoSchedule taint key of a worker kept for scenarios that act on a node (profile
 * nodes[].reservedFor); the value names what it is kept for.
 */
export const RESERVED_FOR_LABEL = 'inplace-e2e.dev/reserved-for';
export const NODE_ACTIONS = 'node-actions';

export interface NodeTaint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** The taint a reserved worker gets (resolve.ts puts it on, lib/runner/isolation.ts looks for it). */
export const NODE_ACTIONS_TAINT: Readonly<NodeTaint> = Object.freeze({
  key: RESERVED_FOR_LABEL,
  value: NODE_ACTIONS,
  effect: 'NoSchedule',
});

/** The control-plane components: kind gives all of them (and kube-proxy) the cluster-level featureGates. */
export type ClusterWideComponent = Exclude<Component, 'kubelet'>;

export interface ProfileNode {
  /** Position in the profile's nodes list (and in kind's config). */
  index: number;
  role: NodeRole;
  /** kind's node name without the cluster prefix: control-plane, worker, worker2, … (<cluster>-<suffix>). */
  nameSuffix: string;
  /** Labels kind puts on the node, including PROFILE_LABEL. */
  labels: Record<string, string>;
  /** Gates only this node's kubelet gets (its --feature-gates flag). */
  kubeletFeatureGates: Record<string, boolean>;
  /** Extra kubelet flags for this node. */
  kubeletExtraArgs: Record<string, string>;
  /** Taints at registration, replacing kubeadm's default (the reservation's included); undefined: kubeadm's. */
  taints?: NodeTaint[];
  /** What the node is kept for (profile nodes[].reservedFor). */
  reservedFor?: typeof NODE_ACTIONS;
  /** The kubelet's resolved gates: the cluster featureGates overlaid with kubeletFeatureGates. */
  kubeletGates: GateResolution;
  /**
   * Whether the node should list RestartAllContainersOnContainerExits in status.declaredFeatures; undefined
   * on versions without NodeDeclaredFeatures. The kubelet publishes declaredFeatures only with
   * NodeDeclaredFeatures on (pkg/kubelet/kubelet_node_status.go:668 @v1.35.8) and discovers this feature
   * from its own RestartAllContainersOnContainerExits gate (component-helpers nodedeclaredfeatures/features/
   * restartallcontainers Discover @v0.35.8).
   */
  declaresRestartAllContainers: boolean | undefined;
}

/** Gate states the preflight must find on one component (one kubelet when `node` is set). */
export interface GateExpectation {
  component: Component;
  /** Node name suffix for kubelets. */
  node?: string;
  gates: Record<string, boolean>;
}

export interface ClusterProfile {
  name: string;
  description: string;
  /** Absolute path of the profile file ('<inline>' for parsed text). */
  file: string;
  /** As written in the profile. */
  kubernetesVersion: string;
  /** "1.35": the granularity gates are resolved at. */
  minor: string;
  nodeImage: string;
  localImage?: string;
  /** Cluster-level gates as written: kind's featureGates. */
  featureGates: Record<string, boolean>;
  /** Extra KubeletConfiguration fields for every node. */
  kubeletSettings: Record<string, unknown>;
  nodes: ProfileNode[];
  /** Resolution of the cluster-level gates: what the control-plane components and kube-proxy run with. */
  clusterGates: GateResolution;
  /** The profile's `expect.gates` as written: states the preflight checks instead of upstream defaults. */
  expectGates: Record<string, boolean>;
  /** What the preflight checks, per component and per kubelet. */
  expected: GateExpectation[];
  notes: string[];
}
