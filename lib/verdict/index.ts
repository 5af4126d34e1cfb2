// lib/verdict: every verdict the harness gives, decided here and nowhere else. Which scenarios run and why
// the others are skipped (selection.ts), a scenario's verdict from its observation (judge.ts), and the
// verdict of a control run (control.ts, with the expectations lib/control derives), and the verdict of a whole run (run.ts). Pure: replayed offline against recorded timelines.
export type { Verdict, VerdictStatus } from './types.js';
export { judge, skipVerdict, type JudgeOptions } from './judge.js';
export {
  emptySelection,
  selectScenario,
  type EmptySelection,
  type SelectionDecision,
  type SelectionInput,
} from './selection.js';
export { controlVerdict, isNegativeClaim, underivableVerdict } from './control.js';
export { runVerdict, type RunVerdict } from './run.js';
