// Acting on a node: restart its kubelet, stop or start its container. Only on nodes of kind clusters
// the harness created (both ownership marks, see ownership.ts), unless the user explicitly allowed
// node actions on other clusters (--allow-node-actions).
import { hasHarnessPrefix } from './names.js';
import { KIND_CLUSTER_LABEL, type NodeContainer, type NodeContainers } from './node-containers.js';
import { readOwnership } from './ownership.js';
import { NodeAccessError, type NodeActionName, type NodeActionOptions } from './provider.js';
import { describeFailure } from '../host/command.js';

/** The node's container, when the harness may act on it; NodeAccessError otherwise. */
export async function nodeActionTarget(
  containers: NodeContainers,
  node: string,
  opts: { allowForeign: boolean; cache?: string },
): Promise<NodeContainer> {
  const c = await containers.inspect(node);
  if (!c)
    throw new NodeAccessError(
      node,
      'there is no local container by that name (node actions need kind node containers)',
    );
  const cluster = c.labels[KIND_CLUSTER_LABEL];
  if (!cluster)
    throw new NodeAccessError(node, `container ${node} is not a kind node (no ${KIND_CLUSTER_LABEL} label)`);
  if (opts.allowForeign) return c;
  if (!hasHarnessPrefix(cluster) || !(await readOwnership(cluster, opts.cache))) {
    throw new NodeAccessError(
      node,
      `it belongs to kind cluster ${cluster}, which this harness did not create (no inplace-e2e- name with an ownership record); node actions (kubelet restart, stop, start) are refused there unless you pass --allow-node-actions`,
    );
  }
  return c;
}

async function kubeletPid(containers: NodeContainers, node: string): Promise<string> {
  const r = await containers.exec(node, ['systemctl', 'show', '--property=MainPID', '--value', 'kubelet'], {
    timeoutMs: 20_000,
  });
  return r.exitCode === 0 ? r.stdout.trim() : '?';
}

/** Performs the action; resolves with what was done, in words. */
export async function performNodeAction(
  containers: NodeContainers,
  node: string,
  action: NodeActionName,
  opts: NodeActionOptions,
): Promise<string> {
  const started = Date.now();
  const took = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  switch (action) {
    case 'restartKubelet': {
      const before = await kubeletPid(containers, node);
      const r = await containers.exec(node, ['systemctl', 'restart', 'kubelet'], {
        timeoutMs: opts.timeoutSeconds * 1000,
      });
      if (r.exitCode !== 0) throw new NodeAccessError(node, `restarting the kubelet failed: ${describeFailure(r)}`);
      const state = await containers.exec(node, ['systemctl', 'is-active', 'kubelet'], { timeoutMs: 20_000 });
      const after = await kubeletPid(containers, node);
      if (state.stdout.trim() !== 'active')
        throw new NodeAccessError(node, `the kubelet is ${state.stdout.trim() || 'not active'} after its restart`);
      if (after === before) throw new NodeAccessError(node, `the kubelet kept pid ${before}: it was not restarted`);
      return `restarted the kubelet on ${node} (systemctl restart kubelet: pid ${before} → ${after}, active after ${took()})`;
    }
    case 'stop':
      await containers.stop(node, { timeoutSeconds: Math.min(opts.timeoutSeconds, 30) });
      return `stopped node container ${node} in ${took()}`;
    case 'start':
      await containers.start(node);
      return `started node container ${node} in ${took()}`;
  }
}
