// The runner over a scenario with steps: one window per expect step, "before" read right before the
// trigger it follows (or at the previous checkpoint), waits and node actions in between.
import { expect } from 'chai';
import { runScenario, waitPredicate } from '../../../lib/runner/scenario-run.js';
import type { ScenarioT } from '../../../lib/suite/schema.js';
import { loaded, options, pod, running, scriptedCluster } from './scripted-cluster.js';

const restarting = [{ type: 'AllContainersRestarting', status: 'True' as const }];
const all1 = { init: 1, sidecar: 1, trigger: 1, bystander: 1 };

describe('scenario with steps', () => {
  it('R13 shape: exit 42 restarts only the trigger, exit 3 then restarts all; each expect has its own window', async () => {
    const { cluster, calls, execs } = scriptedCluster([
      pod(1, 'Running', true, running),
      pod(2, 'Running', true, running, { trigger: 1 }),
      pod(3, 'Running', false, ['sidecar'], { init: 1, sidecar: 1, trigger: 2, bystander: 1 }, restarting),
      pod(4, 'Running', true, running, { init: 1, sidecar: 1, trigger: 2, bystander: 1 }),
    ]);
    const steps: ScenarioT['steps'] = [
      { trigger: { exit: { container: 'trigger', code: 42 } } },
      { expect: { restarts: { trigger: 1, bystander: 0 } } },
      { trigger: { exit: { container: 'trigger', code: 3 } } },
      { wait: { condition: 'AllContainersRestarting', status: 'True' } },
      { node: { action: 'restartKubelet' } },
      { expect: { restarts: all1, runs: { init: 2 } } },
    ];
    const r = await runScenario(loaded({ steps, expect: undefined }), cluster, options);
    const o = r.observation;
    expect(o.abortedWith).to.equal(undefined);
    expect(o.checkpoints?.map((c) => [c.step, c.before?.at, c.after?.at])).to.deep.equal([
      [1, 1, 2],
      [5, 2, 4],
    ]);
    // The journal is read only for the window whose expectations need it: before exit 3 and at its checkpoint.
    expect(o.checkpoints?.[0]?.journalLinesBeforeTrigger).to.equal(undefined);
    expect(o.checkpoints?.[1]?.journalLinesBeforeTrigger).to.equal(2);
    expect(o.checkpoints?.[1]?.journal?.length).to.equal(2);
    expect(execs.filter((e) => (e.command[2] ?? '').startsWith('printf')).map((e) => e.command[4])).to.deep.equal([
      '42',
      '3',
    ]);
    expect(calls).to.include('node restartKubelet kind-control-plane');
    // Summary for reports: the first window's before, the last checkpoint's after.
    expect([o.before?.at, o.after?.at]).to.deep.equal([1, 4]);
    const marks = o.timeline
      .filter((e) => e.kind === 'harness')
      .map((e) => (e.kind === 'harness' ? `${e.stage}: ${e.note}` : ''));
    expect(marks).to.include.members(['node: step 5 (restart the kubelet): restartKubelet on kind-control-plane']);
    expect(marks.filter((m) => m.startsWith('trigger:'))).to.have.length(2);
  });

  it('an expect step after no trigger observes from the previous checkpoint (a soak)', async () => {
    const { cluster } = scriptedCluster([
      pod(1, 'Running', true, running),
      pod(2, 'Running', true, running, all1),
      pod(3, 'Running', true, running, all1),
    ]);
    const r = await runScenario(
      loaded({
        steps: [
          { trigger: { exit: { container: 'trigger', code: 42 } } },
          { expect: { restarts: all1 } },
          { expect: { restarts: { '*': 0 }, consistently: 60 }, name: 'soak' },
        ],
        expect: undefined,
      }),
      cluster,
      options,
    );
    const [first, soak] = r.observation.checkpoints ?? [];
    expect(soak?.before).to.deep.equal(first?.after);
    expect(soak?.triggerAt).to.be.a('number');
  });

  it('a missed deadline keeps the window it happened in, with the last state as "after"', async () => {
    const { cluster } = scriptedCluster([
      pod(1, 'Running', true, running),
      pod(2, 'Running', true, running, { trigger: 1 }),
    ]);
    const r = await runScenario(
      loaded({
        steps: [
          { trigger: { exit: { container: 'trigger', code: 42 } } },
          { expect: { restarts: { trigger: 1 } } },
          { trigger: { exit: { container: 'trigger', code: 3 } } },
          { expect: { restarts: all1, within: 5 } },
        ],
        expect: undefined,
      }),
      cluster,
      options,
    );
    const o = r.observation;
    expect(o.abortedWith).to.match(/^timed out after 5s waiting for the pod to settle \(step 4 \(exit 3\)\)/);
    expect(o.checkpoints?.map((c) => [c.step, c.before?.at, c.after?.at])).to.deep.equal([
      [1, 1, 2],
      [3, 2, 2],
    ]);
  });

  it('a failing node action ends the run with its reason', async () => {
    const { cluster } = scriptedCluster([pod(1, 'Running', true, running)]);
    cluster.nodeAction = async (node) => {
      throw new Error(`no access to node ${node}: it belongs to kind cluster other, which this harness did not create`);
    };
    const r = await runScenario(
      loaded({
        steps: [{ node: { action: 'restartKubelet' } }, { expect: { restarts: { '*': 0 } } }],
        expect: undefined,
      }),
      cluster,
      options,
    );
    expect(r.observation.abortedWith).to.contain('which this harness did not create');
    expect(r.observation.checkpoints).to.have.length(1, 'the open window is kept');
    const aborted = r.observation.timeline.find((e) => e.kind === 'harness' && e.stage === 'aborted');
    expect(aborted && aborted.kind === 'harness' && aborted.note).to.match(
      /^node \(restart the kubelet\): no access to node/,
    );
  });

  it('refuses a node action off the node kept for it, before acting, when the scenario runs beside others', async () => {
    const { cluster } = scriptedCluster([pod(1, 'Running', true, running)]);
    const acted: string[] = [];
    cluster.nodeAction = async (node) => {
      acted.push(node);
      return 'restarted';
    };
    const r = await runScenario(
      loaded({
        steps: [{ node: { action: 'restartKubelet' } }, { expect: { restarts: { '*': 0 } } }],
        expect: undefined,
      }),
      cluster,
      { ...options, nodeActionsOn: ['c-worker'] },
    );
    expect(acted).to.deep.equal([]);
    expect(r.observation.abortedWith).to.contain('refused to restartKubelet on').and.contain('kept for node actions');
  });

  it('a Job scenario creates the Job, follows the pod it made, and settles on the Job too', async () => {
    const jobState = (at: number, succeeded: number, complete: boolean) => ({
      at,
      resourceVersion: String(at),
      name: 'trainer',
      uid: 'j1',
      active: succeeded ? 0 : 1,
      ready: succeeded ? 0 : 1,
      succeeded,
      failed: 0,
      conditions: complete ? [{ type: 'Complete', status: 'True' as const }] : [],
    });
    const { cluster, calls } = scriptedCluster(
      [pod(1, 'Running', true, running), pod(2, 'Succeeded', false, []), pod(3, 'Succeeded', false, [])],
      { jobs: [jobState(1, 0, false), jobState(2, 0, false), jobState(3, 1, true)] },
    );
    const job = {
      manifest: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'trainer' }, spec: {} },
      name: 'trainer',
    };
    const r = await runScenario(
      {
        ...loaded({
          steps: [
            { trigger: { exit: { container: 'trigger', code: 0 } } },
            {
              expect: {
                final: { phase: 'Succeeded' },
                job: { status: { succeeded: 1 }, conditions: { Complete: { status: 'True' } } },
              },
            },
          ],
          expect: undefined,
        }),
        job,
      },
      cluster,
      options,
    );
    expect(r.observation.abortedWith).to.equal(undefined);
    expect(calls.slice(1, 4)).to.deep.equal([
      'create job trainer',
      'job pod trainer',
      'record trainer-x7k2p job trainer',
    ]);
    expect(r.observation.podName).to.equal('trainer-x7k2p');
    expect(r.observation.job).to.deep.equal({ name: 'trainer' });
    expect(r.observation.checkpoints?.[0]?.after?.at).to.equal(
      3,
      'the pod was Succeeded at 2, the Job complete only at 3',
    );
  });

  it('a patch step is its own window: its outcome is judged there, nothing is settled, the next trigger opens the next', async () => {
    const { cluster, calls } = scriptedCluster([
      pod(1, 'Running', true, running),
      pod(2, 'Running', true, running, all1),
    ]);
    const r = await runScenario(
      loaded({
        steps: [
          {
            name: 'add dbg',
            trigger: {
              patch: {
                subresource: 'ephemeralcontainers',
                type: 'strategic',
                body: { spec: { ephemeralContainers: [] } },
              },
            },
          },
          { expect: { patch: 'accepted' } },
          { trigger: { exit: { container: 'trigger', code: 42 } } },
          { expect: { restarts: all1 } },
        ],
        expect: undefined,
      }),
      cluster,
      options,
    );
    const [patched, restarted] = r.observation.checkpoints ?? [];
    expect(calls).to.include('patch');
    expect(patched?.patch?.accepted).to.equal(false, 'the scripted API refuses it: recorded, not thrown');
    expect(patched?.settledAt).to.equal(undefined);
    expect(restarted?.patch).to.equal(undefined);
    expect([restarted?.before?.at, restarted?.after?.at]).to.deep.equal([1, 2]);
  });

  it('wait predicates: condition, phase, container state and restartCount', () => {
    const p = pod(1, 'Running', false, ['sidecar'], { trigger: 2 }, restarting);
    expect(waitPredicate({ condition: 'AllContainersRestarting', status: 'True' })(p).ok).to.equal(true);
    expect(waitPredicate({ condition: 'AllContainersRestarting', status: 'False' })(p)).to.deep.equal({
      ok: false,
      waitingFor: 'condition AllContainersRestarting to be False (is True)',
    });
    expect(waitPredicate({ phase: 'Running' })(p).ok).to.equal(true);
    expect(waitPredicate({ container: 'trigger', state: 'terminated', restartCount: 2 })(p).ok).to.equal(true);
    expect(waitPredicate({ container: 'trigger', restartCount: 3 })(p).waitingFor).to.equal(
      'container trigger restartCount 3 (is 2)',
    );
  });
});
