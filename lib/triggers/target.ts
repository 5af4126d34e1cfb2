import type { KubeClient } from '../kube/client.js';
import type { TriggerTarget } from './types.js';

/** A TriggerTarget for one pod through a KubeClient. */
export function podTarget(client: KubeClient, namespace: string, pod: string): TriggerTarget {
  return {
    exec: (container, command, opts) => client.exec(namespace, pod, container, command, opts),
    patchPod: async (body, type, subresource) =>
      (await client.patchPod(namespace, pod, body, type, subresource)).outcome,
  };
}
