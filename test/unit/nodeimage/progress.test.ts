// What a node-image build tells while it works: numbering over the whole build, quiet stages with
// a log file each, estimates from the previous build, ::group:: folds, the total.
import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildProgress, estimateFor, formatDuration } from '../../../lib/nodeimage/progress.js';
import { runStages, type Stage, type StageContext, type StageOutput } from '../../../lib/nodeimage/stage.js';

describe('node image build progress', () => {
  let dir: string;
  let lines: string[];
  let now: number;
  const have = new Set<string>();
  const probe = async (o: StageOutput) => have.has('file' in o ? o.file : o.image);
  /** runStages' clock is in milliseconds, the progress's in seconds: one fake time for both. */
  const ms = () => now * 1000;
  /** A stage that prints `output` (as a script would, through ctx.log), takes `seconds` and makes its file. */
  const stage = (name: string, seconds: number, output: string[] = [], fail?: string): Stage => ({
    name,
    cacheKey: () => ({ key: `${name} v1`, outputs: [{ file: `/c/${name}` }] }),
    run: async (c: StageContext) => {
      for (const l of output) c.log(l);
      now += seconds;
      if (fail) throw new Error(fail);
      have.add(`/c/${name}`);
    },
  });
  const progress = (extra: Partial<ConstructorParameters<typeof BuildProgress>[0]> = {}) =>
    new BuildProgress({
      total: 4,
      line: (l) => lines.push(l),
      logDir: join(dir, 'logs'),
      timingsFile: join(dir, 'timings.json'),
      now: () => now,
      ...extra,
    });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inplace-e2e-progress-'));
    lines = [];
    now = 1000;
    have.clear();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('numbers stages over the whole build, keeps their output in a log file each, and ends with the total', async () => {
    have.add('/c/kind');
    const p = progress();
    const ctx = { log: (l: string) => p.line(l) };
    await runStages([stage('rootfs', 73, ['debootstrap …']), stage('kind', 5)], ctx, probe, ms, p);
    await runStages([stage('etcd', 185, ['go: downloading x', 'built etcd']), stage('pause', 2)], ctx, probe, ms, p);
    p.finish();
    expect(lines).to.deep.equal([
      '[1/4] rootfs (rootfs v1) ...',
      '[1/4] rootfs (rootfs v1) done in 1m13s',
      '[2/4] kind (kind v1) cached',
      '[3/4] etcd (etcd v1) ...',
      '[3/4] etcd (etcd v1) done in 3m05s',
      '[4/4] pause (pause v1) ...',
      '[4/4] pause (pause v1) done in 2s',
      `node image: 3 stage(s) built, 1 cached, total 4m20s; stage logs in ${join(dir, 'logs')}`,
    ]);
    expect(await readFile(join(dir, 'logs', '03-etcd.log'), 'utf8')).to.equal(
      '# [3/4] etcd (etcd v1)\ngo: downloading x\nbuilt etcd\n',
    );
    const timings = JSON.parse(await readFile(join(dir, 'timings.json'), 'utf8'));
    expect(timings.etcd).to.deep.equal({ last: 185, byKey: { 'etcd v1': 185 } });
    expect(timings).not.to.have.property('kind'); // cached: says nothing about how long a build takes
  });

  it('names the stage log when a stage fails, with the output it wrote', async () => {
    const p = progress();
    const err = (await runStages(
      [stage('coredns', 12, ['compiling', 'error: disk full'], 'build-gomod.sh exited with 1')],
      { log: () => undefined },
      probe,
      ms,
      p,
    ).catch((e: unknown) => e)) as Error;
    const log = join(dir, 'logs', '01-coredns.log');
    expect(err.message).to.equal(
      `node-image stage "coredns" (coredns v1) failed after 12.0s: build-gomod.sh exited with 1\nwhole output of the stage: ${log}`,
    );
    expect(lines.at(-1)).to.equal(`[1/4] coredns (coredns v1) FAILED after 12s; its whole output: ${log}`);
    expect(await readFile(log, 'utf8')).to.contain('error: disk full');
    expect(lines.join('\n')).not.to.contain('compiling'); // quiet: only in the file
  });

  it('estimates from the previous build: per stage, and the time left for the build', async () => {
    await writeFile(
      join(dir, 'timings.json'),
      JSON.stringify({ etcd: { last: 180, byKey: { 'etcd v1': 185 } }, coredns: { last: 600, byKey: {} } }),
    );
    const p = progress();
    const ctx = { log: () => undefined };
    let status = '';
    const slow: Stage = {
      name: 'etcd',
      cacheKey: () => ({ key: 'etcd v1', outputs: [{ file: '/c/etcd' }] }),
      run: async () => {
        now += 60;
        status = p.statusLine();
        have.add('/c/etcd');
      },
    };
    await runStages([slow], ctx, probe, ms, p);
    expect(lines[0]).to.equal('[1/4] etcd (etcd v1) ... (previous build: 3m05s)');
    // 60 s into etcd (usually 185 s): 125 s of it left, and coredns (600 s) not started yet.
    expect(status).to.equal('  etcd 1m00s/~3m05s · 1m00s so far, ~12m05s left by the previous build');
    expect(lines[1]).to.equal('[1/4] etcd (etcd v1) done in 1m00s (previous build: 3m05s)');
    expect(estimateFor({ etcd: { last: 180, byKey: { 'etcd v1': 185 } } }, 'etcd', 'etcd v2')).to.equal(180);
  });

  it('folds each finished stage into a ::group:: under GitHub Actions, and streams everything with --verbose', async () => {
    const grouped = progress({ githubGroups: true });
    await runStages([stage('crictl', 130, ['built crictl'])], { log: () => undefined }, probe, ms, grouped);
    expect(lines.slice(1)).to.deep.equal([
      '::group::[1/4] crictl (crictl v1) done in 2m10s',
      '# [1/4] crictl (crictl v1)\nbuilt crictl',
      '::endgroup::',
    ]);
    lines = [];
    have.clear();
    const verbose = progress({ verbose: true });
    await runStages([stage('crictl', 1, ['built crictl'])], { log: () => undefined }, probe, ms, verbose);
    expect(lines).to.include('    built crictl');
  });

  it('writes durations as a person reads them', () => {
    expect([5, 73, 185, 1768, 4000].map(formatDuration)).to.deep.equal(['5s', '1m13s', '3m05s', '29m28s', '1h06m']);
  });
});
