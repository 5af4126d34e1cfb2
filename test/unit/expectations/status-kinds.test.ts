// The expectation kinds about the pod's status while the restart runs — phases, container states and
// lastState, time bounds, the condition before the trigger and in the settled state — judged against
// R01 as real kubelets recorded it (v1.35.8 and v1.36.3), and against single deviations of it.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChecker } from '../../../lib/expectations/registry.js';
import { momentOf } from '../../../lib/expectations/timing.js';
import { parseStatePattern, stateMatches, stateSequence, stateToken } from '../../../lib/expectations/states.js';
import { phaseSequence } from '../../../lib/expectations/phases.js';
import { settleState } from '../../../lib/expectations/settle.js';
import type { Observation, PodSnapshot } from '../../../lib/observe/types.js';
import type { ExpectationsT } from '../../../lib/suite/schema.js';
import { container, expectationErrors, insertEntry, podEntries, podUpdate } from './observations.js';
import type { CheckResult } from '../../../lib/expectations/types.js';

const real = (version: '1.35.8' | '1.36.3'): Observation =>
  JSON.parse(
    readFileSync(
      join(process.cwd(), 'test', 'fixtures', 'observations', 'real', `v${version}-R01-core-in-place-restart.json`),
      'utf8',
    ),
  ) as Observation;

function checks(expect: ExpectationsT, o: Observation): CheckResult[] {
  const ctx = { kubernetesVersion: o.kubernetesVersion };
  return (Object.keys(expect) as Array<keyof ExpectationsT>).flatMap((k) =>
    k === 'within' ? [] : runChecker(k, expect, o, ctx),
  );
}
const failing = (cs: CheckResult[]) => cs.filter((c) => !c.passed && !c.soft).map((c) => c.check);
const one = (cs: CheckResult[], name: string): CheckResult => {
  const c = cs.find((x) => x.check === name);
  if (!c) throw new Error(`no check ${name} in ${cs.map((x) => x.check).join(', ')}`);
  return c;
};
const lastPod = (o: Observation): PodSnapshot => {
  const p = podEntries(o).at(-1)?.pod;
  if (!p) throw new Error('fixture has no pod entry');
  return p;
};

describe('state tokens', () => {
  it('name states the way reports show them', () => {
    expect(stateToken({ running: { startedAt: 'x' } })).to.equal('running');
    expect(stateToken({ waiting: { reason: 'RestartingAllContainers' } })).to.equal('waiting(RestartingAllContainers)');
    expect(stateToken({ waiting: {} })).to.equal('waiting');
    expect(stateToken({ terminated: { exitCode: 42, reason: 'Error' } })).to.equal('terminated(42 Error)');
    expect(stateToken({ terminated: { exitCode: 0 } })).to.equal('terminated(0)');
    expect(stateToken({})).to.equal('none');
  });

  it('match patterns that leave out the exit code or reason', () => {
    const t = { terminated: { exitCode: 137, reason: 'RestartingAllContainers' } };
    expect(stateMatches(t, 'terminated')).to.equal(true);
    expect(stateMatches(t, 'terminated(137)')).to.equal(true);
    expect(stateMatches(t, 'terminated(137 RestartingAllContainers)')).to.equal(true);
    expect(stateMatches(t, 'terminated(137 Error)')).to.equal(false);
    expect(stateMatches(t, 'terminated(42)')).to.equal(false);
    expect(stateMatches(t, 'running')).to.equal(false);
    expect(stateMatches({ waiting: { reason: 'PodInitializing' } }, 'waiting')).to.equal(true);
    expect(stateMatches({ waiting: { reason: 'PodInitializing' } }, 'waiting(RestartingAllContainers)')).to.equal(
      false,
    );
    expect(stateMatches({}, 'none')).to.equal(true);
    expect(stateMatches(t, 'none')).to.equal(false);
    expect(parseStatePattern('waiting(PodInitializing)')).to.deep.equal({ kind: 'waiting', reason: 'PodInitializing' });
    expect(() => parseStatePattern('exploded')).to.throw(/not a container state/);
  });

  it('are valid in suites only in the documented grammar', () => {
    expect(
      expectationErrors({
        states: { init: { seen: ['terminated(0 Completed)', 'waiting(PodInitializing)', 'running'] } },
      }),
    ).to.equal('');
    expect(expectationErrors({ states: { init: { seen: ['terminated(Completed)'] } } })).to.not.equal('');
    expect(expectationErrors({ states: { init: { seen: ['crashed'] } } })).to.not.equal('');
    expect(
      expectationErrors({ states: { init: { lastState: { exitCode: 137, startedAt: null, containerID: 'set' } } } }),
    ).to.equal('');
    expect(expectationErrors({ states: { init: { lastState: { startedAt: 'yes' } } } })).to.not.equal('');
  });
});

