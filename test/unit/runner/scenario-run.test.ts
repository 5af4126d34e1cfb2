import { expect } from 'chai';
import { namespaceFor, runScenario } from '../../../lib/runner/scenario-run.js';
import type { NodeObservation, PodSnapshot } from '../../../lib/observe/types.js';
import { basePod, loaded, options, pod, running, scriptedCluster } from './scripted-cluster.js';

describe('scenario lifecycle', () => {
  it('waits for Ready, snapshots before the trigger, triggers through the flag file, settles, snapshots after', async () => {
    const { cluster, calls, execs } = scriptedCluster([
      pod(1, 'Pending', false, []),
      pod(2, 'Running', true, running),
      pod(3, 'Running', false, ['sidecar'], { init: 1, sidecar: 1, trigger: 1, bystander: 1 }),
      pod(4, 'Running', true, running, { init: 1, sidecar: 1, trigger: 1, bystander: 1 }),
    ]);
    const r = await runScenario(
      loaded({
        trigger: { exit: { container: 'trigger', code: 42 } },
        expect: {
          restarts: { init: 1, sidecar: 1, trigger: 1, bystander: 1 },
          runs: { init: 2 },
          final: { phase: 'Running', ready: true },
          identity: { sandbox: 'preserved' },
        },
      }),
      cluster,
      options,
    );
    const o = r.observation;
    expect(o.abortedWith).to.equal(undefined);
    expect(o.admission.accepted).to.equal(true);
    expect(o.before?.at).to.equal(2, 'before is the Ready state right before the trigger');
    expect(o.after?.at).to.equal(4, 'after is the settled state');
    expect(o.journalLinesBeforeTrigger).to.equal(2);
    expect(o.sandbox).to.deep.equal({ source: 'crictl pods on the node', before: 'sandbox-1', after: 'sandbox-1' });
    const trigger = execs.find((e) => (e.command[2] ?? '').startsWith('printf'));
    expect(trigger?.container).to.equal('trigger');
    expect(trigger?.command.slice(4)).to.deep.equal(['42', '/shared/go']);
    expect(o.timeline.some((e) => e.kind === 'harness' && e.stage === 'trigger')).to.equal(true);
    expect(calls.slice(0, 3)).to.deep.equal([
      `ns ${namespaceFor('core', 'R01', 'abc123')}`,
      'create',
      'record rac-base',
    ]);
    await r.cleanup();
    expect(calls.slice(-2)).to.deep.equal(['stop', `delete ns ${r.namespace}`]);
  });

  it('reads the journal only when an expectation is about it', async () => {
    const { cluster, execs } = scriptedCluster([
      pod(1, 'Running', true, running),
      pod(2, 'Running', true, running, { trigger: 1 }),
    ]);
    const r = await runScenario(
      loaded({ trigger: { exit: { container: 'trigger', code: 42 } }, expect: { restarts: { trigger: 1 } } }),
      cluster,
      options,
    );
    expect(r.observation.abortedWith).to.equal(undefined);
    expect(r.observation.journalLinesBeforeTrigger).to.equal(undefined);
    expect(execs.filter((e) => e.command.includes('/shared/journal'))).to.deep.equal([]);
  });

  it('ends after a rejected create without recording or triggering', async () => {
    const { cluster, calls } = scriptedCluster([], {
      admission: {
        accepted: false,
        warnings: [],
        error: { status: 422, message: 'Unsupported value: "RestartAllContainers"', causes: [] },
      },
    });
    const r = await runScenario(loaded({ trigger: { exit: { container: 'trigger', code: 42 } } }), cluster, options);
    expect(r.observation.admission.accepted).to.equal(false);
    expect(r.observation.triggerAt).to.equal(undefined);
    expect(calls).to.not.include('record');
  });

  it('records a missed deadline as the reason the run could not complete', async () => {
    const { cluster } = scriptedCluster([pod(1, 'Running', true, running), pod(2, 'Running', true, running)]);
    const r = await runScenario(
      loaded({
        trigger: { exit: { container: 'trigger', code: 42 } },
        expect: { restarts: { trigger: 1 }, within: 5 },
      }),
      cluster,
      options,
    );
    expect(r.observation.abortedWith).to.match(
      /^timed out after 5s waiting for the pod to settle after the trigger; last seen: .*trigger restartCount \+1/,
    );
    expect(r.observation.after?.at).to.equal(2, 'the last state seen is kept as evidence');
  });

  it('writes a setup token and reports it as the before content of the file', async () => {
    const { cluster } = scriptedCluster([
      pod(1, 'Running', true, running),
      pod(2, 'Running', true, running, { trigger: 1 }),
    ]);
    const r = await runScenario(
      loaded({
        setup: [{ writeFile: { container: 'bystander', path: '/shared/token' } }],
        trigger: { exit: { container: 'trigger', code: 42 } },
        expect: { restarts: { trigger: 1 }, files: [{ path: '/shared/token', preserved: true }] },
      }),
      cluster,
      options,
    );
    const f = r.observation.files.find((x) => x.path === '/shared/token');
    expect(f?.before?.content).to.match(/^token-[0-9a-f]{16}$/);
    expect(f?.after?.content).to.equal(f?.before?.content);
    expect(f?.container).to.equal('trigger', 'read through a running container that mounts /shared');
  });

  it('fails the run when a setup exec exits with an unexpected code', async () => {
    const { cluster } = scriptedCluster([pod(1, 'Running', true, running)]);
    const r = await runScenario(
      loaded({
        setup: [{ exec: { container: 'bystander', command: ['cat', '/nope'] } }],
        trigger: { exit: { container: 'trigger', code: 42 } },
      }),
      cluster,
      options,
    );
    expect(r.observation.abortedWith).to.contain('exec in bystander (cat /nope) exited 3, expected 0');
  });

  it('records the restart fields of the pod as stored (the create response), e.g. rules dropped by the API server', async () => {
    const stored = {
      ...basePod,
      spec: {
        initContainers: [{ name: 'init' }, { name: 'sidecar', restartPolicy: 'Always' }],
        containers: [{ name: 'trigger' }, { name: 'bystander' }],
      },
    };
    const { cluster } = scriptedCluster([], { stored });
    const r = await runScenario(loaded({ expect: { stored: { '*': { restartPolicyRules: 0 } } } }), cluster, options);
    expect(r.observation.stored).to.deep.equal([
      { name: 'init', kind: 'init', restartPolicyRules: 0 },
      { name: 'sidecar', kind: 'sidecar', restartPolicy: 'Always', restartPolicyRules: 0 },
      { name: 'trigger', kind: 'regular', restartPolicyRules: 0 },
      { name: 'bystander', kind: 'regular', restartPolicyRules: 0 },
    ]);
  });

  describe('without a trigger: what the cluster does with the pod by itself (R24)', () => {
    const nodes: NodeObservation[] = [
      { name: 'c-control-plane', declaredFeatures: ['RestartAllContainersOnContainerExits'], labels: {} },
      { name: 'c-worker', declaredFeatures: ['RestartAllContainersOnContainerExits'], labels: {} },
      { name: 'c-worker2', declaredFeatures: [], labels: { 'inplace-e2e.dev/restart-all-containers': 'off' } },
    ];
    const failed = (at: number): PodSnapshot => ({
      ...pod(at, 'Failed', false, []),
      nodeName: 'c-worker2',
      reason: 'NodeFeatureMismatch',
      message: 'missing',
    });

    it('pins the pod to the one node with the labels, waits for the kubelet rejection, reads that node', async () => {
      const { cluster, sent, calls } = scriptedCluster(
        [{ ...pod(1, 'Pending', false, []), nodeName: 'c-worker2' }, failed(2)],
        { nodes },
      );
      const r = await runScenario(
        loaded({
          pinToNode: { labels: { 'inplace-e2e.dev/restart-all-containers': 'off' } },
          expect: {
            placement: {
              kubeletRejection: { reason: 'NodeFeatureMismatch' },
              nodeLacks: ['RestartAllContainersOnContainerExits'],
            },
          },
        }),
        cluster,
        options,
      );
      expect(r.observation.abortedWith).to.equal(undefined);
      expect((sent[0]?.spec as Record<string, unknown>).nodeName).to.equal('c-worker2');
      expect(r.observation.after?.at).to.equal(2, 'settled on phase Failed, not on the first state');
      expect(r.observation.triggerAt).to.equal(undefined);
      expect(r.observation.node?.name).to.equal('c-worker2');
      expect(calls).to.include('record rac-base');
    });

    it('a pod the scheduler cannot place: waits for its PodScheduled=False verdict, reads no node', async () => {
      const unschedulable = {
        ...pod(2, 'Pending', false, []),
        nodeName: undefined,
        conditions: [{ type: 'PodScheduled', status: 'False' as const, reason: 'Unschedulable' }],
      };
      delete (unschedulable as Partial<PodSnapshot>).nodeName;
      const { cluster } = scriptedCluster([{ ...unschedulable, at: 1, conditions: [] }, unschedulable], { nodes });
      const r = await runScenario(
        loaded({ expect: { placement: { scheduled: false }, consistently: 5 } }),
        cluster,
        options,
      );
      expect(r.observation.abortedWith).to.equal(undefined);
      expect(r.observation.after?.at).to.equal(2);
      expect(r.observation.node).to.equal(undefined);
    });

    it('refuses to guess a node: no node or several with the labels end the run before the create', async () => {
      const { cluster, calls } = scriptedCluster([], { nodes });
      const r = await runScenario(
        loaded({ pinToNode: { labels: { 'no-such': 'label' } }, expect: { placement: { scheduled: true } } }),
        cluster,
        options,
      );
      expect(r.observation.abortedWith).to.contain('expected exactly one node labelled no-such=label, found 0');
      expect(calls).to.not.include('create');
    });
  });

  it('names namespaces within 63 characters, unique per run', () => {
    const ns = namespaceFor(
      'a-very-long-suite-name-for-testing',
      'an-even-longer-scenario-name-that-goes-on-and-on',
      'abc123',
    );
    expect(ns.length).to.be.at.most(63);
    expect(ns).to.match(/^ie2e-[a-z0-9-]+-abc123$/);
  });
});
