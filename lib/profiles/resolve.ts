// From a schema-valid profile document to a ClusterProfile: the checks JSON Schema cannot express (one
// control plane, image tags agree with the version, gates the version can start with, per node too) and
// the gate states every component will run with.
import { InputError, type InputProblem } from '../errors.js';
import {
  COMPONENTS,
  NODE_DECLARED_FEATURES,
  RESTART_ALL_CONTAINERS,
  evaluateGates,
  gateDefinition,
  gateFactsAt,
  misspelledGate,
  type GateRefusal,
  type GateResolution,
} from '../gates/index.js';
import { minorOf, parseVersion, type KubeVersion } from '../k8s-version.js';
import type { ProfileDocument, ProfileNodeDocument } from './schema.js';
import {
  NODE_ACTIONS,
  NODE_ACTIONS_TAINT,
  PROFILE_LABEL,
  RESERVED_FOR_LABEL,
  type ClusterProfile,
  type ClusterWideComponent,
  type GateExpectation,
  type NodeRole,
  type ProfileNode,
} from './types.js';
import { joinPointer, problemAt, type Anchor, type Locator } from '../input/yaml-source.js';

type PathSegment = string | number;

/** Where a profile came from, to position problems the schema cannot find. */
export interface ProfileSource {
  file: string;
  locate: Locator;
}

/** kind derives these kubelet flags itself (node-ip, provider-id, node-labels from nodes[].labels). */
const KIND_OWNED_KUBELET_FLAGS: Record<string, string> = {
  'feature-gates': 'use kubelet.featureGates',
  'node-labels': 'use labels',
  'node-ip': 'kind sets it from the node container address',
  'provider-id': 'kind sets it to kind://<provider>/<cluster>/<node>',
};

const RESERVED_KUBELET_SETTINGS: Record<string, string> = {
  featureGates: 'use featureGates (kind writes them into the KubeletConfiguration itself)',
  apiVersion: 'the patch always targets kubelet.config.k8s.io/v1beta1',
  kind: 'the patch always targets KubeletConfiguration',
};

/** The Kubernetes minor of an image reference's tag, or undefined when the tag is not a version. */
export function imageTagMinor(image: string): string | undefined {
  const ref = image.split('@')[0] ?? image;
  const colon = ref.lastIndexOf(':');
  if (colon < 0 || ref.indexOf('/', colon) >= 0) return undefined;
  try {
    return minorOf(ref.slice(colon + 1));
  } catch {
    return undefined;
  }
}

/** kind's node naming (pkg/cluster/internal/providers/common/namer.go): role, then role2, role3, … */
export function kindNodeSuffixes(roles: readonly NodeRole[]): string[] {
  const seen = new Map<string, number>();
  return roles.map((role) => {
    const n = (seen.get(role) ?? 0) + 1;
    seen.set(role, n);
    return n === 1 ? role : `${role}${n}`;
  });
}

class ProblemList {
  readonly items: InputProblem[] = [];
  constructor(private readonly source: ProfileSource) {}
  add(path: readonly PathSegment[], found: string, expected: string, at: Anchor = 'value'): void {
    const pointer = joinPointer('', ...path);
    this.items.push(problemAt(this.source.locate(pointer, at), pointer, found, expected));
  }
  /** In file order, as a person fixes them. */
  sorted(): InputProblem[] {
    return [...this.items].sort((a, b) => a.line - b.line || a.column - b.column);
  }
}

/** Reports gate refusals at the requested keys that cause them (`layers`: most specific first). */
function reportRefusals(
  problems: ProblemList,
  refusals: GateRefusal[],
  layers: { path: PathSegment[]; gates: Record<string, boolean> }[],
  context: string,
): void {
  for (const r of refusals) {
    let path: PathSegment[] | undefined;
    let gate = r.gate;
    for (const layer of layers) {
      const hit = r.involved.find((g) => g in layer.gates);
      if (hit) {
        path = [...layer.path, hit];
        gate = hit;
        break;
      }
    }
    const value = layers.find((l) => gate in l.gates)?.gates[gate];
    const setting = value === undefined ? `${gate} at its default` : `${gate}: ${value}`;
    problems.add(
      path ?? layers[layers.length - 1]?.path ?? [],
      `${setting}${context}, which Kubernetes ${r.version} cannot start with: ${r.reason}`,
      r.remedy,
      path ? 'key' : 'value',
    );
  }
}

