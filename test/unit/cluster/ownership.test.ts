import { expect } from 'chai';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  classifyClusters,
  listOwnershipRecords,
  readOwnership,
  writeOwnership,
  type OwnershipRecord,
} from '../../../lib/cluster/ownership.js';
import { hasHarnessPrefix } from '../../../lib/cluster/names.js';
import { KindProvider } from '../../../lib/cluster/kind-provider.js';
import { cleanupHarnessClusters } from '../../../lib/cluster/session.js';
import type { CommandResult, HostCommand } from '../../../lib/host/command.js';

const rec = (cluster: string, extra: Partial<OwnershipRecord> = {}): OwnershipRecord => ({
  cluster,
  createdAt: '2026-08-01T00:00:00Z',
  host: 'h',
  pid: 1,
  state: 'ready',
  ...extra,
});

/** A fake `kind`/`docker` that knows a set of clusters and records calls. */
function fakeKind(clusters: string[]): { run: HostCommand; calls: string[][] } {
  const calls: string[][] = [];
  const run: HostCommand = async (file, args) => {
    calls.push([file, ...args]);
    const ok = (stdout = ''): CommandResult => ({
      exitCode: 0,
      stdout,
      stderr: '',
      command: [file, ...args].join(' '),
    });
    if (file === 'kind' && args[0] === 'get' && args[1] === 'clusters') return ok(clusters.join('\n'));
    if (file === 'kind' && args[0] === 'delete') {
      const name = args[args.indexOf('--name') + 1] as string;
      clusters.splice(clusters.indexOf(name), 1);
      return ok();
    }
    if (file === 'kind' && args[0] === 'create') {
      clusters.push(args[args.indexOf('--name') + 1] as string);
      return ok();
    }
    return ok();
  };
  return { run, calls };
}

