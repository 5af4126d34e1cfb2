// Pure converters from raw API objects (pod, event) to the snapshots a verdict reads.
import { arrayAt, at, isObject, numberAt, stringAt } from '../kube/json.js';
import { containerSpecs } from '../manifest/containers.js';
import type {
  ContainerStateSnapshot,
  ContainerStatusSnapshot,
  EventSnapshot,
  JobSnapshot,
  NodeObservation,
  PodConditionSnapshot,
  PodSnapshot,
  StoredContainer,
} from './types.js';

function stateOf(raw: unknown): ContainerStateSnapshot {
  const out: ContainerStateSnapshot = {};
  if (!isObject(raw)) return out;
  if (isObject(raw.running)) {
    const startedAt = stringAt(raw.running, 'startedAt');
    out.running = startedAt ? { startedAt } : {};
  }
  if (isObject(raw.waiting)) {
    const reason = stringAt(raw.waiting, 'reason');
    const message = stringAt(raw.waiting, 'message');
    out.waiting = { ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
  }
  if (isObject(raw.terminated)) {
    const t = raw.terminated;
    const reason = stringAt(t, 'reason');
    const message = stringAt(t, 'message');
    const containerID = stringAt(t, 'containerID');
    out.terminated = {
      exitCode: numberAt(t, 'exitCode') ?? -1,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
      // null is kept: 1.36 reports startedAt/finishedAt null for containers removed by a restart-all.
      ...('startedAt' in t ? { startedAt: (stringAt(t, 'startedAt') ?? null) as string | null } : {}),
      ...('finishedAt' in t ? { finishedAt: (stringAt(t, 'finishedAt') ?? null) as string | null } : {}),
      ...(containerID ? { containerID } : {}),
    };
  }
  return out;
}

function containerStatus(raw: unknown, kind: ContainerStatusSnapshot['kind']): ContainerStatusSnapshot | undefined {
  const name = stringAt(raw, 'name');
  if (!name) return undefined;
  const containerID = stringAt(raw, 'containerID');
  const started = at(raw, 'started');
  return {
    name,
    kind,
    restartCount: numberAt(raw, 'restartCount') ?? 0,
    ready: at(raw, 'ready') === true,
    ...(typeof started === 'boolean' ? { started } : {}),
    ...(containerID ? { containerID } : {}),
    state: stateOf(at(raw, 'state')),
    lastState: stateOf(at(raw, 'lastState')),
  };
}

/** status.conditions of a pod or a Job. */
function conditionsOf(obj: unknown): PodConditionSnapshot[] {
  return arrayAt(obj, 'status', 'conditions')
    .filter(isObject)
    .map((c) => {
      const status = stringAt(c, 'status');
      const reason = stringAt(c, 'reason');
      const message = stringAt(c, 'message');
      const lastTransitionTime = stringAt(c, 'lastTransitionTime');
      return {
        type: stringAt(c, 'type') ?? '',
        status: status === 'True' || status === 'False' ? status : 'Unknown',
        ...(reason ? { reason } : {}),
        ...(message ? { message } : {}),
        ...(lastTransitionTime ? { lastTransitionTime } : {}),
      };
    });
}

/** A JobSnapshot of a raw batch/v1 Job. */
export function jobSnapshot(job: unknown, receivedAt: number): JobSnapshot {
  const terminating = numberAt(job, 'status', 'terminating');
  return {
    at: receivedAt,
    resourceVersion: stringAt(job, 'metadata', 'resourceVersion') ?? '',
    name: stringAt(job, 'metadata', 'name') ?? '',
    uid: stringAt(job, 'metadata', 'uid') ?? '',
    active: numberAt(job, 'status', 'active') ?? 0,
    ready: numberAt(job, 'status', 'ready') ?? 0,
    succeeded: numberAt(job, 'status', 'succeeded') ?? 0,
    failed: numberAt(job, 'status', 'failed') ?? 0,
    ...(terminating !== undefined ? { terminating } : {}),
    conditions: conditionsOf(job),
  };
}

/** "active=1 ready=1 succeeded=0 failed=0 Complete=True(...)" */
export function describeJob(j: JobSnapshot): string {
  const conditions = j.conditions.map((c) => `${c.type}=${c.status}${c.reason ? `(${c.reason})` : ''}`).join(' ');
  return `active=${j.active} ready=${j.ready} succeeded=${j.succeeded} failed=${j.failed}${j.terminating ? ` terminating=${j.terminating}` : ''}${conditions ? ` ${conditions}` : ''}`;
}

/** 'sidecar' for init containers declared with restartPolicy Always, 'init' for the others. */
export function initContainerKinds(pod: unknown): Map<string, 'init' | 'sidecar'> {
  const kinds = new Map<string, 'init' | 'sidecar'>();
  for (const { name, kind } of containerSpecs(pod)) if (kind === 'init' || kind === 'sidecar') kinds.set(name, kind);
  return kinds;
}

/** A PodSnapshot of a raw pod object, stamped with the time the harness received it. */
export function podSnapshot(pod: unknown, receivedAt: number): PodSnapshot {
  const kinds = initContainerKinds(pod);
  const containers: ContainerStatusSnapshot[] = [];
  for (const s of arrayAt(pod, 'status', 'initContainerStatuses')) {
    const c = containerStatus(s, kinds.get(stringAt(s, 'name') ?? '') ?? 'init');
    if (c) containers.push(c);
  }
  for (const s of arrayAt(pod, 'status', 'containerStatuses')) {
    const c = containerStatus(s, 'regular');
    if (c) containers.push(c);
  }
  for (const s of arrayAt(pod, 'status', 'ephemeralContainerStatuses')) {
    const c = containerStatus(s, 'ephemeral');
    if (c) containers.push(c);
  }
  const conditions = conditionsOf(pod);
  const podIPs = arrayAt(pod, 'status', 'podIPs')
    .map((p) => stringAt(p, 'ip'))
    .filter((ip): ip is string => typeof ip === 'string');
  const opt = (key: string, value: string | undefined): Record<string, string> => (value ? { [key]: value } : {});
  return {
    at: receivedAt,
    resourceVersion: stringAt(pod, 'metadata', 'resourceVersion') ?? '',
    ...opt('name', stringAt(pod, 'metadata', 'name')),
    uid: stringAt(pod, 'metadata', 'uid') ?? '',
    creationTimestamp: stringAt(pod, 'metadata', 'creationTimestamp') ?? '',
    ...opt('deletionTimestamp', stringAt(pod, 'metadata', 'deletionTimestamp')),
    ...opt('nodeName', stringAt(pod, 'spec', 'nodeName')),
    ...opt('podIP', stringAt(pod, 'status', 'podIP')),
    podIPs,
    ...opt('hostIP', stringAt(pod, 'status', 'hostIP')),
    ...opt('startTime', stringAt(pod, 'status', 'startTime')),
    phase: stringAt(pod, 'status', 'phase') ?? 'Unknown',
    ...opt('reason', stringAt(pod, 'status', 'reason')),
    ...opt('message', stringAt(pod, 'status', 'message')),
    conditions,
    containers,
  };
}

/** An EventSnapshot of a raw core/v1 Event. */
export function eventSnapshot(event: unknown, receivedAt: number): EventSnapshot {
  const fieldPath = stringAt(event, 'involvedObject', 'fieldPath');
  const firstTimestamp = stringAt(event, 'firstTimestamp') ?? stringAt(event, 'eventTime');
  const lastTimestamp =
    stringAt(event, 'lastTimestamp') ?? stringAt(event, 'series', 'lastObservedTime') ?? stringAt(event, 'eventTime');
  const kind = stringAt(event, 'involvedObject', 'kind');
  const name = stringAt(event, 'involvedObject', 'name');
  const source = stringAt(event, 'source', 'component') ?? stringAt(event, 'reportingComponent');
  return {
    at: receivedAt,
    reason: stringAt(event, 'reason') ?? '',
    message: stringAt(event, 'message') ?? '',
    type: stringAt(event, 'type') ?? '',
    ...(fieldPath ? { fieldPath } : {}),
    count: numberAt(event, 'count') ?? numberAt(event, 'series', 'count') ?? 1,
    ...(firstTimestamp ? { firstTimestamp } : {}),
    ...(lastTimestamp ? { lastTimestamp } : {}),
    ...(kind && name ? { involvedObject: `${kind}/${name}` } : {}),
    ...(source ? { source } : {}),
  };
}

/** One container in words: `trigger running rc=1 ready`, `init terminated(0 Completed) rc=0`. */
export function describeContainer(c: ContainerStatusSnapshot): string {
  const s = c.state;
  const state = s.running
    ? 'running'
    : s.terminated
      ? `terminated(${s.terminated.exitCode}${s.terminated.reason ? ` ${s.terminated.reason}` : ''})`
      : s.waiting
        ? `waiting(${s.waiting.reason ?? ''})`
        : 'unknown';
  return `${c.name} ${state} rc=${c.restartCount}${c.ready ? ' ready' : ''}`;
}

/** The pod in one line, for wait messages and logs. */
export function describePod(p: PodSnapshot | undefined): string {
  if (!p) return 'no pod object seen yet';
  const conds = p.conditions.map((c) => `${c.type}=${c.status}${c.reason ? `(${c.reason})` : ''}`).join(' ');
  const containers = p.containers.map(describeContainer).join(', ');
  const why = p.reason ? ` (${p.reason}${p.message ? `: ${p.message.slice(0, 200)}` : ''})` : '';
  return `phase ${p.phase}${why}${p.deletionTimestamp ? ' (deleting)' : ''}; ${conds || 'no conditions'}; ${containers || 'no container statuses'}`;
}

/** The restart fields of every container of a pod object as the API server returned it (create response). */
export function storedContainers(pod: unknown): StoredContainer[] {
  const kinds = initContainerKinds(pod);
  const one = (c: unknown, kind: StoredContainer['kind']): StoredContainer | undefined => {
    const name = stringAt(c, 'name');
    if (!name) return undefined;
    const restartPolicy = stringAt(c, 'restartPolicy');
    return {
      name,
      kind,
      ...(restartPolicy ? { restartPolicy } : {}),
      restartPolicyRules: arrayAt(c, 'restartPolicyRules').length,
    };
  };
  const out: StoredContainer[] = [];
  for (const c of arrayAt(pod, 'spec', 'initContainers')) {
    const s = one(c, kinds.get(stringAt(c, 'name') ?? '') ?? 'init');
    if (s) out.push(s);
  }
  for (const [key, kind] of [
    ['containers', 'regular'],
    ['ephemeralContainers', 'ephemeral'],
  ] as const) {
    for (const c of arrayAt(pod, 'spec', key)) {
      const s = one(c, kind);
      if (s) out.push(s);
    }
  }
  return out;
}

/** A NodeObservation of a raw core/v1 Node. */
export function nodeObservation(node: unknown): NodeObservation {
  const labels: Record<string, string> = {};
  const raw = at(node, 'metadata', 'labels');
  if (isObject(raw)) for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') labels[k] = v;
  return {
    name: stringAt(node, 'metadata', 'name') ?? '',
    declaredFeatures: arrayAt(node, 'status', 'declaredFeatures').filter((f): f is string => typeof f === 'string'),
    labels,
  };
}
