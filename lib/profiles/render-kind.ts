// Renders a resolved profile into a kind v1alpha4 Cluster config for a given host. Pure: the host facts,
// kind version and image availability come in as arguments.
//
// How kind consumes what is rendered here (VERIFIED in kubernetes-sigs/kind v0.32.0 / main @fed26882):
// - `featureGates` go to the `feature-gates` extraArgs of kube-apiserver, kube-controller-manager and
//   kube-scheduler, and to `featureGates` of the KubeletConfiguration and KubeProxyConfiguration
//   (pkg/cluster/internal/kubeadm/config.go templates).
// - `kubeadmConfigPatches` (cluster level, then nodes[].kubeadmConfigPatches for that node) are RFC 7386
//   merge patches applied to the generated kubeadm documents, matched by `kind` and by `apiVersion` only
//   when the patch has one (pkg/internal/patch/resource.go matches()).
// - extraArgs / kubeletExtraArgs: in v1beta3 they are maps and the plain merge patch merges them key by key;
//   for a v1beta4 target kind merges the {name, value} lists by name itself, keeping node-ip, provider-id and
//   node-labels (pkg/internal/patch/kubeadm_merge.go, new in v0.32.0). A map-shaped patch for a v1beta4
//   target is converted only when the patch has no apiVersion.
// - nodes[].labels become the kubelet's --node-labels (config action, hashMapLabelsToCommaSeparatedLabels).
// - `containerdConfigPatches` are TOML merge patches of /etc/containerd/config.toml; kind restarts containerd
//   after patching (pkg/cluster/internal/create/actions/config/config.go).
import { stringify } from 'yaml';
import type { HostFacts } from '../host/facts.js';
import { compareVersions, parseVersion } from '../k8s-version.js';
import { COMPONENTS } from '../gates/index.js';
import { DEFAULT_KIND_VERSION, kubeadmApiVersion, type KubeadmApiVersion } from './kubeadm-api.js';
import { chooseNodeImage, type NodeImageChoice } from './node-image.js';
import { PROFILE_LABEL, type ClusterProfile, type NodeRole, type ProfileNode } from './types.js';

export const KIND_API_VERSION = 'kind.x-k8s.io/v1alpha4';

/** kind puts this Docker label on every node container, with the cluster name as value. */
export const KIND_CLUSTER_DOCKER_LABEL = 'io.x-k8s.kind.cluster';

export interface KindNodeConfig {
  role: NodeRole;
  image: string;
  labels: Record<string, string>;
  kubeadmConfigPatches?: string[];
}

export interface KindClusterConfig {
  kind: 'Cluster';
  apiVersion: typeof KIND_API_VERSION;
  name?: string;
  featureGates?: Record<string, boolean>;
  kubeadmConfigPatches?: string[];
  containerdConfigPatches?: string[];
  nodes: KindNodeConfig[];
}

export interface RenderOptions {
  /** --node-image override. */
  nodeImage?: string;
  /** Whether Docker has the profile's localImage (checked by the cluster lifecycle). */
  localImageAvailable?: boolean;
  /** Installed kind version (`kind version`); decides the kubeadm API. Default DEFAULT_KIND_VERSION. */
  kindVersion?: string;
  /** Cluster name written into the config (kind's --name overrides it anyway). */
  clusterName?: string;
}

export interface RenderedKindConfig {
  config: KindClusterConfig;
  yaml: string;
  notes: string[];
  nodeImage: NodeImageChoice;
  kubeadmApiVersion: KubeadmApiVersion;
}

/** Kubelets from 1.35 default failCgroupV1 to true (pkg/kubelet/apis/config/v1beta1/defaults.go @v1.35.8; false @v1.34.4). */
const FIRST_FAIL_CGROUP_V1 = parseVersion('1.35');

/** The CRI section of kind's /etc/containerd/config.toml (config format version 2, images/base/files/etc/containerd/config.toml). */
export const RESTRICT_OOM_SCORE_ADJ_PATCH = '[plugins."io.containerd.grpc.v1.cri"]\n  restrict_oom_score_adj = true\n';

