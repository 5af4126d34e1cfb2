import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { parse } from 'yaml';
import { EnvironmentError, InputError } from '../../../lib/errors.js';
import type { HostFacts } from '../../../lib/host/facts.js';
import {
  KIND_API_VERSION,
  PROFILE_LABEL,
  chooseNodeImage,
  kubeadmApiVersion,
  listShippedProfiles,
  loadProfile,
  renderKindConfig,
  type ClusterProfile,
} from '../../../lib/profiles/index.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/profiles/', import.meta.url));

const CGROUP_V1_NO_CAP: HostFacts = { cgroupVersion: 1, capSysResource: 'absent', arch: 'amd64', evidence: [] };
const CGROUP_V2: HostFacts = { cgroupVersion: 2, capSysResource: 'present', arch: 'amd64', evidence: [] };
const UNKNOWN: HostFacts = { cgroupVersion: 'unknown', capSysResource: 'unknown', arch: 'arm64', evidence: [] };

type Doc = Record<string, unknown>;

/** The kind config as kind would read it: parsed from the printed YAML, patches parsed as well. */
function parsed(profile: ClusterProfile, host: HostFacts) {
  const r = renderKindConfig(profile, host);
  const config = parse(r.yaml) as Doc;
  const patches = ((config.kubeadmConfigPatches as string[] | undefined) ?? []).map((p) => parse(p) as Doc);
  const nodes = config.nodes as Doc[];
  const nodePatches = nodes.map((n) =>
    ((n.kubeadmConfigPatches as string[] | undefined) ?? []).map((p) => parse(p) as Doc),
  );
  return { r, config, patches, nodes, nodePatches };
}

const kubeletPatch = (patches: Doc[]) => patches.find((p) => p.kind === 'KubeletConfiguration');

