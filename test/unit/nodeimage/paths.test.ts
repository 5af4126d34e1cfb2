import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cacheLayout, defaultCacheDir, kindBinary, loadPinnedVersions, packageRoot, scriptPath } from '../../../lib/nodeimage/paths.js';
import { parseKubernetesVersion } from '../../../lib/nodeimage/plan.js';

describe('node image paths and pins', () => {
  it('puts the cache in $INPLACE_E2E_CACHE, else under the home directory', () => {
    expect(defaultCacheDir({ INPLACE_E2E_CACHE: '/srv/c' })).to.equal('/srv/c');
    expect(defaultCacheDir({})).to.match(/\.cache\/inplace-e2e$/);
  });

  it('keys cache directories on versions', () => {
    expect(cacheLayout.bin('/c', 'etcd-v3.6.6')).to.equal('/c/bin/etcd-v3.6.6');
    expect(cacheLayout.rootfs('/c', 'debian-bookworm-abc')).to.equal('/c/rootfs/debian-bookworm-abc.tar');
    expect(kindBinary('/c', 'v0.32.0')).to.equal('/c/bin/kind-v0.32.0/kind');
  });

  it('finds the scripts from the package root', () => {
    expect(existsSync(join(packageRoot(), 'package.json'))).to.equal(true);
    for (const s of ['build-kubernetes.sh', 'build-gomod.sh', 'assemble-node.sh', 'import-image.sh']) {
      expect(existsSync(scriptPath(s)), s).to.equal(true);
    }
  });

  it('pins a parseable Kubernetes version and kind >= v0.32.0', () => {
    const pins = loadPinnedVersions();
    expect(() => parseKubernetesVersion(pins.kubernetes)).to.not.throw();
    const [, minor] = /^v0\.(\d+)\./.exec(pins.kind) ?? [];
    expect(Number(minor)).to.be.at.least(32);
    expect(pins.debian.packages).to.include.members(['systemd', 'containerd', 'runc', 'jq', 'iptables']);
  });
});
