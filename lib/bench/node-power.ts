// Node power for the hybrid strategy, through the cluster provider's node actions (kind: the node
// container, stopped and started through testcontainers' container runtime client). The provider itself
// refuses nodes of clusters the harness did not create unless node actions were allowed.
import type { ClusterProvider } from '../cluster/provider.js';
import type { NodePower } from './node-loss.js';

/** A node loss is abrupt: the node's container is killed, not shut down. */
const STOP_GRACE_SECONDS = 0;

export function nodePowerOf(provider: ClusterProvider): NodePower {
  return {
    stop: async (node) => void (await provider.nodeAction(node, 'stop', { timeoutSeconds: STOP_GRACE_SECONDS })),
    start: async (node) => void (await provider.nodeAction(node, 'start', { timeoutSeconds: 60 })),
  };
}
