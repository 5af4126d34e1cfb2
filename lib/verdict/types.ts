// A scenario's verdict: its status and every check that decided it.
import type { CheckResult } from '../expectations/types.js';

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
