// Restart latency on a real cluster: a pod of one shape, its trigger container made to exit 42 again and
// again (the harness's exit trigger), each restart-all recorded by the pod watch and the containers' own
// clock stamps, then read into phase instants. A fresh pod every `repsPerPod` repetitions; a repetition
// that misses its deadline is kept as a failure (it counts against the target) and its pod is replaced.
import { outOfTime, type BenchContext } from './context.js';
import { parseClockStamps, DEFAULT_STAMP_FILE, type ClockStamp } from './clock-stamps.js';
import type { PodShape } from './pods.js';
import { phaseDurations, restartTimes } from './restart-times.js';
import { judgeKep, phaseSummaries } from './summarize.js';
import type { LatencyRep, LatencyResult } from './types.js';
import { EnvironmentError, errorText } from '../errors.js';
import { formatApiError } from '../kube/status.js';
import { PodRecorder } from '../observe/recorder.js';
import { conditionStatus, podReady } from '../observe/predicates.js';
import type { PodPredicate } from '../observe/recorder.js';
import type { PodSnapshot } from '../observe/types.js';
import { exitTrigger } from '../triggers/exit.js';
import type { TriggerTarget } from '../triggers/types.js';

export interface LatencyOptions {
  reps: number;
  repsPerPod: number;
  /** Deadline for one restart-all to complete (1.35 one-container pods need about 60 s). */
  restartDeadlineSeconds: number;
  /** Deadline for a new pod to be Ready. */
  readyDeadlineSeconds: number;
}

interface LivePod {
  name: string;
  recorder: PodRecorder;
  stamped: string[];
  /** Stamps read so far (the file only grows). */
  stampsSeen: number;
}

const steady: PodPredicate = (pod) => {
  const ready = podReady(pod);
  if (!ready.ok) return ready;
  if (conditionStatus(pod, 'AllContainersRestarting') === 'True')
    return { ok: false, waitingFor: 'AllContainersRestarting to be False' };
  const notRunning = pod.containers.filter((c) => c.kind !== 'init' && !c.state.running).map((c) => c.name);
  return { ok: notRunning.length === 0, waitingFor: `containers running (not: ${notRunning.join(', ')})` };
};

/** Every container restarted since `before`, and the pod Ready again. */
function restartedSince(before: PodSnapshot): PodPredicate {
  const rc0 = new Map(before.containers.map((c) => [c.name, c.restartCount]));
  return (pod) => {
    const pending = pod.containers.filter((c) => c.restartCount <= (rc0.get(c.name) ?? 0)).map((c) => c.name);
    if (pending.length > 0)
      return { ok: false, waitingFor: `every container restarted (not yet: ${pending.join(', ')})` };
    return steady(pod);
  };
}

export async function measureLatency(c: BenchContext, shape: PodShape, o: LatencyOptions): Promise<LatencyResult> {
  const reps: LatencyRep[] = [];
  let stampedNames: string[] = [];
  let live: LivePod | undefined;
  let podCount = 0;
  try {
    for (let index = 0; index < o.reps; index++) {
      if (outOfTime(c)) {
        c.log(`[${shape.name}] time limit reached after ${index} of ${o.reps} repetitions`);
        break;
      }
      if (live && index % o.repsPerPod === 0) live = await retire(c, live);
      if (!live) {
        live = await startPod(c, shape, `bench-${shape.name}-${podCount++}`, o.readyDeadlineSeconds);
        stampedNames = live.stamped;
      }
      const rep = await restartOnce(c, shape, live, index, o);
      reps.push(rep);
      c.log(`[${shape.name} ${index + 1}/${o.reps}] ${describeRep(rep)}`);
      if (rep.error) live = await retire(c, live);
    }
  } finally {
    if (live) await retire(c, live);
  }
  return {
    shape: shape.name,
    description: shape.description,
    stamped: stampedNames,
    trigger: shape.trigger,
    reps,
    phases: phaseSummaries(reps),
    kep: judgeKep(reps),
  };
}

