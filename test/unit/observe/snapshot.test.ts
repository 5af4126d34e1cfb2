import { expect } from 'chai';
import { describePod, eventSnapshot, podSnapshot } from '../../../lib/observe/snapshot.js';
import { basePod } from './fixtures.js';

describe('observe/snapshot', () => {
  it('converts a pod: identity, phase, IPs and conditions with reason and message', () => {
    const s = podSnapshot(basePod({ restartCondition: 'True' }), 1234);
    expect(s).to.include({
      at: 1234,
      resourceVersion: '100',
      uid: '7c1d0c5e-0000-4000-8000-000000000001',
      creationTimestamp: '2026-08-01T10:00:00Z',
      nodeName: 'kind-worker',
      podIP: '10.244.1.5',
      hostIP: '172.18.0.3',
      startTime: '2026-08-01T10:00:01Z',
      phase: 'Running',
    });
    expect(s.podIPs).to.deep.equal(['10.244.1.5']);
    expect(s.conditions.find((c) => c.type === 'AllContainersRestarting')).to.deep.equal({
      type: 'AllContainersRestarting',
      status: 'True',
      reason: 'RestartAllContainersStarted',
      message: 'container exited with restart policy rule',
      lastTransitionTime: '2026-08-01T10:00:03Z',
    });
  });

  it('tells init, sidecar (restartPolicy Always) and regular containers apart, in status order', () => {
    const s = podSnapshot(basePod(), 0);
    expect(s.containers.map((c) => [c.name, c.kind])).to.deep.equal([
      ['init', 'init'],
      ['sidecar', 'sidecar'],
      ['trigger', 'regular'],
      ['bystander', 'regular'],
    ]);
  });

  it('keeps container states, including the null times of a container removed by a restart-all', () => {
    const s = podSnapshot(basePod(), 0);
    const sidecar = s.containers.find((c) => c.name === 'sidecar');
    expect(sidecar?.restartCount).to.equal(1);
    expect(sidecar?.state).to.deep.equal({ running: { startedAt: '2026-08-01T10:00:03Z' } });
    expect(sidecar?.lastState.terminated).to.deep.equal({
      exitCode: 137,
      reason: 'RestartingAllContainers',
      message: 'The container is removed because RestartAllContainers in place',
      startedAt: null,
      finishedAt: null,
    });
    const bystander = s.containers.find((c) => c.name === 'bystander');
    expect(bystander?.state.waiting?.reason).to.equal('RestartingAllContainers');
    expect(bystander?.containerID).to.equal(undefined);
    expect(s.containers.find((c) => c.name === 'init')?.state.terminated).to.include({
      exitCode: 0,
      reason: 'Completed',
      containerID: 'containerd://aaa',
    });
  });

  it('copes with a pod that has no status yet', () => {
    const s = podSnapshot({ metadata: { name: 'p', uid: 'u', resourceVersion: '1' }, spec: {} }, 5);
    expect(s).to.deep.equal({
      at: 5,
      resourceVersion: '1',
      name: 'p',
      uid: 'u',
      creationTimestamp: '',
      podIPs: [],
      phase: 'Unknown',
      conditions: [],
      containers: [],
    });
    expect(describePod(s)).to.equal('phase Unknown; no conditions; no container statuses');
  });

  it('describes a pod in one line', () => {
    expect(describePod(podSnapshot(basePod(), 0))).to.equal(
      'phase Running; PodReadyToStartContainers=True Initialized=True AllContainersRestarting=False Ready=True; ' +
        'init terminated(0 Completed) rc=0 ready, sidecar running rc=1 ready, trigger running rc=0 ready, bystander waiting(RestartingAllContainers) rc=0',
    );
  });

  it('converts core/v1 events, including series-style ones', () => {
    const e = eventSnapshot(
      {
        metadata: { name: 'rac-base.1', namespace: 'ns1' },
        involvedObject: { kind: 'Pod', name: 'rac-base', fieldPath: 'spec.containers{bystander}' },
        reason: 'Killing',
        message: 'Stopping container bystander',
        type: 'Normal',
        count: 1,
        firstTimestamp: '2026-08-01T10:01:00Z',
        lastTimestamp: '2026-08-01T10:01:00Z',
        source: { component: 'kubelet', host: 'kind-worker' },
      },
      99,
    );
    expect(e).to.deep.equal({
      at: 99,
      reason: 'Killing',
      message: 'Stopping container bystander',
      type: 'Normal',
      fieldPath: 'spec.containers{bystander}',
      count: 1,
      firstTimestamp: '2026-08-01T10:01:00Z',
      lastTimestamp: '2026-08-01T10:01:00Z',
      involvedObject: 'Pod/rac-base',
      source: 'kubelet',
    });
    const series = eventSnapshot(
      {
        reason: 'BackOff',
        message: 'm',
        type: 'Warning',
        eventTime: '2026-08-01T10:02:00.000000Z',
        series: { count: 4, lastObservedTime: '2026-08-01T10:03:00.000000Z' },
        reportingComponent: 'kubelet',
      },
      1,
    );
    expect(series).to.include({
      count: 4,
      firstTimestamp: '2026-08-01T10:02:00.000000Z',
      lastTimestamp: '2026-08-01T10:03:00.000000Z',
      source: 'kubelet',
    });
  });
});
