// Pure planning for the offline node-image build: versions, cache keys, image tags.
// No I/O here, so all of it is unit-tested offline (test/unit/nodeimage/).

import { createHash } from 'node:crypto';

/** lib/nodeimage/versions.json, the one place where build inputs are pinned. */
export interface PinnedVersions {
  kubernetes: string;
  /** kind release per Kubernetes minor (kindFor()). */
  kind: { versions: VersionByMinor[] };
  etcd: { module: string };
  crictl: { module: string; version: string };
  cniPlugins: { module: string; version: string; plugins: string[] };
  coredns: { module: string };
  /** containerd built from its Go module, for Kubernetes minors from the first fromKubernetesMinor on. */
  containerd?: ContainerdPins;
  debian: { suite: string; packages: string[] };
  busybox: { debianPackage: string; image: string };
  nodeImage: string;
}

const SEMVER = /^v(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$/;

/** A Kubernetes release or module version, e.g. v1.35.8 or v1.36.0-alpha.3.0.20260801120000-abcdef123456. */
export interface KubernetesVersion {
  /** As given; also what the binaries report (gitVersion) and what /kind/version holds. */
  version: string;
  major: number;
  minor: number;
  patch: number;
  /** Set for Go pseudo-versions (a commit): its 12-hex-digit commit prefix. */
  commit?: string;
}

export function parseKubernetesVersion(version: string): KubernetesVersion {
  const m = SEMVER.exec(version);
  if (!m) {
    throw new Error(`Kubernetes version "${version}" is not of the form vMAJOR.MINOR.PATCH[-PRERELEASE]`);
  }
  const pseudo = /[.-](\d{14})-([0-9a-f]{12})$/.exec(version);
  return {
    version,
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    ...(pseudo ? { commit: pseudo[2] } : {}),
  };
}

/**
 * The version of the published staging modules (k8s.io/api, ...) that matches a k8s.io/kubernetes
 * module version: v1.X.Y[-pre] -> v0.X.Y[-pre]. A pseudo-version (a commit) has no matching
 * staging tag; the release or prerelease it was cut after is the closest published one
 * (v1.36.0-alpha.3.0.2026...-abc -> v0.36.0-alpha.3, v1.35.9-0.2026...-abc -> v0.35.8). The
 * caller may override it with the exact staging pseudo-version.
 */
export function stagingVersionFor(v: KubernetesVersion): string {
  if (!v.commit) return v.version.replace(/^v1\./, 'v0.');
  const afterPre = /^v1\.(\d+\.\d+-.+)\.0\.\d{14}-[0-9a-f]{12}$/.exec(v.version);
  if (afterPre) return `v0.${afterPre[1]}`;
  const afterRelease = /^v1\.(\d+)\.(\d+)-0\.\d{14}-[0-9a-f]{12}$/.exec(v.version);
  if (afterRelease && Number(afterRelease[2]) > 0) return `v0.${afterRelease[1]}.${Number(afterRelease[2]) - 1}`;
  throw new Error(
    `cannot derive the staging module version for ${v.version}; pass it explicitly (kubernetesStagingVersion)`,
  );
}

/** Docker tags allow [A-Za-z0-9_.-], at most 128 characters, not starting with '.' or '-'. */
export function dockerTagFor(version: string): string {
  const t = version.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^[.-]+/, '');
  return t.slice(0, 128);
}

export function defaultNodeImageRef(pins: PinnedVersions, kubernetesVersion: string): string {
  return `${pins.nodeImage}:${dockerTagFor(kubernetesVersion)}`;
}

/** Stable short hash of the given parts, for cache keys. */
export function keyHash(...parts: Array<string | string[]>): string {
  const h = createHash('sha256');
  for (const p of parts.flat()) h.update(p).update('\0');
  return h.digest('hex').slice(0, 12);
}

/** Rootfs tarball name: suite plus a hash of the sorted package list. */
export function rootfsKey(debian: PinnedVersions['debian']): string {
  return `debian-${debian.suite}-${keyHash(debian.suite, [...debian.packages].sort())}`;
}

// ---- versions per Kubernetes minor ---------------------------------------------------------------