describe('states: container states and lastState after the trigger (real R01 runs)', () => {
  it('1.36.3: every container waits with RestartingAllContainers and keeps the synthesized lastState', () => {
    const o = real('1.36.3');
    expect(stateSequence(o, 'trigger').map((s) => s.token)).to.deep.equal([
      'terminated(42 Error)',
      'waiting(RestartingAllContainers)',
      'waiting(PodInitializing)',
      'running',
    ]);
    const removed = {
      exitCode: 137,
      reason: 'RestartingAllContainers',
      message: 'The container is removed because RestartAllContainers in place',
      startedAt: null,
      finishedAt: null,
      containerID: null,
    } as const;
    const e: ExpectationsT = {
      states: {
        trigger: {
          seen: ['terminated(42 Error)', 'waiting(RestartingAllContainers)', 'running'],
          waitingMessage: 'The container is removed because RestartAllContainers in place',
          lastState: removed,
        },
        bystander: {
          seen: ['running', 'waiting(RestartingAllContainers)', 'running'],
          lastState: removed,
          never: ['terminated'],
        },
        init: {
          seen: ['waiting(RestartingAllContainers)', 'terminated(0 Completed)'],
          lastStateSeen: ['terminated(137 RestartingAllContainers)'],
        },
      },
    };
    expect(expectationErrors(e)).to.equal('');
    const cs = checks(e, o);
    expect(failing(cs)).to.deep.equal([]);
    expect(one(cs, 'states.trigger.lastState').observed).to.include('exitCode 137').and.include('containerID null');
  });

  it('1.35.8: the same waiting reason, and the lastState is there while removed and gone once running (#136964)', () => {
    const o = real('1.35.8');
    expect(stateSequence(o, 'bystander', 'lastState').map((s) => s.token)).to.deep.equal([
      'none',
      'terminated(137 RestartingAllContainers)',
      'none',
    ]);
    const e: ExpectationsT = {
      states: {
        bystander: {
          seen: ['running', 'waiting(RestartingAllContainers)', 'running'],
          lastStateSeen: ['terminated(137 RestartingAllContainers)', 'none'],
          lastState: 'none',
        },
      },
    };
    expect(failing(checks(e, o))).to.deep.equal([]);
    // The 1.36 expectation fails on 1.35 exactly on lastState.
    const kept: ExpectationsT = {
      states: { bystander: { lastState: { exitCode: 137, reason: 'RestartingAllContainers' } } },
    };
    const cs = checks(kept, o);
    expect(failing(cs)).to.deep.equal(['states.bystander.lastState']);
    expect(one(cs, 'states.bystander.lastState').observed).to.equal('none (differs in absent)');
  });

  it('fails seen when the waiting reason never shows, and says what was seen', () => {
    const o = real('1.36.3');
    for (const e of podEntries(o)) {
      const c = e.pod.containers.find((x) => x.name === 'bystander');
      if (c?.state.waiting?.reason === 'RestartingAllContainers') c.state.waiting.reason = 'ContainerCreating';
    }
    const cs = checks(
      { states: { bystander: { seen: ['running', 'waiting(RestartingAllContainers)', 'running'] } } },
      o,
    );
    expect(failing(cs)).to.deep.equal(['states.bystander.seen']);
    expect(one(cs, 'states.bystander.seen').observed).to.include('waiting(ContainerCreating)');
  });

  it('fails lastState on a single field and names it', () => {
    const o = real('1.36.3');
    if (!o.after) throw new Error('no after');
    const t = container(o.after, 'trigger').lastState.terminated;
    if (!t) throw new Error('fixture trigger has no lastState');
    t.exitCode = 42;
    const cs = checks({ states: { trigger: { lastState: { exitCode: 137, reason: 'RestartingAllContainers' } } } }, o);
    expect(failing(cs)).to.deep.equal(['states.trigger.lastState']);
    expect(one(cs, 'states.trigger.lastState').observed).to.include('differs in exitCode');
    // A containerID where null is expected, and a lastState where none is expected.
    t.exitCode = 137;
    t.containerID = 'containerd://abc';
    expect(failing(checks({ states: { trigger: { lastState: { containerID: null } } } }, o))).to.deep.equal([
      'states.trigger.lastState',
    ]);
    expect(failing(checks({ states: { trigger: { lastState: 'none' } } }, o))).to.deep.equal([
      'states.trigger.lastState',
    ]);
  });

  it('sequence is the exact collapsed sequence: a state more, one less or another one fails', () => {
    const o = real('1.36.3');
    const exact = ['terminated(42 Error)', 'waiting(RestartingAllContainers)', 'waiting(PodInitializing)', 'running'];
    expect(failing(checks({ states: { trigger: { sequence: exact } } }, o))).to.deep.equal([]);
    // Patterns may leave out the exit code or reason, one per step.
    expect(
      failing(checks({ states: { trigger: { sequence: ['terminated', 'waiting', 'waiting', 'running'] } } }, o)),
    ).to.deep.equal([]);
    for (const wrong of [
      exact.slice(1),
      [...exact, 'running'],
      ['terminated(42 Error)', 'waiting(RestartingAllContainers)', 'running', 'running'],
    ]) {
      const cs = checks({ states: { trigger: { sequence: wrong } } }, o);
      expect(failing(cs), wrong.join(' ')).to.deep.equal(['states.trigger.sequence']);
      expect(one(cs, 'states.trigger.sequence').observed).to.include('terminated(42 Error) (+');
    }
  });

  it('fails never, waitingMessage and a missing container', () => {
    const o = real('1.36.3');
    expect(failing(checks({ states: { trigger: { never: ['terminated(42)'] } } }, o))).to.deep.equal([
      'states.trigger.never',
    ]);
    expect(
      failing(
        checks(
          { states: { trigger: { seen: ['waiting(RestartingAllContainers)'], waitingMessage: 'another text' } } },
          o,
        ),
      ),
    ).to.deep.equal(['states.trigger.waitingMessage']);
    const cs = checks({ states: { ghost: { lastState: 'none' } } }, o);
    expect(failing(cs)).to.deep.equal(['states.ghost.lastState']);
    expect(one(cs, 'states.ghost.lastState').observed).to.include('not in pod status');
  });

  it('counts a container that completed twice between two watch entries as two steps (new finishedAt)', () => {
    const o = real('1.36.3');
    const last = lastPod(o);
    const first = podUpdate(last, last.at + 1000, (p) => {
      container(p, 'bystander').state = {
        terminated: { exitCode: 0, reason: 'Completed', finishedAt: '2026-11-22T10:08:00Z' },
      };
    });
    const second = podUpdate(last, last.at + 2000, (p) => {
      container(p, 'bystander').state = {
        terminated: { exitCode: 0, reason: 'Completed', finishedAt: '2026-11-22T10:08:09Z' },
      };
    });
    insertEntry(o, { at: first.at, kind: 'pod', watch: 'MODIFIED', pod: first });
    insertEntry(o, { at: second.at, kind: 'pod', watch: 'MODIFIED', pod: second });
    o.after = second;
    const twice: ExpectationsT = {
      states: { bystander: { seen: ['terminated(0 Completed)', 'terminated(0 Completed)'] } },
    };
    expect(failing(checks(twice, o))).to.deep.equal([]);
    second.containers = structuredClone(first.containers);
    expect(failing(checks(twice, o))).to.deep.equal(['states.bystander.seen']);
  });
});

