// Which nodes the hybrid strategy may stop, and how: worker nodes only (never a control plane), of a
// harness cluster or of an existing cluster whose user allowed node actions; through the cluster
// provider's node actions (kind: the node container, killed and started through testcontainers'
// container runtime client), which check the ownership record again on every action.
import type { ClusterProvider } from '../cluster/provider.js';
import type { ClusterSession } from '../cluster/session.js';
import { EnvironmentError, errorText } from '../errors.js';
import { arrayAt, nameOf, stringAt, type JsonObject } from '../kube/json.js';
import type { NodePower } from './node-loss.js';

/** A node loss is abrupt: the node's container is killed, not shut down. */
const STOP_GRACE_SECONDS = 0;

export function nodePowerOf(provider: ClusterProvider): NodePower {
  return {
    stop: async (node) => void (await provider.nodeAction(node, 'stop', { timeoutSeconds: STOP_GRACE_SECONDS })),
    start: async (node) => void (await provider.nodeAction(node, 'start', { timeoutSeconds: 60 })),
  };
}

/** A node pods can land on: no NoSchedule/NoExecute taint, not cordoned. */
export function schedulable(node: JsonObject): boolean {
  if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable) return false;
  return !arrayAt(node, 'spec', 'taints').some((t) =>
    ['NoSchedule', 'NoExecute'].includes(stringAt(t, 'effect') ?? ''),
  );
}

function isControlPlane(node: JsonObject): boolean {
  const labels = (node.metadata as { labels?: Record<string, string> } | undefined)?.labels ?? {};
  return 'node-role.kubernetes.io/control-plane' in labels;
}

/** The hybrid strategy may stop worker nodes of a harness cluster, or of an existing cluster with --allow-node-actions; never a control plane. */
export function nodePowerFor(
  session: ClusterSession,
  nodes: JsonObject[],
  o: { existingCluster: boolean; allowNodeActions: boolean },
): { power: NodePower } | { why: string } {
  const stoppable = nodes.filter((n) => schedulable(n) && !isControlPlane(n)).map(nameOf);
  // A cluster the user handed over is never touched at node level without the opt-in; created and reused
  // harness clusters are the harness's own (the provider checks the ownership record again on every action).
  if (o.existingCluster && !o.allowNodeActions) {
    return {
      why: `${session.name} is an existing cluster; pass --allow-node-actions to let the benchmark stop one of its worker nodes (they must be local kind containers)`,
    };
  }
  if (stoppable.length < 2)
    return {
      why: `a node loss needs two worker nodes besides the control plane; ${session.name} has ${stoppable.length}`,
    };
  try {
    const power = nodePowerOf(session.provider);
    return {
      power: {
        stop: async (node) => {
          if (!stoppable.includes(node))
            throw new EnvironmentError(
              `refusing to stop ${node}: not a worker node this run may stop (${stoppable.join(', ')})`,
            );
          await power.stop(node);
        },
        start: (node) => power.start(node),
      },
    };
  } catch (e) {
    return { why: errorText(e) };
  }
}
