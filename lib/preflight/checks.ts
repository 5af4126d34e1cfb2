// Pure preflight judgements: what was measured against what the profile expects, in precise words.
import { CONTAINER_RESTART_RULES, NODE_DECLARED_FEATURES, RESTART_ALL_CONTAINERS } from '../gates/table.js';
import type { GateMetric } from './prometheus.js';

/** The node feature a kubelet with the gate on publishes in status.declaredFeatures. */
export const RESTART_ALL_NODE_FEATURE = 'RestartAllContainersOnContainerExits';

export interface PreflightCheck {
  /** Stable id, e.g. "apiserver.gate.RestartAllContainersOnContainerExits", "node.kind-worker.declaredFeatures". */
  check: string;
  passed: boolean;
  detail: string;
}

const onOff = (b: boolean): string => (b ? 'on' : 'off');

/**
 * One check per expected gate of a component: `gate X is off on node kind-worker (kubelet metric
 * kubernetes_feature_enabled=0)`.
 */
export function gateChecks(
  component: { id: string; where: string; metricSource: string },
  expected: Record<string, boolean>,
  measured: Map<string, GateMetric>,
): PreflightCheck[] {
  if (measured.size === 0) {
    return [
      {
        check: `${component.id}.gates`,
        passed: false,
        detail: `no kubernetes_feature_enabled samples in the ${component.metricSource} metrics: cannot prove any gate ${component.where}`,
      },
    ];
  }
  return Object.entries(expected).map(([gate, want]) => {
    const m = measured.get(gate);
    if (!m) {
      return {
        check: `${component.id}.gate.${gate}`,
        passed: !want,
        detail: `gate ${gate} is unknown ${component.where} (no kubernetes_feature_enabled sample in the ${component.metricSource} metrics); expected ${onOff(want)}`,
      };
    }
    const stage = m.stage ? `, stage ${m.stage}` : '';
    return {
      check: `${component.id}.gate.${gate}`,
      passed: m.enabled === want,
      detail: `gate ${gate} is ${onOff(m.enabled)} ${component.where} (${component.metricSource} metric kubernetes_feature_enabled=${m.value}${stage})${
        m.enabled === want ? '' : `; expected ${onOff(want)}`
      }`,
    };
  });
}

/**
 * Whether a node declares RestartAllContainersOnContainerExits as expected. Expectation: declared
 * iff NodeDeclaredFeatures and the gate are both on for that kubelet. Skipped (undefined) when the
 * expected gates do not mention NodeDeclaredFeatures (a version without it).
 */
export function declaredFeatureCheck(
  node: string,
  kubeletGates: Record<string, boolean>,
  declared: string[] | undefined,
  /** An explicit expectation (e.g. the profile's); overrides the derivation from the gates. */
  explicit?: boolean,
): PreflightCheck | undefined {
  if (explicit === undefined && !(NODE_DECLARED_FEATURES in kubeletGates)) return undefined;
  const want =
    explicit ?? (kubeletGates[NODE_DECLARED_FEATURES] === true && kubeletGates[RESTART_ALL_CONTAINERS] === true);
  const has = (declared ?? []).includes(RESTART_ALL_NODE_FEATURE);
  const list =
    declared === undefined ? 'status.declaredFeatures is absent' : `status.declaredFeatures: [${declared.join(', ')}]`;
  return {
    check: `node.${node}.declaredFeatures`,
    passed: has === want,
    detail: `node ${node} ${has ? 'declares' : 'does not declare'} ${RESTART_ALL_NODE_FEATURE} (${list})${
      has === want ? '' : `; expected it ${want ? 'declared' : 'not declared'}`
    }`,
  };
}

/**
 * What a dry-run create of a pod using RestartAllContainers does, given the API server's gates:
 * rules dropped without ContainerRestartRules, rejected without RestartAllContainersOnContainerExits
 * (pkg/api/pod/util.go: dropContainerRestartRules, AllowRestartAllContainers), accepted with both.
 */
export function dryRunExpectation(apiserverGates: Record<string, boolean>): 'accepted' | 'rejected' | 'dropped' {
  if (apiserverGates[CONTAINER_RESTART_RULES] === false) return 'dropped';
  return apiserverGates[RESTART_ALL_CONTAINERS] === true ? 'accepted' : 'rejected';
}
