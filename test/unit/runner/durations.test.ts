// The last run's durations per profile, and the start order they give: the longest first, so a long
// scenario is not the run's tail.
import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { durationsFile, longestFirst, readDurations, recordDurations } from '../../../lib/runner/durations.js';
import type { Verdict } from '../../../lib/verdict/types.js';

const verdict = (
  suite: string,
  scenario: string,
  durationMs: number,
  status: Verdict['status'] = 'passed',
): Verdict => ({
  suite,
  scenario,
  status,
  checks: [],
  durationMs,
});

describe('runner: scenario durations and the start order', () => {
  let cache: string;
  beforeEach(async () => {
    cache = await mkdtemp(join(tmpdir(), 'inplace-e2e-durations-'));
  });
  afterEach(async () => {
    await rm(cache, { recursive: true, force: true });
  });

  it('starts the ones without a duration first (given order), then the longest first, ties in given order', () => {
    const ms: Record<string, number | undefined> = { a: 10, b: undefined, c: 90, d: 10, e: undefined, f: 40 };
    expect(longestFirst(Object.keys(ms), (k) => ms[k])).to.deep.equal(['b', 'e', 'c', 'f', 'a', 'd']);
    expect(longestFirst(['x', 'y'], () => undefined)).to.deep.equal(['x', 'y']);
  });

  it('records what ran, per profile, merging with what the file already had', async () => {
    await recordDurations(
      '1.35-gates-on',
      [verdict('core', 'r01', 20_000), verdict('core', 'r12', 0, 'skipped')],
      cache,
    );
    await recordDurations(
      '1.35-gates-on',
      [verdict('must-fail', 'expects-x', 30_000), verdict('core', 'r01', 25_000)],
      cache,
    );
    await recordDurations('1.36-defaults', [verdict('core', 'r01', 5_000)], cache);
    expect([...(await readDurations('1.35-gates-on', cache))]).to.deep.equal([
      ['core/r01', 25_000],
      ['must-fail/expects-x', 30_000],
    ]);
    expect([...(await readDurations('1.36-defaults', cache))]).to.deep.equal([['core/r01', 5_000]]);
    expect(JSON.parse(await readFile(durationsFile('1.36-defaults', cache), 'utf8'))).to.deep.equal({
      'core/r01': 5000,
    });
  });

  it('reads nothing, without failing, when no file or a broken one is there', async () => {
    expect((await readDurations('never-ran', cache)).size).to.equal(0);
    await mkdir(join(cache, 'scenario-durations'), { recursive: true });
    await writeFile(durationsFile('broken', cache), '{not json');
    expect((await readDurations('broken', cache)).size).to.equal(0);
    await writeFile(durationsFile('odd', cache), '{"core/a": "slow", "core/b": 7}');
    expect([...(await readDurations('odd', cache))]).to.deep.equal([['core/b', 7]]);
  });

  it('keeps a profile given as a file path inside the cache folder', () => {
    expect(durationsFile('../my profile.yaml', cache)).to.equal(
      join(cache, 'scenario-durations', '.._my_profile.yaml.json'),
    );
  });
});
