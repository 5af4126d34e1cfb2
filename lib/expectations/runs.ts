// How often each container started, counted from the journal each container appends to at start
// (lib/observe/journal.ts). The journal survives the restart in the emptyDir, so it counts first and second runs.
import { missing, result } from './result.js';
import type { ObservationNeeds } from './needs.js';
import type { Checker, CheckResult } from './types.js';

const plural = (n: number) => `${n} journal line${n === 1 ? '' : 's'}`;

/** Start counts come from the journal. */
export const runsObserved = (): ObservationNeeds => ({ journal: true });

export const checkRuns: Checker<'runs'> = (expectation, observation) => {
  const journal = observation.journal;
  const results: CheckResult[] = [];
  for (const [container, want] of Object.entries(expectation)) {
    const check = `runs.${container}`;
    const expected = plural(want);
    if (!journal) {
      results.push(missing(check, expected, 'journal'));
      continue;
    }
    const lines = journal.filter((l) => l.container === container);
    const where = lines.length > 0 ? ` (${lines.map((l) => `#${l.index}`).join(', ')})` : '';
    results.push(result(check, lines.length === want, expected, `${plural(lines.length)}${where}`));
  }
  return results;
};
