import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { InputError, type InputProblem } from '../../../lib/errors.js';
import {
  PROFILE_LABEL,
  RESERVED_FOR_LABEL,
  isProfilePath,
  listShippedProfiles,
  loadProfile,
  parseProfile,
  shippedProfilesDir,
} from '../../../lib/profiles/index.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/profiles/', import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);

async function problemsOf(file: string): Promise<InputProblem[]> {
  try {
    await loadProfile(file);
  } catch (e) {
    expect(e).to.be.instanceOf(InputError);
    return (e as InputError).problems;
  }
  throw new Error(`${file} loaded without problems`);
}

/** "line:column path" of each problem, the part a person navigates by. */
const where = (ps: InputProblem[]) => ps.map((p) => `${p.line}:${p.column} ${p.path}`);

describe('cluster profiles: loading and validation', () => {
  it('ships the profiles, each named like its file and pointing editors at the schema', async () => {
    const names = await listShippedProfiles();
    expect(names).to.include.members([
      '1.35-gates-off',
      '1.35-gates-on',
      '1.35-mixed-nodes',
      '1.35-multinode',
      '1.35-rules-off',
      '1.36-defaults',
      '1.36-gates-off',
      '1.36-mixed-nodes',
      '1.36-multinode',
      '1.36-rules-off',
      '1.37-defaults',
      '1.37-gates-off',
      '1.37-mixed-nodes',
      '1.37-multinode',
      '1.37-rules-off',
    ]);
    for (const name of names) {
      const file = join(shippedProfilesDir(), `${name}.yaml`);
      const text = await readFile(file, 'utf8');
      expect(text.split('\n')[0], name).to.equal('# yaml-language-server: $schema=../schemas/profile.schema.json');
      const profile = await loadProfile(name);
      expect(profile.name).to.equal(basename(file, '.yaml'));
      expect(profile.file).to.equal(file);
    }
  });

  it('tells names from paths', () => {
    expect(isProfilePath('1.35-gates-on')).to.equal(false);
    expect(isProfilePath('./mine.yaml')).to.equal(true);
    expect(isProfilePath('profiles/x')).to.equal(true);
    expect(isProfilePath('x.yml')).to.equal(true);
  });

  it('loads a path as well as a name', async () => {
    const byPath = await loadProfile(join(shippedProfilesDir(), '1.36-defaults.yaml'));
    expect(byPath.name).to.equal('1.36-defaults');
  });

  it('an unknown name lists the shipped profiles, by name, never as a path inside the package', async () => {
    const [p] = await problemsOf('1.99-nope');
    expect(p?.line).to.equal(0);
    expect(p?.file).to.equal('profile 1.99-nope');
    expect(p?.found).to.equal('no shipped profile named "1.99-nope"');
    expect(p?.expected).to.contain('1.35-gates-on').and.contain('1.36-defaults');
  });

  it('a misspelled name gets the closest shipped one', async () => {
    const [p] = await problemsOf('1.35-gate-on');
    expect(p?.found).to.equal('no shipped profile named "1.35-gate-on" (did you mean "1.35-gates-on"?)');
  });

  it('a missing profile file is said as the file', async () => {
    const [p] = await problemsOf('nowhere/profile.yaml');
    expect(p?.found).to.contain('ENOENT');
    expect(p?.expected).to.equal('a profile YAML file');
  });

  describe('resolved shipped profiles', () => {
    it('1.35-gates-on: scenario pods on the control plane, a worker kept for node actions, both gates on everywhere, nodes declare the feature', async () => {
      const p = await loadProfile('1.35-gates-on');
      expect(p).to.include({ minor: '1.35', localImage: 'inplace-e2e/node:v1.35.8' });
      expect(p.nodeImage).to.match(/^kindest\/node:v1\.35\.8@sha256:07b2536e/);
      expect(p.nodes.map((n) => n.nameSuffix)).to.deep.equal(['control-plane', 'worker']);
      expect(p.nodes[0]?.taints).to.deep.equal([]);
      expect(p.nodes[1]).to.deep.include({
        reservedFor: 'node-actions',
        taints: [{ key: RESERVED_FOR_LABEL, value: 'node-actions', effect: 'NoSchedule' }],
      });
      expect(p.nodes[1]?.labels).to.deep.equal({
        [RESERVED_FOR_LABEL]: 'node-actions',
        [PROFILE_LABEL]: '1.35-gates-on',
      });
      expect(p.clusterGates.effective).to.deep.equal({
        RestartAllContainersOnContainerExits: true,
        ContainerRestartRules: true,
        NodeDeclaredFeatures: true,
      });
      expect(p.nodes[0]?.labels).to.deep.equal({ [PROFILE_LABEL]: '1.35-gates-on' });
      expect(p.nodes[0]?.declaresRestartAllContainers).to.equal(true);
      const components = p.expected.map((e) => (e.node ? `${e.component}/${e.node}` : e.component));
      expect(components).to.deep.equal([
        'kube-apiserver',
        'kube-controller-manager',
        'kube-scheduler',
        'kube-proxy',
        'kubelet/control-plane',
        'kubelet/worker',
      ]);
      for (const e of p.expected) expect(e.gates.RestartAllContainersOnContainerExits, e.component).to.equal(true);
    });

    it('1.35-gates-off: the action gate off, ContainerRestartRules still on, nothing declared', async () => {
      const p = await loadProfile('1.35-gates-off');
      expect(p.clusterGates.effective).to.include({
        RestartAllContainersOnContainerExits: false,
        ContainerRestartRules: true,
      });
      expect(p.nodes[0]?.declaresRestartAllContainers).to.equal(false);
    });

    it('1.36-defaults: no explicit gates, all three on by default', async () => {
      const p = await loadProfile('1.36-defaults');
      expect(p.featureGates).to.deep.equal({});
      expect(p.clusterGates.effective).to.deep.equal({
        RestartAllContainersOnContainerExits: true,
        ContainerRestartRules: true,
        NodeDeclaredFeatures: true,
      });
      expect(p.nodes[0]?.declaresRestartAllContainers).to.equal(true);
    });

    it('1.37-defaults: no explicit gates; the two restart gates beta and on, NodeDeclaredFeatures GA', async () => {
      const p = await loadProfile('1.37-defaults');
      expect(p).to.include({ minor: '1.37', localImage: 'inplace-e2e/node:v1.37.2' });
      expect(p.featureGates).to.deep.equal({});
      expect(p.clusterGates.effective).to.deep.equal({
        RestartAllContainersOnContainerExits: true,
        ContainerRestartRules: true,
        NodeDeclaredFeatures: true,
      });
      expect(p.nodes[0]?.declaresRestartAllContainers).to.equal(true);
    });

    it('1.35-rules-off: ContainerRestartRules off, and the action gate that depends on it off too', async () => {
      const p = await loadProfile('1.35-rules-off');
      expect(p.clusterGates.effective).to.deep.equal({
        RestartAllContainersOnContainerExits: false,
        ContainerRestartRules: false,
        NodeDeclaredFeatures: false,
      });
      expect(p.nodes[0]?.declaresRestartAllContainers).to.equal(false);
      for (const e of p.expected.filter((x) => x.component === 'kube-apiserver' || x.component === 'kubelet')) {
        expect(e.gates, e.component).to.include({
          ContainerRestartRules: false,
          RestartAllContainersOnContainerExits: false,
        });
      }
    });

    it('1.35-multinode: kind node names control-plane, worker, worker2', async () => {
      const p = await loadProfile('1.35-multinode');
      expect(p.nodes.map((n) => `${n.role}:${n.nameSuffix}`)).to.deep.equal([
        'control-plane:control-plane',
        'worker:worker',
        'worker:worker2',
      ]);
      expect(p.nodes.every((n) => n.declaresRestartAllContainers)).to.equal(true);
    });

    it('1.35-mixed-nodes: only worker2 has the gate off, and the expectations say so per kubelet', async () => {
      const p = await loadProfile('1.35-mixed-nodes');
      expect(p.nodes.map((n) => n.declaresRestartAllContainers)).to.deep.equal([true, true, false]);
      expect(p.nodes[2]?.kubeletFeatureGates).to.deep.equal({ RestartAllContainersOnContainerExits: false });
      const kubelet = (node: string) => p.expected.find((e) => e.component === 'kubelet' && e.node === node)?.gates;
      expect(kubelet('worker')?.RestartAllContainersOnContainerExits).to.equal(true);
      expect(kubelet('worker2')?.RestartAllContainersOnContainerExits).to.equal(false);
      expect(
        p.expected.find((e) => e.component === 'kube-scheduler')?.gates.RestartAllContainersOnContainerExits,
      ).to.equal(true);
    });
  });

  describe('fixtures: valid', () => {
    it('1.37-rc: an outside-table gate passes with a note; NodeDeclaredFeatures locked, set to its value', async () => {
      const p = await loadProfile(fixture('1.37-rc.yaml'));
      expect(p.minor).to.equal('1.37');
      expect(p.clusterGates.effective).to.include({ SomeFutureGate: true, NodeDeclaredFeatures: true });
      const notes = p.notes.join('\n');
      expect(notes).to.contain('SomeFutureGate=true is not in');
      expect(notes).to.contain('GA and locked on 1.37');
    });

    it('1.37 ContainerRestartRules=false: accepted, because it is beta and not locked on 1.37 (no refusal to fake)', async () => {
      const p = await loadProfile(fixture('1.37-rules-off.yaml'));
      expect(p.clusterGates.effective).to.deep.equal({
        RestartAllContainersOnContainerExits: false,
        ContainerRestartRules: false,
        NodeDeclaredFeatures: true,
      });
    });

    it('an expectation differing from the upstream default is kept and noted', () => {
      const text = `apiVersion: inplace-e2e.dev/v1alpha1
kind: ClusterProfile
name: vendor-build
description: a 1.35 build with the gates on by default
kubernetesVersion: "1.35"
nodeImage: kindest/node:v1.35.1@sha256:05d7bcdefbda08b4e038f644c4df690cdac3fba8b06f8289f30e10026720a1ab
expect:
  gates:
    RestartAllContainersOnContainerExits: true
    NodeDeclaredFeatures: true
`;
      const p = parseProfile(text, 'vendor.yaml');
      expect(p.expected.find((e) => e.component === 'kube-apiserver')?.gates).to.include({
        RestartAllContainersOnContainerExits: true,
        NodeDeclaredFeatures: true,
      });
      expect(p.nodes[0]?.declaresRestartAllContainers).to.equal(true);
      expect(p.notes.join('\n')).to.contain('differs from the upstream default on 1.35 (false)');
    });
  });

  describe('a worker kept for node actions (reservedFor)', () => {
    const head = `apiVersion: inplace-e2e.dev/v1alpha1
kind: ClusterProfile
name: kept
description: a worker kept for node actions
kubernetesVersion: "1.35"
nodeImage: kindest/node:v1.35.1@sha256:05d7bcdefbda08b4e038f644c4df690cdac3fba8b06f8289f30e10026720a1ab
`;
    const problems = (nodes: string): InputProblem[] => {
      try {
        parseProfile(`${head}nodes:\n${nodes}`, 'kept.yaml');
        return [];
      } catch (e) {
        if (e instanceof InputError) return e.problems;
        throw e;
      }
    };

    it('needs another node for the other pods: the control plane of a cluster with workers is tainted', () => {
      const ps = problems('  - role: control-plane\n  - role: worker\n    reservedFor: node-actions\n');
      expect(ps.map((p) => `${p.line}:${p.column} ${p.path}`)).to.deep.equal(['8:3 /nodes']);
      expect(ps[0]?.found).to.contain('no node for the pods of the other scenarios');
      expect(ps[0]?.expected).to.equal('another worker, or taints: [] on the control-plane node');
    });

    it('accepts a schedulable control plane or another plain worker', () => {
      expect(
        problems('  - role: control-plane\n    taints: []\n  - role: worker\n    reservedFor: node-actions\n'),
      ).to.deep.equal([]);
      expect(
        problems('  - role: control-plane\n  - role: worker\n    reservedFor: node-actions\n  - role: worker\n'),
      ).to.deep.equal([]);
    });

    it('refuses it on the control plane, and a second one', () => {
      const ps = problems(
        '  - role: control-plane\n    reservedFor: node-actions\n  - role: worker\n    reservedFor: node-actions\n  - role: worker\n    reservedFor: node-actions\n  - role: worker\n',
      );
      expect(ps.map((p) => `${p.line}:${p.column} ${p.path}`)).to.deep.equal([
        '9:5 /nodes/0/reservedFor',
        '11:5 /nodes/1/reservedFor',
        '13:5 /nodes/2/reservedFor',
      ]);
      expect(ps[0]?.expected).to.contain('reservedFor on a worker');
      expect(ps[2]?.found).to.equal('a second reserved node');
    });
  });

  describe('fixtures: invalid, with positions', () => {
    it('schema problems: each at its key or value, in file order', async () => {
      const ps = await problemsOf(fixture('invalid-schema.yaml'));
      expect(where(ps)).to.deep.equal([
        '3:7 /name',
        '6:12 /nodeImage',
        '8:41 /featureGates/RestartAllContainersOnContainerExits',
        '10:11 /nodes/0/role',
        '13:7 /nodes/1/kubelet/featuregates',
        '14:1 /extra',
      ]);
      expect(ps[0]?.file).to.equal(fixture('invalid-schema.yaml'));
      expect(ps[2]).to.include({ found: '"yes" (a string)', expected: 'true or false' });
      expect(ps[3]?.expected).to.equal('one of: "control-plane", "worker"');
      expect(ps[4]?.expected).to.contain('did you mean "featureGates"?');
    });

    it('YAML syntax (a duplicate key) with its position', async () => {
      const [p] = await problemsOf(fixture('invalid-yaml.yaml'));
      expect(p).to.include({ line: 6, column: 3 });
      expect(p?.found).to.contain('invalid YAML');
    });

    it('RestartAllContainersOnContainerExits on 1.34: unknown gate, at its key', async () => {
      const ps = await problemsOf(fixture('invalid-unknown-gate-1.34.yaml'));
      expect(where(ps)).to.deep.equal(['9:3 /featureGates/RestartAllContainersOnContainerExits']);
      expect(ps[0]?.found).to.contain('"unrecognized feature gate: RestartAllContainersOnContainerExits"');
    });

    it('1.35 gate without NodeDeclaredFeatures: the kubelet panics, with the component message', async () => {
      const ps = await problemsOf(fixture('invalid-dependency-1.35.yaml'));
      expect(where(ps)).to.deep.equal(['8:3 /featureGates/RestartAllContainersOnContainerExits']);
      expect(ps[0]?.found).to.contain(
        'the kubelet panics at startup: "RestartAllContainersOnContainerExits is enabled, but depends on features that are disabled: [NodeDeclaredFeatures]"',
      );
      expect(ps[0]?.expected).to.equal(
        'NodeDeclaredFeatures: true as well, or RestartAllContainersOnContainerExits: false',
      );
    });

    it('a node override that breaks the dependency on that kubelet only', async () => {
      const ps = await problemsOf(fixture('invalid-node-dependency-1.35.yaml'));
      expect(where(ps)).to.deep.equal(['15:9 /nodes/1/kubelet/featureGates/NodeDeclaredFeatures']);
      expect(ps[0]?.found).to.contain('on the kubelet of node worker');
    });

    it('1.37 NodeDeclaredFeatures=false: locked', async () => {
      const ps = await problemsOf(fixture('invalid-locked-1.37.yaml'));
      expect(where(ps)).to.deep.equal(['8:3 /featureGates/NodeDeclaredFeatures']);
      expect(ps[0]?.found).to.contain(
        '"cannot set feature gate NodeDeclaredFeatures to false, feature is locked to true"',
      );
    });

    it('1.37 ContainerRestartRules=false alone: the action gate, on by default, depends on it', async () => {
      const ps = await problemsOf(fixture('invalid-rules-off-dependency-1.37.yaml'));
      expect(where(ps)).to.deep.equal(['8:3 /featureGates/ContainerRestartRules']);
      expect(ps[0]?.found).to.contain(
        '"RestartAllContainersOnContainerExits is enabled, but depends on features that are disabled: [ContainerRestartRules]"',
      );
      expect(ps[0]?.expected).to.equal(
        'ContainerRestartRules: true as well, or RestartAllContainersOnContainerExits: false',
      );
    });

    it('topology and consistency problems the schema cannot see', async () => {
      const ps = await problemsOf(fixture('invalid-topology.yaml'));
      expect(where(ps)).to.deep.equal([
        '7:13 /localImage',
        '11:3 /kubelet/featureGates',
        '14:11 /nodes/1/role',
        '18:9 /nodes/2/kubelet/extraArgs/node-labels',
        '21:5 /expect/gates/RestartAllContainersOnContainerExits',
      ]);
      expect(ps[0]?.found).to.contain('Kubernetes 1.36');
      expect(ps[2]?.expected).to.contain('exactly one control-plane node').and.contain('envoy');
    });
  });

  it('every fixture named invalid-* is covered above', async () => {
    const files = (await readdir(FIXTURES)).filter((f) => f.startsWith('invalid-'));
    expect(files.sort()).to.deep.equal([
      'invalid-dependency-1.35.yaml',
      'invalid-locked-1.37.yaml',
      'invalid-node-dependency-1.35.yaml',
      'invalid-rules-off-dependency-1.37.yaml',
      'invalid-schema.yaml',
      'invalid-topology.yaml',
      'invalid-unknown-gate-1.34.yaml',
      'invalid-yaml.yaml',
    ]);
  });
});
