// Node actions (kubelet restart, stop, start) through node containers: only on nodes of clusters the
// harness created, unless allowed; a kubelet restart is proven by a new main pid.
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ExistingClusterProvider } from '../../../lib/cluster/existing-provider.js';
import { KindProvider } from '../../../lib/cluster/kind-provider.js';
import { nodeActionTarget, performNodeAction } from '../../../lib/cluster/node-actions.js';
import { KIND_CLUSTER_LABEL, type NodeContainers } from '../../../lib/cluster/node-containers.js';
import { writeOwnership } from '../../../lib/cluster/ownership.js';

/** Node containers in memory: a kubelet whose pid changes on restart; every call recorded. */
function fakeNodes(
  containers: Record<string, string | undefined>,
  opts: { restartKeepsPid?: boolean; restartFails?: boolean } = {},
) {
  const calls: string[] = [];
  let pid = 100;
  const nodes: NodeContainers = {
    async inspect(name) {
      if (!(name in containers)) return undefined;
      const cluster = containers[name];
      const labels: Record<string, string> = cluster ? { [KIND_CLUSTER_LABEL]: cluster } : {};
      return { name, labels, running: true };
    },
    async exec(name, argv) {
      calls.push(`exec ${name} ${argv.join(' ')}`);
      const ok = (stdout: string) => ({ exitCode: 0, stdout, stderr: '', command: argv.join(' ') });
      if (argv.includes('MainPID') || argv.includes('--property=MainPID')) return ok(String(pid));
      if (argv[1] === 'restart') {
        if (opts.restartFails)
          return { exitCode: 1, stdout: '', stderr: 'Job for kubelet.service failed', command: argv.join(' ') };
        if (!opts.restartKeepsPid) pid += 1;
        return ok('');
      }
      if (argv[1] === 'is-active') return ok('active');
      return ok('');
    },
    async stop(name, o) {
      calls.push(`stop ${name} ${o.timeoutSeconds}`);
    },
    async start(name) {
      calls.push(`start ${name}`);
    },
  };
  return { nodes, calls };
}

describe('node actions', () => {
  let cache: string;
  beforeEach(async () => {
    cache = await mkdtemp(path.join(os.tmpdir(), 'ie2e-node-actions-'));
    await writeOwnership({ cluster: 'inplace-e2e-1-35-gates-on-abc123', state: 'ready' }, cache);
  });
  afterEach(() => rm(cache, { recursive: true, force: true }));

  const ours = 'inplace-e2e-1-35-gates-on-abc123-control-plane';
  const containers = {
    [ours]: 'inplace-e2e-1-35-gates-on-abc123',
    'dev-control-plane': 'dev',
    'inplace-e2e-stale-control-plane': 'inplace-e2e-stale',
    postgres: undefined,
  };

  it('acts on nodes of a cluster the harness created (prefix and ownership record)', async () => {
    const { nodes } = fakeNodes(containers);
    expect((await nodeActionTarget(nodes, ours, { allowForeign: false, cache })).name).to.equal(ours);
  });

  it('refuses nodes of other kind clusters, of prefixed clusters without a record, and non-kind containers', async () => {
    const { nodes } = fakeNodes(containers);
    const refused = async (node: string, allowForeign = false) => {
      try {
        await nodeActionTarget(nodes, node, { allowForeign, cache });
      } catch (e) {
        return (e as Error).message;
      }
      return 'allowed';
    };
    expect(await refused('dev-control-plane')).to.match(
      /belongs to kind cluster dev, which this harness did not create.*--allow-node-actions/,
    );
    expect(await refused('inplace-e2e-stale-control-plane')).to.match(
      /kind cluster inplace-e2e-stale, which this harness did not create/,
    );
    expect(await refused('postgres', true)).to.match(/not a kind node/);
    expect(await refused('nope', true)).to.match(/no local container by that name/);
    expect(await refused('dev-control-plane', true)).to.equal('allowed', 'the user opted in');
  });

  it('restarts the kubelet with systemctl and proves it by a new main pid', async () => {
    const { nodes, calls } = fakeNodes(containers);
    const note = await performNodeAction(nodes, ours, 'restartKubelet', { timeoutSeconds: 60 });
    expect(note).to.match(/^restarted the kubelet on .*: pid 100 → 101, active after/);
    expect(calls).to.include(`exec ${ours} systemctl restart kubelet`);
  });

  it('a kubelet that kept its pid, or a failed restart, is an error', async () => {
    const kept = fakeNodes(containers, { restartKeepsPid: true });
    let message = '';
    await performNodeAction(kept.nodes, ours, 'restartKubelet', { timeoutSeconds: 60 }).catch(
      (e: Error) => (message = e.message),
    );
    expect(message).to.contain('kept pid 100');
    const failed = fakeNodes(containers, { restartFails: true });
    await performNodeAction(failed.nodes, ours, 'restartKubelet', { timeoutSeconds: 60 }).catch(
      (e: Error) => (message = e.message),
    );
    expect(message).to.contain('restarting the kubelet failed').and.to.contain('Job for kubelet.service failed');
  });

  it('stops and starts the node container', async () => {
    const { nodes, calls } = fakeNodes(containers);
    await performNodeAction(nodes, ours, 'stop', { timeoutSeconds: 120 });
    await performNodeAction(nodes, ours, 'start', { timeoutSeconds: 120 });
    expect(calls).to.deep.equal([`stop ${ours} 30`, `start ${ours}`]);
  });

  it('providers: kind checks ownership; an existing cluster needs the opt-in', async () => {
    const { nodes, calls } = fakeNodes(containers);
    const kind = new KindProvider({ nodes, cache });
    expect(await kind.nodeAction(ours, 'stop', { timeoutSeconds: 5 })).to.match(/^stopped node container/);
    await kind.nodeAction('dev-control-plane', 'stop', { timeoutSeconds: 5 }).then(
      () => expect.fail('must refuse'),
      (e: Error) => expect(e.message).to.contain('which this harness did not create'),
    );
    const existing = new ExistingClusterProvider('/nonexistent/kubeconfig', { nodes, cache });
    await existing.nodeAction('dev-control-plane', 'restartKubelet', { timeoutSeconds: 5 }).then(
      () => expect.fail('must refuse'),
      (e: Error) => expect(e.message).to.contain('--allow-node-actions'),
    );
    const allowed = new ExistingClusterProvider('/nonexistent/kubeconfig', { nodes, cache, allowNodeActions: true });
    expect(await allowed.nodeAction('dev-control-plane', 'start', { timeoutSeconds: 5 })).to.equal(
      'started node container dev-control-plane in 0.0s',
    );
    expect(calls.filter((c) => c.startsWith('stop') || c.startsWith('start'))).to.deep.equal([
      `stop ${ours} 5`,
      'start dev-control-plane',
    ]);
  });

  it('node exec goes to the node container; an existing cluster only reaches kind node containers', async () => {
    const { nodes, calls } = fakeNodes(containers);
    const existing = new ExistingClusterProvider('/nonexistent/kubeconfig', { nodes, cache });
    expect((await existing.nodeExec('dev-control-plane', ['crictl', 'pods'])).exitCode).to.equal(0);
    await existing.nodeExec('postgres', ['ls']).then(
      () => expect.fail('must refuse'),
      (e: Error) => expect(e.message).to.contain('not a local kind node container'),
    );
    expect(calls).to.deep.equal(['exec dev-control-plane crictl pods']);
  });
});
