// Preflight: PROVE the cluster has the gates the profile expects before any scenario runs.
//   (a) kube-apiserver /metrics: kubernetes_feature_enabled per gate,
//   (b) each kubelet through /api/v1/nodes/<node>/proxy/metrics,
//   (c) nodes' status.declaredFeatures (where NodeDeclaredFeatures exists),
//   (d) a server-side dry-run create of a pod using RestartAllContainers: accepted (rules kept) or rejected.
import type { ClusterProvider } from '../cluster/provider.js';
import { nodeCgroupVersion } from '../cluster/node-access.js';
import type { KubeClient } from '../kube/client.js';
import { arrayAt, at, nameOf, stringAt, type JsonObject } from '../kube/json.js';
import { formatApiError } from '../kube/status.js';
import { declaredFeatureCheck, gateChecks, type PreflightCheck } from './checks.js';
import { restartAllProbePod } from './dry-run.js';
import { cgroupVersionFromMetrics, featureGatesFromMetrics, parsePrometheusText } from './prometheus.js';
import { errorText } from '../errors.js';
import { minorOf } from '../k8s-version.js';

export interface GateExpectations {
  /** kube-apiserver gates. */
  apiserver: Record<string, boolean>;
  /** Kubelet gates by node name; "*" applies to every node not named. */
  kubelets: Record<string, Record<string, boolean>>;
  /**
   * What a dry-run create of a pod using RestartAllContainers must do: accepted with the rule kept,
   * rejected (RestartAllContainersOnContainerExits off), dropped (accepted without the rules:
   * ContainerRestartRules off), or skip.
   */
  dryRun: 'accepted' | 'rejected' | 'dropped' | 'skip';
  /** Image named in the dry-run pod (never pulled). Default: the harness busybox. */
  image?: string;
  /** Namespace for the dry-run (must exist; default "default"). */
  namespace?: string;
  /**
   * Whether each node (by name) must list RestartAllContainersOnContainerExits in
   * status.declaredFeatures; a node not listed is judged from its kubelet gates, `null` skips it.
   */
  declaredFeatures?: Record<string, boolean | null>;
}

export interface NodeInfo {
  name: string;
  kubeletVersion: string;
  containerRuntime?: string;
  /** 1 or 2 from kubelet_cgroup_version (or the node's /sys/fs/cgroup), undefined when unknown. */
  cgroupVersion?: number;
}

export interface PreflightReport {
  passed: boolean;
  serverVersion: string;
  checks: PreflightCheck[];
  nodes: NodeInfo[];
  /** Things a person should know that are not pass/fail (cgroup v1, version skew). */
  notes: string[];
}

/** What preflight needs from the API (KubeClient has it). */
export type PreflightClient = Pick<
  KubeClient,
  'serverVersion' | 'getRaw' | 'listNodes' | 'createPod' | 'waitForServiceAccount'
>;

export const DEFAULT_PROBE_IMAGE = 'registry.k8s.io/e2e-test-images/busybox:1.37.0-1';

