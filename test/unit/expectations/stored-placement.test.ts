import { expect } from 'chai';
import { checkPlacement, placementWaitingFor } from '../../../lib/expectations/placement.js';
import { checkStored } from '../../../lib/expectations/stored.js';
import type { PodSnapshot } from '../../../lib/observe/types.js';
import { expectationErrors, observationWith } from './observations.js';

const ctx = { kubernetesVersion: 'v1.35.8' };

const observation = observationWith;

function pod(extra: Partial<PodSnapshot>): PodSnapshot {
  return {
    at: 1,
    resourceVersion: '1',
    uid: 'u',
    creationTimestamp: 't',
    podIPs: [],
    phase: 'Pending',
    conditions: [],
    containers: [],
    ...extra,
  };
}

const passed = (rs: Array<{ check: string; passed: boolean }>) =>
  rs.map((r) => `${r.check} ${r.passed ? 'ok' : 'FAIL'}`);

describe('stored: the pod as the API server kept it', () => {
  // What a 1.35 API server with ContainerRestartRules off stores for the base pod (rules and regular
  // containers' restartPolicy dropped, the sidecar keeps Always).
  const dropped = observation({
    stored: [
      { name: 'init', kind: 'init', restartPolicyRules: 0 },
      { name: 'sidecar', kind: 'sidecar', restartPolicy: 'Always', restartPolicyRules: 0 },
      { name: 'trigger', kind: 'regular', restartPolicyRules: 0 },
      { name: 'bystander', kind: 'regular', restartPolicyRules: 0 },
    ],
  });
  const want = {
    '*': { restartPolicyRules: 0 },
    trigger: { restartPolicy: 'absent' as const, restartPolicyRules: 0 },
    sidecar: { restartPolicy: 'Always' as const },
  };

  it('is valid suite content', () => expect(expectationErrors({ stored: want })).to.equal(''));

  it('passes the dropped pod, one check per container, "*" for the unnamed ones', () => {
    expect(passed(checkStored(want, dropped, ctx))).to.deep.equal([
      'stored.init ok',
      'stored.bystander ok',
      'stored.trigger ok',
      'stored.sidecar ok',
    ]);
  });

  it('fails a pod that kept its rule, saying what was stored', () => {
    const kept = observation({
      stored: [{ name: 'trigger', kind: 'regular', restartPolicy: 'Never', restartPolicyRules: 1 }],
    });
    const [r] = checkStored({ trigger: { restartPolicy: 'absent', restartPolicyRules: 0 } }, kept, ctx);
    expect(r).to.include({
      passed: false,
      expected: 'restartPolicy absent, no rules',
      observed: 'restartPolicy Never, 1 rule',
    });
  });

  it('"*" with every container named checks nothing more', () => {
    expect(
      passed(
        checkStored(
          { '*': { restartPolicyRules: 0 }, trigger: { restartPolicyRules: 0 } },
          observation({ stored: [{ name: 'trigger', kind: 'regular', restartPolicyRules: 0 }] }),
          ctx,
        ),
      ),
    ).to.deep.equal(['stored.trigger ok']);
  });

  it('fails without a stored pod (a rejected create) and for a container that is not there', () => {
    expect(passed(checkStored({ trigger: { restartPolicyRules: 0 } }, observation({}), ctx))).to.deep.equal([
      'stored.trigger FAIL',
    ]);
    expect(passed(checkStored({ nope: { restartPolicyRules: 0 } }, dropped, ctx))).to.deep.equal(['stored.nope FAIL']);
  });
});

describe('placement: where the pod ended up (R24)', () => {
  const worker = { name: 'c-worker', declaredFeatures: ['RestartAllContainersOnContainerExits'], labels: {} };
  const worker2 = { name: 'c-worker2', declaredFeatures: [], labels: {} };

  it('a bound pod on a declaring node passes scheduled and nodeDeclares; the same pod on worker2 fails nodeDeclares', () => {
    const exp = { scheduled: true, nodeDeclares: ['RestartAllContainersOnContainerExits'] };
    expect(expectationErrors({ placement: exp })).to.equal('');
    const on = (node: typeof worker) => observation({ after: pod({ nodeName: node.name, phase: 'Running' }), node });
    expect(passed(checkPlacement(exp, on(worker), ctx))).to.deep.equal([
      'placement.scheduled ok',
      'placement.nodeDeclares ok',
    ]);
    const [, r] = checkPlacement(exp, on(worker2), ctx);
    expect(r).to.include({ passed: false, observed: 'node c-worker2 declares nothing' });
  });

  it('an unbound pod passes scheduled: false and cannot pass nodeDeclares', () => {
    const o = observation({ after: pod({}) });
    expect(passed(checkPlacement({ scheduled: false }, o, ctx))).to.deep.equal(['placement.scheduled ok']);
    expect(passed(checkPlacement({ nodeDeclares: ['X'] }, o, ctx))).to.deep.equal(['placement.nodeDeclares FAIL']);
  });

  it('a kubelet rejection: phase Failed, the status reason, and the message per version', () => {
    const exp = { kubeletRejection: { reason: 'R', message: { '1.35': 'missing features' } } };
    expect(expectationErrors({ placement: exp })).to.equal('');
    const failed = observation({
      after: pod({ phase: 'Failed', reason: 'R', message: 'pod requires missing features: X' }),
    });
    expect(passed(checkPlacement(exp, failed, ctx))).to.deep.equal([
      'placement.kubeletRejection ok',
      'placement.kubeletRejection.message ok',
    ]);
    const running = observation({ after: pod({ phase: 'Running' }) });
    expect(passed(checkPlacement(exp, running, ctx))).to.deep.equal([
      'placement.kubeletRejection FAIL',
      'placement.kubeletRejection.message FAIL',
    ]);
    const other = checkPlacement(exp, failed, { kubernetesVersion: 'v1.36.3' });
    expect(other[1]).to.include({ passed: true, soft: true });
  });

  it('the runner waits for a binding, for the scheduler verdict, or for phase Failed', () => {
    expect(placementWaitingFor({ scheduled: true }, pod({}))).to.deep.equal(['a node binding (now none)']);
    expect(placementWaitingFor({ scheduled: true }, pod({ nodeName: 'n' }))).to.deep.equal([]);
    expect(placementWaitingFor({ scheduled: false }, pod({}))).to.deep.equal([
      'PodScheduled=False from the scheduler (now Absent)',
    ]);
    const unschedulable = pod({ conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] });
    expect(placementWaitingFor({ scheduled: false }, unschedulable)).to.deep.equal([]);
    expect(placementWaitingFor({ kubeletRejection: { reason: 'R' } }, pod({ nodeName: 'n' }))).to.deep.equal([
      'phase Failed (now Pending)',
    ]);
    expect(placementWaitingFor(undefined, pod({}))).to.deep.equal([]);
  });
});
