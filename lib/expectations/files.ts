// Files in the pod's volumes before and after the trigger (R03 emptyDir preserved, R07 preStop
// marker absent, R09 postStart marker lines). The runner reads them by exec; this only compares.
import type { FileObservation } from '../observe/types.js';
import { quote } from './pod.js';
import { missing, result } from './result.js';
import type { ObservationNeeds } from './needs.js';
import type { Checker, CheckResult, ExpectationOf } from './types.js';

type FileExpectation = ExpectationOf<'files'>[number];
type FileState = NonNullable<FileObservation['after']>;

/** Line count as `wc -l` gives it, plus a last line without a newline. */
export function countLines(content: string): number {
  if (content === '') return 0;
  const parts = content.split('\n');
  return parts[parts.length - 1] === '' ? parts.length - 1 : parts.length;
}

function describeFile(state: FileObservation['before']): string {
  if (!state) return 'not read';
  return state.exists ? `exists, content ${quote(state.content)}` : 'does not exist';
}

/** The aspects a file expectation asks about, each with its expected text and its comparison. */
const aspects: Array<{
  key: 'exists' | 'preserved' | 'lines' | 'contains';
  expected: (exp: FileExpectation) => string | undefined;
  judge: (
    exp: FileExpectation,
    after: FileState,
    before: FileObservation['before'],
  ) => { passed: boolean; observed: string };
}> = [
  {
    key: 'exists',
    expected: (e) =>
      e.exists === undefined ? undefined : e.exists ? 'exists after the trigger' : 'does not exist after the trigger',
    judge: (e, after) => ({ passed: after.exists === e.exists, observed: describeFile(after) }),
  },
  {
    key: 'preserved',
    expected: (e) =>
      e.preserved === undefined
        ? undefined
        : e.preserved
          ? 'content unchanged by the trigger'
          : 'content changed by the trigger',
    judge: (e, after, before) => {
      // Without a file before the trigger there is nothing to preserve: never a pass.
      if (!before?.exists)
        return {
          passed: false,
          observed: `before the trigger: ${describeFile(before)}; after: ${describeFile(after)}`,
        };
      const same = after.exists && after.content === before.content;
      const observed = same
        ? `unchanged: ${quote(before.content)}`
        : `${quote(before.content)} → ${after.exists ? quote(after.content) : 'file gone'}`;
      return { passed: same === e.preserved, observed };
    },
  },
  {
    key: 'lines',
    expected: (e) => (e.lines === undefined ? undefined : `${e.lines} lines after the trigger`),
    judge: (e, after) => {
      if (!after.exists) return { passed: false, observed: 'does not exist' };
      const n = countLines(after.content ?? '');
      return { passed: n === e.lines, observed: `${n} lines: ${quote(after.content)}` };
    },
  },
  {
    key: 'contains',
    expected: (e) => (e.contains === undefined ? undefined : `contains ${quote(e.contains)} after the trigger`),
    judge: (e, after) => ({
      passed: after.exists && (after.content ?? '').includes(e.contains ?? ''),
      observed: describeFile(after),
    }),
  },
];

/** The files are read by exec before the trigger and at the checkpoint. */
export const filesObserved = (e: ExpectationOf<'files'>): ObservationNeeds => ({ files: e });

export const checkFiles: Checker<'files'> = (expectation, observation) => {
  const results: CheckResult[] = [];
  for (const exp of expectation) {
    const label = `files[${exp.container ? `${exp.container}:` : ''}${exp.path}]`;
    const file = observation.files.find(
      (f) => f.path === exp.path && (!exp.container || f.container === exp.container),
    );
    for (const aspect of aspects) {
      const expected = aspect.expected(exp);
      if (expected === undefined) continue;
      const check = `${label}.${aspect.key}`;
      if (!file?.after) {
        results.push(missing(check, expected, `${exp.path} after the trigger`));
        continue;
      }
      const { passed, observed } = aspect.judge(exp, file.after, file.before);
      results.push(result(check, passed, expected, observed));
    }
  }
  return results;
};
