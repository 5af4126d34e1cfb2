// The preflight's expectations from a resolved cluster profile (lib/profiles): the API server's
// and every kubelet's gate states, which nodes declare the feature, and the dry-run outcome.
import type { ClusterProfile } from '../profiles/types.js';
import { dryRunExpectation } from './checks.js';
import type { GateExpectations } from './preflight.js';

export function gateExpectationsFromProfile(
  profile: Pick<ClusterProfile, 'expected' | 'nodes'>,
  /** kind names nodes <cluster>-<suffix>. */
  clusterName: string,
  opts: { image?: string; nodeName?: (suffix: string) => string } = {},
): GateExpectations {
  const nodeName = opts.nodeName ?? ((suffix: string) => `${clusterName}-${suffix}`);
  const apiserver = profile.expected.find((e) => e.component === 'kube-apiserver')?.gates ?? {};
  const kubelets: Record<string, Record<string, boolean>> = {};
  for (const e of profile.expected) if (e.component === 'kubelet' && e.node) kubelets[nodeName(e.node)] = e.gates;
  const declaredFeatures: Record<string, boolean | null> = {};
  for (const n of profile.nodes) declaredFeatures[nodeName(n.nameSuffix)] = n.declaresRestartAllContainers ?? null;
  return {
    apiserver,
    kubelets,
    declaredFeatures,
    dryRun: dryRunExpectation(apiserver),
    ...(opts.image ? { image: opts.image } : {}),
  };
}
