// The sequences suite against what a real kubelet did (recorded on kind, see test/fixtures/observations/
// real/): each scenario must pass as recorded (real-cluster.test.ts), and here each single deviation a
// broken kubelet could produce must fail exactly the check of the step it happened in.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Checkpoint, JobSnapshot, Observation, PodSnapshot } from '../../../lib/observe/types.js';
import { loadSuites } from '../../../lib/suite/load.js';
import type { ScenarioT } from '../../../lib/suite/schema.js';
import { judge } from '../../../lib/verdict/judge.js';

const dir = join(process.cwd(), 'test', 'fixtures', 'observations', 'real');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

function recorded(version: string, id: string): Observation {
  const file = files.find((f) => f.startsWith(`${version}-${id}-`));
  if (!file) throw new Error(`no recording of ${id} on ${version}`);
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as Observation;
}

let scenarios: Map<string, ScenarioT>;
before(async () => {
  const [suite] = await loadSuites(['sequences']);
  scenarios = new Map((suite?.scenarios ?? []).map((s) => [s.scenario.id ?? s.scenario.name, s.scenario]));
});

const failing = (id: string, o: Observation) =>
  judge(scenarios.get(id) as ScenarioT, o)
    .checks.filter((c) => !c.passed && !c.soft && c.expectedFailure === undefined)
    .map((c) => c.check);

const checkpoint = (o: Observation, step: number): Checkpoint => {
  const c = o.checkpoints?.find((x) => x.step === step);
  if (!c) throw new Error(`no checkpoint at step ${step}`);
  return c;
};
const container = (p: PodSnapshot | undefined, name: string) => {
  const c = p?.containers.find((x) => x.name === name);
  if (!c) throw new Error(`no status for ${name}`);
  return c;
};
/** Pod entries inside a checkpoint's window (after its trigger, up to its end). */
const podEntriesIn = (o: Observation, c: Checkpoint) =>
  o.timeline.filter(
    (e): e is Extract<typeof e, { kind: 'pod' }> => e.kind === 'pod' && e.at > (c.triggerAt ?? 0) && e.at <= c.endedAt,
  );
const jobEntriesIn = (o: Observation, c: Checkpoint) =>
  o.timeline.filter(
    (e): e is Extract<typeof e, { kind: 'job' }> => e.kind === 'job' && e.at > (c.triggerAt ?? 0) && e.at <= c.endedAt,
  );

