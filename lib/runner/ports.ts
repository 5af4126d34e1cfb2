// What a scenario run needs from the outside world, as one narrow interface. The real implementation
// (lib/runner/cluster-ports.ts) is backed by the Kubernetes API and the kind node containers; unit
// tests of the lifecycle logic use a scripted fake.
import type { ApiOutcome, PodSnapshot, TimelineEntry, WaitRecord } from '../observe/types.js';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface PodWaitPredicate {
  (pod: PodSnapshot): { ok: boolean; waitingFor: string };
}

/** A live record of one pod and its namespace's events. */
export interface ScenarioRecorder {
  readonly entries: TimelineEntry[];
  readonly waits: WaitRecord[];
  latest(): PodSnapshot | undefined;
  mark(stage: string, note: string): void;
  /** Resolves on the first pod state that satisfies the predicate; rejects with DeadlineError. */
  waitFor(predicate: PodWaitPredicate, options: { what: string; deadlineSeconds: number }): Promise<PodSnapshot>;
  /** Lets `seconds` pass while recording (for consistently-windows). */
  waitQuiet(seconds: number): Promise<void>;
  stop(): Promise<void>;
}

export interface ScenarioPorts {
  createNamespace(name: string, labels: Record<string, string>): Promise<void>;
  deleteNamespace(name: string): Promise<void>;
  /** POST with strict field validation; the manifest is sent verbatim. */
  createPod(namespace: string, manifest: Record<string, unknown>): Promise<ApiOutcome & { object?: Record<string, unknown> }>;
  patchPod(
    namespace: string,
    name: string,
    body: unknown,
    type: 'strategic' | 'merge' | 'json',
    subresource?: 'ephemeralcontainers' | 'status',
  ): Promise<ApiOutcome>;
  /** Starts recording from the create response, so nothing between create and watch is lost. */
  record(namespace: string, podName: string, created?: Record<string, unknown>): Promise<ScenarioRecorder>;
  exec(namespace: string, pod: string, container: string, command: string[]): Promise<ExecResult>;
  /** CRI sandbox id of the pod on its node (kind: crictl in the node container); undefined where unknown. */
  sandboxId(nodeName: string, podUid: string): Promise<string | undefined>;
}
