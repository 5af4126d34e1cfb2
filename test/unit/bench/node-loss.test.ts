import { expect } from 'chai';
import { CleanupRegistry } from '../../../lib/cluster/reaper.js';
import { loseNode, waitNodeReadySince, type NodeClient } from '../../../lib/bench/node-loss.js';
import { nodePowerFor, schedulable } from '../../../lib/bench/node-power.js';
import type { ClusterSession } from '../../../lib/cluster/session.js';
import type { JsonObject } from '../../../lib/kube/json.js';
import type { WatchHandle, WatchListener } from '../../../lib/kube/watch.js';

function node(status: 'True' | 'Unknown', heartbeat: string): JsonObject {
  return {
    metadata: { name: 'w1' },
    status: { conditions: [{ type: 'Ready', status, lastHeartbeatTime: heartbeat }] },
  };
}

/** A node API: records patches; the watch replays `current` and then whatever the test emits. */
class FakeNodes implements NodeClient {
  patches: Array<{ path: string; body: unknown }> = [];
  emit?: WatchListener;
  constructor(public current: JsonObject) {}
  async patchResource(path: string, body: unknown): Promise<JsonObject> {
    this.patches.push({ path, body });
    return {};
  }
  async watch(_path: string, _params: unknown, onEvent: WatchListener): Promise<WatchHandle> {
    this.emit = onEvent;
    queueMicrotask(() => onEvent('ADDED', this.current));
    return { stop: () => undefined, resourceVersion: '', ended: new Promise(() => undefined) };
  }
}

describe('bench/node-loss', () => {
  const since = Date.parse('2026-01-01T00:01:00.400Z');

  it('a node is back only with a Ready heartbeat from after its restart (whole seconds: the same second counts)', async () => {
    const api = new FakeNodes(node('True', '2026-01-01T00:00:30Z')); // Ready, but from before the stop: stale
    const back = waitNodeReadySince(api, 'w1', since, 5);
    let done = false;
    void back.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(done).to.equal(false);
    api.emit?.('MODIFIED', node('Unknown', '2026-01-01T00:01:02Z'));
    await new Promise((r) => setTimeout(r, 10));
    expect(done).to.equal(false);
    api.emit?.('MODIFIED', node('True', '2026-01-01T00:01:00Z'));
    await back;
  });

  it('names the last status on the deadline', async () => {
    const api = new FakeNodes(node('Unknown', '2026-01-01T00:00:30Z'));
    const err = await waitNodeReadySince(api, 'w1', since, 0.05).catch((e: unknown) => e);
    expect(String(err)).to.match(
      /node w1 Ready again after its restart; last seen: Ready=Unknown, last heartbeat 2026-01-01T00:00:30Z/,
    );
  });

  it('loseNode stops the node and registers the undo; restore starts it, waits, uncordons and unregisters, once', async () => {
    const api = new FakeNodes(node('True', '2999-01-01T00:00:00Z'));
    const calls: string[] = [];
    const power = {
      stop: async (n: string) => void calls.push(`stop ${n}`),
      start: async (n: string) => void calls.push(`start ${n}`),
    };
    const registry = new CleanupRegistry({ log: () => undefined });
    const lost = await loseNode(api, power, registry, 'w1', { readyDeadlineSeconds: 5, log: () => undefined });
    expect(calls).to.deep.equal(['stop w1']);
    expect(api.patches).to.deep.equal([]); // cordoning is the coordinator's response, not part of the loss
    expect(registry.pending).to.equal(1);
    await Promise.all([lost.restore(), lost.restore()]);
    expect(calls).to.deep.equal(['stop w1', 'start w1']);
    expect(api.patches).to.deep.equal([{ path: '/api/v1/nodes/w1', body: { spec: { unschedulable: null } } }]);
    expect(registry.pending).to.equal(0);
  });

  it('a run that ends before restoring starts the node again through the cleanup registry', async () => {
    const api = new FakeNodes(node('True', '2999-01-01T00:00:00Z'));
    const calls: string[] = [];
    const power = {
      stop: async (n: string) => void calls.push(`stop ${n}`),
      start: async (n: string) => void calls.push(`start ${n}`),
    };
    const registry = new CleanupRegistry({ log: () => undefined });
    await loseNode(api, power, registry, 'w1', { readyDeadlineSeconds: 5, log: () => undefined });
    const outcomes = await registry.runAll('interrupted');
    expect(outcomes).to.deep.equal([{ description: 'stopped node w1', ok: true }]);
    expect(calls).to.deep.equal(['stop w1', 'start w1']);
  });
});

describe('bench/node-power: which nodes a run may stop', () => {
  const n = (name: string, opts: { cp?: boolean; cordoned?: boolean; taint?: string } = {}): JsonObject => ({
    metadata: { name, labels: opts.cp ? { 'node-role.kubernetes.io/control-plane': '' } : {} },
    spec: {
      ...(opts.cordoned ? { unschedulable: true } : {}),
      ...(opts.taint ? { taints: [{ key: 'k', effect: opts.taint }] } : {}),
    },
  });
  const nodes = [n('cp', { cp: true, taint: 'NoSchedule' }), n('w1'), n('w2')];
  const actions: string[] = [];
  const session = {
    name: 'c',
    created: true,
    provider: {
      kind: 'kind',
      nodeAction: async (node: string, action: string, o: { timeoutSeconds: number }) => (
        actions.push(`${action} ${node} ${o.timeoutSeconds}`),
        'done'
      ),
    },
  } as unknown as ClusterSession;

  it('schedulable: no NoSchedule/NoExecute taint and not cordoned', () => {
    expect(nodes.map(schedulable)).to.deep.equal([false, true, true]);
    expect(schedulable(n('x', { cordoned: true }))).to.equal(false);
    expect(schedulable(n('x', { taint: 'PreferNoSchedule' }))).to.equal(true);
  });

  it('an existing cluster without the opt-in: no node is stopped, and the reason says how to allow it', () => {
    const p = nodePowerFor(session, nodes, { existingCluster: true, allowNodeActions: false });
    expect(p)
      .to.have.property('why')
      .that.matches(/existing cluster; pass --allow-node-actions/);
  });

  it('needs two workers besides the control plane (a single-node cluster has none to lose)', () => {
    const p = nodePowerFor(session, [n('cp', { cp: true })], { existingCluster: false, allowNodeActions: false });
    expect(p)
      .to.have.property('why')
      .that.matches(/two worker nodes besides the control plane; c has 0/);
  });

  it('stops workers through the provider, with no grace, and refuses anything else', async () => {
    const p = nodePowerFor(session, nodes, { existingCluster: false, allowNodeActions: false });
    if (!('power' in p)) throw new Error(p.why);
    await p.power.stop('w2');
    await p.power.start('w2');
    expect(actions).to.deep.equal(['stop w2 0', 'start w2 60']); // stop: SIGKILL at once
    expect(String(await p.power.stop('cp').catch((e: unknown) => e))).to.match(
      /refusing to stop cp: not a worker node this run may stop \(w1, w2\)/,
    );
  });
});
