// Controls: the same positive scenarios on a cluster without the feature, with expectations derived for that
// cluster (a gate-off API server refuses the pod; a rules-off one drops the rules and the pod behaves as a
// plain pod), so every positive claim has a control showing the gate caused the behaviour. The verdict of a
// control is decided in lib/verdict/control.ts.
export { CONTROL_KINDS, CONTROL_SUMMARY, controlKindOf, type ControlKind } from './kind.js';
export {
  RULES_OFF_QUIET_SECONDS,
  deriveControl,
  isUnderivable,
  refusalCauses,
  type DerivedControl,
  type RefusalCause,
  type UnderivableControl,
} from './derive.js';
