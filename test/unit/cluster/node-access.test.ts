import { expect } from 'chai';
import {
  criTimeToIso,
  crictlPods,
  parseCrictlContainers,
  parseCrictlInspectPod,
  parseCrictlPods,
  sandboxIdOf,
} from '../../../lib/cluster/node-access.js';
import { nodesReadyState, nodeReadiness } from '../../../lib/cluster/ready.js';
import type { NodeExec } from '../../../lib/cluster/node-access.js';

const PODS = JSON.stringify({
  items: [
    {
      id: 'old',
      metadata: { name: 'rac-base', uid: 'u1', namespace: 'ns1', attempt: 0 },
      state: 'SANDBOX_NOTREADY',
      createdAt: '1785578400000000000',
      labels: {},
    },
    {
      id: 'new',
      metadata: { name: 'rac-base', uid: 'u1', namespace: 'ns1', attempt: 1 },
      state: 'SANDBOX_READY',
      createdAt: '1785578460000000000',
      labels: {},
    },
  ],
});

describe('cluster node access (crictl, readiness)', () => {
  it('reads CRI nanosecond timestamps', () => {
    expect(criTimeToIso('1785578400000000000')).to.equal('2026-08-01T10:00:00.000Z');
    expect(criTimeToIso('0')).to.equal(undefined);
    expect(criTimeToIso('x')).to.equal(undefined);
  });

  it('parses crictl pods, newest first', () => {
    expect(parseCrictlPods(PODS)).to.deep.equal([
      {
        id: 'new',
        name: 'rac-base',
        namespace: 'ns1',
        uid: 'u1',
        attempt: 1,
        state: 'SANDBOX_READY',
        createdAt: '2026-08-01T10:01:00.000Z',
      },
      {
        id: 'old',
        name: 'rac-base',
        namespace: 'ns1',
        uid: 'u1',
        attempt: 0,
        state: 'SANDBOX_NOTREADY',
        createdAt: '2026-08-01T10:00:00.000Z',
      },
    ]);
  });

  it('parses crictl ps and inspectp', () => {
    const ps = JSON.stringify({
      containers: [
        {
          id: 'c1',
          podSandboxId: 'new',
          metadata: { name: 'trigger', attempt: 1 },
          image: { image: 'busybox' },
          state: 'CONTAINER_RUNNING',
          createdAt: '1785578460000000000',
        },
      ],
    });
    expect(parseCrictlContainers(ps)).to.deep.equal([
      {
        id: 'c1',
        sandboxId: 'new',
        name: 'trigger',
        attempt: 1,
        state: 'CONTAINER_RUNNING',
        createdAt: '2026-08-01T10:01:00.000Z',
        image: 'busybox',
      },
    ]);
    const inspect = JSON.stringify({
      status: { id: 'new', state: 'SANDBOX_READY', network: { ip: '10.244.0.5' } },
      info: {
        runtimeSpec: { linux: { namespaces: [{ type: 'pid' }, { type: 'network', path: '/var/run/netns/cni-1234' }] } },
      },
    });
    const d = parseCrictlInspectPod(inspect);
    expect(d).to.include({ id: 'new', state: 'SANDBOX_READY', ip: '10.244.0.5', netns: '/var/run/netns/cni-1234' });
    expect(() => parseCrictlPods('FATA[0000] connect: no such file')).to.throw(/crictl pods: output is not JSON/);
  });

  it('asks crictl inside the node for the pod UID and picks the ready sandbox', async () => {
    const calls: string[][] = [];
    const exec: NodeExec = async (node, argv) => {
      calls.push([node, ...argv]);
      return { exitCode: 0, stdout: PODS, stderr: '', command: '' };
    };
    expect(await sandboxIdOf(exec, 'kind-worker', 'u1')).to.equal('new');
    expect(calls[0]).to.deep.equal([
      'kind-worker',
      'crictl',
      '--runtime-endpoint',
      'unix:///run/containerd/containerd.sock',
      'pods',
      '--label',
      'io.kubernetes.pod.uid=u1',
      '-o',
      'json',
    ]);
    const failing: NodeExec = async () => ({
      exitCode: 1,
      stdout: '',
      stderr: 'crictl: not found',
      command: 'docker exec kind-worker crictl',
    });
    expect(String(await crictlPods(failing, 'kind-worker', 'u1').catch((e: unknown) => e))).to.match(
      /on node kind-worker: docker exec kind-worker crictl exited 1: crictl: not found/,
    );
  });

  it('judges node readiness with the reason of what is not ready', () => {
    const notReady = nodeReadiness({
      metadata: { name: 'kind-worker' },
      status: {
        conditions: [
          { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'container runtime network not ready' },
        ],
      },
    });
    const ready = nodeReadiness({
      metadata: { name: 'kind-control-plane' },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    });
    expect(nodesReadyState([ready, notReady], 2)).to.deep.equal({
      ok: false,
      waitingFor: 'kind-worker Ready=False KubeletNotReady: container runtime network not ready',
    });
    expect(nodesReadyState([ready], 3)).to.deep.equal({ ok: false, waitingFor: '1 of 3 nodes registered' });
    expect(nodesReadyState([ready], 1).ok).to.equal(true);
  });
});
