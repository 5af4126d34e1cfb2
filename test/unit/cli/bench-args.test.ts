import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCli, UsageError, type BenchArgs } from '../../../lib/cli/args.js';
import { main } from '../../../lib/cli/main.js';
import { sampleReport } from '../bench/sample-report.js';

describe('cli: bench arguments', () => {
  it('defaults: both shapes, 100 repetitions, fleets of 1, 4 and 16 in three strategies, bounded', () => {
    const a = parseCli(['bench']) as BenchArgs;
    expect(a).to.deep.include({
      command: 'bench',
      profile: '1.35-multinode',
      shapes: ['two-container', 'base'],
      reps: 100,
      repsPerPod: 25,
      fleetSizes: [1, 4, 16],
      fleetReps: 5,
      strategies: ['recreate', 'in-place', 'hybrid'],
      setupSeconds: 1,
      coldSetupSeconds: 0,
      allowNodeActions: false,
      maxPods: 64,
      timeLimitMinutes: 120,
      reportDir: 'reports/bench',
    });
  });

  it('parses every option; "none" turns a part off', () => {
    const a = parseCli([
      'bench',
      '--profile',
      '1.36-multinode',
      '--local-image',
      '--existing-cluster',
      '/k',
      '--allow-node-actions',
      '--shapes',
      'one-container',
      '--reps',
      '7',
      '--reps-per-pod',
      '3',
      '--fleet-sizes',
      'none',
      '--setup-seconds',
      '2.5',
      '--cold-setup-seconds',
      '10',
      '--time-limit',
      '5',
      '--report-dir',
      'r',
    ]) as BenchArgs;
    expect(a).to.deep.include({
      profile: '1.36-multinode',
      localImage: true,
      existingCluster: '/k',
      allowNodeActions: true,
      shapes: ['one-container'],
      reps: 7,
      repsPerPod: 3,
      fleetSizes: [],
      setupSeconds: 2.5,
      coldSetupSeconds: 10,
      timeLimitMinutes: 5,
      reportDir: 'r',
    });
  });

  for (const [argv, why] of [
    [['--reps', '0'], /--reps must be a whole number from 1/],
    [['--reps', '1.5'], /--reps must be a whole number/],
    [['--shapes', 'three-container'], /unknown pod shape "three-container"/],
    [['--strategies', 'recreate,teleport'], /unknown strategy "teleport"/],
    [['--fleet-sizes', '1,128'], /--fleet-sizes must be a whole number from 1 to 64/],
    [['--fleet-sizes', '128', '--max-pods', '200'], null],
    [['--setup-seconds=-1'], /seconds from 0 to 3600/],
    [['--shapes', 'none', '--fleet-sizes', 'none'], /nothing to measure/],
    [['--reuse', 'a', '--existing-cluster', 'k'], /exclude each other/],
    [['extra'], /unexpected argument/],
  ] as Array<[string[], RegExp | null]>) {
    it(`${why ? 'refuses' : 'accepts'} bench ${argv.join(' ')}`, () => {
      if (!why) {
        expect(() => parseCli(['bench', ...argv])).to.not.throw();
        return;
      }
      expect(() => parseCli(['bench', ...argv])).to.throw(UsageError, why);
    });
  }

  it('answers bench --help with its usage', () => {
    expect(parseCli(['bench', '--help'])).to.deep.equal({ command: 'help', topic: 'bench' });
  });
});

describe('cli: bench report (offline rendering of saved runs)', () => {
  it('renders several bench.json into one Markdown and HTML, and refuses a file that is not one (exit 2)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-report-'));
    try {
      await writeFile(join(dir, 'a.json'), JSON.stringify(sampleReport('1.35.8')));
      await writeFile(join(dir, 'b.json'), JSON.stringify(sampleReport('1.36.3')));
      await writeFile(join(dir, 'bad.json'), '{"verdicts": []}');
      const out: string[] = [];
      const err: string[] = [];
      const io = [{ line: (t: string) => out.push(t) }, { line: (t: string) => err.push(t) }] as const;
      expect(
        await main(
          ['bench', 'report', join(dir, 'a.json'), join(dir, 'b.json'), '--report-dir', join(dir, 'out')],
          ...io,
        ),
      ).to.equal(0, err.join('\n'));
      const md = await readFile(join(dir, 'out', 'bench.md'), 'utf8');
      expect(md).to.contain('| v1.35.8 | base |').and.contain('| v1.36.3 | base |');
      expect(await readFile(join(dir, 'out', 'bench.html'), 'utf8')).to.contain('v1.35.8, v1.36.3');
      expect(await main(['bench', 'report', join(dir, 'bad.json')], ...io)).to.equal(2);
      expect(err.join('\n')).to.contain('a bench.json written by inplace-e2e bench');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
