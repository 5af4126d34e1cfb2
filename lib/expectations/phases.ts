// The pod phase while the restart runs. KEP-5532 says "Pending throughout";
// what the kubelet reports is read from every watch entry, because a phase can last one update.
import type { Observation } from '../observe/types.js';
import { result } from './result.js';
import { evidenceAround, offset, originOf, podStatesAfterTrigger, type PodEntry } from './timeline.js';
import type { Checker, CheckResult } from './types.js';

export interface PhaseStep {
  phase: string;
  at: number;
  entry?: PodEntry;
}

/** Phases after the trigger, repeats collapsed. */
export function phaseSequence(observation: Observation): PhaseStep[] {
  const steps: PhaseStep[] = [];
  for (const { at, pod, entry } of podStatesAfterTrigger(observation)) {
    if (steps[steps.length - 1]?.phase === pod.phase) continue;
    steps.push({ phase: pod.phase, at, ...(entry ? { entry } : {}) });
  }
  return steps;
}

function isSubsequence(wanted: readonly string[], seen: readonly string[]): boolean {
  let i = 0;
  for (const s of seen) if (s === wanted[i]) i++;
  return i === wanted.length;
}

export const checkPhases: Checker<'phases'> = (expectation, observation) => {
  const origin = originOf(observation);
  const steps = phaseSequence(observation);
  const phases = steps.map((s) => s.phase);
  const text =
    steps.length > 0
      ? steps.map((s) => `${s.phase} (${offset(s.at, origin)})`).join(' → ')
      : 'no pod update after the trigger';
  const all = evidenceAround(
    observation,
    steps.flatMap((s) => (s.entry ? [s.entry] : [])),
  );
  const results: CheckResult[] = [];
  if (expectation.seen) {
    const ok = isSubsequence(expectation.seen, phases);
    results.push(
      result('phases.seen', ok, `${expectation.seen.join(' then ')} after the trigger`, text, {
        evidence: ok ? [] : all,
      }),
    );
  }
  if (expectation.sequence) {
    const ok = phases.length === expectation.sequence.length && phases.every((p, i) => p === expectation.sequence?.[i]);
    results.push(
      result('phases.sequence', ok, `exactly ${expectation.sequence.join(' → ')} after the trigger`, text, {
        evidence: ok ? [] : all,
      }),
    );
  }
  if (expectation.never) {
    const never: readonly string[] = expectation.never;
    const hits = steps.filter((s) => never.includes(s.phase));
    const first = hits[0];
    results.push(
      result(
        'phases.never',
        hits.length === 0,
        `never ${expectation.never.join(' or ')} after the trigger`,
        first ? `${first.phase} at ${offset(first.at, origin)}: ${text}` : text,
        {
          evidence: evidenceAround(
            observation,
            hits.flatMap((s) => (s.entry ? [s.entry] : [])),
          ),
        },
      ),
    );
  }
  return results;
};