describe('renderKindConfig', () => {
  describe('every shipped profile on every kind of host', () => {
    const hosts: [string, HostFacts][] = [
      ['cgroup v1 without CAP_SYS_RESOURCE', CGROUP_V1_NO_CAP],
      ['cgroup v2', CGROUP_V2],
    ];
    let names: string[] = [];
    before(async () => {
      names = await listShippedProfiles();
      expect(names).to.have.length.greaterThanOrEqual(5);
    });

    for (const [hostName, host] of hosts) {
      it(`${hostName}: a kind v1alpha4 Cluster with the profile's gates, nodes and labels`, async () => {
        for (const name of names) {
          const profile = await loadProfile(name);
          const { config, patches, nodes, r } = parsed(profile, host);
          expect(config.kind, name).to.equal('Cluster');
          expect(config.apiVersion, name).to.equal(KIND_API_VERSION);
          expect(r.yaml.startsWith('# kind cluster config rendered by inplace-e2e'), name).to.equal(true);

          // featureGates exactly as the profile sets them, omitted when there are none.
          if (Object.keys(profile.featureGates).length === 0) expect(config, name).not.to.have.property('featureGates');
          else expect(config.featureGates, name).to.deep.equal(profile.featureGates);

          // One control plane, then the workers, each with the profile's image and label.
          expect(
            nodes.map((n) => n.role),
            name,
          ).to.deep.equal(profile.nodes.map((n) => n.role));
          expect(
            nodes.filter((n) => n.role === 'control-plane'),
            name,
          ).to.have.length(1);
          for (const n of nodes) {
            expect(n.image, name).to.equal(profile.nodeImage);
            expect((n.labels as Doc)[PROFILE_LABEL], name).to.equal(profile.name);
          }

          // failCgroupV1=false only for a cgroup v1 host and 1.35+ (all shipped profiles are 1.35+).
          const kubelet = kubeletPatch(patches);
          if (host.cgroupVersion === 1) {
            expect(kubelet, name).to.deep.equal({ kind: 'KubeletConfiguration', failCgroupV1: false });
            expect(r.notes, name).to.include(
              'cgroup v1 host: set failCgroupV1=false; Kubernetes 1.35+ kubelets refuse cgroup v1 otherwise (KEP-5573)',
            );
          } else {
            expect(kubelet, name).to.equal(undefined);
            expect(r.notes.join('\n'), name).not.to.contain('failCgroupV1');
          }

          // restrict_oom_score_adj only without CAP_SYS_RESOURCE.
          const containerd = config.containerdConfigPatches as string[] | undefined;
          if (host.capSysResource === 'absent') {
            expect(containerd, name).to.have.length(1);
            expect(containerd?.[0], name).to.match(
              /^\[plugins\."io\.containerd\.grpc\.v1\.cri"\]\n\s+restrict_oom_score_adj = true\n$/,
            );
            expect(r.notes.join('\n'), name).to.contain(
              'host lacks CAP_SYS_RESOURCE: set containerd restrict_oom_score_adj=true',
            );
          } else {
            expect(config, name).not.to.have.property('containerdConfigPatches');
          }
        }
      });
    }
  });

  it('1.35-gates-on: the gates, a schedulable control plane and a worker kept for node actions, kubeadm v1beta3', async () => {
    const { config, nodes, nodePatches, r } = parsed(await loadProfile('1.35-gates-on'), CGROUP_V1_NO_CAP);
    expect(config.featureGates).to.deep.equal({
      RestartAllContainersOnContainerExits: true,
      NodeDeclaredFeatures: true,
    });
    expect(nodes.map((n) => n.role)).to.deep.equal(['control-plane', 'worker']);
    // kubeadm taints a control plane only when taints is absent: the explicit [] must reach it.
    expect(nodePatches[0]).to.deep.equal([{ kind: 'InitConfiguration', nodeRegistration: { taints: [] } }]);
    expect(nodePatches[1]).to.deep.equal([
      {
        kind: 'JoinConfiguration',
        nodeRegistration: {
          taints: [{ key: 'inplace-e2e.dev/reserved-for', value: 'node-actions', effect: 'NoSchedule' }],
        },
      },
    ]);
    expect(nodes[1]?.labels).to.include({ 'inplace-e2e.dev/reserved-for': 'node-actions' });
    expect(r.notes).to.include(
      'node worker: taints inplace-e2e.dev/reserved-for=node-actions:NoSchedule (kept for node-actions)',
    );
    expect(r.kubeadmApiVersion).to.equal('kubeadm.k8s.io/v1beta3');
  });

  it('1.35-gates-off: the control sets the gate false', async () => {
    const { config } = parsed(await loadProfile('1.35-gates-off'), CGROUP_V2);
    expect(config.featureGates).to.deep.equal({ RestartAllContainersOnContainerExits: false });
  });

  it('1.36-defaults: no featureGates at all, kubeadm v1beta4', async () => {
    const { config, r } = parsed(await loadProfile('1.36-defaults'), CGROUP_V1_NO_CAP);
    expect(config).not.to.have.property('featureGates');
    expect(r.kubeadmApiVersion).to.equal('kubeadm.k8s.io/v1beta4');
  });

  it('1.35-multinode: one control plane and two workers, no per-node patches', async () => {
    const { nodes, nodePatches } = parsed(await loadProfile('1.35-multinode'), CGROUP_V2);
    expect(nodes.map((n) => n.role)).to.deep.equal(['control-plane', 'worker', 'worker']);
    expect(nodePatches.flat()).to.deep.equal([]);
  });

  it('1.35-mixed-nodes: worker2 gets a v1beta3 JoinConfiguration patch with a kubeletExtraArgs map', async () => {
    const { nodes, nodePatches, r } = parsed(await loadProfile('1.35-mixed-nodes'), CGROUP_V1_NO_CAP);
    expect(nodePatches[0]).to.deep.equal([]);
    expect(nodePatches[1]).to.deep.equal([]);
    expect(nodePatches[2]).to.deep.equal([
      {
        kind: 'JoinConfiguration',
        nodeRegistration: { kubeletExtraArgs: { 'feature-gates': 'RestartAllContainersOnContainerExits=false' } },
      },
    ]);
    // No apiVersion: a kind generating another kubeadm version must fail loudly, not skip the patch.
    expect(nodePatches[2]?.[0]).not.to.have.property('apiVersion');
    // A YAML 1.1 boolean-looking label value stays a string for kind's go-yaml.
    expect(r.yaml).to.contain('inplace-e2e.dev/restart-all-containers: "off"');
    expect((nodes[2]?.labels as Doc)['inplace-e2e.dev/restart-all-containers']).to.equal('off');
  });

  it('1.36 per-node patches use the v1beta4 list of {name, value}; the control plane patches InitConfiguration', async () => {
    const profile = await loadProfile(join(FIXTURES, '1.36-node-override.yaml'));
    const { nodePatches, patches } = parsed(profile, CGROUP_V2);
    expect(nodePatches[0]).to.deep.equal([
      { kind: 'InitConfiguration', nodeRegistration: { kubeletExtraArgs: [{ name: 'v', value: '2' }] } },
    ]);
    expect(nodePatches[1]).to.deep.equal([]);
    expect(nodePatches[2]).to.deep.equal([
      {
        kind: 'JoinConfiguration',
        nodeRegistration: {
          kubeletExtraArgs: [
            { name: 'feature-gates', value: 'RestartAllContainersOnContainerExits=false' },
            { name: 'v', value: '4' },
          ],
        },
      },
    ]);
    // Extra kubelet settings reach every node through the cluster-level KubeletConfiguration patch.
    expect(kubeletPatch(patches)).to.deep.equal({ kind: 'KubeletConfiguration', maxPods: 50 });
  });

  it('the same 1.36 profile with kind v0.31 (no v1beta4 support) renders v1beta3 maps', async () => {
    const profile = await loadProfile(join(FIXTURES, '1.36-node-override.yaml'));
    const r = renderKindConfig(profile, CGROUP_V2, { kindVersion: 'v0.31.0' });
    expect(r.kubeadmApiVersion).to.equal('kubeadm.k8s.io/v1beta3');
    const patch = parse((r.config.nodes[2]?.kubeadmConfigPatches ?? [])[0] ?? '') as Doc;
    expect((patch.nodeRegistration as Doc).kubeletExtraArgs).to.deep.equal({
      'feature-gates': 'RestartAllContainersOnContainerExits=false',
      v: '4',
    });
  });

  it('unknown host facts: failCgroupV1=false anyway (harmless on v2), containerd untouched, both noted', async () => {
    const { patches, config, r } = parsed(await loadProfile('1.35-gates-on'), UNKNOWN);
    expect(kubeletPatch(patches)).to.deep.equal({ kind: 'KubeletConfiguration', failCgroupV1: false });
    expect(config).not.to.have.property('containerdConfigPatches');
    expect(r.notes.join('\n'))
      .to.contain('cgroup version of the host unknown')
      .and.contain('could not tell whether the host has CAP_SYS_RESOURCE');
  });

  it('a cgroup v1 host on 1.34 needs no failCgroupV1 (the 1.34 kubelet default is false)', async () => {
    const profile = await loadProfile('test/fixtures/profiles/1.34-restart-rules.yaml');
    const r = renderKindConfig(profile, CGROUP_V1_NO_CAP);
    expect(r.config).not.to.have.property('kubeadmConfigPatches');
    expect(r.config.featureGates).to.deep.equal({ ContainerRestartRules: true });
  });

  it('an explicit kubelet.failCgroupV1 wins over the host default', async () => {
    const profile = await loadProfile('1.35-gates-on');
    const r = renderKindConfig({ ...profile, kubeletSettings: { failCgroupV1: true } }, CGROUP_V1_NO_CAP);
    expect(parse(r.config.kubeadmConfigPatches?.[0] ?? '')).to.deep.equal({
      kind: 'KubeletConfiguration',
      failCgroupV1: true,
    });
  });

  it('writes a cluster name when asked', async () => {
    const r = renderKindConfig(await loadProfile('1.36-defaults'), CGROUP_V2, { clusterName: 'inplace-e2e-abc' });
    expect((parse(r.yaml) as Doc).name).to.equal('inplace-e2e-abc');
  });
});

