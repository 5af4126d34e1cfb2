import { expect } from 'chai';
import { settleState } from '../../../lib/expectations/settle.js';
import { loadObservation, podEntries, r01Expectations, r12Expectations } from './observations.js';

describe('settleState: what the runner waits for after the trigger', () => {
  const o = loadObservation('r01-in-place-restart-v1.36');
  const at = (offsetMs: number) => {
    const e = podEntries(o).find((x) => x.at === o.triggerAt! + offsetMs);
    if (!e) throw new Error(`no pod entry at +${offsetMs}ms`);
    return e.pod;
  };

  it('is not settled right after the trigger, and says why', () => {
    const s = settleState(r01Expectations(), o.before, at(1100));
    expect(s.settled).to.equal(false);
    expect(s.waitingFor).to.deep.equal([
      'Ready=True (now False)',
      'trigger running, ready (now terminated(42), not ready)',
      'init restartCount +1 (now +0)',
      'sidecar restartCount +1 (now +0)',
      'trigger restartCount +1 (now +0)',
      'bystander restartCount +1 (now +0)',
      'AllContainersRestarting not True (now True)',
    ]);
  });

  it('does not settle while AllContainersRestarting is True, even when the counts already moved', () => {
    // 1.36 bumps restartCount while a container is removed (kubernetes/kubernetes#136964): counts alone are not enough.
    const e = r01Expectations();
    delete e.final;
    const s = settleState(e, o.before, at(3400));
    expect(s).to.deep.equal({ settled: false, waitingFor: ['AllContainersRestarting not True (now True)'] });
  });

  it('waits for the containers to run again after the condition went False', () => {
    const s = settleState(r01Expectations(), o.before, at(6200));
    expect(s.settled).to.equal(false);
    expect(s.waitingFor).to.deep.equal([
      'phase Running (now Pending)',
      'Ready=True (now False)',
      'sidecar running, ready (now not ready)',
      'trigger running, ready (now waiting(PodInitializing), not ready)',
      'bystander running, ready (now waiting(PodInitializing), not ready)',
    ]);
  });

  it('settles on the documented end state', () => {
    expect(settleState(r01Expectations(), o.before, at(7800))).to.deep.equal({ settled: true, waitingFor: [] });
  });

  it('treats deltas as "at least": overshooting is the verdict\'s call, not a reason to wait forever', () => {
    const pod = structuredClone(at(7800));
    pod.containers.find((c) => c.name === 'bystander')!.restartCount = 3;
    expect(settleState(r01Expectations(), o.before, pod).settled).to.equal(true);
  });

  it('settles R12 once the trigger terminated with 1', () => {
    const r12 = loadObservation('r12-non-matching-exit-v1.36');
    expect(settleState(r12Expectations(), r12.before, r12.before!).waitingFor).to.deep.equal([
      'trigger terminated, exitCode 1 (now running)',
    ]);
    expect(settleState(r12Expectations(), r12.before, r12.after!).settled).to.equal(true);
  });

  it('waits for a named container that is not in the status yet, once', () => {
    const s = settleState(
      { restarts: { ghost: 1 }, final: { containers: { ghost: { state: 'running' } } } },
      o.before,
      at(7800),
    );
    expect(s.waitingFor).to.deep.equal(['container ghost to appear in the pod status']);
  });
});