const sameRefusal = (a: GateRefusal, b: GateRefusal) => a.kind === b.kind && a.gate === b.gate;

/** Expected state per gate: what is set explicitly, else the profile's expectation, else the resolution. */
function expectedGates(
  resolution: GateResolution,
  explicit: Record<string, boolean>,
  expect: Record<string, boolean>,
): Record<string, boolean> {
  const out: Record<string, boolean> = { ...resolution.effective };
  for (const [gate, value] of Object.entries(expect)) if (!(gate in explicit)) out[gate] = value;
  return out;
}

function checkImages(doc: ProfileDocument, minor: string, problems: ProblemList, notes: string[]): void {
  for (const key of ['nodeImage', 'localImage'] as const) {
    const image = doc[key];
    if (image === undefined) continue;
    const tagMinor = imageTagMinor(image);
    if (tagMinor === undefined) {
      notes.push(
        `${key} ${image}: the tag is not a version, so it cannot be checked against kubernetesVersion ${minor}`,
      );
    } else if (tagMinor !== minor) {
      problems.add(
        [key],
        `an image of Kubernetes ${tagMinor} (${image})`,
        `an image of Kubernetes ${minor} (kubernetesVersion)`,
      );
    }
  }
}

function checkTopology(nodeDocs: readonly ProfileNodeDocument[], problems: ProblemList): void {
  const controlPlanes = nodeDocs.flatMap((n, i) => (n.role === 'control-plane' ? [i] : []));
  if (controlPlanes.length === 0) {
    problems.add(['nodes'], 'no control-plane node', 'exactly one node with role: control-plane');
  }
  checkReservations(nodeDocs, problems);
  for (const i of controlPlanes.slice(1)) {
    problems.add(
      ['nodes', i, 'role'],
      'a second control-plane node',
      // Decision: refuse rather than allow with a note. More than one control plane makes kind start a
      // load balancer from docker.io/envoyproxy/envoy, which cannot be pulled offline, and an HA control
      // plane adds nothing to testing a kubelet feature.
      "exactly one control-plane node (more need kind's envoy load-balancer image, which cannot be pulled offline; add workers instead)",
    );
  }
}

/**
 * A reserved node takes only pods that tolerate its taint, so another node must take everything else: a
 * worker without NoSchedule/NoExecute taints, or a control plane that is schedulable (alone in the cluster,
 * where kind removes its taint, or given taints without those effects).
 */
function checkReservations(nodeDocs: readonly ProfileNodeDocument[], problems: ProblemList): void {
  const reserved = nodeDocs.flatMap((n, i) => (n.reservedFor !== undefined ? [i] : []));
  for (const i of reserved) {
    if (nodeDocs[i]?.role === 'control-plane')
      problems.add(
        ['nodes', i, 'reservedFor'],
        'reservedFor on the control-plane node',
        'reservedFor on a worker: a kubelet restart on the control plane disturbs the API server and every pod beside it',
        'key',
      );
  }
  for (const i of reserved.slice(1))
    problems.add(
      ['nodes', i, 'reservedFor'],
      'a second reserved node',
      'at most one node reservedFor: node-actions (node-acting scenarios run one at a time on it)',
      'key',
    );
  if (reserved.length === 0) return;
  const blocks = (taints: ReadonlyArray<{ effect: string }>) => taints.some((t) => t.effect !== 'PreferNoSchedule');
  const takesOtherPods = nodeDocs.some((n) => {
    if (n.reservedFor !== undefined) return false;
    if (n.taints !== undefined) return !blocks(n.taints);
    return n.role === 'worker' || nodeDocs.length === 1;
  });
  if (!takesOtherPods)
    problems.add(
      ['nodes'],
      'no node for the pods of the other scenarios: the reserved worker takes only its own, and the control plane of a cluster with workers is tainted NoSchedule',
      'another worker, or taints: [] on the control-plane node',
    );
}

