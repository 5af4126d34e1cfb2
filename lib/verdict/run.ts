// The verdict of a whole run from its scenarios' verdicts: a failed scenario fails it; a run in which every
// selected scenario was skipped proved nothing and fails too, unless skips were accepted (--allow-skips).
import type { Verdict } from './types.js';

export type RunVerdict = 'passed' | 'failed' | 'nothing-proven';

export function runVerdict(verdicts: Verdict[], options: { allowSkips: boolean }): RunVerdict {
  if (verdicts.some((v) => v.status === 'failed')) return 'failed';
  const proven = verdicts.some((v) => v.status === 'passed' || v.status === 'expected-failure');
  return proven || options.allowSkips ? 'passed' : 'nothing-proven';
}
