import { expect } from 'chai';
import {
  dockerTagFor,
  keyHash,
  parseImageRef,
  parseKubeadmImageList,
  parseKubernetesVersion,
  parseSandboxImage,
  planImages,
  rootfsKey,
  stagingVersionFor,
} from '../../../lib/nodeimage/plan.js';

// Verbatim output of `kubeadm config images list --kubernetes-version v1.35.8` (kubeadm built
// by lib/nodeimage/scripts/build-kubernetes.sh), plus a warning line kubeadm may print.
const KUBEADM_1_35_8 = `W0101 00:00:00.000000  123 version.go:104] could not fetch a Kubernetes version from the internet
registry.k8s.io/kube-apiserver:v1.35.8
registry.k8s.io/kube-controller-manager:v1.35.8
registry.k8s.io/kube-scheduler:v1.35.8
registry.k8s.io/kube-proxy:v1.35.8
registry.k8s.io/coredns/coredns:v1.13.1
registry.k8s.io/pause:3.10.1
registry.k8s.io/etcd:3.6.6-0
`;

const KIND_CONTAINERD_TOML = `version = 2
[plugins."io.containerd.grpc.v1.cri"]
  # use fixed sandbox image
  sandbox_image = "registry.k8s.io/pause:3.10"
  restrict_oom_score_adj = false
`;

