// A scenario's timeline as swimlanes: what a picture of it shows, computed from the observation
// alone (pure). Times are milliseconds from the trigger, the moment everything is measured against.
//
//   lanes: one per container (its states as bars, its events as ticks, restarts marked),
//          the pod phase, one per pod condition (True/False as bands), pod-level events,
//          and the failed checks (ticks at the timeline entries their evidence names).
//   markers: the harness steps (trigger at 0, settled, end of a consistently-window).
import { ALL_CONTAINERS_RESTARTING, describeState, stateName, type StateName } from '../expectations/pod.js';
import { describeEvent, originOf } from '../expectations/timeline.js';
import type { ContainerStatusSnapshot, Observation, PodSnapshot } from '../observe/types.js';
import type { CheckResult } from '../expectations/types.js';

export interface Bar {
  from: number;
  to: number;
  /** running / waiting / terminated / unknown for containers; True / False / Unknown for conditions; the phase for the phase lane. */
  state: string;
  /** Short text drawn in the bar when it fits: "exit 42", "RestartingAllContainers", "Running". */
  label: string;
  /** Longer text for a tooltip. */
  detail: string;
  /** Containers: ready during this bar. */
  ready?: boolean;
  /** Containers: a terminated state with a non-zero exit code. */
  failed?: boolean;
}

export interface Tick {
  at: number;
  label: string;
  detail: string;
  tone: 'normal' | 'warning' | 'restart' | 'check';
}

export interface Lane {
  name: string;
  kind: 'container' | 'phase' | 'condition' | 'events' | 'checks';
  /** Containers: init / sidecar / regular / ephemeral. */
  role?: string;
  bars: Bar[];
  ticks: Tick[];
}

export interface Marker {
  at: number;
  label: string;
  /** The trigger is drawn stronger than the other steps. */
  trigger: boolean;
}

export interface Swimlanes {
  /** Window shown, ms from the trigger (start may be negative). */
  start: number;
  end: number;
  /** Epoch ms of t=0. */
  origin: number;
  /** Whether t=0 is the trigger (false: no trigger time was recorded; t=0 is the first entry). */
  hasTrigger: boolean;
  lanes: Lane[];
  markers: Marker[];
  /** Timeline entries before `start`, summarised rather than drawn. */
  entriesBefore: number;
}

type PodState = { at: number; pod: PodSnapshot };

/** Every pod snapshot in time order: watch entries, then `after` when newer. */
function podStates(o: Observation): PodState[] {
  const states: PodState[] = [];
  for (const e of o.timeline) if (e.kind === 'pod' && e.watch !== 'DELETED') states.push({ at: e.at, pod: e.pod });
  const last = states[states.length - 1];
  if (o.after && (!last || (o.after.at > last.at && o.after.resourceVersion !== last.pod.resourceVersion))) {
    states.push({ at: o.after.at, pod: o.after });
  }
  if (states.length === 0 && o.before) states.push({ at: o.before.at, pod: o.before });
  return states.sort((a, b) => a.at - b.at);
}

/** Consecutive values with the same key become one bar. */
function toBars<T>(
  samples: Array<{ at: number; value: T | undefined }>,
  end: number,
  key: (v: T) => string,
  bar: (v: T) => Omit<Bar, 'from' | 'to'>,
): Bar[] {
  const bars: Bar[] = [];
  let open: { from: number; key: string; value: T } | undefined;
  const close = (to: number): void => {
    if (open && to > open.from) bars.push({ from: open.from, to, ...bar(open.value) });
    open = undefined;
  };
  for (const s of samples) {
    if (s.value === undefined) {
      close(s.at);
      continue;
    }
    const k = key(s.value);
    if (open && open.key === k) continue;
    close(s.at);
    open = { from: s.at, key: k, value: s.value };
  }
  close(end);
  return bars;
}