/** One step of a version ladder: from this Kubernetes minor (1.N) on, use this version. */
export interface VersionByMinor {
  fromKubernetesMinor: number;
  version: string;
}

/**
 * The step that applies to a Kubernetes version: the last one whose fromKubernetesMinor is <= its
 * minor (Kubernetes 2.x takes the last step); undefined when the version is older than every step.
 * `what` names the ladder in errors.
 */
export function versionForMinor(
  what: string,
  steps: VersionByMinor[],
  kubernetes: KubernetesVersion,
): VersionByMinor | undefined {
  let last = -1;
  for (const s of steps) {
    if (!SEMVER.exec(s.version) || !Number.isInteger(s.fromKubernetesMinor) || s.fromKubernetesMinor <= last) {
      throw new Error(
        `versions.json: ${what} needs vX.Y.Z versions and integer fromKubernetesMinor values in increasing order (got ${JSON.stringify(s)})`,
      );
    }
    last = s.fromKubernetesMinor;
  }
  const applies = steps.filter((s) => kubernetes.major > 1 || kubernetes.minor >= s.fromKubernetesMinor);
  return applies[applies.length - 1];
}

/** The kind release for a Kubernetes version: its base-image files go into the node, its CLI into the cache. */
export function kindFor(pins: PinnedVersions, kubernetes: KubernetesVersion): string {
  const step = versionForMinor('kind', pins.kind.versions, kubernetes);
  if (!step)
    throw new Error(
      `versions.json: no kind version for Kubernetes ${kubernetes.version} (the first entry should start at minor 0)`,
    );
  return step.version;
}

/** The newest pinned kind release (the default CLI). */
export function newestKind(pins: PinnedVersions): string {
  const last = pins.kind.versions[pins.kind.versions.length - 1];
  if (!last) throw new Error('versions.json: kind.versions is empty');
  return last.version;
}

// ---- containerd ------------------------------------------------------------------------------

/** versions.json `containerd`: one module, its commands, a version per Kubernetes minor. */
export interface ContainerdPins {
  module: string;
  /** From the first step's minor on, the node gets a built containerd; the version follows the ladder. */
  versions: VersionByMinor[];
  /** Main packages under cmd/ to build, e.g. containerd, ctr, containerd-shim-runc-v2. */
  commands: string[];
}

/** The containerd one node image gets. */
export interface ContainerdPin {
  module: string;
  version: string;
  /** First Kubernetes minor (1.N) whose node gets this containerd instead of Debian's. */
  fromKubernetesMinor: number;
  /** Main packages under cmd/ to build, e.g. containerd, ctr, containerd-shim-runc-v2. */
  commands: string[];
}

/**
 * The containerd to build for a Kubernetes version, or undefined when the node keeps Debian's
 * (1.35 and older: kubelet 1.36+ needs the CRI RuntimeConfig call, containerd >= 2.0).
 */
export function containerdFor(pins: PinnedVersions, kubernetes: KubernetesVersion): ContainerdPin | undefined {
  const c = pins.containerd;
  if (!c) return undefined;
  if (c.commands.length === 0 || c.versions.length === 0) {
    throw new Error('versions.json: containerd needs at least one version step and at least one command');
  }
  const step = versionForMinor('containerd', c.versions, kubernetes);
  return step
    ? { module: c.module, version: step.version, fromKubernetesMinor: step.fromKubernetesMinor, commands: c.commands }
    : undefined;
}

/**
 * Name of the Debian rootfs tarball with a built containerd in place of Debian's; `recipe` is a
 * hash of the script that makes it.
 */
export function containerdRootfsKey(
  debian: PinnedVersions['debian'],
  containerd: ContainerdPin,
  recipe: string,
): string {
  return `${rootfsKey(debian)}-containerd-${containerd.version}-${keyHash(containerd.module, [...containerd.commands].sort(), recipe)}`;
}

/** -ldflags for containerd's version package (what `containerd --version` and the CRI report). */
export function containerdLdflags(containerd: ContainerdPin): string {
  const pkg = `${containerd.module}/version`;
  return `-X ${pkg}.Version=${containerd.version} -X ${pkg}.Package=${containerd.module}`;
}

