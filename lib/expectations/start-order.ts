// Start order on the re-run (R01 (d), R04): init containers in order, then sidecars, then regular
// containers — the normal pod start that phase 2 of the restart is (KEP-5532, "Phase 2").
import type { JournalLine } from '../observe/types.js';
import { missing, result } from './result.js';
import type { ObservationNeeds } from './needs.js';
import type { Checker } from './types.js';

const describeGroup = (g: string | string[]) => (typeof g === 'string' ? g : `{${g.join(', ')}}`);

/** The order comes from the journal. */
export const startOrderObserved = (): ObservationNeeds => ({ journal: true });

export const checkStartOrder: Checker<'startOrder'> = (expectation, observation) => {
  const check = 'startOrder';
  const expected = `after the trigger: ${expectation.map(describeGroup).join(' < ')}`;
  const journal = observation.journal;
  const cut = observation.journalLinesBeforeTrigger;
  if (!journal) return [missing(check, expected, 'journal')];
  if (cut === undefined) return [missing(check, expected, 'journal line count before the trigger')];

  // Each container's FIRST line after the trigger: a container restarted again later (a loop) must
  // not reorder its first re-run; the journal index, not the epoch second, is the order.
  const first = new Map<string, JournalLine>();
  for (const line of journal) if (line.index >= cut && !first.has(line.container)) first.set(line.container, line);
  const actual = [...first.values()].sort((a, b) => a.index - b.index);
  const actualText = actual.length > 0 ? actual.map((l) => `${l.container}(#${l.index})`).join(' < ') : '(none)';

  const groups = expectation.map((g) => (typeof g === 'string' ? [g] : g));
  const absent = groups.flat().filter((c) => !first.has(c));
  const violations: string[] = [];
  for (let i = 0; i + 1 < groups.length; i++) {
    for (const earlier of groups[i] ?? []) {
      for (const later of groups[i + 1] ?? []) {
        const a = first.get(earlier);
        const b = first.get(later);
        if (a && b && a.index > b.index) violations.push(`${earlier}(#${a.index}) started after ${later}(#${b.index})`);
      }
    }
  }
  const problems = [
    ...(absent.length > 0 ? [`no journal line after the trigger from ${absent.join(', ')}`] : []),
    ...violations,
  ];
  const observed = problems.length > 0 ? `${actualText}: ${problems.join('; ')}` : actualText;
  return [result(check, problems.length === 0, expected, observed)];
};
