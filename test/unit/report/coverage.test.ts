import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { coverageTable, type Claim } from '../../../lib/report/coverage.js';
import type { RunReport } from '../../../lib/report/types.js';
import type { Verdict } from '../../../lib/verdict/types.js';
import { loadSuites } from '../../../lib/suite/load.js';
import { shippedSuitesDir } from '../../../lib/suite/shipped.js';

const verdict = (id: string, status: Verdict['status'], control = false): Verdict => ({
  suite: 's',
  scenario: id.toLowerCase(),
  id,
  status,
  checks: control ? [{ check: 'control.positive-fails', passed: status === 'passed', expected: '', observed: '' }] : [],
  durationMs: 1,
});
const report = (version: string, verdicts: Verdict[]): RunReport =>
  ({
    profile: { name: `p-${version}`, kubernetesVersion: version, nodeImage: 'i', gates: {} },
    verdicts,
    finishedAt: '2026-12-01T00:00:00Z',
  }) as unknown as RunReport;

const claims: Claim[] = [
  { claim: 'kept', source: 'KEP', scenarios: ['R01', 'R02'] },
  { claim: 'lastState', source: 'docs', scenarios: ['R18'], docError: 'lost on 1.35' },
];

describe('coverage table', () => {
  it('gives each claim its result per version, controls apart, versions in numeric order', () => {
    const { markdown, failed } = coverageTable(claims, [
      report('v1.36.3', [verdict('R01', 'passed'), verdict('R02', 'passed'), verdict('R18', 'passed')]),
      report('v1.35.8', [verdict('R01', 'passed'), verdict('R18', 'expected-failure'), verdict('R01', 'passed', true)]),
    ]);
    const lines = markdown.split('\n');
    expect(lines[0]).to.equal('| Claim | Claimed by | Scenarios | v1.35.8 | v1.36.3 | Control |');
    expect(lines[2]).to.equal(
      '| kept | KEP | R01, R02 | pass 1/1; not run: R02 | pass 2/2 | 1.35: pass 1/1; not run: R02 |',
    );
    expect(lines[3]).to.equal(
      '| lastState ⚠ lost on 1.35 | docs | R18 | pass 0/1; known failure: R18 | pass 1/1 | none run |',
    );
    expect(failed).to.equal(false);
  });

  it('says FAIL with the scenario, and reports the table as failed', () => {
    const { markdown, failed } = coverageTable(claims.slice(0, 1), [
      report('v1.37.2', [verdict('R01', 'passed'), verdict('R02', 'failed')]),
    ]);
    expect(markdown).to.contain('| FAIL (R02) |');
    expect(failed).to.equal(true);
  });

  it('a failed control fails the table too; skipped scenarios count as not run', () => {
    const { markdown, failed } = coverageTable(claims.slice(0, 1), [
      report('v1.35.8', [verdict('R01', 'skipped'), verdict('R01', 'failed', true)]),
    ]);
    expect(markdown).to.contain('| not run | 1.35: FAIL (R01) |');
    expect(failed).to.equal(true);
  });

  it('docs/claims.yaml names only scenarios the shipped suites have, and every shipped catalogue id is claimed', async () => {
    const file = join(import.meta.dirname, '..', '..', '..', 'docs', 'claims.yaml');
    const shipped = (await loadSuites([shippedSuitesDir()]))
      .flatMap((s) => s.scenarios.map((x) => x.scenario.id))
      .filter(Boolean);
    const named = (parse(readFileSync(file, 'utf8')) as { claims: Claim[] }).claims.flatMap((c) => c.scenarios);
    expect(named.filter((id) => !shipped.includes(id))).to.deep.equal([]);
    expect(shipped.filter((id) => !named.includes(id as string))).to.deep.equal([]);
  });
});
