// The ScenarioCluster of a real cluster session: the Kubernetes API (KubeClient, PodRecorder) and the
// cluster provider's node access (crictl for sandbox identity, node actions) through kind node containers.
import { sandboxIdOf } from '../cluster/node-access.js';
import type { ClusterSession } from '../cluster/session.js';
import { DeadlineError } from '../errors.js';
import { stringAt } from '../kube/json.js';
import { watchUntil } from '../kube/watch-until.js';
import { PodRecorder } from '../observe/recorder.js';
import { nodeObservation } from '../observe/snapshot.js';

/** The label the Job controller puts on the pods of a Job (Kubernetes 1.27+). */
const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
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
    async createJob(namespace, manifest) {
      const r = await client.createJob(namespace, manifest);
      return { ...r.outcome, ...(r.object ? { object: r.object } : {}) };
    },
    async jobPod(namespace, job, deadlineSeconds) {
      let found: { name: string; object: Record<string, unknown> } | undefined;
      const what = `a pod of Job ${job}`;
      try {
        await watchUntil(
          client,
          `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
          { labelSelector: `${JOB_NAME_LABEL}=${job}` },
          (type, obj) => {
            const name = stringAt(obj, 'metadata', 'name');
            if (type === 'DELETED' || !name) return false;
            found = { name, object: obj };
            return true;
          },
          { what, deadlineSeconds, lastSeen: () => 'no pod with that label' },
        );
      } catch (e) {
        if (!(e instanceof DeadlineError)) throw e;
        // Why the Job made no pod, in its own words (FailedCreate carries the API server's refusal).
        const events = await client
          .listEvents(namespace, `involvedObject.kind=Job,involvedObject.name=${job}`)
          .catch(() => []);
        const texts = events.map((x) => `${stringAt(x, 'reason') ?? '?'}: ${stringAt(x, 'message') ?? ''}`);
        throw new DeadlineError(
          what,
          deadlineSeconds,
          `no pod with that label; Job events: ${texts.join('; ').slice(0, 1000) || 'none'}`,
        );
      }
      if (!found) throw new Error(`no pod of Job ${job}`);
      return found;
    },
    async record(namespace, podName, created, options = {}) {
      const recorder = new PodRecorder(client, {
        namespace,
        pod: podName,
        ...(options.job ? { job: options.job } : {}),
      });
      await recorder.start(created ? { object: created } : {});
      const recording: ScenarioRecorder = {
        entries: recorder.timeline,
        waits: recorder.waits,
        latest: () => recorder.latest(),
        latestJob: () => recorder.latestJob(),
        mark: (stage, note) => void recorder.mark(stage, note),
        waitFor: (predicate, options) => recorder.waitFor(predicate, options),
        waitQuiet: async (seconds) => void (await recorder.waitQuiet(seconds)),
        stop: async () => recorder.stop(),
      };
      return recording;
    },
    async nodes() {
      return (await client.listNodes()).map(nodeObservation);
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
