import { expect } from 'chai';
import { judge, skipVerdict } from '../../../lib/verdict/judge.js';
import { loadObservation, r01Expectations, scenarioWith } from '../expectations/observations.js';

describe('judge', () => {
  it('fails a scenario when one hard check fails, and passes when only soft checks fail', () => {
    const o = loadObservation('r01-in-place-restart-v1.36');
    const scenario = scenarioWith(r01Expectations(), 'core-in-place-restart', 'R01');
    expect(judge(scenario, o).status).to.equal('passed');

    o.before!.conditions = o.before!.conditions.filter((c) => c.type !== 'AllContainersRestarting');
    const softOnly = judge(scenario, o);
    expect(softOnly.checks.filter((c) => !c.passed).map((c) => [c.check, c.soft])).to.deep.equal([
      ['conditions.AllContainersRestarting.beforeTrigger', true],
    ]);
    expect(softOnly.status).to.equal('passed');

    o.after!.podIP = '10.244.0.99';
    o.after!.podIPs = ['10.244.0.99'];
    const hard = judge(scenario, o);
    expect(hard.status).to.equal('failed');
    expect(hard.checks.find((c) => c.check === 'identity.podIP')?.observed).to.equal('10.244.0.12 → 10.244.0.99');
  });

  it('reports the run, then the checks in registry order', () => {
    const o = loadObservation('r01-in-place-restart-v1.36');
    o.abortedWith = 'exec into bystander failed: container not found';
    const kinds = judge(scenarioWith(r01Expectations()), o).checks.map((c) => c.check.split(/[.[]/)[0]);
    expect([...new Set(kinds)]).to.deep.equal([
      'run',
      'admission',
      'identity',
      'restarts',
      'runs',
      'startOrder',
      'conditions',
      'files',
      'events',
      'final',
    ]);
  });

  it('judges texts for the version it is told, defaulting to the observed server version', () => {
    const o = loadObservation('r01-in-place-restart-v1.36');
    const e = r01Expectations();
    e.conditions!.AllContainersRestarting!.reason = {
      '<1.36': 'ContainerExited',
      '>=1.36': 'RestartAllContainersStarted',
    };
    const scenario = scenarioWith(e);
    expect(judge(scenario, o).status).to.equal('passed');
    expect(judge(scenario, o, { kubernetesVersion: 'v1.35.0' }).status).to.equal('failed');
  });

  it('takes the duration from the caller, else from the timeline span', () => {
    const o = loadObservation('r01-in-place-restart-v1.36');
    const scenario = scenarioWith(r01Expectations());
    expect(judge(scenario, o, { durationMs: 1234 }).durationMs).to.equal(1234);
    // Fixture: first entry at -30.000s, last at +18.300s.
    expect(judge(scenario, o).durationMs).to.equal(48300);
  });

  it('builds a skipped verdict with its reason and no checks', () => {
    expect(
      skipVerdict('restart-all-containers', { name: 'lastState', id: 'R18' }, 'requires >=1.36, cluster is v1.35.2'),
    ).to.deep.equal({
      suite: 'restart-all-containers',
      scenario: 'lastState',
      id: 'R18',
      status: 'skipped',
      skipReason: 'requires >=1.36, cluster is v1.35.2',
      checks: [],
      durationMs: 0,
    });
  });
});
