// Queries over one pod snapshot, and the short words reports use for container states.
import type {
  ContainerStateSnapshot,
  ContainerStatusSnapshot,
  PodConditionSnapshot,
  PodSnapshot,
} from '../observe/types.js';

/** The condition type the feature under test drives (pkg/kubelet/status/generate.go, GenerateAllContainersRestartingCondition). */
export const ALL_CONTAINERS_RESTARTING = 'AllContainersRestarting';

export type ConditionStatusSeen = PodConditionSnapshot['status'] | 'Absent';

export function findCondition(pod: PodSnapshot, type: string): PodConditionSnapshot | undefined {
  return pod.conditions.find((c) => c.type === type);
}

/** 'Absent' when the pod does not carry the condition type at all (e.g. a pod without the action). */
export function conditionStatus(pod: PodSnapshot, type: string): ConditionStatusSeen {
  return findCondition(pod, type)?.status ?? 'Absent';
}

export function findContainer(pod: PodSnapshot, name: string): ContainerStatusSnapshot | undefined {
  return pod.containers.find((c) => c.name === name);
}

export type StateName = 'running' | 'waiting' | 'terminated' | 'unknown';

export function stateName(state: ContainerStateSnapshot): StateName {
  if (state.terminated) return 'terminated';
  if (state.running) return 'running';
  if (state.waiting) return 'waiting';
  return 'unknown';
}

// Reasons that only repeat what the exit code already says; anything else (RestartingAllContainers,
// OOMKilled, ContainerCreating) is the interesting part and is shown.
const OBVIOUS_TERMINATION_REASONS = new Set(['Error', 'Completed']);

/** "running", "waiting(ContainerCreating)", "terminated(42)", "terminated(137 RestartingAllContainers)". */
export function describeState(state: ContainerStateSnapshot): string {
  if (state.terminated) {
    const { exitCode, reason } = state.terminated;
    return reason && !OBVIOUS_TERMINATION_REASONS.has(reason)
      ? `terminated(${exitCode} ${reason})`
      : `terminated(${exitCode})`;
  }
  if (state.running) return 'running';
  if (state.waiting) return state.waiting.reason ? `waiting(${state.waiting.reason})` : 'waiting';
  return 'unknown';
}

/** "trigger:terminated(42) rc=0" — one container in a timeline line. */
export function describeContainer(c: ContainerStatusSnapshot): string {
  return `${c.name}:${describeState(c.state)} rc=${c.restartCount}${c.ready ? ' ready' : ''}`;
}

/** A value as it appears in observed texts: quoted, one line, bounded. */
export function quote(text: string | undefined, max = 80): string {
  if (text === undefined) return '(none)';
  const json = JSON.stringify(text);
  return json.length > max ? `${json.slice(0, max - 2)}…"` : json;
}
