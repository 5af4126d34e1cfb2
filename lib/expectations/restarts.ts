// Exact restartCount deltas (R01 (e): "expect exactly +1"). Upstream e2e only asserts > 0; an exact
// delta is what catches a second, unintended restart-all.
import type { ContainerStatusSnapshot, Observation } from '../observe/types.js';
import { findContainer } from './pod.js';
import { missing, result } from './result.js';
import { evidenceAround, isPodEntry } from './timeline.js';
import type { Checker, CheckResult } from './types.js';

export interface RestartDelta {
  container: string;
  before: number;
  after: number;
  delta: number;
}

/** Every container's delta, in pod status order; a container missing before the trigger counts from 0. */
export function restartDeltas(observation: Observation): RestartDelta[] {
  const { before, after } = observation;
  if (!after) return [];
  return after.containers.map((c) => {
    const b = (before && findContainer(before, c.name)?.restartCount) ?? 0;
    return { container: c.name, before: b, after: c.restartCount, delta: c.restartCount - b };
  });
}

const signed = (n: number) => (n < 0 ? `${n}` : `+${n}`);

/**
 * Which containers an expectation covers: the named ones, and for "*" every other container.
 * Ephemeral containers are left out of "*": they are never restarted (KEP-5532: "Ephemeral containers are kept"), so a
 * wildcard meant for the pod's real containers must not fail on a debug container.
 */
export function restartTargets(
  expectation: Record<string, number>,
  containers: ContainerStatusSnapshot[],
): Array<{ container: string; delta: number }> {
  const named = Object.entries(expectation)
    .filter(([name]) => name !== '*')
    .map(([container, delta]) => ({ container, delta }));
  const wildcard = expectation['*'];
  if (wildcard === undefined) return named;
  const others = containers
    .filter((c) => c.kind !== 'ephemeral' && !(c.name in expectation))
    .map((c) => ({ container: c.name, delta: wildcard }));
  return [...named, ...others];
}

export const checkRestarts: Checker<'restarts'> = (expectation, observation) => {
  const { before, after } = observation;
  if (!before || !after) {
    return [
      missing(
        'restarts',
        `restartCount deltas ${JSON.stringify(expectation)}`,
        `${!before ? 'before' : 'after'} snapshot`,
      ),
    ];
  }
  const deltas = restartDeltas(observation);
  const all = `all: ${deltas.map((d) => `${d.container} ${signed(d.delta)}`).join(', ')}`;
  const results: CheckResult[] = [];
  for (const { container, delta: want } of restartTargets(expectation, after.containers)) {
    const check = `restarts.${container}`;
    const expected = `restartCount ${signed(want)}`;
    const d = deltas.find((x) => x.container === container);
    if (!d) {
      results.push(
        result(check, false, expected, `container not in pod status (${deltas.map((x) => x.container).join(', ')})`),
      );
      continue;
    }
    const passed = d.delta === want;
    // Evidence: the moments this container's count moved, so an extra restart can be placed in time.
    const moves = passed
      ? []
      : observation.timeline.filter(isPodEntry).filter((e, i, entries) => {
          const was = entries[i - 1] && findContainer(entries[i - 1]!.pod, container)?.restartCount;
          const now = findContainer(e.pod, container)?.restartCount;
          return was !== undefined && now !== undefined && was !== now;
        });
    results.push(
      result(check, passed, expected, `${signed(d.delta)} (restartCount ${d.before} → ${d.after}); ${all}`, {
        evidence: evidenceAround(observation, moves),
      }),
    );
  }
  return results;
};