describe('phases: the pod phase while the restart runs (real R01 runs)', () => {
  it('records Running → Pending → Running → Pending → Running on both versions, never Pending throughout', () => {
    for (const v of ['1.35.8', '1.36.3'] as const) {
      const o = real(v);
      expect(
        phaseSequence(o).map((s) => s.phase),
        v,
      ).to.deep.equal(['Running', 'Pending', 'Running', 'Pending', 'Running']);
      const e: ExpectationsT = {
        phases: {
          seen: ['Running', 'Pending', 'Running'],
          sequence: ['Running', 'Pending', 'Running', 'Pending', 'Running'],
          never: ['Failed', 'Succeeded'],
        },
      };
      expect(expectationErrors(e)).to.equal('');
      expect(failing(checks(e, o)), v).to.deep.equal([]);
    }
  });

  it("fails the KEP's Pending-throughout reading, an exact sequence that differs, and a forbidden phase", () => {
    const o = real('1.36.3');
    const cs = checks({ phases: { seen: ['Pending'], sequence: ['Pending'], never: ['Running'] } }, o);
    expect(failing(cs)).to.deep.equal(['phases.sequence', 'phases.never']);
    expect(one(cs, 'phases.sequence').observed).to.match(/^Running \(\+[\d.]+s\) → Pending/);
    const failed = real('1.36.3');
    const last = lastPod(failed);
    const f = podUpdate(last, last.at + 500, (p) => {
      p.phase = 'Failed';
    });
    insertEntry(failed, { at: f.at, kind: 'pod', watch: 'MODIFIED', pod: f });
    failed.after = f;
    expect(failing(checks({ phases: { never: ['Failed', 'Succeeded'] } }, failed))).to.deep.equal(['phases.never']);
    expect(
      failing(checks({ phases: { seen: ['Running', 'Pending', 'Running', 'Pending', 'Running', 'Pending'] } }, o)),
    ).to.deep.equal(['phases.seen']);
  });
});

