// A fleet's recovery after one failure, from the pod-set timeline: for each worker pod, how it came back
// (recreated under its name with a new UID, or restarted in place) and when it passed each milestone,
// in milliseconds after the failure as the watch saw it (the status's whole seconds are too coarse here).
// Pure: tested offline on recorded timelines.
import { conditionStatus } from '../observe/predicates.js';
import type { PodSnapshot, TimelineEntry } from '../observe/types.js';
import { summarize } from './stats.js';

export type RecoveryPath = 'recreated' | 'in-place';

/** A recreated pod's way back, in order. */
export const RECREATE_MILESTONES = ['deleted', 'created', 'scheduled', 'sandbox', 'initDone', 'ready'] as const;
export type RecreateMilestone = (typeof RECREATE_MILESTONES)[number];

export const MILESTONE_LABELS: Record<RecreateMilestone, string> = {
  deleted: 'old pod deleted',
  created: 'new pod created',
  scheduled: 'scheduled',
  sandbox: 'sandbox ready',
  initDone: 'init done',
  ready: 'Ready',
};

export interface PodRecovery {
  name: string;
  path: RecoveryPath;
  nodeBefore?: string;
  node?: string;
  /** Milliseconds after the failure (watch receive times). */
  deleted?: number;
  created?: number;
  scheduled?: number;
  sandbox?: number;
  /** In place: AllContainersRestarting True seen. */
  restarting?: number;
  /** Every init container of the pod's new run (in place) or new pod (recreated) exited 0. */
  initDone?: number;
  /** Running and Ready with its init done, every container of a pod restarted in place having restarted. */
  ready?: number;
}

export interface FleetRecovery {
  pods: PodRecovery[];
  /** Milliseconds from the failure until the last pod was Ready again; absent when one never was. */
  recoveryMs?: number;
  /** Per milestone, when the last recreated pod passed it (ms after the failure). */
  milestones: Partial<Record<RecreateMilestone, number>>;
  /** Per milestone, the median over recreated pods of the step ending there (ms since the previous milestone). */
  steps: Partial<Record<RecreateMilestone, number>>;
  missing: string[];
}

export interface FleetRecoveryInput {
  /** The fleet's pods at the failure. */
  before: readonly PodSnapshot[];
  /** Timeline entries from the failure on, in receive order. */
  entries: readonly TimelineEntry[];
  /** When the failure happened (ms since the epoch, the harness's clock). */
  failureAt: number;
}

export function fleetRecovery(input: FleetRecoveryInput): FleetRecovery {
  const pods = input.before.map((b) => podRecovery(b, input.entries, input.failureAt));
  const missing = pods
    .filter((p) => p.ready === undefined)
    .map((p) => `${p.name} was not seen Ready again (${p.path})`);
  const recreated = pods.filter((p) => p.path === 'recreated');
  const milestones: Partial<Record<RecreateMilestone, number>> = {};
  const steps: Partial<Record<RecreateMilestone, number>> = {};
  RECREATE_MILESTONES.forEach((m, i) => {
    const values = recreated.map((p) => p[m]);
    if (recreated.length > 0 && values.every((v): v is number => v !== undefined)) milestones[m] = Math.max(...values);
    const prev = i === 0 ? undefined : RECREATE_MILESTONES[i - 1];
    const durations = recreated
      .map((p) => {
        const end = p[m];
        const start = prev === undefined ? 0 : p[prev];
        return end !== undefined && start !== undefined ? end - start : undefined;
      })
      .filter((d): d is number => d !== undefined);
    const s = summarize(durations);
    if (s) steps[m] = s.p50;
  });
  return {
    pods,
    ...(missing.length === 0 && pods.length > 0 ? { recoveryMs: Math.max(...pods.map((p) => p.ready as number)) } : {}),
    milestones,
    steps,
    missing,
  };
}

/** Every named init container has exited 0 (in place: in a run after `rc0`). */
function initsExited(p: PodSnapshot, inits: readonly string[], rc0?: ReadonlyMap<string, number>): boolean {
  return inits.every((n) => {
    const c = p.containers.find((x) => x.name === n);
    return (
      c !== undefined && (rc0 === undefined || c.restartCount > (rc0.get(n) ?? 0)) && c.state.terminated?.exitCode === 0
    );
  });
}

/** The first Running-and-Ready after init is done counts (a pod Ready from before its restart does not). */
function readyAfterInit(r: PodRecovery, p: PodSnapshot): boolean {
  return (
    r.initDone !== undefined && r.ready === undefined && p.phase === 'Running' && conditionStatus(p, 'Ready') === 'True'
  );
}

function podRecovery(before: PodSnapshot, entries: readonly TimelineEntry[], failureAt: number): PodRecovery {
  const name = before.name ?? before.uid;
  const rc0 = new Map(before.containers.map((c) => [c.name, c.restartCount]));
  const inits = before.containers.filter((c) => c.kind === 'init').map((c) => c.name);
  const r: PodRecovery = { name, path: 'in-place', ...(before.nodeName ? { nodeBefore: before.nodeName } : {}) };
  let newUid: string | undefined;
  const rel = (at: number): number => at - failureAt;

  for (const e of entries) {
    if (e.kind !== 'pod' || (e.pod.name ?? e.pod.uid) !== name) continue;
    const p = e.pod;
    if (p.uid === before.uid) {
      if (e.watch === 'DELETED') {
        r.deleted ??= rel(e.at);
        continue;
      }
      if (newUid !== undefined) continue;
      if (conditionStatus(p, 'AllContainersRestarting') === 'True') r.restarting ??= rel(e.at);
      const allRestarted = p.containers.every((c) => c.restartCount > (rc0.get(c.name) ?? 0));
      const initsDone = initsExited(p, inits, rc0);
      if (allRestarted && initsDone) r.initDone ??= rel(e.at);
      if (readyAfterInit(r, p)) {
        r.ready = rel(e.at);
        if (p.nodeName) r.node = p.nodeName;
      }
      continue;
    }
    if (e.watch === 'DELETED') continue;
    // A pod of this name with a new UID: the controller recreated it. A second replacement starts over.
    if (newUid !== p.uid) {
      newUid = p.uid;
      r.path = 'recreated';
      r.created = rel(e.at);
      for (const k of ['scheduled', 'sandbox', 'initDone', 'ready', 'restarting'] as const) delete r[k];
    }
    if (p.nodeName) {
      r.scheduled ??= rel(e.at);
      r.node = p.nodeName;
    }
    if (conditionStatus(p, 'PodReadyToStartContainers') === 'True') r.sandbox ??= rel(e.at);
    // The same mark as in place (where Initialized stays True throughout): every init container exited 0.
    // Initialized would come later, once the sidecars have started too.
    if (initsExited(p, inits)) r.initDone ??= rel(e.at);
    if (readyAfterInit(r, p)) r.ready = rel(e.at);
  }
  return r;
}
