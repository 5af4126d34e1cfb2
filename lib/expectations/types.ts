// The contract every expectation checker follows. A checker is a pure function of the suite's
// expectation and what the run observed; it never talks to a cluster, so recorded observations
// replay to the same verdict offline.
import type { Observation, TimelineEntry } from '../observe/types.js';
import type { ExpectationsT } from '../suite/schema.js';

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

export interface CheckContext {
  /** Server gitVersion (e.g. v1.35.8): picks the per-version texts of VersionedText fields. */
  kubernetesVersion: string;
}

/**
 * Expectation keys that are settle parameters for the runner rather than checks: `within` is the
 * deadline the runner waits for `settleState` with; missing it shows up as `observation.abortedWith`.
 */
export type SettleParameter = 'within';

/** Every other key of `expect` is checked by exactly one checker (see registry.ts). */
export type ExpectationKind = Exclude<keyof ExpectationsT, SettleParameter>;

export type ExpectationOf<K extends ExpectationKind> = NonNullable<ExpectationsT[K]>;

export type Checker<K extends ExpectationKind> = (
  expectation: ExpectationOf<K>,
  observation: Observation,
  ctx: CheckContext,
) => CheckResult[];
