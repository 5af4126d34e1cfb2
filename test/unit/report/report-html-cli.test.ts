// `inplace-e2e report-html`: recorded observations and run reports drawn as one page.
import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../lib/cli/main.js';
import { REAL_FIXTURES } from './real-fixtures.js';

describe('inplace-e2e report-html', () => {
  let dir: string;
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { line: (t) => out.push(t) }, { line: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inplace-e2e-report-html-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('judges recorded real observations with the shipped suites and writes one page', async () => {
    const out = join(dir, 'fixtures.html');
    const files = ['v1.35.8-R01-core-in-place-restart.json', 'v1.36.3-R12-non-matching-exit-code.json'].map((f) =>
      join(REAL_FIXTURES, f),
    );
    const r = await run(['report-html', ...files, '--out', out]);
    expect(r).to.deep.include({ code: 0, err: '' });
    expect(r.out).to.equal(`wrote ${out}: 2 scenario(s): 2 passed, 0 failed, 0 skipped, 0 recorded (not judged)`);
    const html = await readFile(out, 'utf8');
    expect(html.match(/<section class="card passed"/g)).to.have.length(2);
    expect(html).to.contain('v1.35.8-R01-core-in-place-restart.json').and.to.contain('23 of 23 checks passed');
  });

  it('draws an observation of an unknown scenario as recorded, and a run report with its verdicts', async () => {
    const obs = JSON.parse(await readFile(join(REAL_FIXTURES, 'v1.36.3-R01-core-in-place-restart.json'), 'utf8'));
    await writeFile(join(dir, 'vendor.json'), JSON.stringify({ ...obs, suite: 'vendor', scenario: 'ours' }));
    const report = {
      tool: { name: 'inplace-e2e', version: '0' },
      profile: { name: 'p', kubernetesVersion: 'v1.36.3', nodeImage: 'i', gates: {} },
      cluster: { name: 'c', created: true },
      host: { notes: [] },
      preflight: { checks: [] },
      startedAt: '',
      finishedAt: '',
      verdicts: [
        {
          suite: obs.suite,
          scenario: obs.scenario,
          status: 'failed',
          checks: [{ check: 'x', passed: false, expected: 'a', observed: 'b' }],
          durationMs: 1,
        },
      ],
      observations: [obs],
      evidence: {},
    };
    await writeFile(join(dir, 'report.json'), JSON.stringify(report));
    const out = join(dir, 'mixed.html');
    const r = await run(['report-html', join(dir, 'vendor.json'), join(dir, 'report.json'), '--out', out]);
    expect(r.out).to.equal(`wrote ${out}: 2 scenario(s): 0 passed, 1 failed, 0 skipped, 1 recorded (not judged)`);
    const html = await readFile(out, 'utf8');
    expect(html).to.contain('Recorded observation, not judged.').and.to.contain('<code>x</code> expected');
  });

  it('refuses a file that is neither (exit 2) and asks for a file at all', async () => {
    await writeFile(join(dir, 'other.json'), '{"a": 1}');
    const r = await run(['report-html', join(dir, 'other.json'), '--out', join(dir, 'x.html')]);
    expect(r.code).to.equal(2);
    expect(r.err).to.contain(
      'found JSON of another shape; expected a run report (verdicts, observations) or a recorded observation',
    );
    const none = await run(['report-html']);
    expect(none.code).to.equal(2);
    expect(none.err).to.contain('report-html needs at least one JSON file');
  });
});
