// The one table from expectation kind to checker. Adding a check is adding a module and a row here;
// the mapped type makes a new key in the suite schema's `expect` a compile error until it has one.
import type { Observation } from '../observe/types.js';
import type { ExpectationsT } from '../suite/schema.js';
import type { CheckResult } from '../verdict/types.js';
import { checkAdmission, checkPatch } from './api-outcome.js';
import { checkConditions } from './conditions.js';
import { checkConsistently } from './consistently.js';
import { checkEvents } from './events.js';
import { checkFiles } from './files.js';
import { checkFinal } from './final.js';
import { checkIdentity } from './identity.js';
import { checkPhases } from './phases.js';
import { checkRestarts } from './restarts.js';
import { checkRuns } from './runs.js';
import { checkStartOrder } from './start-order.js';
import { checkStates } from './states.js';
import { checkTiming } from './timing.js';
import type { CheckContext, Checker, ExpectationKind } from './types.js';

/** In report order: what the API server did first, then identity, counts, order, conditions, state. */
export const checkers: { readonly [K in ExpectationKind]: Checker<K> } = {
  admission: checkAdmission,
  patch: checkPatch,
  identity: checkIdentity,
  restarts: checkRestarts,
  runs: checkRuns,
  startOrder: checkStartOrder,
  conditions: checkConditions,
  phases: checkPhases,
  states: checkStates,
  timing: checkTiming,
  files: checkFiles,
  events: checkEvents,
  final: checkFinal,
  consistently: checkConsistently,
};

export const expectationKinds = Object.keys(checkers) as ExpectationKind[];

/** Runs the checker of one kind; a kind the suite leaves out yields no checks. */
export function runChecker<K extends ExpectationKind>(
  kind: K,
  expect: ExpectationsT,
  observation: Observation,
  ctx: CheckContext,
): CheckResult[] {
  const expectation = expect[kind];
  if (expectation === undefined) return [];
  const checker = checkers[kind] as Checker<K>;
  return checker(expectation as NonNullable<ExpectationsT[K]>, observation, ctx);
}
