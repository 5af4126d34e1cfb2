// Pod condition sequences after the trigger (R01 (c), R04, R12, R16, R17). The AllContainersRestarting
// True window can last a second, so the sequence comes from every watch entry, never from a poll.
import type { Observation, PodConditionSnapshot, PodSnapshot } from '../observe/types.js';
import { textForVersion } from '../k8s-version.js';
import type { VersionedTextT } from '../suite/schema.js';
import { ALL_CONTAINERS_RESTARTING, conditionStatus, findCondition, quote, type ConditionStatusSeen } from './pod.js';
import { missing, result } from './result.js';
import { evidenceAround, offset, originOf, podStatesAfterTrigger, type PodEntry } from './timeline.js';
import type { CheckContext, Checker, CheckResult, ExpectationOf } from './types.js';

type ConditionExpectation = ExpectationOf<'conditions'>[string];

/** One run of identical statuses: where it began and the condition as it was then. */
export interface ConditionStep {
  status: ConditionStatusSeen;
  at: number;
  condition?: PodConditionSnapshot;
  entry?: PodEntry;
  /**
   * Never published: the kubelet's status manager writes only the latest of the statuses it made
   * since its last API write, so a flip and back within that gap reaches the API server only as a
   * lastTransitionTime that moved while the status stayed. `at` is the earliest moment it can have
   * happened (the previous pod state seen, not before the trigger), so a `max` bound measured from it
   * is an upper bound, never flattering.
   */
  inferred?: true;
}

const OPPOSITE: Partial<Record<ConditionStatusSeen, ConditionStatusSeen>> = { True: 'False', False: 'True' };

/**
 * Statuses of one condition type after the trigger, repeats collapsed. The kubelet keeps a condition's
 * lastTransitionTime while its status stays (status_manager.go, updateLastTransitionTime), so the same
 * True/False as the previous state seen — the snapshot before the trigger included — with a new
 * lastTransitionTime flipped and back unseen: the opposite status is inserted as an inferred step.
 */
export function conditionSequence(observation: Observation, type: string): ConditionStep[] {
  const steps: ConditionStep[] = [];
  const before = observation.before;
  let previous = before
    ? { status: conditionStatus(before, type), condition: findCondition(before, type), at: before.at }
    : undefined;
  for (const { at, pod, entry } of podStatesAfterTrigger(observation)) {
    const status = conditionStatus(pod, type);
    const condition = findCondition(pod, type);
    const was = previous?.condition?.lastTransitionTime;
    const opposite = OPPOSITE[status];
    const flippedUnseen =
      previous?.status === status &&
      opposite !== undefined &&
      was !== undefined &&
      condition?.lastTransitionTime !== undefined &&
      condition.lastTransitionTime !== was;
    if (flippedUnseen && previous) {
      const earliest = Math.max(previous.at, observation.triggerAt ?? previous.at);
      steps.push({ status: opposite, at: earliest, inferred: true });
    }
    const last = steps[steps.length - 1];
    previous = { status, condition, at };
    if (last?.status === status && !flippedUnseen) continue;
    const step: ConditionStep = { status, at };
    if (condition) step.condition = condition;
    if (entry) step.entry = entry;
    steps.push(step);
  }
  return steps;
}

function describeSequence(steps: ConditionStep[], origin: number): string {
  if (steps.length === 0) return 'no pod update after the trigger';
  return steps
    .map((s) =>
      s.inferred
        ? `${s.status} (unpublished: lastTransitionTime moved with no other status seen; at the earliest ${offset(s.at, origin)})`
        : `${s.status} (${offset(s.at, origin)})`,
    )
    .join(' → ');
}

function isSubsequence(wanted: readonly string[], seen: readonly string[]): boolean {
  let i = 0;
  for (const s of seen) if (s === wanted[i]) i++;
  return i === wanted.length;
}

/**
 * Which step reason/message are read from: the one where the condition went True (the kubelet sets
 * reason RestartAllContainersStarted there). When `seen` names no True — e.g. R19's "False with
 * reason PodFailed" — the step that reached the last status of `seen` is the one the suite means.
 */
function textStep(exp: ConditionExpectation, steps: ConditionStep[]): { target: string; step?: ConditionStep } {
  const seen = exp.seen?.filter((s) => s !== 'Absent') ?? [];
  const target = seen.length === 0 || seen.includes('True') ? 'True' : (seen[seen.length - 1] as string);
  const step =
    target === 'True' ? steps.find((s) => s.status === target) : [...steps].reverse().find((s) => s.status === target);
  return step ? { target, step } : { target };
}

function checkText(
  check: string,
  field: 'reason' | 'message',
  want: VersionedTextT,
  exp: ConditionExpectation,
  steps: ConditionStep[],
  observation: Observation,
  ctx: CheckContext,
): CheckResult {
  const text = textForVersion(want, ctx.kubernetesVersion);
  const { target, step } = textStep(exp, steps);
  if (text === undefined) {
    // The suite gives texts for other versions only: nothing to assert here, but keep the value on record.
    return result(
      check,
      true,
      `no ${field} given for ${ctx.kubernetesVersion}`,
      `${field} ${quote(step?.condition?.[field])}`,
      { soft: true },
    );
  }
  const expected = `${field} contains ${quote(text)} when ${target}`;
  if (!step) return result(check, false, expected, `never ${target} after the trigger`);
  if (step.inferred)
    return result(
      check,
      false,
      expected,
      `${target} was never published (inferred from a lastTransitionTime that moved): its ${field} cannot be read`,
    );
  const actual = step.condition?.[field] ?? '';
  const origin = originOf(observation);
  return result(
    check,
    actual.includes(text),
    expected,
    `${field} ${quote(actual)} at ${offset(step.at, origin)} (${target})`,
    {
      evidence: evidenceAround(observation, step.entry ? [step.entry] : []),
    },
  );
}