/**
 * kind and kubeadm read YAML with go-yaml (YAML 1.1 scalars), where off/yes/n are booleans: stringify with
 * the 1.1 schema so such strings (a label value "off") stay quoted strings.
 */
function toYaml(value: unknown): string {
  return stringify(value, { version: '1.1', lineWidth: 0 });
}

/** "A=true,B=false", sorted, the form of the --feature-gates flag (kind's FeatureGatesString does the same). */
export function featureGatesFlag(gates: Record<string, boolean>): string {
  return Object.keys(gates)
    .sort()
    .map((g) => `${g}=${String(gates[g])}`)
    .join(',');
}

function kubeletArgs(node: ProfileNode): Record<string, string> {
  const args: Record<string, string> = {};
  if (Object.keys(node.kubeletFeatureGates).length > 0)
    args['feature-gates'] = featureGatesFlag(node.kubeletFeatureGates);
  for (const name of Object.keys(node.kubeletExtraArgs).sort()) args[name] = node.kubeletExtraArgs[name] as string;
  return args;
}

/**
 * The node's kubelet flags as a kubeadm nodeRegistration patch. The only control-plane node runs
 * `kubeadm init` (InitConfiguration); workers run `kubeadm join` (JoinConfiguration). The patch has no
 * apiVersion on purpose: with one, a kind that generates another kubeadm version would skip it silently;
 * without one, a shape mismatch fails loudly in kubeadm instead.
 */
function nodeRegistrationPatch(node: ProfileNode, api: KubeadmApiVersion): string | undefined {
  const args = kubeletArgs(node);
  const hasArgs = Object.keys(args).length > 0;
  if (!hasArgs && node.taints === undefined) return undefined;
  const kubeletExtraArgs =
    api === 'kubeadm.k8s.io/v1beta4'
      ? Object.entries(args).map(([name, value]) => ({ name, value })) // v1beta4: []Arg{name, value}
      : args; // v1beta3: map[string]string
  const kind = node.role === 'control-plane' ? 'InitConfiguration' : 'JoinConfiguration';
  return toYaml({
    kind,
    nodeRegistration: {
      ...(hasArgs ? { kubeletExtraArgs } : {}),
      // kubeadm taints a control plane only when taints is absent; an explicit [] leaves it schedulable
      // (kubeadm defaults: SetDefaults_NodeRegistration). The merge patch replaces the list whole.
      ...(node.taints !== undefined ? { taints: node.taints } : {}),
    },
  });
}

function kubeletConfigurationPatch(profile: ClusterProfile, host: HostFacts, notes: string[]): string | undefined {
  const settings: Record<string, unknown> = {};
  const v = parseVersion(profile.minor);
  const needsFailCgroupV1Off = compareVersions(v, FIRST_FAIL_CGROUP_V1) >= 0 && host.cgroupVersion !== 2;
  if (needsFailCgroupV1Off && !('failCgroupV1' in profile.kubeletSettings)) {
    settings.failCgroupV1 = false;
    notes.push(
      host.cgroupVersion === 1
        ? 'cgroup v1 host: set failCgroupV1=false; Kubernetes 1.35+ kubelets refuse cgroup v1 otherwise (KEP-5573)'
        : 'cgroup version of the host unknown: set failCgroupV1=false (harmless on cgroup v2); Kubernetes 1.35+ kubelets refuse cgroup v1 otherwise (KEP-5573)',
    );
  }
  Object.assign(settings, profile.kubeletSettings);
  if (Object.keys(settings).length === 0) return undefined;
  // Cluster level reaches every node: kubeadm init puts the KubeletConfiguration into the kubelet-config
  // ConfigMap, which joining nodes download.
  return toYaml({ kind: 'KubeletConfiguration', ...settings });
}

