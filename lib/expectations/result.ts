// One way to build a CheckResult, so every checker reports in the same shape.
import type { TimelineEntry } from '../observe/types.js';
import type { CheckResult } from './types.js';

export function result(
  check: string,
  passed: boolean,
  expected: string,
  observed: string,
  extra: { evidence?: TimelineEntry[]; soft?: boolean } = {},
): CheckResult {
  const r: CheckResult = { check, passed, expected, observed };
  if (extra.evidence && extra.evidence.length > 0) r.evidence = extra.evidence;
  if (extra.soft) r.soft = true;
  return r;
}

/** A check that cannot be evaluated because the run did not record what it needs: always a failure. */
export function missing(check: string, expected: string, what: string): CheckResult {
  return result(check, false, expected, `not observed: ${what}`);
}