/**
 * R17: a pod with the action carries AllContainersRestarting=False before the trigger. That comes
 * from third-party models of the kubelet only (podutil.AllContainersCouldRestart; not read in upstream source), so it is recorded as a soft check, never a failure.
 */
function presentBeforeTrigger(before: PodSnapshot | undefined, type: string): CheckResult {
  const check = `conditions.${type}.beforeTrigger`;
  const expected = 'present with status False before the trigger (third-party model, soft)';
  if (!before) return { ...missing(check, expected, 'before snapshot'), soft: true };
  const c = findCondition(before, type);
  const observed = c ? `${c.status}${c.reason ? ` reason ${quote(c.reason)}` : ''}` : 'Absent';
  return result(check, c?.status === 'False', expected, observed, { soft: true });
}

/** R17: the status right before the trigger, as a hard check when the suite asks for it. */
function statusBeforeTrigger(before: PodSnapshot | undefined, type: string, want: ConditionStatusSeen): CheckResult {
  const check = `conditions.${type}.before`;
  const expected = want === 'Absent' ? 'absent before the trigger' : `${want} before the trigger`;
  if (!before) return missing(check, expected, 'before snapshot');
  const c = findCondition(before, type);
  const observed = c ? `${c.status}${c.reason ? ` reason ${quote(c.reason)}` : ' (no reason)'}` : 'Absent';
  return result(check, conditionStatus(before, type) === want, expected, observed);
}

/**
 * How often lastTransitionTime moved after the trigger, against the value before it. The kubelet
 * sets it on each status flip, so True then False is 2. API times have whole seconds: two flips in
 * one second show as one move.
 */
function transitionCount(observation: Observation, type: string): { count: number; times: string[] } {
  let last = observation.before ? findCondition(observation.before, type)?.lastTransitionTime : undefined;
  const times: string[] = [];
  for (const { pod } of podStatesAfterTrigger(observation)) {
    const t = findCondition(pod, type)?.lastTransitionTime;
    if (t === undefined || t === last) continue;
    times.push(t);
    last = t;
  }
  return { count: times.length, times };
}

function checkCondition(
  type: string,
  exp: ConditionExpectation,
  observation: Observation,
  ctx: CheckContext,
): CheckResult[] {
  const origin = originOf(observation);
  const steps = conditionSequence(observation, type);
  const statuses = steps.map((s) => s.status);
  const sequenceText = describeSequence(steps, origin);
  const transitions = evidenceAround(
    observation,
    steps.flatMap((s) => (s.entry ? [s.entry] : [])),
  );
  const results: CheckResult[] = [];
  const prefix = `conditions.${type}`;

  if (exp.seen) {
    results.push(
      result(
        `${prefix}.seen`,
        isSubsequence(exp.seen, statuses),
        `${exp.seen.join(' then ')} after the trigger`,
        sequenceText,
        {
          evidence: transitions,
        },
      ),
    );
  }
  if (exp.never) {
    const never: readonly string[] = Array.isArray(exp.never) ? exp.never : [exp.never];
    const hit = steps.find((s) => never.includes(s.status));
    results.push(
      result(
        `${prefix}.never`,
        !hit,
        `never ${never.join(' or ')} after the trigger`,
        hit ? `${hit.status} at ${offset(hit.at, origin)}: ${sequenceText}` : sequenceText,
        { evidence: hit?.entry ? evidenceAround(observation, [hit.entry]) : [] },
      ),
    );
  }
  if (exp.reason !== undefined)
    results.push(checkText(`${prefix}.reason`, 'reason', exp.reason, exp, steps, observation, ctx));
  if (exp.message !== undefined)
    results.push(checkText(`${prefix}.message`, 'message', exp.message, exp, steps, observation, ctx));
  if (exp.timesTrue !== undefined) {
    const times = statuses.filter((s) => s === 'True').length;
    results.push(
      result(
        `${prefix}.timesTrue`,
        times === exp.timesTrue,
        `True exactly ${exp.timesTrue}×`,
        `True ${times}×: ${sequenceText}`,
        {
          evidence: times === exp.timesTrue ? [] : transitions,
        },
      ),
    );
  }
  if (exp.transitions !== undefined) {
    const { count, times } = transitionCount(observation, type);
    const was = observation.before
      ? (findCondition(observation.before, type)?.lastTransitionTime ?? 'none')
      : 'no before snapshot';
    results.push(
      result(
        `${prefix}.transitions`,
        count === exp.transitions,
        `lastTransitionTime moved exactly ${exp.transitions}× after the trigger`,
        `${count}× (before: ${was}${times.length ? `; then ${times.join(', ')}` : ''})`,
        {
          evidence: count === exp.transitions ? [] : transitions,
        },
      ),
    );
  }
  if (exp.before !== undefined) results.push(statusBeforeTrigger(observation.before, type, exp.before));
  else if (type === ALL_CONTAINERS_RESTARTING && exp.seen?.includes('True')) {
    results.push(presentBeforeTrigger(observation.before, type));
  }
  return results;
}

export const checkConditions: Checker<'conditions'> = (expectation, observation, ctx) =>
  Object.entries(expectation).flatMap(([type, exp]) => checkCondition(type, exp, observation, ctx));
