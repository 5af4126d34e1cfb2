import { expect } from 'chai';
import { fleetRecovery } from '../../../lib/bench/fleet-times.js';
import { fleetCell, fleetRatios, scaleFits } from '../../../lib/bench/summarize.js';
import type { FleetRep } from '../../../lib/bench/types.js';
import type { JsonObject } from '../../../lib/kube/json.js';
import type { QueryParams } from '../../../lib/kube/transport.js';
import type { WatchHandle, WatchListener, WatchOptions, WatchSource } from '../../../lib/kube/watch.js';
import { PodSetRecorder } from '../../../lib/observe/pod-set-recorder.js';
import { podSnapshot } from '../../../lib/observe/snapshot.js';
import type { TimelineEntry } from '../../../lib/observe/types.js';

interface WorkerState {
  uid: string;
  node?: string;
  phase?: string;
  conditions?: Record<string, 'True' | 'False'>;
  /** restartCount of setup, watcher, main; all 0 by default. */
  rc?: number;
  setup?: 'running' | 'done' | 'waiting';
  running?: boolean;
  created?: string;
}

/** A fleet worker as the API server shows it: init `setup`, sidecar `watcher`, container `main`. */
function worker(name: string, s: WorkerState): JsonObject {
  const rc = s.rc ?? 0;
  const setupState =
    s.setup === 'running'
      ? { running: { startedAt: '2026-01-01T00:00:10Z' } }
      : s.setup === 'waiting'
        ? { waiting: {} }
        : { terminated: { exitCode: 0, startedAt: '2026-01-01T00:00:10Z' } };
  const run =
    s.running === false
      ? { waiting: { reason: 'PodInitializing' } }
      : { running: { startedAt: '2026-01-01T00:00:11Z' } };
  return {
    metadata: {
      name,
      uid: s.uid,
      resourceVersion: '1',
      creationTimestamp: s.created ?? '2026-01-01T00:00:00Z',
      labels: { app: 'w' },
    },
    spec: {
      ...(s.node ? { nodeName: s.node } : {}),
      initContainers: [{ name: 'setup' }, { name: 'watcher', restartPolicy: 'Always' }],
      containers: [{ name: 'main' }],
    },
    status: {
      phase: s.phase ?? 'Running',
      conditions: Object.entries(
        s.conditions ?? { PodReadyToStartContainers: 'True', Initialized: 'True', Ready: 'True' },
      ).map(([type, status]) => ({ type, status })),
      initContainerStatuses: [
        { name: 'setup', restartCount: rc, state: setupState, lastState: {} },
        { name: 'watcher', restartCount: rc, state: run, lastState: {} },
      ],
      containerStatuses: [{ name: 'main', restartCount: rc, state: run, lastState: {} }],
    },
  };
}

const T0 = 1_000_000;
const entry = (dt: number, watch: 'ADDED' | 'MODIFIED' | 'DELETED', obj: JsonObject): TimelineEntry => ({
  at: T0 + dt,
  kind: 'pod',
  watch,
  pod: podSnapshot(obj, T0 + dt),
});

