// How a scenario shares the cluster. A scenario with a node step (kubelet restart, node stop or start)
// disturbs every pod on that node (measured: a kubelet restart during another pod's container start fails
// that pod with StartError), so it runs alone, unless the cluster keeps a worker for node actions (profile
// nodes[].reservedFor) and the scenario's pod is written to go there: then it runs beside the others, one
// node-acting scenario at a time, and its node step refuses any other node.
import { at, arrayAt, stringAt } from '../kube/json.js';
import type { NodeReadiness } from '../cluster/ready.js';
import { NODE_ACTIONS, NODE_ACTIONS_TAINT, RESERVED_FOR_LABEL } from '../profiles/types.js';
import type { LoadedScenario } from '../suite/load.js';

/** Its kind is the pool mode (pool.ts) the scenario runs in. */
export type Isolation =
  /** Runs beside any other scenario. */
  | { kind: 'shared' }
  /** Runs with no other scenario on the cluster. */
  | { kind: 'alone'; why: string }
  /** Runs beside the others on `nodes` (kept for node actions), one such scenario at a time. */
  | { kind: 'lane'; nodes: string[] };

/** `suite/id` (or `suite/name`): how logs and --fail-fast name a scenario. */
export function scenarioTag(s: LoadedScenario): string {
  return `${s.suiteName}/${s.scenario.id ?? s.scenario.name}`;
}

/** A scenario with a node step. */
export function actsOnNodes(s: LoadedScenario): boolean {
  return (s.scenario.steps ?? []).some((step) => 'node' in step);
}

/** Nodes that carry the reservation label and its NoSchedule taint. */
export function nodesKeptForNodeActions(nodes: readonly NodeReadiness[]): string[] {
  return nodes
    .filter(
      (n) =>
        n.labels[RESERVED_FOR_LABEL] === NODE_ACTIONS &&
        n.taints.some(
          (t) =>
            t.key === NODE_ACTIONS_TAINT.key &&
            t.value === NODE_ACTIONS_TAINT.value &&
            t.effect === NODE_ACTIONS_TAINT.effect,
        ),
    )
    .map((n) => n.name);
}

export function isolationOf(s: LoadedScenario, nodes: readonly NodeReadiness[]): Isolation {
  if (!actsOnNodes(s)) return { kind: 'shared' };
  const kept = nodesKeptForNodeActions(nodes);
  if (kept.length === 0) return { kind: 'alone', why: 'it acts on a node and no node is kept for node actions' };
  const pod = s.job ? at(s.job.manifest, 'spec', 'template') : s.pod;
  const missing = [
    ...(tolerates(pod) ? [] : [`a toleration of ${RESERVED_FOR_LABEL}`]),
    ...(selectsKeptNode(pod) ? [] : [`a node affinity term on ${RESERVED_FOR_LABEL}=${NODE_ACTIONS}`]),
  ];
  if (missing.length > 0)
    return {
      kind: 'alone',
      why: `it acts on a node and its pod lacks ${missing.join(' and ')}, so it may not land on ${kept.join(', ')}`,
    };
  return { kind: 'lane', nodes: kept };
}

function tolerates(pod: unknown): boolean {
  return arrayAt(pod, 'spec', 'tolerations').some((t) => {
    const key = stringAt(t, 'key');
    const op = stringAt(t, 'operator') ?? 'Equal';
    const effect = stringAt(t, 'effect') ?? '';
    const keyOk = key === NODE_ACTIONS_TAINT.key || (key === undefined && op === 'Exists');
    const valueOk = op === 'Exists' || stringAt(t, 'value') === NODE_ACTIONS_TAINT.value;
    return keyOk && valueOk && (effect === '' || effect === NODE_ACTIONS_TAINT.effect);
  });
}

/** A required or preferred node affinity expression that matches the kept node's label. */
function selectsKeptNode(pod: unknown): boolean {
  const nodeAffinity = at(pod, 'spec', 'affinity', 'nodeAffinity');
  const terms = [
    ...arrayAt(nodeAffinity, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms'),
    ...arrayAt(nodeAffinity, 'preferredDuringSchedulingIgnoredDuringExecution').map((p) => at(p, 'preference')),
  ];
  return terms.some((term) =>
    arrayAt(term, 'matchExpressions').some((e) => {
      if (stringAt(e, 'key') !== RESERVED_FOR_LABEL) return false;
      const op = stringAt(e, 'operator');
      return op === 'Exists' || (op === 'In' && arrayAt(e, 'values').includes(NODE_ACTIONS));
    }),
  );
}
