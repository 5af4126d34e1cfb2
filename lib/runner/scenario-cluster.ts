// What a scenario run acts on, as one narrow interface: the scenario's namespace, pod and node. The
// real implementation (lib/runner/session-cluster.ts) is backed by the Kubernetes API and the kind
// node containers; unit tests of the lifecycle use a scripted fake.
import type { PatchType, PodSubresource } from '../kube/client.js';
import type { ExecResult } from '../kube/exec.js';
import type { ApiOutcome } from '../kube/status.js';
import type { PodPredicate } from '../observe/recorder.js';
import type { JobSnapshot, NodeObservation, PodSnapshot, TimelineEntry, WaitRecord } from '../observe/types.js';
import type { NodeActionT } from '../suite/schema.js';

/** A live record of one pod and its namespace's events. */
export interface ScenarioRecorder {
  readonly entries: TimelineEntry[];
  readonly waits: WaitRecord[];
  latest(): PodSnapshot | undefined;
  /** The last state of the Job that owns the pod (when recording one). */
  latestJob(): JobSnapshot | undefined;
  mark(stage: string, note: string): void;
  /** Resolves on the first pod state that satisfies the predicate; rejects with DeadlineError. */
  waitFor(predicate: PodPredicate, options: { what: string; deadlineSeconds: number }): Promise<PodSnapshot>;
  /** Lets `seconds` pass while recording (for consistently-windows). */
  waitQuiet(seconds: number): Promise<void>;
  stop(): Promise<void>;
}

export type NodeActionName = NodeActionT['action'];

export interface ScenarioCluster {
  createNamespace(name: string, labels: Record<string, string>): Promise<void>;
  deleteNamespace(name: string): Promise<void>;
  /** POST with strict field validation; the manifest is sent verbatim. */
  createPod(
    namespace: string,
    manifest: Record<string, unknown>,
  ): Promise<ApiOutcome & { object?: Record<string, unknown> }>;
  patchPod(
    namespace: string,
    name: string,
    body: unknown,
    type: PatchType,
    subresource?: PodSubresource,
  ): Promise<ApiOutcome>;
  /** POST of a batch/v1 Job, as createPod. */
  createJob(
    namespace: string,
    manifest: Record<string, unknown>,
  ): Promise<ApiOutcome & { object?: Record<string, unknown> }>;
  /** The first pod the Job created (label batch.kubernetes.io/job-name), by watch; rejects on the deadline. */
  jobPod(
    namespace: string,
    job: string,
    deadlineSeconds: number,
  ): Promise<{ name: string; object: Record<string, unknown> }>;
  /**
   * Starts recording from the create response, so nothing between create and watch is lost; with
   * `job`, that Job's status is recorded too.
   */
  record(
    namespace: string,
    podName: string,
    created?: Record<string, unknown>,
    options?: { job?: string },
  ): Promise<ScenarioRecorder>;
  exec(namespace: string, pod: string, container: string, command: string[]): Promise<ExecResult>;
  /** Every node of the cluster: name, labels, status.declaredFeatures. */
  nodes(): Promise<NodeObservation[]>;
  /** CRI sandbox id of the pod on its node (kind: crictl in the node container); undefined where unknown. */
  sandboxId(nodeName: string, podUid: string): Promise<string | undefined>;
  /**
   * Acts on a node (kind: its node container): restart the kubelet, stop or start the node. Refused
   * (rejects) on nodes of clusters the harness did not create, unless the user allowed it. Resolves
   * with what was done, in words, for the timeline.
   */
  nodeAction(nodeName: string, action: NodeActionName, options: { timeoutSeconds: number }): Promise<string>;
}
