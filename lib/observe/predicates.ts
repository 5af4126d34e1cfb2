// Common pod predicates for PodRecorder.waitFor: each says what it still waits for, in words.
import { describeContainer } from './snapshot.js';
import type { PodPredicate } from './recorder.js';
import type { PodSnapshot } from './types.js';

export function conditionStatus(pod: PodSnapshot, type: string): 'True' | 'False' | 'Unknown' | 'Absent' {
  return pod.conditions.find((c) => c.type === type)?.status ?? 'Absent';
}

/** Pod condition `type` has `status` ('Absent': the condition is not there). */
export function conditionIs(type: string, status: 'True' | 'False' | 'Unknown' | 'Absent'): PodPredicate {
  return (pod) => {
    const now = conditionStatus(pod, type);
    return { ok: now === status, waitingFor: `condition ${type} to be ${status} (is ${now})` };
  };
}

export const podReady: PodPredicate = (pod) => {
  const ready = conditionStatus(pod, 'Ready');
  const notReady = pod.containers.filter((c) => c.kind !== 'init' && !c.ready).map(describeContainer);
  return {
    ok: ready === 'True',
    waitingFor: `pod Ready (Ready=${ready}, phase ${pod.phase}${notReady.length ? `; not ready: ${notReady.join(', ')}` : ''})`,
  };
};

export type ContainerWaitState = 'running' | 'ready' | 'terminated' | 'waiting';

export function containerIs(name: string, state: ContainerWaitState): PodPredicate {
  return (pod) => {
    const c = pod.containers.find((x) => x.name === name);
    if (!c) return { ok: false, waitingFor: `container ${name} to be ${state} (no status for it yet)` };
    const ok =
      state === 'ready'
        ? c.ready
        : state === 'running'
          ? !!c.state.running
          : state === 'terminated'
            ? !!c.state.terminated
            : !!c.state.waiting;
    return { ok, waitingFor: `container ${name} to be ${state} (is ${describeContainer(c)})` };
  };
}

export function podPhaseIs(...phases: string[]): PodPredicate {
  return (pod) => ({ ok: phases.includes(pod.phase), waitingFor: `phase ${phases.join(' or ')} (is ${pod.phase})` });
}

/** Every predicate holds; waitingFor lists the ones that do not yet. */
export function allOf(...predicates: PodPredicate[]): PodPredicate {
  return (pod) => {
    const missing = predicates.map((p) => p(pod)).filter((r) => !r.ok);
    return { ok: missing.length === 0, waitingFor: missing.map((r) => r.waitingFor).join('; ') };
  };
}