describe('bench/fleet-times', () => {
  const before = [
    podSnapshot(worker('w-0', { uid: 'a0', node: 'n1' }), T0 - 1),
    podSnapshot(worker('w-1', { uid: 'b0', node: 'n2' }), T0 - 1),
  ];

  // w-0 is recreated (its node was lost): deleted, created, scheduled, sandbox, init, ready.
  // w-1 restarts in place: condition True, containers back with rc 1, setup done, Ready.
  const entries: TimelineEntry[] = [
    entry(
      100,
      'MODIFIED',
      worker('w-1', {
        uid: 'b0',
        node: 'n2',
        conditions: { AllContainersRestarting: 'True', Initialized: 'True', Ready: 'False' },
      }),
    ),
    entry(150, 'DELETED', worker('w-0', { uid: 'a0', node: 'n1' })),
    entry(
      200,
      'ADDED',
      worker('w-0', {
        uid: 'a1',
        phase: 'Pending',
        conditions: {},
        setup: 'waiting',
        running: false,
        created: '2026-01-01T00:01:00Z',
      }),
    ),
    entry(
      260,
      'MODIFIED',
      worker('w-0', {
        uid: 'a1',
        node: 'n2',
        phase: 'Pending',
        conditions: { PodScheduled: 'True' },
        setup: 'waiting',
        running: false,
      }),
    ),
    entry(
      900,
      'MODIFIED',
      worker('w-1', {
        uid: 'b0',
        node: 'n2',
        rc: 1,
        setup: 'running',
        running: false,
        conditions: { Initialized: 'True', Ready: 'False' },
      }),
    ),
    entry(
      1000,
      'MODIFIED',
      worker('w-0', {
        uid: 'a1',
        node: 'n2',
        phase: 'Pending',
        conditions: { PodReadyToStartContainers: 'True', Initialized: 'False' },
        setup: 'running',
        running: false,
      }),
    ),
    // recreated: setup exited 0, the sidecar not started yet, so Initialized is still False: init done all the same
    entry(
      1500,
      'MODIFIED',
      worker('w-0', {
        uid: 'a1',
        node: 'n2',
        phase: 'Pending',
        conditions: { PodReadyToStartContainers: 'True', Initialized: 'False' },
        setup: 'done',
        running: false,
      }),
    ),
    // in place, setup done, but not every container restarted yet: not init-done for the pod
    entry(
      1900,
      'MODIFIED',
      worker('w-1', {
        uid: 'b0',
        node: 'n2',
        rc: 1,
        setup: 'done',
        conditions: { Initialized: 'True', Ready: 'False' },
      }),
    ),
    entry(
      2000,
      'MODIFIED',
      worker('w-0', {
        uid: 'a1',
        node: 'n2',
        phase: 'Pending',
        conditions: { PodReadyToStartContainers: 'True', Initialized: 'True', Ready: 'False' },
      }),
    ),
    entry(2100, 'MODIFIED', worker('w-1', { uid: 'b0', node: 'n2', rc: 1 })),
    entry(2500, 'MODIFIED', worker('w-0', { uid: 'a1', node: 'n2' })),
  ];

  it('tells recreated from in-place pods and times each milestone from the failure', () => {
    const r = fleetRecovery({ before, entries, failureAt: T0 });
    expect(r.pods[0]).to.deep.equal({
      name: 'w-0',
      path: 'recreated',
      nodeBefore: 'n1',
      node: 'n2',
      deleted: 150,
      created: 200,
      scheduled: 260,
      sandbox: 1000,
      initDone: 1500,
      ready: 2500,
    });
    expect(r.pods[1]).to.deep.equal({
      name: 'w-1',
      path: 'in-place',
      nodeBefore: 'n2',
      node: 'n2',
      restarting: 100,
      initDone: 1900,
      ready: 2100,
    });
    expect(r.recoveryMs).to.equal(2500);
    expect(r.milestones).to.deep.equal({
      deleted: 150,
      created: 200,
      scheduled: 260,
      sandbox: 1000,
      initDone: 1500,
      ready: 2500,
    });
    expect(r.steps).to.deep.equal({
      deleted: 150,
      created: 50,
      scheduled: 60,
      sandbox: 740,
      initDone: 500,
      ready: 1000,
    });
    expect(r.missing).to.deep.equal([]);
  });

  it('an in-place pod that is Ready before it restarted is not recovered; the fleet then has no recovery time', () => {
    const stillReady = entry(50, 'MODIFIED', worker('w-1', { uid: 'b0', node: 'n2' })); // the kubelet has not reacted yet
    const r = fleetRecovery({
      before,
      entries: [stillReady, ...entries.filter((e) => e.at - T0 < 2100)],
      failureAt: T0,
    });
    expect(r.pods[1]?.ready).to.equal(undefined);
    expect(r.pods[0]?.ready).to.equal(undefined);
    expect(r.recoveryMs).to.equal(undefined);
    expect(r.missing).to.deep.equal([
      'w-0 was not seen Ready again (recreated)',
      'w-1 was not seen Ready again (in-place)',
    ]);
  });

  it('summarizes cells over repetitions, the recreate/in-place ratio and the growth with N', () => {
    const rep = (n: number, strategy: FleetRep['strategy'], ms: number, index = 0): FleetRep => ({
      index,
      strategy,
      n,
      failureAt: T0,
      failure: 'x',
      recovery: { pods: [], recoveryMs: ms, milestones: { ready: ms }, steps: { ready: ms / 2 }, missing: [] },
    });
    const cells = [
      fleetCell(1, 'recreate', [rep(1, 'recreate', 4000), rep(1, 'recreate', 6000, 1)]),
      fleetCell(1, 'in-place', [rep(1, 'in-place', 2000)]),
      fleetCell(4, 'recreate', [rep(4, 'recreate', 8000)]),
      fleetCell(4, 'in-place', [rep(4, 'in-place', 2000), { ...rep(4, 'in-place', 99999, 1), error: 'timed out' }]),
      fleetCell(4, 'hybrid', [], 'needs a harness-created kind cluster'),
    ];
    expect(cells[0]?.recovery).to.include({ n: 2, p50: 4000, p95: 6000 });
    expect(cells[0]?.milestones.ready).to.equal(4000);
    expect(cells[3]?.recovery).to.include({ n: 1, p50: 2000 }); // the failed repetition is not a figure
    expect(cells[4]?.skipped).to.match(/kind/);
    expect(fleetRatios(cells)).to.deep.equal([
      { n: 1, recreateOverInPlace: 2 },
      { n: 4, recreateOverInPlace: 4 },
    ]);
    const fits = scaleFits(cells);
    expect(fits.map((f) => f.strategy)).to.deep.equal(['recreate', 'in-place']);
    expect(fits[0]?.power?.exponent).to.be.closeTo(0.5, 1e-12); // 4 s → 8 s when N goes 1 → 4
    expect(fits[1]?.linear?.slope).to.equal(0);
  });
});

