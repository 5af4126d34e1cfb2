// What a scenario run observed. This is the only input of the verdict engine, and it is plain JSON:
// recorded from real clusters it becomes a test fixture (test/fixtures/observations/*.json).
import type { ApiOutcome } from '../kube/status.js';
import type { ContainerKind } from '../manifest/containers.js';

export interface ContainerStateSnapshot {
  running?: { startedAt?: string };
  waiting?: { reason?: string; message?: string };
  terminated?: {
    exitCode: number;
    reason?: string;
    message?: string;
    startedAt?: string | null;
    finishedAt?: string | null;
    containerID?: string;
  };
}

export interface ContainerStatusSnapshot {
  name: string;
  kind: ContainerKind;
  restartCount: number;
  ready: boolean;
  started?: boolean;
  containerID?: string;
  state: ContainerStateSnapshot;
  lastState: ContainerStateSnapshot;
}

export interface PodConditionSnapshot {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** The parts of a pod a verdict can be about, taken from one API object. */
export interface PodSnapshot {
  /** Milliseconds since the epoch when the harness received this object. */
  at: number;
  resourceVersion: string;
  /** metadata.name (absent in observations recorded before it was kept). */
  name?: string;
  uid: string;
  creationTimestamp: string;
  deletionTimestamp?: string;
  nodeName?: string;
  podIP?: string;
  podIPs: string[];
  hostIP?: string;
  startTime?: string;
  phase: string;
  /** Pod-level status.reason / status.message, e.g. the kubelet's admission rejection of a pod (R24). */
  reason?: string;
  message?: string;
  conditions: PodConditionSnapshot[];
  containers: ContainerStatusSnapshot[];
}

/** The restart fields of one container as the API server stored them (they can be silently dropped, docs/behaviour.md R23). */
export interface StoredContainer {
  name: string;
  kind: 'init' | 'sidecar' | 'regular' | 'ephemeral';
  /** Container-level restartPolicy; absent when not stored. */
  restartPolicy?: string;
  /** Number of restartPolicyRules stored (0: none). */
  restartPolicyRules: number;
}

/** The node a pod was bound to, as read after the run (R24: which node the scheduler chose and why). */
export interface NodeObservation {
  name: string;
  /** status.declaredFeatures (NodeDeclaredFeatures); empty when the node publishes none. */
  declaredFeatures: string[];
  labels: Record<string, string>;
}

export interface EventSnapshot {
  at: number;
  reason: string;
  message: string;
  type: string;
  /** e.g. spec.containers{trigger} */
  fieldPath?: string;
  count: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  /** `Kind/name` of the object the event is about, e.g. Pod/rac-base. */
  involvedObject?: string;
  /** Reporting component, e.g. kubelet. */
  source?: string;
}

/** The parts of a batch/v1 Job a verdict can be about (R27: a Job-owned pod restarted in place). */
export interface JobSnapshot {
  at: number;
  resourceVersion: string;
  name: string;
  uid: string;
  /** status counters; absent in the API means 0. */
  active: number;
  ready: number;
  succeeded: number;
  failed: number;
  terminating?: number;
  conditions: PodConditionSnapshot[];
}

export type TimelineEntry =
  | { at: number; kind: 'pod'; watch: 'ADDED' | 'MODIFIED' | 'DELETED'; pod: PodSnapshot }
  | { at: number; kind: 'job'; watch: 'ADDED' | 'MODIFIED' | 'DELETED'; job: JobSnapshot }
  | { at: number; kind: 'event'; event: EventSnapshot }
  | { at: number; kind: 'harness'; stage: string; note: string };

export interface JournalLine {
  /** Position in the journal file (0-based): the authoritative start order. */
  index: number;
  epochSeconds: number;
  container: string;
  netns?: string;
  raw: string;
}

export interface FileObservation {
  path: string;
  container: string;
  before?: { exists: boolean; content?: string };
  after?: { exists: boolean; content?: string };
}

export interface WaitRecord {
  what: string;
  deadlineSeconds: number;
  startedAt: number;
  endedAt: number;
  ok: boolean;
  detail?: string;
}

/**
 * What one `expect` step of a scenario with steps saw: the window from the trigger it follows (or the
 * previous checkpoint) to its own checkpoint. Judged like a whole short-form observation.
 */
export interface Checkpoint {
  /** Index of the `expect` step in the scenario's steps (0-based). */
  step: number;
  /** Snapshot right before the trigger this step follows (without one: the previous checkpoint's after). */
  before?: PodSnapshot;
  /** Snapshot at the checkpoint (settled, after the consistently-window). */
  after?: PodSnapshot;
  /** When the window opened: the trigger, else the previous checkpoint. */
  triggerAt?: number;
  settledAt?: number;
  /** When the checkpoint was taken: timeline entries up to here belong to this step's window. */
  endedAt: number;
  journal?: JournalLine[];
  journalLinesBeforeTrigger?: number;
  files: FileObservation[];
  sandbox?: { before?: string; after?: string; source: string };
  /** API answer of a patch trigger in this window. */
  patch?: ApiOutcome;
  /** The node the pod was bound to at the checkpoint (for `placement`). */
  node?: NodeObservation;
}

export interface Observation {
  scenario: string;
  suite: string;
  /** Server gitVersion, e.g. v1.35.8. */
  kubernetesVersion: string;
  namespace: string;
  podName: string;
  /** Scenarios whose pod a Job creates: the Job followed (its status is in the timeline as `job` entries). */
  job?: { name: string };
  admission: ApiOutcome;
  /** The pod spec's restart fields as stored (from the create response). */
  stored?: StoredContainer[];
  patch?: ApiOutcome;
  /** Snapshot right before the trigger. */
  before?: PodSnapshot;
  /** Snapshot once settled (and after the consistently-window, when asked). */
  after?: PodSnapshot;
  triggerAt?: number;
  settledAt?: number;
  timeline: TimelineEntry[];
  /** Journal as read after settling. */
  journal?: JournalLine[];
  /** Journal line count right before the trigger: lines at or after this index were written after it. */
  journalLinesBeforeTrigger?: number;
  files: FileObservation[];
  /** The node the pod was bound to, read once the run ended; absent when it was never bound. */
  node?: NodeObservation;
  /** CRI pod sandbox id on the node, read through the node container (kind). */
  sandbox?: { before?: string; after?: string; source: string };
  waits: WaitRecord[];
  /** Set when the run could not complete (a wait timed out, an exec failed): the verdict fails with it. */
  abortedWith?: string;
  /**
   * Scenarios with steps: one entry per `expect` step reached, in order. The top-level before/after
   * then hold the first trigger's before and the last checkpoint's after (for reports).
   */
  checkpoints?: Checkpoint[];
}
