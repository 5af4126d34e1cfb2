import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { parse } from 'yaml';
import type { HostFacts } from '../../../lib/host/facts.js';
import { formatPlan, loadProfile, planCluster, type ClusterPlan } from '../../../lib/profiles/index.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/profiles/', import.meta.url));
const CI_HOST: HostFacts = { cgroupVersion: 1, capSysResource: 'absent', arch: 'amd64', evidence: ['measured'] };

const row = (plan: ClusterPlan, gate: string) => plan.gateRows.find((r) => r.gate === gate);
const cellText = (plan: ClusterPlan, gate: string) =>
  row(plan, gate)?.cells.map((c) => `${c.enabled === undefined ? '-' : c.enabled ? 'on' : 'off'}/${c.source}`);

describe('planCluster', () => {
  it('1.35-mixed-nodes: a column per kubelet, the override visible on worker2 only', async () => {
    const plan = planCluster(await loadProfile('1.35-mixed-nodes'), CI_HOST);
    expect(plan.gateColumns.map((c) => c.title)).to.deep.equal([
      'control plane',
      'kubelet control-plane',
      'kubelet worker',
      'kubelet worker2',
    ]);
    expect(plan.gateColumns[0]?.components).to.deep.equal([
      'kube-apiserver',
      'kube-controller-manager',
      'kube-scheduler',
      'kube-proxy',
    ]);
    expect(row(plan, 'RestartAllContainersOnContainerExits')).to.include({ stage: 'alpha', default: false });
    expect(cellText(plan, 'RestartAllContainersOnContainerExits')).to.deep.equal([
      'on/cluster',
      'on/cluster',
      'on/cluster',
      'off/node',
    ]);
    expect(cellText(plan, 'ContainerRestartRules')).to.deep.equal([
      'on/default',
      'on/default',
      'on/default',
      'on/default',
    ]);
    expect(plan.notes).to.include(
      'node worker2 does not declare RestartAllContainersOnContainerExits in status.declaredFeatures',
    );
  });

  it('1.36-defaults: every gate on by default', async () => {
    const plan = planCluster(await loadProfile('1.36-defaults'), CI_HOST);
    for (const r of plan.gateRows) {
      expect(r.stage, r.gate).to.equal('beta');
      expect(
        r.cells.every((c) => c.enabled === true && c.source === 'default'),
        r.gate,
      ).to.equal(true);
    }
  });

  it('1.37-rc: a locked GA gate and a gate outside the table get their own rows', async () => {
    const plan = planCluster(await loadProfile(join(FIXTURES, '1.37-rc.yaml')), CI_HOST);
    expect(plan.gateRows.map((r) => r.gate)).to.deep.equal([
      'RestartAllContainersOnContainerExits',
      'ContainerRestartRules',
      'NodeDeclaredFeatures',
      'SomeFutureGate',
    ]);
    expect(row(plan, 'NodeDeclaredFeatures')?.stage).to.equal('ga (locked)');
    expect(row(plan, 'SomeFutureGate')).to.include({ stage: 'outside the table', default: undefined });
    expect(cellText(plan, 'SomeFutureGate')).to.deep.equal(['on/cluster', 'on/cluster']);
  });

  it('1.34: the gates the version lacks are shown as such, without states', async () => {
    const profile = await loadProfile('test/fixtures/profiles/1.34-restart-rules.yaml');
    const plan = planCluster(profile, CI_HOST);
    expect(row(plan, 'RestartAllContainersOnContainerExits')).to.include({ stage: 'not in 1.34', default: undefined });
    expect(cellText(plan, 'RestartAllContainersOnContainerExits')).to.deep.equal([
      '-/unknown-to-version',
      '-/unknown-to-version',
    ]);
    expect(cellText(plan, 'ContainerRestartRules')).to.deep.equal(['on/cluster', 'on/cluster']);
    expect(plan.notes.join('\n')).not.to.contain('declaredFeatures');
  });

  it('formatPlan prints the header, the gate table, the notes and the kind config that parses back', async () => {
    const plan = planCluster(await loadProfile('1.35-gates-on'), CI_HOST);
    const text = formatPlan(plan);
    expect(text).to.match(/^profile 1\.35-gates-on \(/);
    expect(text).to.match(/RestartAllContainersOnContainerExits\s+alpha\s+false\s+on \(set\)\s+on \(set\)/);
    expect(text).to.contain(
      '  - cgroup v1 host: set failCgroupV1=false; Kubernetes 1.35+ kubelets refuse cgroup v1 otherwise (KEP-5573)',
    );
    const config = text.slice(text.indexOf('kind config:\n') + 'kind config:\n'.length);
    expect(parse(config)).to.deep.equal(plan.kind.config);
  });

  it('carries the preflight expectations of the profile', async () => {
    const profile = await loadProfile('1.35-gates-off');
    const plan = planCluster(profile, CI_HOST);
    expect(plan.expected).to.equal(profile.expected);
    expect(
      plan.expected.find((e) => e.component === 'kube-apiserver')?.gates.RestartAllContainersOnContainerExits,
    ).to.equal(false);
  });
});
