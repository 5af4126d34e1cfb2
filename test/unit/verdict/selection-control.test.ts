import { expect } from 'chai';
import type { Observation } from '../../../lib/observe/types.js';
import { controlVerdict, gateOffReason } from '../../../lib/verdict/control.js';
import { selectScenario } from '../../../lib/verdict/selection.js';
import type { LoadedScenario } from '../../../lib/suite/load.js';
import type { ScenarioT } from '../../../lib/suite/schema.js';
import type { Verdict } from '../../../lib/verdict/types.js';

const scenario = (requires?: ScenarioT['requires'], name = 'core-in-place-restart'): LoadedScenario =>
  ({ suiteName: 'core', scenario: { name, id: 'R01', pod: { builtin: 'base' }, expect: {}, ...(requires ? { requires } : {}) } }) as LoadedScenario;

const gatesOn = { RestartAllContainersOnContainerExits: true, ContainerRestartRules: true };
const gatesOff = { RestartAllContainersOnContainerExits: false, ContainerRestartRules: true };

describe('scenario selection', () => {
  const needsGate = scenario({ gates: { RestartAllContainersOnContainerExits: true } });
  it('runs a scenario whose gate requirement the profile meets', () => {
    expect(selectScenario(needsGate, { kubernetesVersion: 'v1.35.8', gates: gatesOn, control: false })).to.deep.equal({ kind: 'run' });
  });
  it('skips it on a gate-off profile, saying which gate and what the profile has', () => {
    expect(selectScenario(needsGate, { kubernetesVersion: 'v1.35.8', gates: gatesOff, control: false })).to.deep.equal({
      kind: 'skip',
      reason: 'requires RestartAllContainersOnContainerExits=true; the profile has RestartAllContainersOnContainerExits=false',
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
    expect(selectScenario(needsOff, { kubernetesVersion: 'v1.35.8', gates: gatesOff, control: true })).to.deep.equal({ kind: 'run' });
  });
  it('skips by version range and by --grep', () => {
    const only136 = scenario({ versions: ['>=1.36'] });
    expect(selectScenario(only136, { kubernetesVersion: 'v1.35.8', gates: gatesOn, control: false })).to.deep.equal({
      kind: 'skip',
      reason: 'requires Kubernetes >=1.36; cluster is v1.35.8',
    });
    expect(selectScenario(only136, { kubernetesVersion: 'v1.36.1', gates: gatesOn, control: false })).to.deep.equal({ kind: 'run' });
    expect(selectScenario(scenario(), { kubernetesVersion: 'v1.35.8', gates: gatesOn, control: false, grep: /R12/ }).kind).to.equal('skip');
    expect(selectScenario(scenario(), { kubernetesVersion: 'v1.35.8', gates: gatesOn, control: false, grep: /R01/ }).kind).to.equal('run');
  });
});

const failedVerdict: Verdict = {
  suite: 'core',
  scenario: 'core-in-place-restart',
  status: 'failed',
  checks: [{ check: 'admission', passed: false, expected: 'accepted', observed: 'rejected 422' }],
  durationMs: 10,
};
const observation = (o: Partial<Observation>): Observation => ({
  scenario: 'core-in-place-restart',
  suite: 'core',
  kubernetesVersion: 'v1.35.8',
  namespace: 'ns',
  podName: 'rac-base',
  admission: { accepted: true, warnings: [] },
  timeline: [],
  files: [],
  waits: [],
  ...o,
});

describe('gate-off control verdicts', () => {
  const rejected = observation({
    admission: {
      accepted: false,
      warnings: [],
      error: {
        status: 422,
        message: 'Pod "rac-base" is invalid: spec.containers[0].restartPolicyRules[0].action: Unsupported value: "RestartAllContainers": supported values: "Restart"',
        causes: [],
      },
    },
  });
  it('passes a control that failed because the API server rejects the action', () => {
    const v = controlVerdict(failedVerdict, rejected, ['RestartAllContainersOnContainerExits']);
    expect(v.status).to.equal('passed');
    expect(v.checks[0]?.observed).to.contain('gate off: the API server rejects action RestartAllContainers');
    expect(v.note).to.match(/^gate-off control: gate off: the API server rejects action RestartAllContainers/);
    expect(v.checks.slice(1).every((c) => c.soft)).to.equal(true, 'the original checks are kept as evidence only');
  });
  it('fails a control whose scenario passed on the gate-off cluster', () => {
    const v = controlVerdict({ ...failedVerdict, status: 'passed', checks: [] }, rejected, ['RestartAllContainersOnContainerExits']);
    expect(v.status).to.equal('failed');
    expect(v.checks[0]?.observed).to.contain('PASSED on a gate-off cluster');
  });
  it('fails a control that failed for another reason', () => {
    const other = observation({ admission: { accepted: false, warnings: [], error: { status: 403, message: 'forbidden: quota', causes: [] } } });
    const v = controlVerdict(failedVerdict, other, ['RestartAllContainersOnContainerExits']);
    expect(v.status).to.equal('failed');
    expect(v.checks[0]?.observed).to.contain('not for the gate');
  });
  it('recognises an admitted pod whose restart never happened', () => {
    expect(gateOffReason(observation({ triggerAt: 5 }), ['RestartAllContainersOnContainerExits'])).to.contain('never set AllContainersRestarting=True');
  });

  it('recognises a Job admitted on a gate-off cluster whose pods the API server refuses', () => {
    const o = observation({
      podName: 'trainer',
      job: { name: 'trainer' },
      abortedWith:
        'timed out after 120s waiting for a pod of Job trainer; last seen: no pod with that label; Job events: FailedCreate: Error creating: Pod "trainer-x" is invalid: spec.containers[0].restartPolicyRules[0].action: Unsupported value: "RestartAllContainers": supported values: "Restart"',
    });
    expect(gateOffReason(o, ['RestartAllContainersOnContainerExits'])).to.match(/^gate off: the Job was admitted but the API server refuses its pods/);
    expect(gateOffReason({ ...o, abortedWith: 'timed out after 120s waiting for a pod of Job trainer; last seen: no pod with that label; Job events: none' }, ['RestartAllContainersOnContainerExits'])).to.equal(undefined);
  });
});
