// The ScenarioCluster of a real cluster session: the Kubernetes API (KubeClient, PodRecorder) and the
// cluster provider's node access (crictl for sandbox identity, node actions) through kind node containers.
import { sandboxIdOf } from '../cluster/node-access.js';
import type { ClusterSession } from '../cluster/session.js';
import { PodRecorder } from '../observe/recorder.js';
import type { ScenarioCluster, ScenarioRecorder } from './scenario-cluster.js';

export function sessionCluster(session: ClusterSession, runId: string): ScenarioCluster {
  const { client, provider } = session;
  return {
    async createNamespace(name, labels) {
      await client.createNamespace(name, runId, labels);
    },
    async deleteNamespace(name) {
      await client.deleteNamespace(name, { waitSeconds: 0 });
    },
    async createPod(namespace, manifest) {
      const r = await client.createPod(namespace, manifest);
      return { ...r.outcome, ...(r.object ? { object: r.object } : {}) };
    },
    async patchPod(namespace, name, body, type, subresource) {
      return (await client.patchPod(namespace, name, body, type, subresource)).outcome;
    },
    async record(namespace, podName, created) {
      const recorder = new PodRecorder(client, { namespace, pod: podName });
      await recorder.start(created ? { object: created } : {});
      const recording: ScenarioRecorder = {
        entries: recorder.timeline,
        waits: recorder.waits,
        latest: () => recorder.latest(),
        mark: (stage, note) => void recorder.mark(stage, note),
        waitFor: (predicate, options) => recorder.waitFor(predicate, options),
        waitQuiet: async (seconds) => void (await recorder.waitQuiet(seconds)),
        stop: async () => recorder.stop(),
      };
      return recording;
    },
    async exec(namespace, pod, container, command) {
      return client.exec(namespace, pod, container, command, { timeoutMs: 60_000 });
    },
    async sandboxId(nodeName, podUid) {
      try {
        return await sandboxIdOf((node, argv, opts) => provider.nodeExec(node, argv, opts), nodeName, podUid);
      } catch {
        // Not every provider reaches its nodes (an existing cluster may not be kind): unknown, not failed.
        return undefined;
      }
    },
    async nodeAction(nodeName, action, options) {
      return provider.nodeAction(nodeName, action, options);
    },
  };
}