describe('cluster ownership (prefix AND record)', () => {
  let cache: string;
  beforeEach(async () => {
    cache = await mkdtemp(path.join(os.tmpdir(), 'inplace-e2e-test-'));
  });
  afterEach(async () => {
    await rm(cache, { recursive: true, force: true });
  });

  it('classifies: owned needs both marks; prefix-only is reported; records without a cluster are stale; live ones busy', () => {
    const c = classifyClusters(
      ['kind', 'inplace-e2e-a-1', 'inplace-e2e-b-2', 'inplace-e2e-c-3'],
      [rec('inplace-e2e-a-1'), rec('inplace-e2e-gone-9'), rec('inplace-e2e-c-3', { pid: 4242 })],
      hasHarnessPrefix,
      (r) => r.pid === 4242,
    );
    expect(c).to.deep.equal({
      owned: ['inplace-e2e-a-1'],
      prefixOnly: ['inplace-e2e-b-2'],
      staleRecords: ['inplace-e2e-gone-9'],
      busy: ['inplace-e2e-c-3'],
    });
  });

  it('writes and reads records', async () => {
    await writeOwnership({ cluster: 'inplace-e2e-x-1', state: 'creating', profile: 'p' }, cache);
    const r = await readOwnership('inplace-e2e-x-1', cache);
    expect(r).to.include({ cluster: 'inplace-e2e-x-1', state: 'creating', profile: 'p', pid: process.pid });
    expect((await listOwnershipRecords(cache)).map((x) => x.cluster)).to.deep.equal(['inplace-e2e-x-1']);
    expect(await readOwnership('nope', cache)).to.equal(undefined);
  });

  it('KindProvider.create writes the record first and keeps the user kubeconfig out of it', async () => {
    const { run, calls } = fakeKind([]);
    const p = new KindProvider({ run, cache });
    const kubeconfig = await p.create({
      name: 'inplace-e2e-dev-abc',
      configFile: '/tmp/kind.yaml',
      image: 'inplace-e2e/node:v1.35.8',
      profile: 'dev',
    });
    expect(kubeconfig).to.equal(path.join(cache, 'clusters/inplace-e2e-dev-abc/kubeconfig'));
    const create = calls.find((c) => c[1] === 'create') as string[];
    expect(create).to.deep.equal([
      'kind',
      'create',
      'cluster',
      '--name',
      'inplace-e2e-dev-abc',
      '--config',
      '/tmp/kind.yaml',
      '--kubeconfig',
      kubeconfig,
      '--wait',
      '0s',
      '--image',
      'inplace-e2e/node:v1.35.8',
    ]);
    expect(await readOwnership('inplace-e2e-dev-abc', cache)).to.include({
      state: 'ready',
      image: 'inplace-e2e/node:v1.35.8',
      profile: 'dev',
    });
  });

  it('refuses to create or delete anything that is not a harness cluster', async () => {
    const { run } = fakeKind(['kind', 'inplace-e2e-foreign-1']);
    const p = new KindProvider({ run, cache });
    expect(String(await p.create({ name: 'kind2', configFile: 'x' }).catch((e: unknown) => e))).to.match(
      /refusing to create "kind2"/,
    );
    expect(String(await p.delete('kind').catch((e: unknown) => e))).to.match(
      /refusing to delete kind cluster "kind": it is not a harness cluster/,
    );
    expect(String(await p.delete('inplace-e2e-foreign-1').catch((e: unknown) => e))).to.match(/not a harness cluster/);
  });

  it('cleanup deletes owned clusters, drops stale records, and only reports prefix-only ones', async () => {
    const clusters = ['kind', 'inplace-e2e-mine-1', 'inplace-e2e-theirs-2'];
    const { run, calls } = fakeKind(clusters);
    await writeOwnership({ cluster: 'inplace-e2e-mine-1', state: 'ready', pid: 999999999 }, cache);
    await writeOwnership({ cluster: 'inplace-e2e-old-3', state: 'ready', pid: 999999999 }, cache);
    const lines: string[] = [];
    const report = await cleanupHarnessClusters({ cache, run, log: (l) => lines.push(l) });
    expect(report.deleted).to.deep.equal(['inplace-e2e-mine-1']);
    expect(report.prefixOnly).to.deep.equal(['inplace-e2e-theirs-2']);
    expect(report.staleRecords).to.deep.equal(['inplace-e2e-old-3']);
    expect(clusters).to.deep.equal(['kind', 'inplace-e2e-theirs-2']);
    expect(calls.filter((c) => c[1] === 'delete').map((c) => c[4])).to.deep.equal(['inplace-e2e-mine-1']);
    expect(await stat(path.join(cache, 'clusters/inplace-e2e-old-3')).catch(() => 'gone')).to.equal('gone');
    expect(lines.join('\n')).to.match(/not deleting inplace-e2e-theirs-2: .*no ownership record/);
  });

  it('cleanup NAME deletes only the named cluster, and names what is no harness cluster', async () => {
    const clusters = ['kind', 'inplace-e2e-mine-1', 'inplace-e2e-mine-2', 'inplace-e2e-theirs-3'];
    const { run, calls } = fakeKind(clusters);
    await writeOwnership({ cluster: 'inplace-e2e-mine-1', state: 'ready', pid: 999999999 }, cache);
    await writeOwnership({ cluster: 'inplace-e2e-mine-2', state: 'ready', pid: 999999999 }, cache);
    const report = await cleanupHarnessClusters({
      cache,
      run,
      names: ['inplace-e2e-mine-2', 'inplace-e2e-theirs-3', 'kind', 'inplace-e2e-gone-9'],
    });
    expect(report.deleted).to.deep.equal(['inplace-e2e-mine-2']);
    expect(report.prefixOnly).to.deep.equal(['inplace-e2e-theirs-3']);
    expect(report.unknown).to.deep.equal(['kind', 'inplace-e2e-gone-9']);
    expect(clusters).to.deep.equal(['kind', 'inplace-e2e-mine-1', 'inplace-e2e-theirs-3']);
    expect(calls.filter((c) => c[1] === 'delete').map((c) => c[4])).to.deep.equal(['inplace-e2e-mine-2']);
  });
});
