export type { CheckContext, Checker, CheckResult, ExpectationKind, ExpectationOf, SettleParameter } from './types.js';
export {
  checkers,
  expectationKinds,
  expectationTable,
  observationNeeds,
  runChecker,
  type ExpectationKindSpec,
} from './registry.js';
export { mergeNeeds, type ObservationNeeds } from './needs.js';
export { settleState, type SettleState } from './settle.js';
export { conditionSequence, type ConditionStep } from './conditions.js';
export { restartDeltas, type RestartDelta } from './restarts.js';
export { describeOutcome } from './api-outcome.js';
