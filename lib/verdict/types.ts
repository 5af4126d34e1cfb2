import type { TimelineEntry } from '../observe/types.js';

/** The outcome of one expectation against one observation. */
export interface CheckResult {
  /** Stable name, e.g. "identity.uid", "restarts.trigger", "conditions.AllContainersRestarting.seen". */
  check: string;
  passed: boolean;
  /** What the suite asked for, in words a person reads in a report. */
  expected: string;
  /** What was observed, in the same terms. */
  observed: string;
  /** Timeline entries that show the observed value (kept small: the relevant slice only). */
  evidence?: TimelineEntry[];
  /** Soft checks are recorded and reported but never fail a scenario. */
  soft?: boolean;
  /** The check failed as the suite declared for this version (knownDifferences[].expectedFailure): why. */
  expectedFailure?: string;
}

/**
 * `expected-failure`: every failing check was declared to fail on this Kubernetes version with an
 * upstream link, and each declared check did fail. It does not fail a run.
 */
export type VerdictStatus = 'passed' | 'failed' | 'skipped' | 'expected-failure';

export interface Verdict {
  suite: string;
  scenario: string;
  /** Catalogue id from the suite (e.g. R01), shown next to the name in reports. */
  id?: string;
  status: VerdictStatus;
  /** Why a scenario was skipped (e.g. a version or gate requirement). */
  skipReason?: string;
  /** What a reader should know about a scenario that did not fail (e.g. why a gate-off control passed). */
  note?: string;
  checks: CheckResult[];
  durationMs: number;
}
