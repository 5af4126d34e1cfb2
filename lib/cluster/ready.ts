// Waiting for nodes to be Ready, driven by a node watch (no polling; a timer only for the deadline).
import { arrayAt, at, isObject, nameOf, stringAt } from '../kube/json.js';
import type { WatchSource } from '../kube/watch.js';
import { watchUntil } from '../kube/watch-until.js';

export interface NodeReadiness {
  name: string;
  ready: boolean;
  /** Ready condition reason/message when not ready. */
  detail: string;
  labels: Record<string, string>;
  /** spec.taints: key, value ('' when none) and effect. */
  taints: Array<{ key: string; value: string; effect: string }>;
}

export function nodeReadiness(node: unknown): NodeReadiness {
  const cond = arrayAt(node, 'status', 'conditions').find((c) => stringAt(c, 'type') === 'Ready');
  const status = stringAt(cond, 'status') ?? 'Unknown';
  const reason = stringAt(cond, 'reason') ?? '';
  const message = stringAt(cond, 'message') ?? '';
  const labels = at(node, 'metadata', 'labels');
  return {
    name: nameOf(node),
    ready: status === 'True',
    labels: isObject(labels)
      ? Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string'))
      : {},
    taints: arrayAt(node, 'spec', 'taints').map((t) => ({
      key: stringAt(t, 'key') ?? '',
      value: stringAt(t, 'value') ?? '',
      effect: stringAt(t, 'effect') ?? '',
    })),
    detail:
      status === 'True' ? 'Ready' : `Ready=${status}${reason ? ` ${reason}` : ''}${message ? `: ${message}` : ''}`,
  };
}

/** Pure: whether `expected` nodes (at least one) are known and all Ready, and what is missing. */
export function nodesReadyState(nodes: NodeReadiness[], expected?: number): { ok: boolean; waitingFor: string } {
  const want = expected ?? 1;
  const notReady = nodes.filter((n) => !n.ready);
  const parts: string[] = [];
  if (nodes.length < want) parts.push(`${nodes.length} of ${want} nodes registered`);
  for (const n of notReady) parts.push(`${n.name} ${n.detail}`);
  return { ok: nodes.length >= want && notReady.length === 0, waitingFor: parts.join('; ') || 'nothing' };
}

/** Resolves with the nodes once `expected` of them are registered and all are Ready. */
export async function waitForNodesReady(
  source: WatchSource,
  opts: { expected?: number; deadlineSeconds: number; onChange?: (state: string) => void },
): Promise<NodeReadiness[]> {
  const nodes = new Map<string, NodeReadiness>();
  let last = 'no node seen yet';
  await watchUntil(
    source,
    '/api/v1/nodes',
    {},
    (type, obj) => {
      if (type === 'DELETED') nodes.delete(nameOf(obj));
      else nodes.set(nameOf(obj), nodeReadiness(obj));
      const state = nodesReadyState([...nodes.values()], opts.expected);
      if (state.waitingFor !== last) opts.onChange?.(state.ok ? 'all nodes Ready' : state.waitingFor);
      last = state.waitingFor;
      return state.ok;
    },
    {
      what: `${opts.expected ?? 'all'} node(s) to be Ready`,
      deadlineSeconds: opts.deadlineSeconds,
      lastSeen: () => last,
    },
  );
  return [...nodes.values()];
}