for (const version of ['v1.35.8', 'v1.36.3'])
  describe(`sequences on a real kubelet, one deviation at a time (${version})`, () => {
    it('has recordings of every scenario of the suite', () => {
      for (const id of ['R13', 'R15', 'R16', 'R21', 'R25a', 'R25b', 'R27', 'R27c'])
        expect(() => recorded(version, id), id).to.not.throw();
    });

    it('R13: a restart-all on exit 42 (the first rule, Restart, ignored) fails step 2, not step 4', () => {
      const o = recorded(version, 'R13');
      const c = checkpoint(o, 1);
      for (const name of ['init', 'sidecar', 'bystander']) container(c.after, name).restartCount += 1;
      const entry = podEntriesIn(o, c)[0];
      if (!entry) throw new Error('no pod update after exit 42');
      entry.pod.conditions = entry.pod.conditions.map((x) =>
        x.type === 'AllContainersRestarting' ? { ...x, status: 'True' } : x,
      );
      expect(failing('R13', o)).to.deep.equal([
        'step 2 (exit 42) restarts.init',
        'step 2 (exit 42) restarts.sidecar',
        'step 2 (exit 42) restarts.bystander',
        'step 2 (exit 42) conditions.AllContainersRestarting.never',
      ]);
    });

    it('R13: exit 3 restarting only the trigger fails step 4 on every other container', () => {
      const o = recorded(version, 'R13');
      const c = checkpoint(o, 3);
      for (const name of ['init', 'sidecar', 'bystander']) container(c.after, name).restartCount -= 1;
      expect(failing('R13', o)).to.deep.equal([
        'step 4 (exit 3) restarts.init',
        'step 4 (exit 3) restarts.sidecar',
        'step 4 (exit 3) restarts.bystander',
      ]);
    });

    it('R15: the init container re-run on a plain restart (exit 1) fails step 2 restarts.init', () => {
      const o = recorded(version, 'R15');
      container(checkpoint(o, 1).after, 'init').restartCount += 1;
      expect(failing('R15', o)).to.deep.equal(['step 2 (exit 1) restarts.init']);
    });

    it('R16: a second restart-all during the soak fails the soak step, not the first', () => {
      const o = recorded(version, 'R16');
      const soak = checkpoint(o, 2);
      const last = o.timeline.filter((e) => e.kind === 'pod' && e.at <= soak.endedAt).at(-1);
      if (!last || last.kind !== 'pod') throw new Error('no pod entry');
      const looped = structuredClone(last);
      looped.at = (soak.triggerAt ?? 0) + 30_000;
      looped.pod.at = looped.at;
      looped.pod.resourceVersion = 'looped';
      for (const c of looped.pod.containers) c.restartCount += 1;
      looped.pod.conditions = looped.pod.conditions.map((x) =>
        x.type === 'AllContainersRestarting' ? { ...x, status: 'True' } : x,
      );
      o.timeline.splice(
        o.timeline.findIndex((e) => e.at > looped.at),
        0,
        looped,
      );
      for (const c of soak.after?.containers ?? []) c.restartCount += 1;
      const failed = failing('R16', o);
      expect(failed.every((f) => f.startsWith('step 3 (soak) '))).to.equal(true, failed.join(', '));
      expect(failed).to.include.members([
        'step 3 (soak) restarts.trigger',
        'step 3 (soak) conditions.AllContainersRestarting.never',
        'step 3 (soak) consistently',
      ]);
    });

    it('R21: an ephemeral container killed by the restart fails its state checks', () => {
      const o = recorded(version, 'R21');
      const c = checkpoint(o, 4);
      const killed = { terminated: { exitCode: 137, reason: 'Error' } };
      container(c.after, 'dbg').state = killed;
      const entry = podEntriesIn(o, c).at(-1);
      if (!entry) throw new Error('no pod update after the trigger');
      container(entry.pod, 'dbg').state = killed;
      expect(failing('R21', o)).to.deep.equal([
        'step 5 (exit 42) states.dbg.never',
        'step 5 (exit 42) final.containers.dbg',
      ]);
    });

    it('R21: an ephemeral container started again fails runs.dbg', () => {
      const o = recorded(version, 'R21');
      const c = checkpoint(o, 4);
      const journal = c.journal ?? [];
      const dbg = journal.find((l) => l.container === 'dbg');
      if (!dbg) throw new Error('no dbg line');
      journal.push({ ...dbg, index: journal.length });
      expect(failing('R21', o)).to.deep.equal(['step 5 (exit 42) runs.dbg']);
    });

    for (const id of ['R25a', 'R25b']) {
      it(`${id}: a container restarted twice across the kubelet restart fails exactly its count`, () => {
        const o = recorded(version, id);
        const c = o.checkpoints?.at(-1) as Checkpoint;
        container(c.after, 'sleeper-7').restartCount += 1;
        const last = o.checkpoints?.at(-1)?.step as number;
        expect(failing(id, o)).to.deep.equal([`step ${last + 1} (exit 42) restarts.sleeper-7`]);
      });
    }

    it('R27: an in-place restart counted as a Job failure fails that step and every later one', () => {
      const o = recorded(version, 'R27');
      const c = checkpoint(o, 3);
      for (const e of o.timeline) if (e.kind === 'job' && e.at > (c.triggerAt ?? 0)) e.job.failed = 1;
      expect(failing('R27', o)).to.deep.equal([
        'step 4 (exit 42) job.status.failed',
        'step 6 (exit 42) job.status.failed',
        'step 8 (training done) job.status.failed',
      ]);
    });

    it('R27: the podFailurePolicy seeing an exit 42 (FailureTarget) fails that step only', () => {
      const o = recorded(version, 'R27');
      const entry = jobEntriesIn(o, checkpoint(o, 1))[0];
      if (!entry) throw new Error('no Job update after the first exit');
      const target: JobSnapshot['conditions'][number] = {
        type: 'FailureTarget',
        status: 'True',
        reason: 'PodFailurePolicy',
      };
      entry.job.conditions = [...entry.job.conditions, target];
      expect(failing('R27', o)).to.deep.equal(['step 2 (exit 42) job.conditions.FailureTarget.never']);
    });

    it('R27c: a Job that did not fail without the rule fails the control', () => {
      const o = recorded(version, 'R27c');
      for (const e of o.timeline) if (e.kind === 'job') e.job = { ...e.job, failed: 0, conditions: [] };
      expect(failing('R27c', o)).to.deep.equal([
        'job.status.failed',
        'job.conditions.FailureTarget.status',
        'job.conditions.FailureTarget.reason',
        'job.conditions.Failed.status',
        'job.conditions.Failed.reason',
      ]);
    });
  });

describe('sequences: the lastState each version keeps is asserted per version, not loosened', () => {
  const lastStates = (o: Observation, version: string) =>
    judge(scenarios.get('R16') as ScenarioT, o, { kubernetesVersion: version })
      .checks.filter((c) => !c.passed && !c.soft)
      .map((c) => c.check);

  it('a 1.35 kubelet (lastState lost) judged as 1.36 fails every lastState check of the restart step', () => {
    expect(lastStates(recorded('v1.35.8', 'R16'), 'v1.36.3')).to.deep.equal([
      'step 2 (exit 42) states.init.lastState',
      'step 2 (exit 42) states.sidecar.lastState',
      'step 2 (exit 42) states.trigger.lastState',
      'step 2 (exit 42) states.bystander.lastState',
    ]);
  });

  it('a 1.36 kubelet (lastState kept) judged as 1.35 fails them too: the 1.35 difference is exact, not a pass-all', () => {
    expect(lastStates(recorded('v1.36.3', 'R16'), 'v1.35.8')).to.deep.equal([
      'step 2 (exit 42) states.init.lastState',
      'step 2 (exit 42) states.sidecar.lastState',
      'step 2 (exit 42) states.trigger.lastState',
      'step 2 (exit 42) states.bystander.lastState',
    ]);
  });

  it('the checks name the known difference they apply on 1.35', () => {
    const check = judge(scenarios.get('R16') as ScenarioT, recorded('v1.35.8', 'R16')).checks.find(
      (c) => c.check === 'step 2 (exit 42) states.trigger.lastState',
    );
    expect(check?.passed).to.equal(true);
    expect(check?.expected).to.contain(
      '[known difference for <1.36: https://github.com/kubernetes/kubernetes/issues/136964]',
    );
  });
});
