// summary.md: images side by side, then each image's reasons and differences.
import { expect } from 'chai';
import type { CertifiedImage } from '../../../lib/certify/result.js';
import { buildCertifySummary } from '../../../lib/certify/summary.js';

function image(name: string, version: string, certified: boolean): CertifiedImage {
  const minor = version.slice(1, 5);
  return {
    image: name,
    slug: name,
    version: { version, minor, kindVersionFile: version, kubeletVersion: `Kubernetes ${version}` },
    imageFacts: { image: name, id: `sha256:${'a'.repeat(64)}`, repoDigests: [] },
    verdicts: {
      image: name,
      kubernetesVersion: version,
      minor,
      harness: {
        profile: `${minor}-x`,
        end: certified ? 'passed' : 'environment',
        scenarios: [{ suite: 'core', scenario: 's', id: 'R01', status: certified ? 'passed' : 'skipped', checks: {} }],
        ...(certified ? {} : { error: 'cluster/preflight: gate off on node n' }),
      },
      control: { profile: `${minor}-gates-off`, end: 'passed', scenarios: [] },
    },
    certified,
    reasons: certified ? [] : ['catalogue: cluster/preflight: gate off on node n'],
    reference: certified
      ? { file: `references/${minor}.json`, minor, image: 'ref', generatedAt: 't' }
      : { missing: 'references/x.json does not exist' },
    differences: [],
    agreement: [],
    nodeFacts: [
      {
        node: 'n',
        versions: { kubelet: version, containerd: '1.6.20' },
        cgroup: { version: 'v1', kubeletDriver: 'cgroupfs' },
        featureGates: { kubelet: { gates: { RestartAllContainersOnContainerExits: certified }, source: 'm' } },
        errors: [],
      },
    ],
  };
}

describe('certify: summary.md', () => {
  it('sets several images side by side, one column each', () => {
    const md = buildCertifySummary([image('a:v1.35.8', 'v1.35.8', true), image('b:v1.36.3', 'v1.36.3', false)], {
      harness: { name: 'inplace-e2e', version: '0.1.0' },
      createdAt: 't',
    });
    expect(md).to.contain('# inplace-e2e certify: ❌ not every image certified');
    expect(md).to.contain('| | `a:v1.35.8` | `b:v1.36.3` |');
    expect(md).to.contain('| verdict | ✅ certified | ❌ not certified (1 reason) |');
    expect(md).to.contain('| catalogue | ✅ 1/1 passed | ❌ 0/0 passed, 1 skipped, stopped: cluster/preflight |');
    expect(md).to.contain(
      '| RestartAllContainersOnContainerExits | apiserver –, kubelet on | apiserver –, kubelet off |',
    );
    expect(md).to.contain(
      '| vs reference | same as the 1.35 reference | no reference (references/x.json does not exist) |',
    );
    expect(md).to.contain('- catalogue: cluster/preflight: gate off on node n');
  });
});