function checkKubeletSettings(doc: ProfileDocument, problems: ProblemList, notes: string[]): void {
  for (const key of Object.keys(doc.kubelet ?? {})) {
    const why = RESERVED_KUBELET_SETTINGS[key];
    if (why) problems.add(['kubelet', key], `KubeletConfiguration field "${key}"`, `another field: ${why}`, 'key');
  }
  if (doc.kubelet && 'failCgroupV1' in doc.kubelet) {
    notes.push(
      `kubelet.failCgroupV1 is set explicitly (${String(doc.kubelet.failCgroupV1)}); the host-based default is not applied`,
    );
  }
  (doc.nodes ?? []).forEach((n, index) => {
    for (const flag of Object.keys(n.kubelet?.extraArgs ?? {})) {
      const why = KIND_OWNED_KUBELET_FLAGS[flag];
      if (why)
        problems.add(
          ['nodes', index, 'kubelet', 'extraArgs', flag],
          `kubelet flag "${flag}"`,
          `another flag: ${why}`,
          'key',
        );
    }
  });
}

/** `expect.gates` may replace upstream defaults (a differently built image), never contradict what is set. */
function checkExpectations(
  expect: Record<string, boolean>,
  clusterExplicit: Record<string, boolean>,
  version: KubeVersion,
  problems: ProblemList,
  notes: string[],
): void {
  const minor = minorOf(version);
  for (const [gate, value] of Object.entries(expect)) {
    const path = ['expect', 'gates', gate];
    const set = clusterExplicit[gate];
    const facts = gateFactsAt(gate, version);
    if (set !== undefined && set !== value) {
      problems.add(
        path,
        `${gate}: ${value}`,
        `${gate}: ${String(set)} as set in featureGates, or no expectation`,
        'key',
      );
    } else if (gateDefinition(gate) && !facts) {
      problems.add(
        path,
        `${gate}: ${value}`,
        `only gates Kubernetes ${minor} knows (the preflight could never find ${gate})`,
        'key',
      );
    } else if (set !== undefined) {
      continue; // restates the setting
    } else if (!facts) {
      notes.push(`expect.gates.${gate}=${value}: not in the gate table; the preflight checks it as written`);
    } else if (facts.default !== value) {
      notes.push(
        `expect.gates.${gate}=${value} differs from the upstream default on ${minor} (${facts.default}): the preflight checks ${value} (a node image built with other defaults?)`,
      );
    }
  }
}

/**
 * A gate outside the table is passed through to the components (they judge it), except one that is a
 * misspelling of a table gate: every component would refuse to start with it ("unrecognized feature gate").
 */
function checkGateNames(doc: ProfileDocument, problems: ProblemList): void {
  const places: Array<{ path: PathSegment[]; gates: Record<string, boolean> }> = [
    { path: ['featureGates'], gates: doc.featureGates ?? {} },
    { path: ['expect', 'gates'], gates: doc.expect?.gates ?? {} },
    ...(doc.nodes ?? []).map((n, i) => ({
      path: ['nodes', i, 'kubelet', 'featureGates'] as PathSegment[],
      gates: n.kubelet?.featureGates ?? {},
    })),
  ];
  for (const { path, gates } of places)
    for (const gate of Object.keys(gates)) {
      const guess = misspelledGate(gate);
      if (guess)
        problems.add(
          [...path, gate],
          `unknown feature gate "${gate}"`,
          `a gate Kubernetes knows; did you mean "${guess}"? (components refuse to start with "unrecognized feature gate: ${gate}")`,
          'key',
        );
    }
}

