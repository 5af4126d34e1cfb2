import { expect } from 'chai';
import { DeadlineError } from '../../../lib/errors.js';
import type { JsonObject } from '../../../lib/kube/json.js';
import type { QueryParams } from '../../../lib/kube/transport.js';
import type { WatchHandle, WatchListener, WatchOptions, WatchSource } from '../../../lib/kube/watch.js';
import { allOf, conditionIs, containerIs, podReady } from '../../../lib/observe/predicates.js';
import { PodRecorder, WaitAbortedError } from '../../../lib/observe/recorder.js';
import { basePod } from './fixtures.js';

/** A watch source the test drives: it records what was asked and lets the test emit events. */
class FakeSource implements WatchSource {
  readonly watches: Array<{
    path: string;
    params: QueryParams;
    opts?: WatchOptions;
    emit: WatchListener;
    stopped: boolean;
  }> = [];
  async watch(path: string, params: QueryParams, onEvent: WatchListener, opts?: WatchOptions): Promise<WatchHandle> {
    const w = { path, params, ...(opts ? { opts } : {}), emit: onEvent, stopped: false };
    this.watches.push(w);
    return {
      stop: () => {
        w.stopped = true;
      },
      resourceVersion: '',
      ended: new Promise(() => undefined),
    };
  }
  pods(): WatchListener {
    return (this.watches.find((w) => w.path.endsWith('/pods')) as { emit: WatchListener }).emit;
  }
  events(): WatchListener {
    return (this.watches.find((w) => w.path.endsWith('/events')) as { emit: WatchListener }).emit;
  }
}