describe('node image planning', () => {
  describe('parseKubernetesVersion', () => {
    it('parses a release', () => {
      expect(parseKubernetesVersion('v1.35.8')).to.deep.equal({ version: 'v1.35.8', major: 1, minor: 35, patch: 8 });
    });
    it('recognises a pseudo-version and its commit', () => {
      const v = parseKubernetesVersion('v1.36.0-alpha.3.0.20260801120000-abcdef123456');
      expect(v).to.include({ minor: 36, commit: 'abcdef123456' });
    });
    for (const bad of ['1.35.8', 'v1.35', 'latest', 'v1.35.8+dirty']) {
      it(`rejects "${bad}"`, () => {
        expect(() => parseKubernetesVersion(bad)).to.throw(`Kubernetes version "${bad}" is not of the form`);
      });
    }
  });

  describe('stagingVersionFor', () => {
    it('maps a release to v0.MINOR.PATCH', () => {
      expect(stagingVersionFor(parseKubernetesVersion('v1.35.8'))).to.equal('v0.35.8');
    });
    it('keeps a prerelease', () => {
      expect(stagingVersionFor(parseKubernetesVersion('v1.36.0-rc.1'))).to.equal('v0.36.0-rc.1');
    });
    it('maps a commit after a prerelease to that prerelease', () => {
      expect(stagingVersionFor(parseKubernetesVersion('v1.36.0-alpha.3.0.20260801120000-abcdef123456'))).to.equal(
        'v0.36.0-alpha.3',
      );
    });
    it('maps a commit after a release to that release', () => {
      expect(stagingVersionFor(parseKubernetesVersion('v1.35.9-0.20260801120000-abcdef123456'))).to.equal('v0.35.8');
    });
    it('asks for an explicit version when there is no base tag', () => {
      expect(() => stagingVersionFor(parseKubernetesVersion('v1.0.0-20260801120000-abcdef123456'))).to.throw(
        'pass it explicitly',
      );
    });
  });

  describe('image references', () => {
    it('splits repository, tag and name', () => {
      expect(parseImageRef('registry.k8s.io/coredns/coredns:v1.13.1')).to.deep.equal({
        ref: 'registry.k8s.io/coredns/coredns:v1.13.1',
        repository: 'registry.k8s.io/coredns/coredns',
        tag: 'v1.13.1',
        name: 'coredns',
      });
    });
    it('handles a registry port', () => {
      expect(parseImageRef('localhost:5000/pause:3.10')).to.include({
        repository: 'localhost:5000/pause',
        tag: '3.10',
      });
    });
    it('refuses digests and missing tags', () => {
      expect(() => parseImageRef('registry.k8s.io/pause@sha256:abc')).to.throw('has a digest');
      expect(() => parseImageRef('localhost:5000/pause')).to.throw('has no tag');
    });
    it('keeps only image lines of kubeadm output', () => {
      expect(parseKubeadmImageList(KUBEADM_1_35_8).map((i) => i.name)).to.deep.equal([
        'kube-apiserver',
        'kube-controller-manager',
        'kube-scheduler',
        'kube-proxy',
        'coredns',
        'pause',
        'etcd',
      ]);
    });
    it('reads the sandbox image from containerd config', () => {
      expect(parseSandboxImage(KIND_CONTAINERD_TOML)).to.equal('registry.k8s.io/pause:3.10');
      expect(parseSandboxImage('version = 2\n')).to.equal(undefined);
    });
  });

  describe('planImages', () => {
    const plan = planImages(parseKubeadmImageList(KUBEADM_1_35_8), 'registry.k8s.io/pause:3.10');

    it('tags every image exactly as kubeadm lists it', () => {
      expect(plan.images.map((i) => i.ref)).to.have.members([
        'registry.k8s.io/kube-apiserver:v1.35.8',
        'registry.k8s.io/kube-controller-manager:v1.35.8',
        'registry.k8s.io/kube-scheduler:v1.35.8',
        'registry.k8s.io/kube-proxy:v1.35.8',
        'registry.k8s.io/coredns/coredns:v1.13.1',
        'registry.k8s.io/pause:3.10.1',
        'registry.k8s.io/etcd:3.6.6-0',
      ]);
    });
    it("gives pause containerd's sandbox tag too", () => {
      expect(plan.images.find((i) => i.component === 'pause')?.extraTags).to.deep.equal(['registry.k8s.io/pause:3.10']);
      expect(plan.images.filter((i) => i.component !== 'pause').every((i) => i.extraTags.length === 0)).to.equal(true);
    });
    it('does not duplicate a sandbox tag equal to kubeadm’s', () => {
      const p = planImages(parseKubeadmImageList(KUBEADM_1_35_8), 'registry.k8s.io/pause:3.10.1');
      expect(p.images.find((i) => i.component === 'pause')?.extraTags).to.deep.equal([]);
    });
    it('derives the etcd, coredns and pause versions to build', () => {
      expect(plan).to.include({ etcdVersion: 'v3.6.6', corednsVersion: 'v1.13.1', pauseVersion: '3.10.1' });
    });
    it('names what kubeadm did not list', () => {
      const partial = parseKubeadmImageList('registry.k8s.io/kube-apiserver:v1.35.8\nregistry.k8s.io/pause:3.10.1\n');
      expect(() => planImages(partial, undefined)).to.throw(
        "kubeadm's image list lacks kube-controller-manager, kube-scheduler, kube-proxy, etcd, coredns",
      );
    });
    it('rejects an etcd tag it cannot map to a module version', () => {
      const odd = KUBEADM_1_35_8.replace('etcd:3.6.6-0', 'etcd:latest');
      expect(() => planImages(parseKubeadmImageList(odd), undefined)).to.throw('unexpected etcd tag "latest"');
    });
  });

  describe('cache keys and tags', () => {
    it('hashes stably and separates parts', () => {
      expect(keyHash('a', 'b')).to.equal(keyHash('a', 'b'));
      expect(keyHash('ab', 'c')).to.not.equal(keyHash('a', 'bc'));
      expect(keyHash('a', ['b', 'c'])).to.equal(keyHash('a', 'b', 'c'));
      expect(keyHash('x')).to.match(/^[0-9a-f]{12}$/);
    });
    it('keys the rootfs on suite and package set, not package order', () => {
      const a = rootfsKey({ suite: 'bookworm', packages: ['jq', 'systemd'] });
      expect(a).to.match(/^debian-bookworm-[0-9a-f]{12}$/);
      expect(rootfsKey({ suite: 'bookworm', packages: ['systemd', 'jq'] })).to.equal(a);
      expect(rootfsKey({ suite: 'bookworm', packages: ['systemd', 'jq', 'curl'] })).to.not.equal(a);
      expect(rootfsKey({ suite: 'trixie', packages: ['jq', 'systemd'] })).to.not.equal(a);
    });
    it('makes docker-safe tags', () => {
      expect(dockerTagFor('v1.35.8')).to.equal('v1.35.8');
      expect(dockerTagFor('v1.36.0-alpha.3.0.20260801120000-abcdef123456')).to.equal(
        'v1.36.0-alpha.3.0.20260801120000-abcdef123456',
      );
      expect(dockerTagFor('v1.35.8+build')).to.equal('v1.35.8_build');
    });
  });
});