/** Each node's kubelet: cluster gates overlaid with its own, refused where that kubelet could not start. */
function resolveNodes(
  doc: ProfileDocument,
  version: KubeVersion,
  cluster: { explicit: Record<string, boolean>; refusals: GateRefusal[] },
  expect: Record<string, boolean>,
  problems: ProblemList,
  notes: string[],
): { nodes: ProfileNode[]; kubeletExpectations: GateExpectation[] } {
  const nodeDocs = doc.nodes ?? [{ role: 'control-plane' as const }];
  const suffixes = kindNodeSuffixes(nodeDocs.map((n) => n.role));
  const knowsDeclaredFeatures = gateFactsAt(NODE_DECLARED_FEATURES, version) !== undefined;
  const nodes: ProfileNode[] = [];
  const kubeletExpectations: GateExpectation[] = [];
  nodeDocs.forEach((n, index) => {
    const suffix = suffixes[index] as string;
    const nodeGates = n.kubelet?.featureGates ?? {};
    const kubelet = evaluateGates(version, nodeGates, cluster.explicit);
    // A refusal the cluster level already has is reported once, there.
    const nodeOnly = kubelet.refusals.filter((r) => !cluster.refusals.some((c) => sameRefusal(c, r)));
    reportRefusals(
      problems,
      nodeOnly,
      [
        { path: ['nodes', index, 'kubelet', 'featureGates'], gates: nodeGates },
        { path: ['featureGates'], gates: cluster.explicit },
      ],
      ` on the kubelet of node ${suffix}`,
    );
    notes.push(...kubelet.resolution.notes.map((note) => `node ${suffix}: ${note}`));
    const gates = expectedGates(kubelet.resolution, kubelet.resolution.explicit, expect);
    kubeletExpectations.push({ component: 'kubelet', node: suffix, gates });
    const reserved = n.reservedFor !== undefined;
    const taints = reserved ? [...(n.taints ?? []), NODE_ACTIONS_TAINT] : n.taints;
    nodes.push({
      index,
      role: n.role,
      nameSuffix: suffix,
      labels: {
        ...(n.labels ?? {}),
        ...(reserved ? { [RESERVED_FOR_LABEL]: NODE_ACTIONS } : {}),
        [PROFILE_LABEL]: doc.name,
      },
      kubeletFeatureGates: { ...nodeGates },
      kubeletExtraArgs: { ...(n.kubelet?.extraArgs ?? {}) },
      ...(taints !== undefined ? { taints: taints.map((t) => ({ ...t })) } : {}),
      ...(reserved ? { reservedFor: NODE_ACTIONS } : {}),
      kubeletGates: kubelet.resolution,
      declaresRestartAllContainers: knowsDeclaredFeatures
        ? gates[NODE_DECLARED_FEATURES] === true && gates[RESTART_ALL_CONTAINERS] === true
        : undefined,
    });
  });
  return { nodes, kubeletExpectations };
}

/**
 * Validates what the schema cannot and resolves gates. `doc` must already satisfy ProfileSchema; `source`
 * locates problems. Throws InputError listing every problem found, in file order.
 */
export function resolveProfile(doc: ProfileDocument, source: ProfileSource): ClusterProfile {
  const problems = new ProblemList(source);
  const notes: string[] = [];
  const version = parseVersion(doc.kubernetesVersion);
  const minor = minorOf(version);

  checkImages(doc, minor, problems, notes);
  checkGateNames(doc, problems);
  checkTopology(doc.nodes ?? [{ role: 'control-plane' }], problems);
  checkKubeletSettings(doc, problems, notes);

  // Cluster-level gates: what kube-apiserver, kube-controller-manager, kube-scheduler, kube-proxy and (as a
  // base) every kubelet run with.
  const clusterExplicit = doc.featureGates ?? {};
  const cluster = evaluateGates(version, clusterExplicit);
  reportRefusals(problems, cluster.refusals, [{ path: ['featureGates'], gates: clusterExplicit }], '');
  notes.push(...cluster.resolution.notes);

  const expect = doc.expect?.gates ?? {};
  checkExpectations(expect, clusterExplicit, version, problems, notes);

  const { nodes, kubeletExpectations } = resolveNodes(
    doc,
    version,
    { explicit: clusterExplicit, refusals: cluster.refusals },
    expect,
    problems,
    notes,
  );

  if (problems.items.length > 0) throw new InputError(problems.sorted());

  const clusterExpected = expectedGates(cluster.resolution, clusterExplicit, expect);
  const clusterWide = COMPONENTS.filter((c): c is ClusterWideComponent => c !== 'kubelet');
  const profile: ClusterProfile = {
    name: doc.name,
    description: doc.description,
    file: source.file,
    kubernetesVersion: doc.kubernetesVersion,
    minor,
    nodeImage: doc.nodeImage,
    featureGates: { ...clusterExplicit },
    kubeletSettings: { ...(doc.kubelet ?? {}) },
    nodes,
    clusterGates: cluster.resolution,
    expectGates: { ...expect },
    expected: [
      ...clusterWide.map((component) => ({ component, gates: { ...clusterExpected } })),
      ...kubeletExpectations,
    ],
    notes,
  };
  if (doc.localImage !== undefined) profile.localImage = doc.localImage;
  return profile;
}
