// Time bounds between observed moments (R08: the grace period is ignored, so a bystander that ignores
// SIGTERM is back within seconds, not after terminationGracePeriodSeconds; R26: restart latency, with
// 1.35's one-container delay, kubernetes/kubernetes#136966). Moments come from what the run recorded:
// API timestamps (whole seconds) for container starts and ends, receive times for events and conditions.
import type { ContainerStateSnapshot, Observation } from '../observe/types.js';
import { conditionSequence } from './conditions.js';
import { findContainer } from './pod.js';
import { missing, result } from './result.js';
import { eventsAfterTrigger, evidenceAround, offset, originOf, podStatesAfterTrigger } from './timeline.js';
import type { TimelineEntry } from '../observe/types.js';
import type { TimingWindowT } from '../suite/schema.js';
import type { Checker, CheckResult, ExpectationOf } from './types.js';

type TimingBound = ExpectationOf<'timing'>[number];

export interface Moment {
  /** Milliseconds since the epoch. */
  at: number;
  /** Where it was read, for the report: "API startedAt 2026-…Z", "Killing event received". */
  source: string;
  entry?: TimelineEntry;
}

const startOf = (s: ContainerStateSnapshot | undefined) =>
  s?.running?.startedAt ?? s?.terminated?.startedAt ?? undefined;
const endOf = (s: ContainerStateSnapshot | undefined) => s?.terminated?.finishedAt ?? undefined;

/**
 * A container's first start or end after the trigger that the snapshot before the trigger did not
 * already show (the trigger's own terminated state still carries its old startedAt: not a new start).
 */
function containerMoment(
  observation: Observation,
  container: string,
  which: 'startedAt' | 'finishedAt',
): Moment | undefined {
  const read = which === 'startedAt' ? startOf : endOf;
  const known = observation.before ? read(findContainer(observation.before, container)?.state) : undefined;
  for (const { pod, entry } of podStatesAfterTrigger(observation)) {
    const value = read(findContainer(pod, container)?.state);
    if (!value || value === known) continue;
    const at = Date.parse(value);
    if (Number.isNaN(at)) continue;
    return { at, source: `API ${which} ${value}`, ...(entry ? { entry } : {}) };
  }
  return undefined;
}

/** The first Killing event for the container after the trigger, by receive time. */
function killingMoment(observation: Observation, container: string): Moment | undefined {
  const hit = eventsAfterTrigger(observation).find(
    (e) => e.event.reason === 'Killing' && /\{([^}]+)\}$/.exec(e.event.fieldPath ?? '')?.[1] === container,
  );
  return hit ? { at: hit.at, source: `Killing event received (${hit.event.fieldPath})`, entry: hit } : undefined;
}

/** Resolves a time point of the suite (schema TimePoint) to a moment of this run, or undefined. */
export function momentOf(observation: Observation, point: string): Moment | undefined {
  if (point === 'trigger')
    return observation.triggerAt === undefined ? undefined : { at: observation.triggerAt, source: 'harness trigger' };
  const [subject, what] = point.split('.') as [string, string];
  if (what === 'True' || what === 'False') {
    const step = conditionSequence(observation, subject).find((s) => s.status === what);
    return step
      ? {
          at: step.at,
          source: step.inferred
            ? `${subject}=${what} never published; the earliest it can have happened`
            : `${subject}=${what} received`,
          ...(step.entry ? { entry: step.entry } : {}),
        }
      : undefined;
  }
  if (what === 'killing') return killingMoment(observation, subject);
  if (what === 'startedAt' || what === 'finishedAt') return containerMoment(observation, subject, what);
  return undefined;
}

function describeWindow(w: TimingWindowT): string {
  return w.min !== undefined && w.max !== undefined
    ? `between ${w.min}s and ${w.max}s`
    : w.max !== undefined
      ? `at most ${w.max}s`
      : w.min !== undefined
        ? `${w.min}s or more`
        : 'any time';
}

const windowsOf = (b: TimingBound): TimingWindowT[] => b.windows ?? [{ min: b.min, max: b.max }];

function describeBound(b: TimingBound): string {
  return `${b.to} ${windowsOf(b).map(describeWindow).join(', or ')} after ${b.from}`;
}

const inWindow = (seconds: number, w: TimingWindowT) =>
  (w.min === undefined || seconds >= w.min) && (w.max === undefined || seconds <= w.max);

function checkBound(b: TimingBound, observation: Observation): CheckResult {
  const check = `timing.${b.from}→${b.to}`;
  const expected = describeBound(b);
  const from = momentOf(observation, b.from);
  const to = momentOf(observation, b.to);
  if (!from || !to)
    return missing(check, expected, [!from ? b.from : '', !to ? b.to : ''].filter(Boolean).join(' and '));
  const seconds = (to.at - from.at) / 1000;
  const matched = windowsOf(b).find((w) => inWindow(seconds, w));
  const passed = matched !== undefined;
  const origin = originOf(observation);
  // With several windows, which one the run took is the finding (e.g. 1.35's delayed restart or not).
  const which = b.windows && matched ? ` (the window ${describeWindow(matched)})` : '';
  const observed = `${seconds.toFixed(3)}s${which}: ${b.from} at ${offset(from.at, origin)} (${from.source}), ${b.to} at ${offset(to.at, origin)} (${to.source})`;
  return result(check, passed, expected, observed, {
    evidence: passed
      ? []
      : evidenceAround(
          observation,
          [from.entry, to.entry].filter((e): e is TimelineEntry => e !== undefined),
        ),
  });
}

export const checkTiming: Checker<'timing'> = (expectation, observation) =>
  expectation.map((b) => checkBound(b, observation));