export async function runPreflight(
  client: PreflightClient,
  expected: GateExpectations,
  opts: { provider?: Pick<ClusterProvider, 'nodeExec'> } = {},
): Promise<PreflightReport> {
  const checks: PreflightCheck[] = [];
  const notes: string[] = [];
  const version = await client.serverVersion();

  // (a) API server
  try {
    const gates = featureGatesFromMetrics(parsePrometheusText(await client.getRaw('/metrics')));
    checks.push(
      ...gateChecks(
        { id: 'apiserver', where: 'in kube-apiserver', metricSource: 'kube-apiserver' },
        expected.apiserver,
        gates,
      ),
    );
  } catch (e) {
    checks.push({
      check: 'apiserver.metrics',
      passed: false,
      detail: `cannot read kube-apiserver /metrics: ${errorText(e)}`,
    });
  }

  // (b) kubelets and (c) declared features
  const nodes: NodeInfo[] = [];
  let nodeObjects: JsonObject[] = [];
  try {
    nodeObjects = await client.listNodes();
  } catch (e) {
    checks.push({ check: 'nodes.list', passed: false, detail: `cannot list nodes: ${errorText(e)}` });
  }
  for (const node of nodeObjects) {
    const name = nameOf(node);
    const kubeletGates = { ...(expected.kubelets['*'] ?? {}), ...(expected.kubelets[name] ?? {}) };
    const info: NodeInfo = {
      name,
      kubeletVersion: stringAt(node, 'status', 'nodeInfo', 'kubeletVersion') ?? '',
      ...(stringAt(node, 'status', 'nodeInfo', 'containerRuntimeVersion')
        ? { containerRuntime: stringAt(node, 'status', 'nodeInfo', 'containerRuntimeVersion') }
        : {}),
    };
    try {
      const samples = parsePrometheusText(
        await client.getRaw(`/api/v1/nodes/${encodeURIComponent(name)}/proxy/metrics`),
      );
      const cg = cgroupVersionFromMetrics(samples);
      if (cg !== undefined) info.cgroupVersion = cg;
      checks.push(
        ...gateChecks(
          { id: `node.${name}`, where: `on node ${name}`, metricSource: 'kubelet' },
          kubeletGates,
          featureGatesFromMetrics(samples),
        ),
      );
    } catch (e) {
      checks.push({
        check: `node.${name}.metrics`,
        passed: false,
        detail: `cannot read the kubelet metrics of node ${name} through the API server proxy: ${errorText(e)}`,
      });
    }
    if (info.cgroupVersion === undefined && opts.provider) {
      try {
        const v = await nodeCgroupVersion((n, argv, o) => opts.provider!.nodeExec(n, argv, o), name);
        if (v !== 'unknown') info.cgroupVersion = v === 'v1' ? 1 : 2;
      } catch {
        // no node access: the version stays unknown
      }
    }
    const rawDeclared = at(node, 'status', 'declaredFeatures');
    const declared = Array.isArray(rawDeclared)
      ? rawDeclared.filter((f): f is string => typeof f === 'string')
      : undefined;
    const explicit = expected.declaredFeatures?.[name] ?? expected.declaredFeatures?.['*'];
    const c = explicit === null ? undefined : declaredFeatureCheck(name, kubeletGates, declared, explicit);
    if (c) checks.push(c);
    nodes.push(info);
    if (info.cgroupVersion === 1)
      notes.push(
        `node ${name} runs on cgroup v1 (kubelet ${info.kubeletVersion}; from 1.35 the kubelet needs failCgroupV1: false there)`,
      );
    if (info.kubeletVersion && version.gitVersion && !sameMinor(info.kubeletVersion, version.gitVersion)) {
      notes.push(
        `node ${name} kubelet ${info.kubeletVersion} differs in minor version from the API server ${version.gitVersion}`,
      );
    }
  }

  // (d) dry-run
  if (expected.dryRun !== 'skip') checks.push(await dryRunCheck(client, expected));

  return { passed: checks.every((c) => c.passed), serverVersion: version.gitVersion, checks, nodes, notes };
}

async function dryRunCheck(client: PreflightClient, expected: GateExpectations): Promise<PreflightCheck> {
  const ns = expected.namespace ?? 'default';
  const check = 'apiserver.dryRun.RestartAllContainers';
  try {
    // On a fresh cluster the namespace's default ServiceAccount may not exist yet, and admission
    // refuses every pod (403) until it does: that would say nothing about the gates.
    await client.waitForServiceAccount(ns, 'default', 60);
  } catch (e) {
    return { check, passed: false, detail: `dry-run not attempted: ${errorText(e)}` };
  }
  try {
    const { outcome, object } = await client.createPod(ns, restartAllProbePod(expected.image ?? DEFAULT_PROBE_IMAGE), {
      dryRun: true,
    });
    if (!outcome.accepted) {
      const text = outcome.error ? formatApiError(outcome.error) : 'no error text';
      return {
        check,
        passed: expected.dryRun === 'rejected',
        detail: `dry-run create of a pod with action RestartAllContainers was rejected: ${text}${expected.dryRun === 'rejected' ? '' : '; expected accepted'}`,
      };
    }
    const kept = arrayAt(object, 'spec', 'containers', 0, 'restartPolicyRules').some(
      (r) => stringAt(r, 'action') === 'RestartAllContainers',
    );
    if (!kept) {
      return {
        check,
        passed: expected.dryRun === 'dropped',
        detail:
          'dry-run create of a pod with action RestartAllContainers was accepted but the API server dropped restartPolicyRules (ContainerRestartRules is off in kube-apiserver)' +
          (expected.dryRun === 'dropped' ? '' : `; expected ${expected.dryRun}`),
      };
    }
    return {
      check,
      passed: expected.dryRun === 'accepted',
      detail: `dry-run create of a pod with action RestartAllContainers was accepted with the rule kept${outcome.warnings.length ? ` (warnings: ${outcome.warnings.join('; ')})` : ''}${
        expected.dryRun === 'accepted' ? '' : '; expected rejected'
      }`,
    };
  } catch (e) {
    return { check, passed: false, detail: `dry-run create could not be sent: ${errorText(e)}` };
  }
}

/** Whether two versions share a minor (texts that are not versions: whether they are equal). */
function sameMinor(a: string, b: string): boolean {
  try {
    return minorOf(a) === minorOf(b);
  } catch {
    return a === b;
  }
}