class FakeSource implements WatchSource {
  emit?: WatchListener;
  params?: QueryParams;
  async watch(_path: string, params: QueryParams, onEvent: WatchListener, _opts?: WatchOptions): Promise<WatchHandle> {
    this.emit = onEvent;
    this.params = params;
    return { stop: () => undefined, resourceVersion: '', ended: new Promise(() => undefined) };
  }
}

describe('observe/pod-set-recorder', () => {
  it('keeps, per name, the newest live pod; waits are driven by the watch', async () => {
    const src = new FakeSource();
    let now = 0;
    const rec = new PodSetRecorder(src, { namespace: 'ns', labelSelector: 'app=w', clock: () => ++now });
    await rec.start();
    expect(src.params).to.deep.equal({ labelSelector: 'app=w' });
    const emit = src.emit as WatchListener;
    emit('ADDED', worker('w-0', { uid: 'a0' }));
    emit('ADDED', worker('w-1', { uid: 'b0' }));
    const gone = rec.waitFor((s) => ({ ok: s.pods.get('w-0')?.uid === 'a1', waitingFor: 'w-0 recreated' }), {
      what: 'w-0 recreated',
      deadlineSeconds: 5,
    });
    emit('MODIFIED', worker('w-0', { uid: 'a0', phase: 'Running' }));
    emit('ADDED', worker('w-0', { uid: 'a1', created: '2026-01-01T00:01:00Z' })); // new one before the old is gone
    emit('MODIFIED', worker('w-0', { uid: 'a0' })); // a late update of the old one does not win
    const s = await gone;
    expect(s.pods.get('w-0')?.uid).to.equal('a1');
    emit('DELETED', worker('w-0', { uid: 'a0' }));
    expect([...rec.current().pods.keys()].sort()).to.deep.equal(['w-0', 'w-1']);
    expect(rec.current().pods.get('w-0')?.uid).to.equal('a1');
    expect(rec.timeline.filter((e) => e.kind === 'pod')).to.have.length(6);
  });

  it('names what it waited for and the live pods on the deadline', async () => {
    const src = new FakeSource();
    const rec = new PodSetRecorder(src, { namespace: 'ns', labelSelector: 'app=w' });
    await rec.start();
    src.emit?.('ADDED', worker('w-0', { uid: 'a0' }));
    const err = await rec
      .waitFor(() => ({ ok: false, waitingFor: '2 pods Ready (1 are)' }), {
        what: 'fleet Ready',
        deadlineSeconds: 0.02,
      })
      .catch((e: unknown) => e);
    expect(String(err)).to.match(
      /timed out after 0.02s waiting for fleet Ready; last seen: 2 pods Ready \(1 are\) \(1 live pod\(s\); w-0: phase Running/,
    );
    rec.stop();
    expect(
      String(
        await rec
          .waitFor(() => ({ ok: false, waitingFor: '' }), { what: 'x', deadlineSeconds: 1 })
          .catch((e: unknown) => e),
      ),
    ).to.match(/recorder was stopped/);
  });
});
