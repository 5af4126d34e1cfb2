// lib/triggers: what sets a scenario off. One module per trigger kind (exit via a flag file, exec,
// self, patch), registered in one table; each acts on a TriggerTarget (exec, patchPod) and
// returns when it acted, plus the API outcome or exec result.
export { triggerKinds, triggerKindOf, describeTrigger, runTrigger } from './registry.js';
export { TriggerError } from './types.js';
export type {
  TriggerContext,
  TriggerKind,
  TriggerKindName,
  TriggerResult,
  TriggerSpec,
  TriggerTarget,
} from './types.js';
export { exitTrigger, flagCommand } from './exit.js';
export { execTrigger } from './exec.js';
export { selfTrigger } from './self.js';
export { patchTrigger } from './patch.js';
export { podTarget } from './target.js';