describe('timing: bounds between observed moments (real R01 runs)', () => {
  it('resolves API times, event receive times and condition steps', () => {
    const o = real('1.36.3');
    expect(momentOf(o, 'trigger.finishedAt')?.source).to.equal('API finishedAt 2026-11-22T10:07:07Z');
    // The trigger's old startedAt (shown on its terminated state) is not a new start.
    expect(momentOf(o, 'trigger.startedAt')?.source).to.equal('API startedAt 2026-11-22T10:07:13Z');
    expect(momentOf(o, 'bystander.killing')?.source).to.equal('Killing event received (spec.containers{bystander})');
    expect(momentOf(o, 'sidecar.killing')?.source).to.equal('Killing event received (spec.initContainers{sidecar})');
    expect(momentOf(o, 'AllContainersRestarting.True')?.at).to.be.a('number');
    expect(momentOf(o, 'trigger.killing')).to.equal(undefined);
  });

  it('passes the measured bounds and fails a bound the run exceeded', () => {
    const o = real('1.36.3');
    const ok: ExpectationsT = {
      timing: [
        { from: 'trigger.finishedAt', to: 'bystander.startedAt', max: 30 },
        { from: 'bystander.killing', to: 'sidecar.killing', min: 1.5, max: 6 },
        { from: 'trigger', to: 'AllContainersRestarting.True', max: 5 },
      ],
    };
    expect(expectationErrors(ok)).to.equal('');
    const cs = checks(ok, o);
    expect(failing(cs)).to.deep.equal([]);
    expect(one(cs, 'timing.trigger.finishedAt→bystander.startedAt').observed).to.match(/^6\.000s: /);
    const tooSlow = checks({ timing: [{ from: 'trigger.finishedAt', to: 'bystander.startedAt', max: 5 }] }, o);
    expect(failing(tooSlow)).to.deep.equal(['timing.trigger.finishedAt→bystander.startedAt']);
    const tooFast = checks({ timing: [{ from: 'trigger.finishedAt', to: 'bystander.startedAt', min: 20 }] }, o);
    expect(failing(tooFast)).to.deep.equal(['timing.trigger.finishedAt→bystander.startedAt']);
  });

  it('fails, never passes, when a moment was not observed', () => {
    const o = real('1.36.3');
    const cs = checks({ timing: [{ from: 'trigger.killing', to: 'bystander.startedAt', max: 30 }] }, o);
    expect(failing(cs)).to.deep.equal(['timing.trigger.killing→bystander.startedAt']);
    expect(one(cs, 'timing.trigger.killing→bystander.startedAt').observed).to.equal('not observed: trigger.killing');
  });

  it('rejects malformed time points in suites', () => {
    expect(expectationErrors({ timing: [{ from: 'trigger.exitedAt', to: 'trigger.startedAt', max: 1 }] })).to.not.equal(
      '',
    );
    expect(expectationErrors({ timing: [{ from: 'Ready.Maybe', to: 'trigger.startedAt', max: 1 }] })).to.not.equal('');
    expect(expectationErrors({ timing: [] })).to.not.equal('');
  });
});