// ---- control-plane images ------------------------------------------------------------------

/** One image reference split into repository and tag. */
export interface ImageRef {
  ref: string;
  repository: string;
  tag: string;
  /** Last path element of the repository: kube-apiserver, etcd, pause, coredns, ... */
  name: string;
}

export function parseImageRef(ref: string): ImageRef {
  const at = ref.indexOf('@');
  if (at >= 0) throw new Error(`image "${ref}" has a digest; a locally built image can only match a tag`);
  const colon = ref.lastIndexOf(':');
  const slash = ref.lastIndexOf('/');
  if (colon <= slash) throw new Error(`image "${ref}" has no tag`);
  const repository = ref.slice(0, colon);
  return { ref, repository, tag: ref.slice(colon + 1), name: repository.slice(repository.lastIndexOf('/') + 1) };
}

/** Lines of `kubeadm config images list` that are image references (warnings and blanks dropped). */
export function parseKubeadmImageList(stdout: string): ImageRef[] {
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[a-z0-9.-]+(:\d+)?\/[a-z0-9._/-]+:[A-Za-z0-9_.-]+$/.test(l))
    .map(parseImageRef);
}

/** `sandbox_image = "..."` from a containerd config.toml (kind's base config sets it). */
export function parseSandboxImage(containerdToml: string): string | undefined {
  const m = /^\s*sandbox_image\s*=\s*"([^"]+)"/m.exec(containerdToml);
  return m?.[1];
}

/** A control-plane image the node carries (what kubeadm lists), built locally. */
export type ImageComponent =
  'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'kube-proxy' | 'etcd' | 'coredns' | 'pause';

/** An image to build locally: its primary reference and every other tag it must carry. */
export interface ComponentImage {
  component: ImageComponent;
  ref: string;
  extraTags: string[];
}

/** What must be built, derived from kubeadm's own list, as kind's node-image builder does. */
export interface ImagePlan {
  images: ComponentImage[];
  /** etcd module version matching kubeadm's etcd tag (3.6.6-0 -> v3.6.6). */
  etcdVersion: string;
  /** CoreDNS module version (kubeadm's tag, e.g. v1.13.1). */
  corednsVersion: string;
  /** Version of the pause image kubeadm names (3.10.1); its binary is built from pause.c. */
  pauseVersion: string;
}

const IMAGE_COMPONENTS: readonly ImageComponent[] = [
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kube-proxy',
  'etcd',
  'coredns',
  'pause',
];

/**
 * Plans the control-plane images from `kubeadm config images list` and the containerd
 * sandbox image. Every reference is kept exactly as kubeadm prints it; the pause image also
 * carries the sandbox_image tag, which is the one containerd actually runs.
 */
export function planImages(kubeadmImages: ImageRef[], sandboxImage: string | undefined): ImagePlan {
  const byName = new Map<string, ImageRef>();
  for (const img of kubeadmImages) byName.set(img.name, img);
  const missing = IMAGE_COMPONENTS.filter((c) => !byName.has(c));
  if (missing.length > 0) {
    throw new Error(
      `kubeadm's image list lacks ${missing.join(', ')}; got: ${kubeadmImages.map((i) => i.ref).join(', ') || '(nothing)'}`,
    );
  }
  const get = (c: ImageComponent): ImageRef => byName.get(c) as ImageRef;
  const images: ComponentImage[] = IMAGE_COMPONENTS.map((component) => {
    const ref = get(component).ref;
    const extraTags = component === 'pause' && sandboxImage && sandboxImage !== ref ? [sandboxImage] : [];
    return { component, ref, extraTags };
  });
  const etcdTag = get('etcd').tag;
  const etcd = /^(\d+\.\d+\.\d+)(-\d+)?$/.exec(etcdTag);
  if (!etcd) throw new Error(`unexpected etcd tag "${etcdTag}" (want X.Y.Z-N)`);
  const corednsTag = get('coredns').tag;
  return {
    images,
    etcdVersion: `v${etcd[1]}`,
    corednsVersion: corednsTag.startsWith('v') ? corednsTag : `v${corednsTag}`,
    pauseVersion: get('pause').tag,
  };
}