function containerLabel(c: ContainerStatusSnapshot): string {
  const st = c.state;
  if (st.terminated)
    return `exit ${st.terminated.exitCode}${st.terminated.reason && !['Error', 'Completed'].includes(st.terminated.reason) ? ` ${st.terminated.reason}` : ''}`;
  if (st.waiting) return st.waiting.reason ?? 'waiting';
  if (st.running) return 'running';
  return '';
}

function containerLane(name: string, role: string, states: PodState[], origin: number, end: number): Lane {
  const samples = states.map((s) => ({ at: s.at - origin, value: s.pod.containers.find((c) => c.name === name) }));
  const bars = toBars(
    samples,
    end,
    (c) => `${describeState(c.state)}|${c.restartCount}|${c.ready}`,
    (c) => {
      const state: StateName = stateName(c.state);
      const b: Omit<Bar, 'from' | 'to'> = {
        state,
        label: containerLabel(c),
        detail: `${name}: ${describeState(c.state)}, restartCount ${c.restartCount}${c.ready ? ', ready' : ''}`,
        ready: c.ready,
      };
      if (c.state.terminated && c.state.terminated.exitCode !== 0) b.failed = true;
      return b;
    },
  );
  // A restart: restartCount went up between two snapshots.
  const ticks: Tick[] = [];
  let prev: number | undefined;
  for (const s of samples) {
    if (!s.value) continue;
    if (prev !== undefined && s.value.restartCount > prev) {
      ticks.push({
        at: s.at,
        label: `↻${s.value.restartCount}`,
        detail: `${name}: restartCount ${prev} → ${s.value.restartCount}`,
        tone: 'restart',
      });
    }
    prev = s.value.restartCount;
  }
  return { name, kind: 'container', role, bars, ticks };
}

function conditionLane(type: string, states: PodState[], origin: number, end: number): Lane {
  const samples = states.map((s) => ({ at: s.at - origin, value: s.pod.conditions.find((c) => c.type === type) }));
  const bars = toBars(
    samples,
    end,
    (c) => `${c.status}|${c.reason ?? ''}`,
    (c) => ({
      state: c.status,
      label: c.status === 'True' && c.reason ? `True ${c.reason}` : c.status,
      detail: `${type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`,
    }),
  );
  return { name: type, kind: 'condition', bars, ticks: [] };
}

/** `spec.containers{trigger}` → trigger. */
function containerOfFieldPath(fieldPath: string | undefined): string | undefined {
  return fieldPath ? /\{([^}]+)\}$/.exec(fieldPath)?.[1] : undefined;
}

/** Pod conditions in a fixed reading order: the one under test first. */
const CONDITION_ORDER = [
  ALL_CONTAINERS_RESTARTING,
  'Ready',
  'ContainersReady',
  'Initialized',
  'PodReadyToStartContainers',
  'PodScheduled',
];

export interface SwimlaneOptions {
  /** Failed checks to mark at the times of their evidence. */
  failedChecks?: CheckResult[];
}

