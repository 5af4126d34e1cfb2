import { expect } from 'chai';
import { selectScenario } from '../../../lib/verdict/selection.js';
import type { LoadedScenario } from '../../../lib/suite/load.js';
import type { ScenarioT } from '../../../lib/suite/schema.js';

const scenario = (requires?: ScenarioT['requires'], name = 'core-in-place-restart'): LoadedScenario =>
  ({
    suiteName: 'core',
    scenario: { name, id: 'R01', pod: { builtin: 'base' }, expect: {}, ...(requires ? { requires } : {}) },
  }) as LoadedScenario;

const gatesOn = { RestartAllContainersOnContainerExits: true, ContainerRestartRules: true };
const gatesOff = { RestartAllContainersOnContainerExits: false, ContainerRestartRules: true };

describe('scenario selection', () => {
  const needsGate = scenario({ gates: { RestartAllContainersOnContainerExits: true } });
  it('runs a scenario whose gate requirement the profile meets', () => {
    expect(selectScenario(needsGate, { kubernetesVersion: 'v1.35.8', gates: gatesOn, control: false })).to.deep.equal({
      kind: 'run',
    });
  });
  it('skips it on a gate-off profile, saying which gate and what the profile has', () => {
    expect(selectScenario(needsGate, { kubernetesVersion: 'v1.35.8', gates: gatesOff, control: false })).to.deep.equal({
      kind: 'skip',
      reason:
        'requires RestartAllContainersOnContainerExits=true; the profile has RestartAllContainersOnContainerExits=false',
    });
  });
  it('runs it as a gate-off control in a control run', () => {
    expect(selectScenario(needsGate, { kubernetesVersion: 'v1.35.8', gates: gatesOff, control: true })).to.deep.equal({
      kind: 'control',
      gates: ['RestartAllContainersOnContainerExits'],
    });
  });
  it('runs gate-off scenarios normally in a control run', () => {
    const needsOff = scenario({ gates: { RestartAllContainersOnContainerExits: false } });
    expect(selectScenario(needsOff, { kubernetesVersion: 'v1.35.8', gates: gatesOff, control: true })).to.deep.equal({
      kind: 'run',
    });
  });
  it('skips by version range and by --grep', () => {
    const only136 = scenario({ versions: ['>=1.36'] });
    expect(selectScenario(only136, { kubernetesVersion: 'v1.35.8', gates: gatesOn, control: false })).to.deep.equal({
      kind: 'skip',
      reason: 'requires Kubernetes >=1.36; cluster is v1.35.8',
    });
    expect(selectScenario(only136, { kubernetesVersion: 'v1.36.1', gates: gatesOn, control: false })).to.deep.equal({
      kind: 'run',
    });
    expect(
      selectScenario(scenario(), { kubernetesVersion: 'v1.35.8', gates: gatesOn, control: false, grep: /R12/ }).kind,
    ).to.equal('skip');
    expect(
      selectScenario(scenario(), { kubernetesVersion: 'v1.35.8', gates: gatesOn, control: false, grep: /R01/ }).kind,
    ).to.equal('run');
  });
});

describe('scenario selection by node labels (R24 needs the mixed-nodes profile)', () => {
  const needsNode = scenario(undefined);
  needsNode.scenario.requires = { nodeLabels: { 'inplace-e2e.dev/restart-all-containers': 'off' } };
  const input = { kubernetesVersion: 'v1.35.8', gates: gatesOn, control: false };
  it('runs it when a node of the profile carries the labels', () => {
    const nodeLabels: Array<Record<string, string>> = [
      { a: '1' },
      { 'inplace-e2e.dev/restart-all-containers': 'off', b: '2' },
    ];
    expect(selectScenario(needsNode, { ...input, nodeLabels })).to.deep.equal({ kind: 'run' });
  });
  it('skips it when none does, saying so', () => {
    expect(selectScenario(needsNode, { ...input, nodeLabels: [{ a: '1' }] })).to.deep.equal({
      kind: 'skip',
      reason: 'requires a node labelled inplace-e2e.dev/restart-all-containers=off; the profile has none',
    });
  });
  it('does not decide without the node labels (an existing cluster)', () => {
    expect(selectScenario(needsNode, input)).to.deep.equal({ kind: 'run' });
  });
});
