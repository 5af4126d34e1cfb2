import { expect } from 'chai';
import type { BuildContext } from '../../../lib/nodeimage/context.js';
import { loadPinnedVersions } from '../../../lib/nodeimage/paths.js';
import {
  containerdFor,
  containerdLdflags,
  containerdRootfsKey,
  parseKubeadmImageList,
  parseKubernetesVersion,
  planImages,
  rootfsKey,
  type ContainerdPin,
  type ContainerdPins,
  type PinnedVersions,
} from '../../../lib/nodeimage/plan.js';
import { containerdRootfsStage, containerdStage } from '../../../lib/nodeimage/stages/containerd.js';
import { nodeKey, nodeRootfsTarball, rootfsTarball } from '../../../lib/nodeimage/stages/images.js';

const PIN: ContainerdPin = {
  module: 'github.com/containerd/containerd/v2',
  version: 'v2.2.9',
  fromKubernetesMinor: 36,
  commands: ['containerd', 'ctr', 'containerd-shim-runc-v2'],
};

/** versions.json's shape for one containerd version from PIN's minor on (or PIN with a change). */
function ladder(pin: ContainerdPin, ...later: Array<{ fromKubernetesMinor: number; version: string }>): ContainerdPins {
  return {
    module: pin.module,
    versions: [{ fromKubernetesMinor: pin.fromKubernetesMinor, version: pin.version }, ...later],
    commands: pin.commands,
  };
}

function pinsWith(containerd: ContainerdPin | ContainerdPins | undefined): PinnedVersions {
  const { containerd: _drop, ...rest } = loadPinnedVersions();
  if (!containerd) return rest;
  return { ...rest, containerd: 'versions' in containerd ? containerd : ladder(containerd) };
}

const kubeadmList = (v: string): string =>
  [
    `registry.k8s.io/kube-apiserver:${v}`,
    `registry.k8s.io/kube-controller-manager:${v}`,
    `registry.k8s.io/kube-scheduler:${v}`,
    `registry.k8s.io/kube-proxy:${v}`,
    'registry.k8s.io/coredns/coredns:v1.13.1',
    'registry.k8s.io/pause:3.10.1',
    'registry.k8s.io/etcd:3.6.6-0',
  ].join('\n');

/** A build context as buildNodeImage makes it, after the plan stage. No I/O. */
function context(version: string, pins: PinnedVersions): BuildContext {
  const kubernetes = parseKubernetesVersion(version);
  const containerd = containerdFor(pins, kubernetes);
  return {
    log: () => undefined,
    cacheDir: '/c',
    pins,
    kind: 'v0.32.0',
    kubernetes,
    stagingVersion: version.replace(/^v1\./, 'v0.'),
    imageRef: `inplace-e2e/node:${version}`,
    plan: planImages(parseKubeadmImageList(kubeadmList(version)), 'registry.k8s.io/pause:3.10'),
    ...(containerd ? { containerd } : {}),
  };
}

