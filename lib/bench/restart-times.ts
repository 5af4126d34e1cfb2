// One restart-all, as instants: the trigger container's exit, AllContainersRestarting True, the first and
// the last container running again, the pod Ready again. Pure: read from a recorded pod timeline (the
// PodRecorder's, or an Observation's), so it is tested offline on timelines recorded on real clusters.
//
// Each instant is known on up to three clocks, kept apart because they differ in what they mean:
//   status     the kubelet's own timestamps in the pod status (finishedAt, startedAt, lastTransitionTime);
//              whole seconds, so a difference of two is off by up to ±1 s;
//   seen       when the harness's watch received the first pod object showing it (ms); includes the
//              kubelet's status-update delay and the API server's fan-out;
//   container  a stamp the container wrote itself (ms, see clock-stamps.ts), only for pods that write them.
// A fourth reading mixes two: from the exit on the container clock to each instant as the watch saw it,
// what a user of the API waits from the real exit. It is valid where the nodes' clocks are the harness's
// (kind: one kernel clock for all) and off by their skew elsewhere.
import { conditionStatus } from '../observe/predicates.js';
import type { ContainerStatusSnapshot, PodSnapshot, TimelineEntry } from '../observe/types.js';
import type { ClockStamp } from './clock-stamps.js';

export interface Instant {
  /** From the pod status (ms since the epoch; whole seconds). */
  status?: number;
  /** When the watch delivered the first object showing it (ms since the epoch). */
  seen?: number;
  /** From a stamp the container wrote (ms since the epoch). */
  container?: number;
}

export interface RestartTimes {
  exit: Instant;
  conditionTrue: Instant;
  /** The earliest container of the pod to start again, and which one it was. */
  firstRunning: Instant & { name?: string };
  /** The last long-running container (sidecar or regular) to start again, and which one it was. */
  lastRunning: Instant & { name?: string };
  ready: Instant;
  /** What could not be found, in words ("AllContainersRestarting True was never seen"). */
  missing: string[];
}

export type Clock = 'status' | 'seen' | 'container' | 'exit-to-seen';
export const CLOCKS: readonly Clock[] = ['container', 'exit-to-seen', 'status', 'seen'];

export const PHASES = ['conditionTrue', 'firstRunning', 'lastRunning', 'ready'] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Record<Phase, string> = {
  conditionTrue: 'exit → AllContainersRestarting True',
  firstRunning: 'exit → first container running',
  lastRunning: 'exit → last container running',
  ready: 'exit → pod Ready',
};

/** Milliseconds from the exit to each phase, on one clock; absent where that clock lacks either end. */
export function phaseDurations(t: RestartTimes, clock: Clock): Partial<Record<Phase, number>> {
  const start = clock === 'exit-to-seen' ? t.exit.container : t.exit[clock];
  const out: Partial<Record<Phase, number>> = {};
  if (start === undefined) return out;
  for (const phase of PHASES) {
    const end = t[phase][clock === 'exit-to-seen' ? 'seen' : clock];
    if (end !== undefined) out[phase] = end - start;
  }
  return out;
}

export interface RestartTimesInput {
  /** The pod right before the trigger (restart counts to compare against). */
  before: PodSnapshot;
  /** Timeline entries from the trigger on, in receive order (non-pod entries are ignored). */
  entries: readonly TimelineEntry[];
  /** The container whose exit starts the restart-all. */
  trigger: string;
  /** Stamps the pod's containers wrote after the trigger, when the pod writes them. */
  stamps?: readonly ClockStamp[];
}

