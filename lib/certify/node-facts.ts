// What a reviewer needs to know about a node certify ran on: component versions, the kernel, cgroups, the
// feature gates each component reports, status.declaredFeatures and the image. Read from the running node
// through the provider's node exec (the kind node container) and from the API server; the parsers are pure.
import { nodeCgroupVersion, type NodeExec } from '../cluster/node-access.js';
import { errorText } from '../errors.js';
import type { KubeClient } from '../kube/client.js';
import { at, isObject, nameOf, stringAt } from '../kube/json.js';
import { featureGatesFromMetrics, parsePrometheusText } from '../preflight/prometheus.js';

export interface ComponentGates {
  /** Gate → on/off, as the component reports it (metrics: every gate it knows; flags/config: those set). */
  gates: Record<string, boolean>;
  /** Where they were read: "kube-apiserver /metrics", "kubelet /configz", "--feature-gates in …". */
  source: string;
}

export interface NodeFacts {
  node: string;
  versions: { kubelet?: string; containerd?: string; runc?: string; crictl?: string; kernel?: string; os?: string };
  cgroup: { version?: 'v1' | 'v2'; kubeletDriver?: string; containerdSystemdCgroup?: boolean };
  /** By component: kube-apiserver (metrics), kubelet (metrics and configz), control-plane flags. */
  featureGates: Record<string, ComponentGates>;
  /** The node's status.declaredFeatures (absent when the field is). */
  declaredFeatures?: string[];
  containerRuntimeVersion?: string;
  /** What could not be read, and why: part of the facts. */
  errors: string[];
}

export interface ImageFacts {
  image: string;
  id: string;
  repoDigests: string[];
}

/** "containerd github.com/containerd/containerd/v2 v2.2.9 abc" or "containerd containerd.io 1.6.20 …" → "v2.2.9" / "1.6.20". */
export function parseContainerdVersion(text: string): string | undefined {
  return /^containerd\s+\S+\s+(\S+)/m.exec(text)?.[1];
}

/** "runc version 1.1.5" (first line). */
export function parseRuncVersion(text: string): string | undefined {
  return /^runc version\s+(\S+)/m.exec(text)?.[1];
}

/** "crictl version v1.36.0". */
export function parseCrictlVersion(text: string): string | undefined {
  return /crictl version\s+(\S+)/.exec(text)?.[1];
}

/** PRETTY_NAME of /etc/os-release. */
export function parseOsRelease(text: string): string | undefined {
  return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(text)?.[1];
}

/** `--feature-gates=A=true,B=false` anywhere in a text (static pod manifests, a unit's command line). */
export function parseFeatureGateFlags(text: string): Record<string, boolean> {
  const gates: Record<string, boolean> = {};
  for (const m of text.matchAll(/--feature-gates[= ]([A-Za-z0-9=,]+)/g)) {
    for (const pair of (m[1] ?? '').split(',')) {
      const [k, v] = pair.split('=');
      if (k && (v === 'true' || v === 'false')) gates[k] = v === 'true';
    }
  }
  return gates;
}

/** The kubelet's /configz answer: its featureGates and cgroupDriver. */
export function parseKubeletConfigz(text: string): { gates: Record<string, boolean>; cgroupDriver?: string } {
  const doc: unknown = JSON.parse(text);
  const config = at(doc, 'kubeletconfig');
  const gates: Record<string, boolean> = {};
  const raw = at(config, 'featureGates');
  if (isObject(raw)) for (const [k, v] of Object.entries(raw)) if (typeof v === 'boolean') gates[k] = v;
  const cgroupDriver = stringAt(config, 'cgroupDriver');
  return { gates, ...(cgroupDriver ? { cgroupDriver } : {}) };
}

/** `SystemdCgroup = true` in containerd's effective config (`containerd config dump`). */
export function parseContainerdSystemdCgroup(text: string): boolean | undefined {
  const m = /SystemdCgroup\s*=\s*(true|false)/.exec(text);
  return m ? m[1] === 'true' : undefined;
}

const gateRecord = (text: string): Record<string, boolean> =>
  Object.fromEntries(
    [...featureGatesFromMetrics(parsePrometheusText(text))]
      .map(([k, g]) => [k, g.enabled])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );

/** Reads every fact of every node of a cluster; what cannot be read is listed under `errors`, never thrown. */
export async function collectNodeFacts(
  exec: NodeExec,
  client: Pick<KubeClient, 'getRaw' | 'listNodes'>,
): Promise<NodeFacts[]> {
  let apiserver: ComponentGates | undefined;
  const apiErrors: string[] = [];
  try {
    apiserver = {
      gates: gateRecord(await client.getRaw('/metrics')),
      source: 'kube-apiserver /metrics (kubernetes_feature_enabled)',
    };
  } catch (e) {
    apiErrors.push(`kube-apiserver /metrics: ${errorText(e)}`);
  }
  const nodes = await client.listNodes();
  const out: NodeFacts[] = [];
  for (const node of nodes) {
    const name = nameOf(node);
    const errors = [...apiErrors];
    const text = async (what: string, argv: string[]): Promise<string | undefined> => {
      try {
        const r = await exec(name, argv, { timeoutMs: 30_000 });
        if (r.exitCode === 0) return r.stdout;
        errors.push(`${what}: exit ${r.exitCode}: ${(r.stderr || r.stdout).trim().split('\n').slice(-1)[0] ?? ''}`);
      } catch (e) {
        errors.push(`${what}: ${errorText(e)}`);
      }
      return undefined;
    };
    const facts: NodeFacts = { node: name, versions: {}, cgroup: {}, featureGates: {}, errors };
    const put = <K extends keyof NodeFacts['versions']>(k: K, v: string | undefined) => {
      if (v) facts.versions[k] = v;
    };
    put('kubelet', /v\d+\.\d+\.\S+/.exec((await text('kubelet --version', ['kubelet', '--version'])) ?? '')?.[0]);
    put('containerd', parseContainerdVersion((await text('containerd --version', ['containerd', '--version'])) ?? ''));
    put('runc', parseRuncVersion((await text('runc --version', ['runc', '--version'])) ?? ''));
    put('crictl', parseCrictlVersion((await text('crictl --version', ['crictl', '--version'])) ?? ''));
    put('kernel', (await text('uname -r', ['uname', '-r']))?.trim());
    put('os', parseOsRelease((await text('/etc/os-release', ['cat', '/etc/os-release'])) ?? ''));
    try {
      const v = await nodeCgroupVersion(exec, name);
      if (v !== 'unknown') facts.cgroup.version = v;
    } catch (e) {
      errors.push(`cgroup version: ${errorText(e)}`);
    }
    const dump = await text('containerd config dump', ['containerd', 'config', 'dump']);
    const systemd = dump === undefined ? undefined : parseContainerdSystemdCgroup(dump);
    if (systemd !== undefined) facts.cgroup.containerdSystemdCgroup = systemd;

    if (apiserver) facts.featureGates['kube-apiserver'] = apiserver;
    try {
      facts.featureGates.kubelet = {
        gates: gateRecord(await client.getRaw(`/api/v1/nodes/${encodeURIComponent(name)}/proxy/metrics`)),
        source: 'kubelet /metrics (kubernetes_feature_enabled)',
      };
    } catch (e) {
      errors.push(`kubelet /metrics: ${errorText(e)}`);
    }
    try {
      const configz = parseKubeletConfigz(
        await client.getRaw(`/api/v1/nodes/${encodeURIComponent(name)}/proxy/configz`, { accept: 'application/json' }),
      );
      facts.featureGates['kubelet configz'] = {
        gates: configz.gates,
        source: 'kubelet /configz featureGates (set explicitly)',
      };
      if (configz.cgroupDriver) facts.cgroup.kubeletDriver = configz.cgroupDriver;
    } catch (e) {
      errors.push(`kubelet /configz: ${errorText(e)}`);
    }
    const manifests = await text('static pod manifests', [
      'sh',
      '-c',
      'for f in /etc/kubernetes/manifests/*.yaml; do echo "### $f"; cat "$f"; done',
    ]);
    if (manifests) {
      for (const part of manifests.split('### ').slice(1)) {
        const file = part.split('\n')[0] ?? '';
        const component = /([a-z-]+)\.yaml$/.exec(file)?.[1];
        if (component && component !== 'etcd')
          facts.featureGates[`${component} flags`] = {
            gates: parseFeatureGateFlags(part),
            source: `--feature-gates in ${file}`,
          };
      }
    }
    const runtime = stringAt(node, 'status', 'nodeInfo', 'containerRuntimeVersion');
    if (runtime) facts.containerRuntimeVersion = runtime;
    const declared = at(node, 'status', 'declaredFeatures');
    if (Array.isArray(declared)) facts.declaredFeatures = declared.filter((f): f is string => typeof f === 'string');
    out.push(facts);
  }
  return out;
}
