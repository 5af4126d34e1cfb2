import { expect } from 'chai';
import { judge } from '../../../lib/verdict/judge.js';
import type { Verdict } from '../../../lib/verdict/types.js';
import { expectationErrors, loadObservation, r12Expectations, scenarioWith } from './observations.js';

const failing = (v: Verdict) => v.checks.filter((c) => !c.passed && !c.soft).map((c) => c.check);
const observed = (v: Verdict, name: string) => v.checks.find((c) => c.check === name)?.observed;

describe('R12 non-matching exit code: nothing restarts', () => {
  const scenario = scenarioWith(r12Expectations(), 'non-matching-exit-code', 'R12');

  it('the R12 expectations are valid suite content', () => {
    expect(expectationErrors(r12Expectations())).to.equal('');
  });

  it('passes on a run where the trigger exited 1 and nothing restarted', () => {
    const v = judge(scenario, loadObservation('r12-non-matching-exit-v1.36'));
    expect(failing(v)).to.deep.equal([]);
    expect(v.status).to.equal('passed');
    expect(observed(v, 'conditions.AllContainersRestarting.never')).to.equal('False (+1.100s)');
    expect(observed(v, 'final.containers.trigger')).to.equal('terminated(1), reason Error, not ready');
  });

  it('fails on a run where a restart-all happened, naming each broken promise', () => {
    // The in-place restart run is exactly what R12 must not see.
    const o = loadObservation('r01-in-place-restart-v1.36');
    const v = judge(scenario, o);
    expect(v.status).to.equal('failed');
    expect(failing(v)).to.deep.equal([
      'restarts.init',
      'restarts.sidecar',
      'restarts.trigger',
      'restarts.bystander',
      'runs.init',
      'conditions.AllContainersRestarting.never',
      'final.containers.trigger',
    ]);
    expect(observed(v, 'conditions.AllContainersRestarting.never')).to.equal(
      'True at +1.100s: True (+1.100s) → False (+5.600s)',
    );
    expect(observed(v, 'runs.init')).to.equal('2 journal lines (#0, #4)');
    expect(observed(v, 'final.containers.trigger')).to.equal('running, ready (differs in state, exitCode)');
  });

  it('fails when only the trigger restarted (a plain container restart, not a restart-all)', () => {
    const o = loadObservation('r12-non-matching-exit-v1.36');
    o.after!.containers.find((c) => c.name === 'trigger')!.restartCount = 1;
    const v = judge(scenario, o);
    expect(failing(v)).to.deep.equal(['restarts.trigger']);
    expect(observed(v, 'restarts.trigger')).to.equal(
      '+1 (restartCount 0 → 1); all: init +0, sidecar +0, trigger +1, bystander +0',
    );
  });
});