/** Instants of one restart-all. */
export function restartTimes(input: RestartTimesInput): RestartTimes {
  const { before, trigger } = input;
  const rc0 = new Map(before.containers.map((c) => [c.name, c.restartCount]));
  const longRunning = before.containers.filter((c) => c.kind === 'sidecar' || c.kind === 'regular').map((c) => c.name);
  const t: RestartTimes = { exit: {}, conditionTrue: {}, firstRunning: {}, lastRunning: {}, ready: {}, missing: [] };
  /** Per container: its first new instance (status startedAt, when seen). */
  const restarted = new Map<string, { status?: number; seen: number }>();

  for (const entry of input.entries) {
    if (entry.kind !== 'pod' || entry.watch === 'DELETED') continue;
    const pod = entry.pod;
    const at = entry.at;
    const restarting = conditionStatus(pod, 'AllContainersRestarting') === 'True';
    const src = pod.containers.find((c) => c.name === trigger);
    const srcRestarted = src !== undefined && src.restartCount > (rc0.get(trigger) ?? 0);

    // The exit: the old instance terminated, or anything that can only follow it.
    if (src?.state.terminated && !srcRestarted) {
      t.exit.seen ??= at;
      t.exit.status ??= timeOf(src.state.terminated.finishedAt);
    }
    if (srcRestarted) t.exit.status ??= timeOf(src.lastState.terminated?.finishedAt);
    if (restarting || srcRestarted) t.exit.seen ??= at;

    if (restarting && t.conditionTrue.seen === undefined) {
      t.conditionTrue.seen = at;
      t.conditionTrue.status = timeOf(
        pod.conditions.find((c) => c.type === 'AllContainersRestarting')?.lastTransitionTime,
      );
    }

    for (const c of pod.containers) {
      if (restarted.has(c.name) || c.restartCount <= (rc0.get(c.name) ?? 0)) continue;
      const started = startedAtOf(c);
      // Restarted but not yet started (1.36 shows removed containers as waiting with the count raised).
      if (started === undefined) continue;
      restarted.set(c.name, { seen: at, ...(started !== null ? { status: started } : {}) });
    }

    if (t.lastRunning.seen === undefined && longRunning.length > 0 && longRunning.every((n) => restarted.has(n))) {
      t.lastRunning.seen = at;
    }
    if (t.lastRunning.seen !== undefined && t.ready.seen === undefined && conditionStatus(pod, 'Ready') === 'True') {
      t.ready.seen = at;
      t.ready.status = timeOf(pod.conditions.find((c) => c.type === 'Ready')?.lastTransitionTime);
    }
  }

  const starts = [...restarted.entries()];
  if (starts.length > 0) {
    t.firstRunning.seen = Math.min(...starts.map(([, s]) => s.seen));
    const byStatus = starts
      .filter(([, s]) => s.status !== undefined)
      .sort((a, b) => (a[1].status as number) - (b[1].status as number) || a[1].seen - b[1].seen);
    const first = byStatus[0];
    if (first) {
      t.firstRunning.status = first[1].status;
      t.firstRunning.name = first[0];
    }
    const long = starts.filter(([n]) => longRunning.includes(n));
    if (long.length === longRunning.length && long.every(([, s]) => s.status !== undefined)) {
      const last = long.sort((a, b) => (b[1].status as number) - (a[1].status as number) || b[1].seen - a[1].seen)[0];
      if (last) {
        t.lastRunning.status = last[1].status;
        t.lastRunning.name = last[0];
      }
    }
  }

  if (input.stamps) applyStamps(t, input.stamps, trigger, longRunning);

  if (t.exit.seen === undefined) t.missing.push(`the exit of ${trigger} was never seen`);
  else if (t.exit.status === undefined) t.missing.push(`the status never gave ${trigger}'s finishedAt`);
  if (t.conditionTrue.seen === undefined) t.missing.push('AllContainersRestarting True was never seen');
  if (t.firstRunning.seen === undefined) t.missing.push('no container was seen running again');
  if (t.lastRunning.seen === undefined)
    t.missing.push(`not every long-running container (${longRunning.join(', ')}) was seen running again`);
  if (t.ready.seen === undefined) t.missing.push('the pod was not seen Ready again');
  return t;
}

/** Container-clock instants from stamps: the trigger's exit stamp, then the first start stamp of each container after it. */
function applyStamps(t: RestartTimes, stamps: readonly ClockStamp[], trigger: string, longRunning: string[]): void {
  const exit = stamps.find((s) => s.event === 'exit' && s.container === trigger);
  if (!exit) return;
  t.exit.container = exit.at;
  const firstStart = new Map<string, number>();
  for (const s of stamps) {
    if (s.event === 'start' && s.at >= exit.at && !firstStart.has(s.container)) firstStart.set(s.container, s.at);
  }
  const starts = [...firstStart.entries()].sort((a, b) => a[1] - b[1]);
  const first = starts[0];
  if (first) {
    t.firstRunning.container = first[1];
    t.firstRunning.name ??= first[0];
  }
  if (longRunning.length > 0 && longRunning.every((n) => firstStart.has(n))) {
    t.lastRunning.container = Math.max(...longRunning.map((n) => firstStart.get(n) as number));
  }
}

/** A container's start time from its state: a number, null when the status says started but gives no time, undefined when not started. */
function startedAtOf(c: ContainerStatusSnapshot): number | null | undefined {
  if (c.state.running) return timeOf(c.state.running.startedAt) ?? null;
  if (c.state.terminated) return timeOf(c.state.terminated.startedAt) ?? null;
  return undefined;
}

function timeOf(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}