export function buildSwimlanes(o: Observation, opts: SwimlaneOptions = {}): Swimlanes {
  const origin = originOf(o);
  const states = podStates(o);
  const times = [...o.timeline.map((e) => e.at), ...states.map((s) => s.at), ...(o.settledAt ? [o.settledAt] : [])].map(
    (t) => t - origin,
  );
  const first = times.length ? Math.min(...times) : 0;
  const last = times.length ? Math.max(...times, 0) : 1000;
  // Before the trigger only what explains it: at most as long as what follows it (at least 6 s).
  const start = Math.min(0, Math.max(first, -Math.max(6000, last)));
  const end = last + Math.max(250, (last - start) * 0.03);

  // Containers in spec order as the pod reports them: init containers first.
  const containers = new Map<string, string>();
  for (const s of states) for (const c of s.pod.containers) if (!containers.has(c.name)) containers.set(c.name, c.kind);
  const roleRank: Record<string, number> = { init: 0, sidecar: 1, regular: 2, ephemeral: 3 };
  const ordered = [...containers.entries()].sort((a, b) => (roleRank[a[1]] ?? 9) - (roleRank[b[1]] ?? 9));
  const lanes: Lane[] = ordered.map(([name, role]) => containerLane(name, role, states, origin, end));

  // Events: on their container's lane when they name one, else on the pod's events lane.
  const podEvents: Tick[] = [];
  for (const e of o.timeline) {
    if (e.kind !== 'event') continue;
    const involved = e.event.involvedObject;
    if (involved !== undefined && involved !== `Pod/${o.podName}`) continue;
    const tick: Tick = {
      at: e.at - origin,
      label: e.event.reason,
      detail: describeEvent(e.event),
      tone: e.event.type === 'Warning' ? 'warning' : 'normal',
    };
    const lane = lanes.find((l) => l.name === containerOfFieldPath(e.event.fieldPath));
    (lane ? lane.ticks : podEvents).push(tick);
  }
  for (const lane of lanes) lane.ticks.sort((a, b) => a.at - b.at);

  lanes.push({
    name: 'phase',
    kind: 'phase',
    bars: toBars(
      states.map((s) => ({ at: s.at - origin, value: s.pod.phase })),
      end,
      (p) => p,
      (p) => ({ state: p, label: p, detail: `phase ${p}` }),
    ),
    ticks: [],
  });
  const types = new Set<string>();
  for (const s of states) for (const c of s.pod.conditions) types.add(c.type);
  const orderedTypes = [
    ...CONDITION_ORDER.filter((t) => types.has(t)),
    ...[...types].filter((t) => !CONDITION_ORDER.includes(t)).sort(),
  ];
  for (const t of orderedTypes) lanes.push(conditionLane(t, states, origin, end));
  if (podEvents.length) lanes.push({ name: 'pod events', kind: 'events', bars: [], ticks: podEvents });

  const failed = opts.failedChecks ?? [];
  if (failed.length) {
    const ticks: Tick[] = [];
    failed.forEach((c, i) => {
      const at = c.evidence?.length ? c.evidence.map((e) => e.at - origin) : [end - (end - start) * 0.02];
      // Labelled once (at its first evidence entry); further ticks of the same check carry only the tooltip.
      [...new Set(at)].forEach((t, j) =>
        ticks.push({
          at: t,
          label: j === 0 ? `✗${i + 1}` : '',
          detail: `✗${i + 1} ${c.check}: expected ${c.expected}; observed ${c.observed}`,
          tone: 'check',
        }),
      );
    });
    lanes.push({ name: 'failed checks', kind: 'checks', bars: [], ticks: ticks.sort((a, b) => a.at - b.at) });
  }

  const markers: Marker[] = o.timeline
    .filter((e) => e.kind === 'harness' && e.at - origin >= start)
    .map((e) =>
      e.kind === 'harness'
        ? {
            at: e.at - origin,
            label: e.stage === 'trigger' ? `trigger: ${e.note}` : e.stage,
            trigger: e.stage === 'trigger',
          }
        : undefined,
    )
    .filter(
      (m): m is Marker => m !== undefined && (m.trigger || ['settled', 'consistently', 'aborted'].includes(m.label)),
    );
  if (o.triggerAt !== undefined && !markers.some((m) => m.trigger))
    markers.push({ at: 0, label: 'trigger', trigger: true });

  // Bars that began before the window start at its edge.
  for (const lane of lanes) {
    lane.bars = lane.bars.filter((b) => b.to > start).map((b) => (b.from < start ? { ...b, from: start } : b));
    lane.ticks = lane.ticks.filter((t) => t.at >= start);
  }
  return {
    start,
    end,
    origin,
    hasTrigger: o.triggerAt !== undefined,
    lanes,
    markers,
    entriesBefore: o.timeline.filter((e) => e.at - origin < start).length,
  };
}
