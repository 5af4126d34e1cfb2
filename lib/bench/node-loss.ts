// Losing a node and getting it back, for the hybrid strategy: the node (its kind container) is stopped
// (the coordinator then cordons it so nothing is scheduled there while it is gone); afterwards it is
// started again, waited on until its kubelet reports Ready anew, and uncordoned. Stopping a node is
// only ever done through a NodePower the run was allowed to have (a harness-created kind cluster, or
// an explicit opt-in), and every stop registers its undo with the cleanup registry.
import type { CleanupRegistry } from '../cluster/reaper.js';
import type { KubeClient } from '../kube/client.js';
import { arrayAt, stringAt } from '../kube/json.js';
import { watchUntil } from '../kube/watch-until.js';
import type { WatchSource } from '../kube/watch.js';

/** What node loss needs of the API: patch a node, watch nodes. */
export type NodeClient = Pick<KubeClient, 'patchResource'> & WatchSource;

/** Stops and starts a node's machine (kind: its container). */
export interface NodePower {
  stop(node: string): Promise<void>;
  start(node: string): Promise<void>;
}

export interface LostNode {
  node: string;
  /** Starts the node again, waits for its kubelet to report Ready after the restart, uncordons it. Idempotent. */
  restore(): Promise<void>;
}

const nodePath = (node: string) => `/api/v1/nodes/${encodeURIComponent(node)}`;

export async function cordon(client: NodeClient, node: string, unschedulable: boolean): Promise<void> {
  await client.patchResource(nodePath(node), { spec: { unschedulable: unschedulable || null } }, 'merge');
}

/**
 * Stops the node (its kind container is killed) and resolves once it is down, with how long the stop
 * took; the undo (start, Ready again, uncordon) is registered until `restore` has run. Cordoning is the
 * coordinator's part of the response, not the loss: see `cordon`.
 */
export async function loseNode(
  client: NodeClient,
  power: NodePower,
  registry: CleanupRegistry,
  node: string,
  opts: { readyDeadlineSeconds: number; log: (line: string) => void },
): Promise<LostNode & { stopMs: number }> {
  let restored: Promise<void> | undefined;
  const restore = (): Promise<void> => {
    restored ??= (async () => {
      const startedAt = Date.now();
      await power.start(node);
      await waitNodeReadySince(client, node, startedAt, opts.readyDeadlineSeconds);
      await cordon(client, node, false);
      unregister();
      opts.log(
        `node-loss: ${node} is back (Ready after ${((Date.now() - startedAt) / 1000).toFixed(1)}s) and uncordoned`,
      );
    })();
    return restored;
  };
  const unregister = registry.register(`stopped node ${node}`, restore, {
    manual: `docker start ${node} && kubectl uncordon ${node}`,
  });
  const t = Date.now();
  await power.stop(node);
  return { node, restore, stopMs: Date.now() - t };
}

/** Resolves once the node's Ready condition is True with a heartbeat at or after `since` (a kubelet that runs again). */
export function waitNodeReadySince(
  client: NodeClient,
  node: string,
  since: number,
  deadlineSeconds: number,
): Promise<void> {
  // Status times are whole seconds: a heartbeat in the second the start was asked counts.
  const floor = Math.floor(since / 1000) * 1000;
  let last = 'no status seen';
  return watchUntil(
    client,
    '/api/v1/nodes',
    { fieldSelector: `metadata.name=${node}` },
    (type, obj) => {
      if (type === 'DELETED') return false;
      const ready = arrayAt(obj, 'status', 'conditions').find((c) => stringAt(c, 'type') === 'Ready');
      const status = stringAt(ready, 'status') ?? 'Unknown';
      const beat = Date.parse(stringAt(ready, 'lastHeartbeatTime') ?? '');
      last = `Ready=${status}, last heartbeat ${stringAt(ready, 'lastHeartbeatTime') ?? 'none'}`;
      return status === 'True' && beat >= floor;
    },
    { what: `node ${node} Ready again after its restart`, deadlineSeconds, lastSeen: () => last },
  );
}
