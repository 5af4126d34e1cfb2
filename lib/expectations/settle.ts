// The predicate the runner waits on (through the pod watch) after the trigger. "Settled" means the
// suite's end state is reached; whether it was overshot (restartCount +2 when +1 was asked) is the
// verdict's question, so deltas here are "at least".
import type { JobSnapshot, PodSnapshot } from '../observe/types.js';
import type { ExpectationsT } from '../suite/schema.js';
import {
  conditionMatches,
  containerMismatches,
  describeCondition,
  describeConditionExpectation,
  describeContainerExpectation,
} from './final.js';
import { jobWaitingFor } from './job.js';
import { ALL_CONTAINERS_RESTARTING, conditionStatus, findContainer } from './pod.js';
import { restartTargets } from './restarts.js';

export interface SettleState {
  settled: boolean;
  /** What is still missing, in words, for deadline messages ("phase Running (now Pending)"). */
  waitingFor: string[];
}

export function settleState(
  expect: ExpectationsT,
  before: PodSnapshot | undefined,
  now: PodSnapshot,
  kubernetesVersion = '',
  /** The Job that owns the pod, as last seen (scenarios with `job`). */
  job?: JobSnapshot,
): SettleState {
  const waitingFor: string[] = [];
  if (expect.job) waitingFor.push(...jobWaitingFor(expect.job, job));
  const final = expect.final;

  if (final?.phase && now.phase !== final.phase) waitingFor.push(`phase ${final.phase} (now ${now.phase})`);
  if (final?.ready !== undefined) {
    const ready = conditionStatus(now, 'Ready');
    if ((ready === 'True') !== final.ready) waitingFor.push(`Ready=${final.ready ? 'True' : 'False'} (now ${ready})`);
  }
  for (const [name, exp] of Object.entries(final?.containers ?? {})) {
    const c = findContainer(now, name);
    if (!c) {
      waitingFor.push(`container ${name} to appear in the pod status`);
      continue;
    }
    const mismatches = containerMismatches(exp, c);
    if (mismatches.length > 0) {
      // A waiting container misses both state and exit code; say "now running" once.
      const shown = [...new Set(mismatches.map((m) => m.now))].join(', ');
      waitingFor.push(`${name} ${describeContainerExpectation(exp)} (now ${shown})`);
    }
  }

  for (const [type, exp] of Object.entries(final?.conditions ?? {})) {
    // Without a server version only the status can be waited for; the verdict checks the texts.
    const matches = kubernetesVersion
      ? conditionMatches(now, type, exp, kubernetesVersion)
      : conditionStatus(now, type) === exp.status;
    if (!matches) {
      const wanted = kubernetesVersion ? describeConditionExpectation(exp, kubernetesVersion) : exp.status;
      waitingFor.push(`${type} ${wanted} (now ${describeCondition(now, type)})`);
    }
  }

  const restartsExpected = restartTargets(expect.restarts ?? {}, now.containers);
  for (const { container, delta } of restartsExpected) {
    const c = findContainer(now, container);
    const base = (before && findContainer(before, container)?.restartCount) ?? 0;
    if (!c) waitingFor.push(`container ${container} to appear in the pod status`);
    else if (c.restartCount - base < delta)
      waitingFor.push(`${container} restartCount +${delta} (now +${c.restartCount - base})`);
  }
  // While the condition is True the kubelet is still in phase 1 (killing): counts and states can be
  // transiently "right" (1.36 bumps restartCount while a container is removed, kubernetes/kubernetes#136964).
  if (restartsExpected.some((r) => r.delta > 0) && conditionStatus(now, ALL_CONTAINERS_RESTARTING) === 'True') {
    waitingFor.push(`${ALL_CONTAINERS_RESTARTING} not True (now True)`);
  }
  const missing = [...new Set(waitingFor)];
  return { settled: missing.length === 0, waitingFor: missing };
}