function containerdPatches(host: HostFacts, notes: string[]): string[] {
  if (host.capSysResource === 'absent') {
    notes.push(
      'host lacks CAP_SYS_RESOURCE: set containerd restrict_oom_score_adj=true; containerd asks for a negative oom_score_adj on every pod sandbox and runc aborts the start when the kernel refuses it',
    );
    return [RESTRICT_OOM_SCORE_ADJ_PATCH];
  }
  if (host.capSysResource === 'unknown') {
    notes.push(
      'could not tell whether the host has CAP_SYS_RESOURCE: containerd restrict_oom_score_adj left at the node image default',
    );
  }
  return [];
}

function renderNode(node: ProfileNode, image: string, api: KubeadmApiVersion, notes: string[]): KindNodeConfig {
  const kindNode: KindNodeConfig = { role: node.role, image, labels: { ...node.labels } };
  const patch = nodeRegistrationPatch(node, api);
  if (patch !== undefined) {
    kindNode.kubeadmConfigPatches = [patch];
    const flags = Object.entries(kubeletArgs(node)).map(([k, v]) => `--${k}=${v}`);
    if (flags.length > 0)
      notes.push(
        `node ${node.nameSuffix}: kubelet flags ${flags.join(' ')} (a --feature-gates flag wins per gate over the cluster KubeletConfiguration)`,
      );
    if (node.taints !== undefined)
      notes.push(
        `node ${node.nameSuffix}: taints ${node.taints.map((t) => `${t.key}${t.value !== undefined ? `=${t.value}` : ''}:${t.effect}`).join(', ') || 'none'}${node.reservedFor ? ` (kept for ${node.reservedFor})` : ''}`,
      );
  }
  return kindNode;
}

export function renderKindConfig(
  profile: ClusterProfile,
  host: HostFacts,
  options: RenderOptions = {},
): RenderedKindConfig {
  const notes: string[] = [];
  const nodeImage = chooseNodeImage(profile, {
    override: options.nodeImage,
    localImageAvailable: options.localImageAvailable,
  });
  notes.push(...nodeImage.notes);

  const kindVersion = options.kindVersion ?? DEFAULT_KIND_VERSION;
  const api = kubeadmApiVersion(profile.minor, kindVersion);
  const shape = api === 'kubeadm.k8s.io/v1beta4' ? 'a list of {name, value}' : 'a map';
  notes.push(
    `kind ${kindVersion} generates ${api} for Kubernetes ${profile.minor}: per-node kubeletExtraArgs are rendered as ${shape}`,
  );

  const hasGates = Object.keys(profile.featureGates).length > 0;
  if (hasGates) {
    notes.push(
      `featureGates ${featureGatesFlag(profile.featureGates)} go to ${COMPONENTS.join(', ')}: a gate any of them does not know stops that component at startup`,
    );
  }
  const kubeletPatch = kubeletConfigurationPatch(profile, host, notes);
  const containerd = containerdPatches(host, notes);
  const nodes = profile.nodes.map((node) => renderNode(node, nodeImage.image, api, notes));

  // Key order is the reading order of the printed config: cluster-wide settings first, nodes last.
  const config: KindClusterConfig = {
    kind: 'Cluster',
    apiVersion: KIND_API_VERSION,
    ...(options.clusterName !== undefined ? { name: options.clusterName } : {}),
    ...(hasGates ? { featureGates: { ...profile.featureGates } } : {}),
    ...(kubeletPatch !== undefined ? { kubeadmConfigPatches: [kubeletPatch] } : {}),
    ...(containerd.length > 0 ? { containerdConfigPatches: containerd } : {}),
    nodes,
  };

  notes.push(
    `every node carries the label ${PROFILE_LABEL}=${profile.name}; kind labels the node containers ${KIND_CLUSTER_DOCKER_LABEL}=<cluster name>`,
  );

  const cgroup = host.cgroupVersion === 'unknown' ? '?' : String(host.cgroupVersion);
  const header = [
    `# kind cluster config rendered by inplace-e2e from profile ${profile.name}`,
    `# Kubernetes ${profile.minor}, ${api}; host: cgroup v${cgroup}, CAP_SYS_RESOURCE ${host.capSysResource}`,
  ].join('\n');
  return { config, yaml: `${header}\n${toYaml(config)}`, notes, nodeImage, kubeadmApiVersion: api };
}
