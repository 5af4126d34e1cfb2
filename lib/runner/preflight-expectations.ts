// What the preflight must find on a cluster made from a profile: the profile's resolved gates per
// component and per node (kind names nodes <cluster>-<suffix>), and what a dry-run create must do.
import type { GateExpectations } from '../preflight/preflight.js';
import type { ClusterProfile } from '../profiles/types.js';

export function gateExpectations(profile: ClusterProfile, clusterName: string): GateExpectations {
  const apiserver = profile.expected.find((e) => e.component === 'kube-apiserver' && !e.node)?.gates ?? {};
  const kubelets: Record<string, Record<string, boolean>> = {};
  for (const e of profile.expected) {
    if (e.component === 'kubelet' && e.node) kubelets[`${clusterName}-${e.node}`] = e.gates;
  }
  const restartAll = apiserver.RestartAllContainersOnContainerExits ?? profile.clusterGates.effective.RestartAllContainersOnContainerExits;
  const rules = apiserver.ContainerRestartRules ?? profile.clusterGates.effective.ContainerRestartRules;
  // With ContainerRestartRules off the API server silently drops every rule (spec §1.4); with it on and
  // RestartAllContainersOnContainerExits off it rejects the action.
  const dryRun = rules === false ? 'dropped' : restartAll === true ? 'accepted' : restartAll === false ? 'rejected' : 'skip';
  return { apiserver, kubelets, dryRun };
}
