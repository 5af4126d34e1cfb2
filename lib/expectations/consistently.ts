// "Consistently for N seconds" after settling (R16: counts stay 1 for a 60 s soak): a restart-all
// that loops would show up as another restart, another True window, or a phase change.
import type { Observation, PodSnapshot } from '../observe/types.js';
import { ALL_CONTAINERS_RESTARTING, conditionStatus } from './pod.js';
import { missing, result } from './result.js';
import { evidenceAround, isPodEntry, offset, type PodEntry } from './timeline.js';
import type { Checker, CheckResult } from './types.js';

/** What may not move during the window, as readable facts; differences between two pods are changes. */
function watchedFacts(pod: PodSnapshot): Map<string, string> {
  const facts = new Map<string, string>();
  facts.set('phase', pod.phase);
  facts.set(ALL_CONTAINERS_RESTARTING, conditionStatus(pod, ALL_CONTAINERS_RESTARTING));
  for (const c of pod.containers) facts.set(`${c.name} restartCount`, String(c.restartCount));
  return facts;
}

export function changesBetween(reference: PodSnapshot, pod: PodSnapshot): string[] {
  const ref = watchedFacts(reference);
  const now = watchedFacts(pod);
  const changes: string[] = [];
  for (const [fact, value] of now) {
    const was = ref.get(fact);
    if (was !== value) changes.push(`${fact} ${was ?? '(none)'}→${value}`);
  }
  if (reference.uid !== pod.uid) changes.push(`uid ${reference.uid}→${pod.uid}`);
  return changes;
}

// The runner takes `after` at the end of the window; a few hundred ms early is scheduling noise,
// more means the window was cut short and "nothing changed" would be unproven.
const WINDOW_TOLERANCE_MS = 500;

function referenceAt(observation: Observation, settledAt: number): PodSnapshot | undefined {
  const pods = observation.timeline.filter(isPodEntry);
  return [...pods].reverse().find((e) => e.at <= settledAt)?.pod ?? pods.find((e) => e.at > settledAt)?.pod;
}

export const checkConsistently: Checker<'consistently'> = (seconds, observation) => {
  const check = 'consistently';
  const expected = `no change in phase, ${ALL_CONTAINERS_RESTARTING} or restart counts for ${seconds}s after settling`;
  const { settledAt, after } = observation;
  if (settledAt === undefined) return [missing(check, expected, 'settled state (the pod never settled)')];
  const reference = referenceAt(observation, settledAt);
  if (!reference) return [missing(check, expected, 'a pod snapshot at settling')];
  const windowEnd = settledAt + seconds * 1000;

  const changes: Array<{ entry?: PodEntry; at: number; what: string[] }> = [];
  for (const entry of observation.timeline.filter(isPodEntry)) {
    if (entry.at <= settledAt || entry.at > windowEnd) continue;
    const what = entry.watch === 'DELETED' ? ['pod DELETED'] : changesBetween(reference, entry.pod);
    if (what.length > 0) changes.push({ entry, at: entry.at, what });
  }
  if (after && after.at > settledAt && after.at <= windowEnd + WINDOW_TOLERANCE_MS) {
    const what = changesBetween(reference, after);
    if (what.length > 0 && changes.length === 0) changes.push({ at: after.at, what });
  }

  const results: CheckResult[] = [];
  const observedUntil = Math.max(after?.at ?? 0, ...observation.timeline.map((e) => e.at));
  if (changes.length > 0) {
    // The first change is the finding; later entries usually repeat it.
    const first = changes[0] as (typeof changes)[number];
    const more = changes.length > 1 ? ` (changes in ${changes.length} updates)` : '';
    results.push(
      result(check, false, expected, `${offset(first.at, settledAt)} after settling: ${first.what.join(', ')}${more}`, {
        evidence: evidenceAround(
          observation,
          changes.flatMap((c) => (c.entry ? [c.entry] : [])),
        ),
      }),
    );
  } else if (observedUntil < windowEnd - WINDOW_TOLERANCE_MS) {
    results.push(
      result(
        check,
        false,
        expected,
        `window observed for ${((observedUntil - settledAt) / 1000).toFixed(1)}s of ${seconds}s only`,
      ),
    );
  } else {
    results.push(
      result(
        check,
        true,
        expected,
        `no change for ${((Math.min(observedUntil, windowEnd) - settledAt) / 1000).toFixed(1)}s`,
      ),
    );
  }
  return results;
};
