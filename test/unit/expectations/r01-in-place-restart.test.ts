import { expect } from 'chai';
import { judge } from '../../../lib/verdict/judge.js';
import type { Verdict } from '../../../lib/verdict/types.js';
import type { Observation } from '../../../lib/observe/types.js';
import {
  container,
  expectationErrors,
  insertEntry,
  loadObservation,
  podEntries,
  podUpdate,
  r01Expectations,
  scenarioWith,
} from './observations.js';
import type { CheckResult } from '../../../lib/expectations/types.js';

const failing = (v: Verdict) => v.checks.filter((c) => !c.passed && !c.soft).map((c) => c.check);
const check = (v: Verdict, name: string): CheckResult => {
  const c = v.checks.find((x) => x.check === name);
  if (!c) throw new Error(`no check ${name} in ${v.checks.map((x) => x.check).join(', ')}`);
  return c;
};

function judgeR01(o: Observation, expect = r01Expectations()): Verdict {
  return judge(scenarioWith(expect, 'core-in-place-restart', 'R01'), o);
}

describe('R01 core in-place restart: expectations over the documented behaviour', () => {
  let o: Observation;
  beforeEach(() => {
    o = loadObservation('r01-in-place-restart-v1.36');
  });

  it('the R01 expectations are valid suite content', () => {
    expect(expectationErrors(r01Expectations())).to.equal('');
    expect(expectationErrors({ ...r01Expectations(), consistently: 10 })).to.equal('');
  });

  it('passes every check on the documented run', () => {
    const v = judgeR01(o);
    expect(failing(v)).to.deep.equal([]);
    expect(v.status).to.equal('passed');
    expect(v.id).to.equal('R01');
    // One check per aspect asked for: nothing silently skipped.
    expect(v.checks.map((c) => c.check)).to.include.members([
      'admission',
      'identity.uid',
      'identity.creationTimestamp',
      'identity.node',
      'identity.podIP',
      'identity.sandbox',
      'identity.netns',
      'restarts.init',
      'restarts.sidecar',
      'restarts.trigger',
      'restarts.bystander',
      'runs.init',
      'runs.bystander',
      'startOrder',
      'conditions.AllContainersRestarting.seen',
      'conditions.AllContainersRestarting.reason',
      'conditions.AllContainersRestarting.message',
      'conditions.AllContainersRestarting.timesTrue',
      'conditions.Initialized.never',
      'files[/shared/token].preserved',
      'files[/shared/prestop].exists',
      'events.absent.SandboxChanged',
      'final.phase',
      'final.ready',
      'final.containers.trigger',
    ]);
    expect(check(v, 'startOrder').observed).to.equal('init(#4) < sidecar(#5) < bystander(#6) < trigger(#7)');
    expect(check(v, 'conditions.AllContainersRestarting.seen').observed).to.equal('True (+1.100s) → False (+5.600s)');
  });

  it('records the R17 pre-trigger condition as a soft check', () => {
    const soft = check(judgeR01(o), 'conditions.AllContainersRestarting.beforeTrigger');
    expect(soft.soft).to.equal(true);
    expect(soft.passed).to.equal(true);

    // A pod without the condition before the trigger: recorded, but the scenario still passes.
    const acr = 'AllContainersRestarting';
    o.before!.conditions = o.before!.conditions.filter((c) => c.type !== acr);
    const v = judgeR01(o);
    expect(check(v, `conditions.${acr}.beforeTrigger`)).to.include({ passed: false, soft: true, observed: 'Absent' });
    expect(v.status).to.equal('passed');
  });

  it('fails identity.uid when the pod came back with another UID', () => {
    o.after!.uid = '0b7e1c2d-0000-4000-8000-000000000001';
    const v = judgeR01(o);
    expect(failing(v)).to.deep.equal(['identity.uid']);
    expect(check(v, 'identity.uid').observed).to.equal(
      '3f6d2a5e-8c1b-4b7e-9a44-0d2c6e1f7a90 → 0b7e1c2d-0000-4000-8000-000000000001',
    );
  });

  it('fails identity.uid on a DELETED watch entry even when before and after agree', () => {
    // The watch reports the object as it was when deleted: the state of the previous update.
    const previous = podEntries(o).find((e) => e.at === o.triggerAt! + 1100)!;
    insertEntry(o, {
      at: o.triggerAt! + 2000,
      kind: 'pod',
      watch: 'DELETED',
      pod: podUpdate(previous.pod, o.triggerAt! + 2000, () => {}),
    });
    const v = judgeR01(o);
    expect(failing(v)).to.deep.equal(['identity.uid']);
    const uid = check(v, 'identity.uid');
    expect(uid.observed).to.equal('3f6d2a5e-8c1b-4b7e-9a44-0d2c6e1f7a90 (unchanged); DELETED watch entry at +2.000s');
    expect(uid.evidence?.some((e) => e.kind === 'pod' && e.watch === 'DELETED')).to.equal(true);
  });

  it('fails restarts for exactly the container that restarted twice, listing every delta', () => {
    container(o.after!, 'bystander').restartCount = 2;
    const v = judgeR01(o);
    expect(failing(v)).to.deep.equal(['restarts.bystander']);
    expect(check(v, 'restarts.bystander')).to.include({
      expected: 'restartCount +1',
      observed: '+2 (restartCount 0 → 2); all: init +1, sidecar +1, trigger +1, bystander +2',
    });
    // Evidence: the update where bystander's count moved (+3.4s) and the one before it.
    expect(check(v, 'restarts.bystander').evidence?.map((e) => e.at - o.triggerAt!)).to.deep.equal([1100, 3400]);
  });

  it('fails startOrder when init ran after the sidecar on the re-run', () => {
    const j = o.journal!;
    j[4] = { ...j[4]!, container: 'sidecar' };
    j[5] = { ...j[5]!, container: 'init' };
    const v = judgeR01(o);
    expect(failing(v)).to.deep.equal(['startOrder']);
    expect(check(v, 'startOrder').observed).to.equal(
      'sidecar(#4) < init(#5) < bystander(#6) < trigger(#7): init(#5) started after sidecar(#4)',
    );
  });

  it('fails startOrder and runs when a container never re-ran', () => {
    o.journal = o.journal!.filter((l) => !(l.container === 'bystander' && l.index >= 4));
    const v = judgeR01(o);
    expect(failing(v)).to.deep.equal(['runs.bystander', 'startOrder']);
    expect(check(v, 'runs.bystander').observed).to.equal('1 journal line (#3)');
    expect(check(v, 'startOrder').observed).to.match(/no journal line after the trigger from bystander$/);
  });

  it('fails the condition checks when AllContainersRestarting never went True', () => {
    for (const e of podEntries(o)) {
      const c = e.pod.conditions.find((x) => x.type === 'AllContainersRestarting');
      if (c)
        Object.assign(c, {
          status: 'False',
          reason: undefined,
          message: undefined,
          lastTransitionTime: '2025-12-31T23:59:32Z',
        });
    }
    const v = judgeR01(o);
    expect(failing(v)).to.deep.equal([
      'conditions.AllContainersRestarting.seen',
      'conditions.AllContainersRestarting.reason',
      'conditions.AllContainersRestarting.message',
      'conditions.AllContainersRestarting.timesTrue',
    ]);
    expect(check(v, 'conditions.AllContainersRestarting.seen')).to.include({
      expected: 'True then False after the trigger',
      observed: 'False (+1.100s)',
    });
    expect(check(v, 'conditions.AllContainersRestarting.reason').observed).to.equal('never True after the trigger');
  });

  it('checks the reason per Kubernetes version', () => {
    const e = r01Expectations();
    // The KEP's text for an imagined 1.35 behaviour, the source's text for 1.36 (pkg/kubelet/status/generate.go).
    e.conditions!.AllContainersRestarting!.reason = {
      '1.35': 'ContainerExited',
      '>=1.36': 'RestartAllContainersStarted',
    };
    expect(failing(judgeR01(o, e))).to.deep.equal([]);

    o.kubernetesVersion = 'v1.35.2';
    const v = judgeR01(o, e);
    expect(failing(v)).to.deep.equal(['conditions.AllContainersRestarting.reason']);
    expect(check(v, 'conditions.AllContainersRestarting.reason')).to.include({
      expected: 'reason contains "ContainerExited" when True',
      observed: 'reason "RestartAllContainersStarted" at +1.100s (True)',
    });
  });

  it('records a versioned text with no entry for the server version as soft', () => {
    const e = r01Expectations();
    e.conditions!.AllContainersRestarting!.message = { '1.35': 'container exited with restart policy rule' };
    const c = check(judgeR01(o, e), 'conditions.AllContainersRestarting.message');
    expect(c).to.include({ passed: true, soft: true, expected: 'no message given for v1.36.1' });
  });

  it('fails conditions.Initialized.never when Initialized went False during the restart', () => {
    const e7 = podEntries(o).find((x) => x.at === o.triggerAt! + 3400)!;
    Object.assign(
      e7.pod.conditions.find((c) => c.type === 'Initialized')!,
      { status: 'False', lastTransitionTime: '2026-01-01T00:00:03Z' },
    );
    const v = judgeR01(o);
    expect(failing(v)).to.deep.equal(['conditions.Initialized.never']);
    expect(check(v, 'conditions.Initialized.never').observed).to.equal(
      'False at +3.400s: True (+1.100s) → False (+3.400s) → True (+5.600s)',
    );
  });

  it('counts a True window hidden between two watch updates by its lastTransitionTime', () => {
    // The condition flipped True→False→True between two updates: the status repeats, the time moved.
    const late = podEntries(o).find((x) => x.at === o.triggerAt! + 3400)!;
    late.pod.conditions.find((c) => c.type === 'AllContainersRestarting')!.lastTransitionTime = '2026-01-01T00:00:03Z';
    const v = judgeR01(o);
    expect(failing(v)).to.deep.equal(['conditions.AllContainersRestarting.timesTrue']);
    expect(check(v, 'conditions.AllContainersRestarting.timesTrue').observed).to.equal(
      'True 2×: True (+1.100s) → False (unpublished: lastTransitionTime moved with no other status seen; at the earliest +1.100s) → True (+3.400s) → False (+5.600s)',
    );
  });

  it('fails files[/shared/prestop].exists when the preStop hook ran', () => {
    o.files.find((f) => f.path === '/shared/prestop')!.after = { exists: true, content: 'prestop\n' };
    const v = judgeR01(o);
    expect(failing(v)).to.deep.equal(['files[/shared/prestop].exists']);
    expect(check(v, 'files[/shared/prestop].exists')).to.include({
      expected: 'does not exist after the trigger',
      observed: 'exists, content "prestop\\n"',
    });
  });

  it('fails files[/shared/token].preserved when the emptyDir token changed', () => {
    o.files.find((f) => f.path === '/shared/token')!.after = { exists: true, content: 'tok-00000000' };
    const v = judgeR01(o);
    expect(failing(v)).to.deep.equal(['files[/shared/token].preserved']);
    expect(check(v, 'files[/shared/token].preserved').observed).to.equal('"tok-5b1c9e7d" → "tok-00000000"');
  });

  it('fails identity.sandbox on a new sandbox id and on a SandboxChanged event', () => {
    o.sandbox!.after = 'ffff';
    let v = judgeR01(o);
    expect(failing(v)).to.deep.equal(['identity.sandbox']);
    expect(check(v, 'identity.sandbox').observed).to.match(/^9f2c4e1a\w+ → ffff$/);

    o = loadObservation('r01-in-place-restart-v1.36');
    insertEntry(o, {
      at: o.triggerAt! + 1500,
      kind: 'event',
      event: {
        at: o.triggerAt! + 1500,
        reason: 'SandboxChanged',
        message: 'Pod sandbox changed, it will be killed and re-created.',
        type: 'Normal',
        count: 1,
      },
    });
    v = judgeR01(o);
    expect(failing(v)).to.deep.equal(['identity.sandbox', 'events.absent.SandboxChanged']);
    expect(check(v, 'identity.sandbox').observed).to.match(
      /\(unchanged\); SandboxChanged event at \+1\.500s: Pod sandbox changed/,
    );
    expect(check(v, 'events.absent.SandboxChanged').observed).to.equal(
      '+1.500s SandboxChanged: Pod sandbox changed, it will be killed and re-created.',
    );
  });

  it('ignores events about other objects in the namespace', () => {
    insertEntry(o, {
      at: o.triggerAt! + 1500,
      kind: 'event',
      event: {
        at: o.triggerAt! + 1500,
        reason: 'SandboxChanged',
        message: 'control pod',
        type: 'Normal',
        count: 1,
        involvedObject: 'Pod/control',
      },
    });
    expect(failing(judgeR01(o))).to.deep.equal([]);
  });

  it('fails identity.netns when the second run saw another network namespace', () => {
    o.journal = o.journal!.map((l) => (l.index >= 4 ? { ...l, netns: 'net:[4026532999]' } : l));
    const v = judgeR01(o);
    expect(failing(v)).to.deep.equal(['identity.netns']);
    expect(check(v, 'identity.netns').observed).to.equal(
      '2 values: net:[4026532300] (#0 init, #1 sidecar, #2 trigger, #3 bystander) vs net:[4026532999] (#4 init, #5 sidecar, #6 bystander, #7 trigger)',
    );
  });

  it('does not pass identity.netns on first-run lines alone', () => {
    o.journal = o.journal!.filter((l) => l.index < 4);
    expect(check(judgeR01(o), 'identity.netns')).to.include({
      passed: false,
      observed: 'no journal line with netns= after the trigger (4 lines, all before)',
    });
  });

  it('fails final.* when the trigger stayed terminated and the pod not ready', () => {
    const t = container(o.after!, 'trigger');
    t.state = { terminated: { exitCode: 42, reason: 'Error' } };
    t.ready = false;
    o.after!.conditions.find((c) => c.type === 'Ready')!.status = 'False';
    const v = judgeR01(o);
    expect(failing(v)).to.deep.equal(['final.ready', 'final.containers.trigger']);
    expect(check(v, 'final.ready').observed).to.equal('Ready=False');
    expect(check(v, 'final.containers.trigger')).to.include({
      expected: 'running, ready',
      observed: 'terminated(42), reason Error, not ready (differs in state, ready)',
    });
  });

  describe('consistently', () => {
    const withWindow = () => ({ ...r01Expectations(), consistently: 10 });

    it('passes when nothing changed in the window', () => {
      expect(check(judgeR01(o, withWindow()), 'consistently')).to.include({
        passed: true,
        observed: 'no change for 10.0s',
      });
    });

    it('fails on an extra restart during the window and says what changed and when', () => {
      const settled = podEntries(o).at(-1)!;
      insertEntry(o, {
        at: o.settledAt! + 4000,
        kind: 'pod',
        watch: 'MODIFIED',
        pod: podUpdate(settled.pod, o.settledAt! + 4000, (p) => {
          container(p, 'bystander').restartCount = 2;
        }),
      });
      const v = judgeR01(o, withWindow());
      expect(failing(v)).to.deep.equal(['consistently']);
      expect(check(v, 'consistently').observed).to.equal('+4.000s after settling: bystander restartCount 1→2');
      expect(check(v, 'consistently').evidence?.length).to.be.greaterThan(0);
    });

    it('fails when the window was not observed to its end', () => {
      o.after!.at = o.settledAt! + 3000;
      o.timeline = o.timeline.filter((e) => e.at <= o.settledAt! + 3000);
      expect(check(judgeR01(o, withWindow()), 'consistently')).to.include({
        passed: false,
        observed: 'window observed for 3.0s of 10s only',
      });
    });
  });

  it('fails a run that could not complete, whatever else it saw', () => {
    o.abortedWith = 'timed out after 180s waiting for settled; last seen: trigger restartCount +1 (now +0)';
    const v = judgeR01(o);
    expect(v.status).to.equal('failed');
    expect(check(v, 'run')).to.include({ passed: false, observed: o.abortedWith });
  });
});
