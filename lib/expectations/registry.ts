// The one table from expectation kind to checker and to what the run must observe for it. Adding a
// check is adding a module and a row here; the mapped type makes a new key in the suite schema's
// `expect` a compile error until it has both.
import type { Observation } from '../observe/types.js';
import type { ExpectationsT } from '../suite/schema.js';
import { checkAdmission, checkPatch } from './api-outcome.js';
import { checkConditions } from './conditions.js';
import { checkConsistently } from './consistently.js';
import { checkEvents } from './events.js';
import { checkFiles, filesObserved } from './files.js';
import { checkFinal } from './final.js';
import { checkIdentity, identityObserved } from './identity.js';
import { checkJob } from './job.js';
import { checkPhases } from './phases.js';
import { checkRestarts } from './restarts.js';
import { checkRuns, runsObserved } from './runs.js';
import { checkPlacement, placementObserved } from './placement.js';
import { checkStartOrder, startOrderObserved } from './start-order.js';
import { checkStates } from './states.js';
import { checkStored } from './stored.js';
import { checkTiming } from './timing.js';
import { mergeNeeds, NOTHING_EXTRA, type ObservationNeeds } from './needs.js';
import type { CheckContext, Checker, CheckResult, ExpectationKind, ExpectationOf } from './types.js';

/** One expectation kind: its checker, and what the runner must read for it beyond the pod watch. */
export interface ExpectationKindSpec<K extends ExpectationKind> {
  check: Checker<K>;
  observes: (expectation: ExpectationOf<K>) => ObservationNeeds;
}

/** In report order: what the API server did first, then identity, counts, order, conditions, state. */
export const expectationTable: { readonly [K in ExpectationKind]: ExpectationKindSpec<K> } = {
  admission: { check: checkAdmission, observes: NOTHING_EXTRA },
  patch: { check: checkPatch, observes: NOTHING_EXTRA },
  stored: { check: checkStored, observes: NOTHING_EXTRA },
  placement: { check: checkPlacement, observes: placementObserved },
  identity: { check: checkIdentity, observes: identityObserved },
  restarts: { check: checkRestarts, observes: NOTHING_EXTRA },
  runs: { check: checkRuns, observes: runsObserved },
  startOrder: { check: checkStartOrder, observes: startOrderObserved },
  conditions: { check: checkConditions, observes: NOTHING_EXTRA },
  phases: { check: checkPhases, observes: NOTHING_EXTRA },
  states: { check: checkStates, observes: NOTHING_EXTRA },
  timing: { check: checkTiming, observes: NOTHING_EXTRA },
  files: { check: checkFiles, observes: filesObserved },
  events: { check: checkEvents, observes: NOTHING_EXTRA },
  final: { check: checkFinal, observes: NOTHING_EXTRA },
  job: { check: checkJob, observes: NOTHING_EXTRA },
  consistently: { check: checkConsistently, observes: NOTHING_EXTRA },
};

export const expectationKinds = Object.keys(expectationTable) as ExpectationKind[];

/** The checkers alone, by kind. */
export const checkers = Object.fromEntries(expectationKinds.map((k) => [k, expectationTable[k].check])) as {
  readonly [K in ExpectationKind]: Checker<K>;
};

/** Runs the checker of one kind; a kind the suite leaves out yields no checks. */
export function runChecker<K extends ExpectationKind>(
  kind: K,
  expect: ExpectationsT,
  observation: Observation,
  ctx: CheckContext,
): CheckResult[] {
  const expectation = expect[kind];
  if (expectation === undefined) return [];
  const spec = expectationTable[kind] as ExpectationKindSpec<K>;
  return spec.check(expectation as NonNullable<ExpectationsT[K]>, observation, ctx);
}

/** What a run must observe (journal, sandbox ids, files) to judge these expectations. */
export function observationNeeds(expect: ExpectationsT): ObservationNeeds {
  return mergeNeeds(
    expectationKinds.map((kind) => {
      const expectation = expect[kind];
      if (expectation === undefined) return {};
      const spec = expectationTable[kind] as ExpectationKindSpec<typeof kind>;
      return (spec.observes as (e: unknown) => ObservationNeeds)(expectation);
    }),
  );
}