describe('node image choice', () => {
  it('upstream by default, mentioning the offline build', async () => {
    const c = chooseNodeImage(await loadProfile('1.35-gates-on'));
    expect(c.source).to.equal('upstream');
    expect(c.notes.join('\n')).to.contain('inplace-e2e/node:v1.35.8');
  });

  it('the local build when Docker has it', async () => {
    const profile = await loadProfile('1.35-gates-on');
    expect(chooseNodeImage(profile, { localImageAvailable: true })).to.include({
      image: 'inplace-e2e/node:v1.35.8',
      source: 'local',
    });
    const r = renderKindConfig(profile, CGROUP_V1_NO_CAP, { localImageAvailable: true });
    expect(r.config.nodes.map((n) => n.image)).to.deep.equal(['inplace-e2e/node:v1.35.8', 'inplace-e2e/node:v1.35.8']);
  });

  it('an override of the same minor is used; one of another minor is refused', async () => {
    const profile = await loadProfile('1.35-gates-on');
    expect(chooseNodeImage(profile, { override: 'vendor/node:v1.35.3' }).image).to.equal('vendor/node:v1.35.3');
    expect(chooseNodeImage(profile, { override: 'vendor/node:latest' }).notes.join('\n')).to.contain('not a version');
    expect(() => chooseNodeImage(profile, { override: 'kindest/node:v1.36.1' })).to.throw(
      InputError,
      'Kubernetes 1.36',
    );
  });
});

describe('kubeadmApiVersion', () => {
  it('v1beta3 before 1.36 and v1beta4 from 1.36 with kind v0.32.0 (pre-releases included)', () => {
    expect(kubeadmApiVersion('1.34')).to.equal('kubeadm.k8s.io/v1beta3');
    expect(kubeadmApiVersion('v1.35.8')).to.equal('kubeadm.k8s.io/v1beta3');
    expect(kubeadmApiVersion('v1.36.0-rc.1')).to.equal('kubeadm.k8s.io/v1beta4');
    expect(kubeadmApiVersion('1.37', 'v0.33.0')).to.equal('kubeadm.k8s.io/v1beta4');
  });

  it('kind before v0.32.0 generates v1beta3 everywhere, which kubeadm 1.37 cannot read', () => {
    expect(kubeadmApiVersion('1.36', 'v0.31.0')).to.equal('kubeadm.k8s.io/v1beta3');
    expect(() => kubeadmApiVersion('1.37', 'v0.31.0')).to.throw(EnvironmentError, 'no longer reads');
  });
});