describe('conditions before the trigger, transitions, several never-statuses, and in the settled state', () => {
  it('passes what both real versions showed: False (no reason) before, True then False, two transitions', () => {
    for (const v of ['1.35.8', '1.36.3'] as const) {
      const o = real(v);
      const e: ExpectationsT = {
        conditions: {
          AllContainersRestarting: { before: 'False', seen: ['True', 'False'], transitions: 2 },
          PodReadyToStartContainers: { never: ['False', 'Absent'] },
        },
        final: { conditions: { AllContainersRestarting: { status: 'False' }, Ready: { status: 'True' } } },
      };
      expect(expectationErrors(e)).to.equal('');
      const cs = checks(e, o);
      expect(failing(cs), v).to.deep.equal([]);
      expect(cs.map((c) => c.check)).to.not.include('conditions.AllContainersRestarting.beforeTrigger');
    }
  });

  it('fails before, transitions and never on one deviation each', () => {
    const o = real('1.36.3');
    if (!o.before) throw new Error('no before');
    o.before.conditions = o.before.conditions.filter((c) => c.type !== 'AllContainersRestarting');
    expect(failing(checks({ conditions: { AllContainersRestarting: { before: 'False' } } }, o))).to.deep.equal([
      'conditions.AllContainersRestarting.before',
    ]);
    expect(failing(checks({ conditions: { AllContainersRestarting: { before: 'Absent' } } }, o))).to.deep.equal([]);

    const t = real('1.36.3');
    const cs = checks({ conditions: { AllContainersRestarting: { transitions: 3 } } }, t);
    expect(failing(cs)).to.deep.equal(['conditions.AllContainersRestarting.transitions']);
    expect(one(cs, 'conditions.AllContainersRestarting.transitions').observed).to.match(/^2× \(before: /);

    const n = real('1.36.3');
    for (const e of podEntries(n))
      e.pod.conditions = e.pod.conditions.filter((c) => c.type !== 'PodReadyToStartContainers');
    if (n.after) n.after.conditions = n.after.conditions.filter((c) => c.type !== 'PodReadyToStartContainers');
    expect(
      failing(checks({ conditions: { PodReadyToStartContainers: { never: ['False', 'Absent'] } } }, n)),
    ).to.deep.equal(['conditions.PodReadyToStartContainers.never']);
  });

  it('final.conditions checks status, reason and message per version, and settle waits for them', () => {
    const o = real('1.36.3');
    if (!o.after) throw new Error('no after');
    const failed: ExpectationsT = {
      final: { conditions: { AllContainersRestarting: { status: 'False', reason: { '>=1.36': 'PodFailed' } } } },
    };
    expect(expectationErrors(failed)).to.equal('');
    const cs = checks(failed, o);
    expect(failing(cs)).to.deep.equal(['final.conditions.AllContainersRestarting']);
    expect(one(cs, 'final.conditions.AllContainersRestarting').expected).to.equal('False, reason contains "PodFailed"');
    expect(settleState(failed, o.before, o.after, 'v1.36.3').waitingFor).to.deep.equal([
      'AllContainersRestarting False, reason contains "PodFailed" (now False)',
    ]);
    // A version without a text: the status alone.
    expect(failing(checks(failed, { ...o, kubernetesVersion: 'v1.35.8' }))).to.deep.equal([]);
    expect(settleState(failed, o.before, o.after, 'v1.35.8').settled).to.equal(true);
    const absent = checks({ final: { conditions: { AllContainersRestarting: { status: 'Absent' } } } }, o);
    expect(failing(absent)).to.deep.equal(['final.conditions.AllContainersRestarting']);
    expect(one(absent, 'final.conditions.AllContainersRestarting').observed).to.equal('False');
  });
});