async function startPod(
  c: BenchContext,
  shape: PodShape,
  name: string,
  readyDeadlineSeconds: number,
): Promise<LivePod> {
  const { manifest, stamped } = shape.manifest(name);
  const created = await c.client.createPod(c.namespace, manifest);
  if (!created.outcome.accepted || !created.object) {
    throw new EnvironmentError(
      `the API server refused the benchmark pod ${shape.name}: ${created.outcome.error ? formatApiError(created.outcome.error) : 'no object returned'}`,
      'is RestartAllContainers enabled on this cluster? (inplace-e2e run proves the gates)',
    );
  }
  const recorder = new PodRecorder(c.client, { namespace: c.namespace, pod: name, events: false, clock: c.now });
  await recorder.start({ object: created.object });
  await recorder.waitFor(steady, { what: `pod ${name} Ready`, deadlineSeconds: readyDeadlineSeconds });
  const pod: LivePod = { name, recorder, stamped, stampsSeen: 0 };
  await readNewStamps(c, shape, pod); // the first start's stamps belong to no repetition
  return pod;
}

async function retire(c: BenchContext, pod: LivePod): Promise<undefined> {
  pod.recorder.stop();
  await c.client.deletePod(c.namespace, pod.name, { gracePeriodSeconds: 0 });
  return undefined;
}

function target(c: BenchContext, pod: string): TriggerTarget {
  return {
    exec: (container, command, opts) =>
      c.client.exec(c.namespace, pod, container, command, { timeoutMs: opts?.timeoutMs ?? 30_000 }),
    patchPod: async (body, type, sub) => (await c.client.patchPod(c.namespace, pod, body, type, sub)).outcome,
  };
}

async function restartOnce(
  c: BenchContext,
  shape: PodShape,
  pod: LivePod,
  index: number,
  o: LatencyOptions,
): Promise<LatencyRep> {
  const before = await pod.recorder.waitFor(steady, {
    what: `pod ${pod.name} steady before repetition ${index + 1}`,
    deadlineSeconds: o.readyDeadlineSeconds,
  });
  let triggeredAt = c.now();
  try {
    const fired = await exitTrigger.run(
      { container: shape.trigger, code: 42 },
      { target: target(c, pod.name), now: c.now },
    );
    triggeredAt = fired.at;
    await pod.recorder.waitFor(restartedSince(before), {
      what: `pod ${pod.name} restarted in place and Ready`,
      deadlineSeconds: o.restartDeadlineSeconds,
    });
    const stamps = await readNewStamps(c, shape, pod);
    const times = restartTimes({
      before,
      entries: pod.recorder.since(triggeredAt),
      trigger: shape.trigger,
      ...(pod.stamped.length ? { stamps } : {}),
    });
    return { index, pod: pod.name, triggeredAt, times };
  } catch (e) {
    const times = restartTimes({ before, entries: pod.recorder.since(triggeredAt), trigger: shape.trigger });
    return { index, pod: pod.name, triggeredAt, times, error: errorText(e) };
  }
}

async function readNewStamps(c: BenchContext, shape: PodShape, pod: LivePod): Promise<ClockStamp[]> {
  if (pod.stamped.length === 0) return [];
  const r = await c.client.exec(c.namespace, pod.name, shape.trigger, ['cat', DEFAULT_STAMP_FILE], {
    timeoutMs: 30_000,
  });
  if (r.exitCode !== 0)
    throw new Error(
      `reading ${DEFAULT_STAMP_FILE} in ${pod.name}/${shape.trigger} exited ${r.exitCode}: ${r.stderr.trim()}`,
    );
  const all = parseClockStamps(r.stdout);
  const fresh = all.slice(pod.stampsSeen);
  pod.stampsSeen = all.length;
  return fresh;
}

function describeRep(rep: LatencyRep): string {
  const clock = rep.times.exit.container !== undefined ? 'container' : 'status';
  const d = phaseDurations(rep.times, clock);
  const w = phaseDurations(rep.times, 'seen');
  const s = (ms: number | undefined) =>
    ms === undefined ? '–' : `${(ms / 1000).toFixed(clock === 'status' ? 0 : 2)}s`;
  const seen = (ms: number | undefined) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(2)}s`);
  const line = `exit→first running ${s(d.firstRunning)}, last running ${s(d.lastRunning)} (${clock} clock); watch: True +${seen(w.conditionTrue)}, Ready +${seen(w.ready)}`;
  return rep.error ? `FAILED: ${rep.error} (${line})` : line;
}