describe('node image containerd selection', () => {
  describe('containerdFor', () => {
    const pins = pinsWith(PIN);
    for (const v of ['v1.33.4', 'v1.34.0', 'v1.35.8', 'v1.35.9-0.20260801120000-abcdef123456']) {
      it(`keeps Debian's containerd for ${v}`, () => {
        expect(containerdFor(pins, parseKubernetesVersion(v))).to.equal(undefined);
      });
    }
    for (const v of ['v1.36.0', 'v1.36.3', 'v1.36.0-rc.1', 'v1.37.0-alpha.3.0.20260801120000-abcdef123456', 'v2.0.0']) {
      it(`builds containerd for ${v}`, () => {
        expect(containerdFor(pins, parseKubernetesVersion(v))).to.deep.equal(PIN);
      });
    }
    it('keeps Debian containerd everywhere when versions.json pins none', () => {
      expect(containerdFor(pinsWith(undefined), parseKubernetesVersion('v1.36.3'))).to.equal(undefined);
    });
    it('refuses a malformed pin', () => {
      expect(() => containerdFor(pinsWith({ ...PIN, version: '2.2.9' }), parseKubernetesVersion('v1.36.3'))).to.throw(
        'vX.Y.Z',
      );
      expect(() => containerdFor(pinsWith({ ...PIN, commands: [] }), parseKubernetesVersion('v1.36.3'))).to.throw(
        'at least one command',
      );
      const unordered = ladder(PIN, { fromKubernetesMinor: 35, version: 'v2.3.7' });
      expect(() => containerdFor(pinsWith(unordered), parseKubernetesVersion('v1.36.3'))).to.throw('increasing order');
    });
    it('a later step takes over from its minor on; the earlier minors keep theirs', () => {
      const pins = pinsWith(ladder(PIN, { fromKubernetesMinor: 37, version: 'v2.3.7' }));
      expect(containerdFor(pins, parseKubernetesVersion('v1.35.8'))).to.equal(undefined);
      expect(containerdFor(pins, parseKubernetesVersion('v1.36.3'))).to.deep.equal(PIN);
      expect(containerdFor(pins, parseKubernetesVersion('v1.37.2'))).to.deep.equal({
        ...PIN,
        version: 'v2.3.7',
        fromKubernetesMinor: 37,
      });
      expect(containerdFor(pins, parseKubernetesVersion('v1.38.0'))?.version).to.equal('v2.3.7');
    });
    it("the shipped pins: Debian containerd for 1.35, 2.2+ for 1.36, 2.3+ for 1.37 (containerd's RELEASES.md matrix)", () => {
      const shipped = loadPinnedVersions();
      expect(containerdFor(shipped, parseKubernetesVersion('v1.35.8'))).to.equal(undefined);
      const minorOf = (v: string | undefined) => {
        const [, major, minor] = /^v(\d+)\.(\d+)\./.exec(v ?? '') ?? [];
        return Number(major) * 100 + Number(minor);
      };
      const c = containerdFor(shipped, parseKubernetesVersion('v1.36.3'));
      expect(c?.module).to.equal('github.com/containerd/containerd/v2');
      expect(minorOf(c?.version)).to.be.at.least(202);
      expect(c?.commands).to.have.members(['containerd', 'ctr', 'containerd-shim-runc-v2']);
      expect(minorOf(containerdFor(shipped, parseKubernetesVersion('v1.37.2'))?.version)).to.be.at.least(203);
    });
    it('keeps the 1.36 containerd pin (v2.2.9), so the 1.36 image and its caches stay as built', () => {
      expect(containerdFor(loadPinnedVersions(), parseKubernetesVersion('v1.36.3'))?.version).to.equal('v2.2.9');
    });
  });

  describe('cache keys', () => {
    it('names the containerd rootfs after the Debian rootfs and the containerd version', () => {
      const debian = loadPinnedVersions().debian;
      const k = containerdRootfsKey(debian, PIN, 'r1');
      expect(k.startsWith(`${rootfsKey(debian)}-containerd-v2.2.9-`)).to.equal(true);
      expect(containerdRootfsKey(debian, PIN, 'r1')).to.equal(k);
      expect(containerdRootfsKey(debian, PIN, 'r2')).to.not.equal(k);
      expect(containerdRootfsKey(debian, { ...PIN, version: 'v2.2.8' }, 'r1')).to.not.equal(k);
      expect(containerdRootfsKey(debian, { ...PIN, commands: ['containerd', 'ctr'] }, 'r1')).to.not.equal(k);
    });

    it('stamps the version into containerd', () => {
      expect(containerdLdflags(PIN)).to.equal(
        '-X github.com/containerd/containerd/v2/version.Version=v2.2.9 -X github.com/containerd/containerd/v2/version.Package=github.com/containerd/containerd/v2',
      );
    });

    it('containerd stages: binaries under bin/containerd-<v>, rootfs under rootfs/', () => {
      const ctx = context('v1.36.3', pinsWith(PIN));
      const bin = containerdStage(ctx).cacheKey();
      expect(bin.key).to.equal('github.com/containerd/containerd/v2 v2.2.9');
      expect(bin.outputs).to.deep.equal([
        { file: '/c/bin/containerd-v2.2.9/containerd' },
        { file: '/c/bin/containerd-v2.2.9/ctr' },
        { file: '/c/bin/containerd-v2.2.9/containerd-shim-runc-v2' },
      ]);
      const rootfs = containerdRootfsStage(ctx).cacheKey();
      expect(rootfs.outputs).to.deep.equal([{ file: nodeRootfsTarball(ctx) }]);
      expect(nodeRootfsTarball(ctx)).to.match(
        /^\/c\/rootfs\/debian-bookworm-[0-9a-f]{12}-containerd-v2\.2\.9-[0-9a-f]{12}\.tar$/,
      );
    });

    it('a 1.35 node: Debian rootfs, no containerd stage, and a node key that ignores the containerd pin', () => {
      const withPin = context('v1.35.8', pinsWith(PIN));
      const withoutPin = context('v1.35.8', pinsWith(undefined));
      expect(withPin.containerd).to.equal(undefined);
      expect(nodeRootfsTarball(withPin)).to.equal(rootfsTarball(withPin));
      expect(nodeKey(withPin)).to.equal(nodeKey(withoutPin));
      expect(nodeKey(context('v1.35.8', pinsWith({ ...PIN, version: 'v2.2.1' })))).to.equal(nodeKey(withPin));
      expect(() => containerdStage(withPin)).to.throw('keeps Debian containerd');
    });

    it('a 1.36 node: its key changes with the containerd version', () => {
      const a = nodeKey(context('v1.36.3', pinsWith(PIN)));
      expect(nodeKey(context('v1.36.3', pinsWith(PIN)))).to.equal(a);
      expect(nodeKey(context('v1.36.3', pinsWith({ ...PIN, version: 'v2.2.8' })))).to.not.equal(a);
      expect(nodeKey(context('v1.36.3', pinsWith(undefined)))).to.not.equal(a);
    });
  });
});
