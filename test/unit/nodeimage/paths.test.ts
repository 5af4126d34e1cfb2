import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  cacheLayout,
  defaultCacheDir,
  kindBinary,
  loadPinnedVersions,
  scriptPath,
} from '../../../lib/nodeimage/paths.js';
import { packageRoot } from '../../../lib/package.js';
import { kindFor, newestKind, parseKubernetesVersion } from '../../../lib/nodeimage/plan.js';

describe('node image paths and pins', () => {
  it('puts the cache in $INPLACE_E2E_CACHE, else under the home directory', () => {
    expect(defaultCacheDir({ INPLACE_E2E_CACHE: '/srv/c' })).to.equal('/srv/c');
    expect(defaultCacheDir({})).to.match(/\.cache\/inplace-e2e$/);
  });

  it('keys cache directories on versions', () => {
    expect(cacheLayout.bin('/c', 'etcd-v3.6.6')).to.equal('/c/bin/etcd-v3.6.6');
    expect(cacheLayout.rootfs('/c', 'debian-bookworm-abc')).to.equal('/c/rootfs/debian-bookworm-abc.tar');
    expect(kindBinary('/c', 'v0.32.0')).to.equal('/c/bin/kind-v0.32.0/kind');
    expect(kindBinary('/c')).to.equal(`/c/bin/kind-${newestKind(loadPinnedVersions())}/kind`);
  });

  it('kind per minor: v0.32.0 up to 1.36 (their images and keys unchanged), v0.33.0 (the 1.37 release) from 1.37', () => {
    const pins = loadPinnedVersions();
    expect(kindFor(pins, parseKubernetesVersion('v1.35.8'))).to.equal('v0.32.0');
    expect(kindFor(pins, parseKubernetesVersion('v1.36.3'))).to.equal('v0.32.0');
    expect(kindFor(pins, parseKubernetesVersion('v1.37.2'))).to.equal('v0.33.0');
    expect(kindFor(pins, parseKubernetesVersion('v1.37.0-rc.1'))).to.equal('v0.33.0');
    expect(newestKind(pins)).to.equal('v0.33.0');
  });

  it('finds the scripts from the package root', () => {
    expect(existsSync(join(packageRoot(), 'package.json'))).to.equal(true);
    for (const s of ['build-kubernetes.sh', 'build-gomod.sh', 'assemble-node.sh', 'import-image.sh']) {
      expect(existsSync(scriptPath(s)), s).to.equal(true);
    }
  });

  it('pins a parseable Kubernetes version and kind >= v0.32.0 for every minor', () => {
    const pins = loadPinnedVersions();
    expect(() => parseKubernetesVersion(pins.kubernetes)).to.not.throw();
    for (const v of ['v1.30.0', 'v1.35.8', 'v1.36.3', 'v1.37.2']) {
      const [, minor] = /^v0\.(\d+)\./.exec(kindFor(pins, parseKubernetesVersion(v))) ?? [];
      expect(Number(minor), v).to.be.at.least(32);
    }
    expect(pins.debian.packages).to.include.members(['systemd', 'containerd', 'runc', 'jq', 'iptables']);
  });
});
