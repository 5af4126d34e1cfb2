// Which control a cluster profile is, from its effective gates. A control run executes the positive
// scenarios on it with expectations derived for that control (derive.ts): the gate-off cluster must refuse
// the pod, the rules-off cluster must accept it with every restart rule dropped and restart nothing in place.
import { CONTAINER_RESTART_RULES, RESTART_ALL_CONTAINERS } from '../gates/index.js';

export type ControlKind =
  /** RestartAllContainersOnContainerExits off, ContainerRestartRules on: the API server refuses the action (dropContainerRestartRules in pkg/api/pod/util.go; docs/behaviour.md R23). */
  | 'action-refused'
  /** ContainerRestartRules off: the API server silently drops every restart rule and accepts the pod (dropContainerRestartRules in pkg/api/pod/util.go; docs/behaviour.md R23). */
  | 'rules-dropped';

export const CONTROL_KINDS: readonly ControlKind[] = ['action-refused', 'rules-dropped'];

/** What each control shows, for reports. */
export const CONTROL_SUMMARY: Record<ControlKind, string> = {
  'action-refused': `${RESTART_ALL_CONTAINERS} off: the API server refuses the RestartAllContainers action and rules on sidecars`,
  'rules-dropped': `${CONTAINER_RESTART_RULES} off: the API server drops every restart rule and the pod behaves as a plain pod`,
};

/** The control a profile with these effective gates is; undefined when it is no control (the feature is on). */
export function controlKindOf(gates: Record<string, boolean>): ControlKind | undefined {
  if (gates[CONTAINER_RESTART_RULES] === false) return 'rules-dropped';
  if (gates[RESTART_ALL_CONTAINERS] === false) return 'action-refused';
  return undefined;
}
