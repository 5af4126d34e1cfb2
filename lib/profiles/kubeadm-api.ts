// Which kubeadm config API kind generates for a Kubernetes version, and so which shape kubeadm patches
// must have. VERIFIED in kubernetes-sigs/kind pkg/cluster/internal/kubeadm/config.go:
//   - v0.32.0, v0.33.0 (identical file) and main @fed26882: v1beta2 below v1.23.0, v1beta3 below v1.36.0, v1beta4 from v1.36.0. The
//     version is kind's ParseGeneric of the node's /kind/version, which ignores a pre-release suffix, so
//     v1.36.0-rc.1 already gets v1beta4.
//   - v0.31.0: no v1beta4 template at all (v1beta3 for every version >= 1.23); v1beta4 arrived in v0.32.0
//     (commit 22573271 "start using v1beta4 in v1.36.0+").
// VERIFIED in kubernetes cmd/kubeadm/app/apis/kubeadm/: v1.36.3 still has v1beta3; v1.37.0 and v1.37.2 have only v1 and
// v1beta4, so kubeadm 1.37 cannot read what a kind older than v0.32.0 would generate.
import { EnvironmentError } from '../errors.js';
import { compareVersions, parseVersion, type KubeVersion } from '../k8s-version.js';

export type KubeadmApiVersion = 'kubeadm.k8s.io/v1beta3' | 'kubeadm.k8s.io/v1beta4';

/**
 * The oldest kind release the harness renders for (lib/nodeimage/versions.json pins it up to 1.36 and v0.33.0 from
 * 1.37; both generate the same kubeadm API, so this default decides nothing that differs between them).
 */
export const DEFAULT_KIND_VERSION = 'v0.32.0';
const FIRST_KIND_WITH_V1BETA4 = parseVersion('v0.32.0');

const atLeastMinor = (v: KubeVersion, major: number, minor: number) =>
  v.major > major || (v.major === major && v.minor >= minor);

export function kubeadmApiVersion(
  kubernetesVersion: string,
  kindVersion: string = DEFAULT_KIND_VERSION,
): KubeadmApiVersion {
  const k8s = parseVersion(kubernetesVersion);
  const kind = parseVersion(kindVersion);
  const kindHasV1beta4 = compareVersions({ ...kind, pre: '' }, FIRST_KIND_WITH_V1BETA4) >= 0;
  if (!atLeastMinor(k8s, 1, 23)) {
    throw new EnvironmentError(
      `Kubernetes ${kubernetesVersion} is older than 1.23: kind would generate kubeadm v1beta2, which inplace-e2e does not render patches for`,
    );
  }
  if (kindHasV1beta4 && atLeastMinor(k8s, 1, 36)) return 'kubeadm.k8s.io/v1beta4';
  if (atLeastMinor(k8s, 1, 37)) {
    throw new EnvironmentError(
      `kind ${kindVersion} generates kubeadm v1beta3, which kubeadm ${k8s.major}.${k8s.minor} no longer reads (removed in 1.37)`,
      'install kind v0.32.0 or newer: go install sigs.k8s.io/kind@v0.32.0',
    );
  }
  return 'kubeadm.k8s.io/v1beta3';
}