const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('observe/recorder (PodRecorder)', () => {
  let clockNow = 1000;
  const clock = (): number => clockNow++;

  it('starts the pod watch at the create response, records it as ADDED, and watches namespace events', async () => {
    const src = new FakeSource();
    const rec = new PodRecorder(src, { namespace: 'ns1', pod: 'rac-base', clock });
    await rec.start({ object: basePod({ rv: '42' }) });
    expect(src.watches.map((w) => w.path)).to.deep.equal([
      '/api/v1/namespaces/ns1/pods',
      '/api/v1/namespaces/ns1/events',
    ]);
    expect(src.watches[0]?.params).to.deep.equal({ fieldSelector: 'metadata.name=rac-base' });
    expect(src.watches[0]?.opts?.resourceVersion).to.equal('42');
    expect(rec.timeline).to.have.length(1);
    expect(rec.timeline[0]).to.include({ kind: 'pod', watch: 'ADDED' });
    expect(rec.latest()?.resourceVersion).to.equal('42');
  });

  it('stamps pod, event and harness entries in arrival order', async () => {
    const src = new FakeSource();
    const rec = new PodRecorder(src, { namespace: 'ns1', pod: 'rac-base', clock });
    await rec.start();
    src.pods()('MODIFIED', basePod({ rv: '101' }));
    rec.mark('trigger', 'wrote 42 to /shared/go');
    src.events()('ADDED', {
      reason: 'Killing',
      message: 'Stopping container bystander',
      type: 'Normal',
      involvedObject: { kind: 'Pod', name: 'rac-base' },
    });
    src.events()('DELETED', { reason: 'Killing' });
    expect(rec.timeline.map((e) => e.kind)).to.deep.equal(['pod', 'harness', 'event']);
    const ats = rec.timeline.map((e) => e.at);
    expect([...ats].sort((a, b) => a - b)).to.deep.equal(ats);
    expect(rec.since(ats[1] as number).map((e) => e.kind)).to.deep.equal(['harness', 'event']);
  });

  it('waitFor resolves at once when the current pod already matches, and records the wait', async () => {
    const src = new FakeSource();
    const rec = new PodRecorder(src, { namespace: 'ns1', pod: 'rac-base', clock });
    await rec.start({ object: basePod() });
    const pod = await rec.waitFor(podReady, { what: 'pod Ready', deadlineSeconds: 5 });
    expect(pod.resourceVersion).to.equal('100');
    expect(rec.waits).to.have.length(1);
    expect(rec.waits[0]).to.include({ what: 'pod Ready', ok: true, deadlineSeconds: 5 });
  });

  it('waitFor is driven by watch events', async () => {
    const src = new FakeSource();
    const rec = new PodRecorder(src, { namespace: 'ns1', pod: 'rac-base', clock });
    await rec.start({ object: basePod() });
    const seenTrue = rec.waitFor(conditionIs('AllContainersRestarting', 'True'), {
      what: 'AllContainersRestarting True',
      deadlineSeconds: 5,
    });
    let resolved = false;
    void seenTrue.then(() => (resolved = true));
    src.pods()('MODIFIED', basePod({ rv: '101' }));
    await tick();
    expect(resolved).to.equal(false);
    src.pods()('MODIFIED', basePod({ rv: '102', restartCondition: 'True' }));
    const pod = await seenTrue;
    expect(pod.resourceVersion).to.equal('102');
    // And back to False with the trigger restarted once, by a compound predicate.
    const settled = rec.waitFor(
      allOf(conditionIs('AllContainersRestarting', 'False'), containerIs('trigger', 'running'), (p) => ({
        ok: (p.containers.find((c) => c.name === 'trigger')?.restartCount ?? 0) >= 1,
        waitingFor: 'trigger restartCount >= 1',
      })),
      {
        what: 'settled',
        deadlineSeconds: 5,
      },
    );
    src.pods()('MODIFIED', basePod({ rv: '103', restartCondition: 'False', triggerRc: 1 }));
    expect((await settled).resourceVersion).to.equal('103');
    expect(rec.waits.map((w) => w.ok)).to.deep.equal([true, true]);
  });

  it('on the deadline throws DeadlineError with what it waited for and the last waitingFor, and records it', async () => {
    const src = new FakeSource();
    const rec = new PodRecorder(src, { namespace: 'ns1', pod: 'rac-base', clock });
    await rec.start({ object: basePod() });
    let err: unknown;
    try {
      await rec.waitFor(conditionIs('AllContainersRestarting', 'True'), {
        what: 'AllContainersRestarting True',
        deadlineSeconds: 0.05,
      });
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(DeadlineError);
    const d = err as DeadlineError;
    expect(d.what).to.equal('AllContainersRestarting True');
    expect(d.lastSeen).to.match(/^condition AllContainersRestarting to be True \(is False\) \(pod: phase Running;/);
    expect(d.message).to.match(/^timed out after 0.05s waiting for AllContainersRestarting True; last seen: condition/);
    expect(rec.waits[0]).to.include({ ok: false, what: 'AllContainersRestarting True' });
  });

  it('says when no pod object was seen at all', async () => {
    const src = new FakeSource();
    const rec = new PodRecorder(src, { namespace: 'ns1', pod: 'rac-base', clock });
    await rec.start();
    const err = await rec.waitFor(podReady, { what: 'pod Ready', deadlineSeconds: 0.02 }).catch((e: unknown) => e);
    expect((err as DeadlineError).lastSeen).to.equal('no pod object seen yet (pod: no pod object seen yet)');
  });

  it('a DELETED pod ends a wait that has not matched; a stopped recorder ends all waits', async () => {
    const src = new FakeSource();
    const rec = new PodRecorder(src, { namespace: 'ns1', pod: 'rac-base', clock });
    await rec.start({ object: basePod() });
    const w = rec.waitFor(conditionIs('AllContainersRestarting', 'True'), {
      what: 'AllContainersRestarting True',
      deadlineSeconds: 5,
    });
    src.pods()('DELETED', basePod({ rv: '200' }) as JsonObject);
    const err = await w.catch((e: unknown) => e);
    expect(err).to.be.instanceOf(WaitAbortedError);
    expect(String(err)).to.match(/pod was deleted/);
    expect(rec.deleted).to.equal(true);

    const rec2 = new PodRecorder(src, { namespace: 'ns1', pod: 'p2', clock });
    await rec2.start({ object: basePod() });
    const w2 = rec2.waitFor(conditionIs('Ready', 'False'), { what: 'not ready', deadlineSeconds: 5 });
    rec2.stop();
    expect(String(await w2.catch((e: unknown) => e))).to.match(/recorder was stopped/);
  });

  it('a terminal watch failure ends pending waits and is marked in the timeline', async () => {
    const src = new FakeSource();
    const rec = new PodRecorder(src, { namespace: 'ns1', pod: 'rac-base', clock });
    await rec.start({ object: basePod() });
    const w = rec.waitFor(conditionIs('Ready', 'False'), { what: 'not ready', deadlineSeconds: 5 });
    src.watches[0]?.opts?.onError?.(new Error('gave up after 8 failed connections'));
    expect(String(await w.catch((e: unknown) => e))).to.match(/pod watch failed: gave up after 8 failed connections/);
    expect(rec.timeline.at(-1)).to.include({ kind: 'harness', stage: 'watch' });
  });

  it('waitQuiet collects what arrives in the window', async () => {
    const src = new FakeSource();
    const rec = new PodRecorder(src, { namespace: 'ns1', pod: 'rac-base', clock });
    await rec.start({ object: basePod() });
    const quiet = rec.waitQuiet(0.05);
    src.pods()('MODIFIED', basePod({ rv: '300', triggerRc: 2 }));
    const entries = await quiet;
    expect(entries).to.have.length(1);
    expect(entries[0]).to.include({ kind: 'pod', watch: 'MODIFIED' });
    expect(rec.waits.at(-1)).to.include({ what: 'a quiet window of 0.05s', ok: true });
  });
});
