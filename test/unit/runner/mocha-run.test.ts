import { expect } from 'chai';
import { runWithMocha, type ScenarioJob } from '../../../lib/runner/mocha-run.js';
import type { Verdict } from '../../../lib/verdict/types.js';

const verdict = (scenario: string, status: Verdict['status']): Verdict => ({
  suite: 's',
  scenario,
  status,
  checks: status === 'failed' ? [{ check: 'restarts.trigger', passed: false, expected: '+1', observed: '+0' }] : [],
  durationMs: 1,
});

describe('mocha integration', () => {
  it('reports one failure per failed verdict and runs the afterAll hook after all scenarios', async () => {
    const calls: string[] = [];
    const jobs: ScenarioJob[] = [
      { suite: 'core', title: 'R01', execute: async () => (calls.push('R01'), verdict('R01', 'passed')) },
      { suite: 'core', title: 'R12', execute: async () => (calls.push('R12'), verdict('R12', 'failed')) },
      {
        suite: 'validation',
        title: 'R22a',
        skipReason: 'requires 1.36',
        execute: async () => verdict('R22a', 'passed'),
      },
    ];
    const described: string[] = [];
    const result = await runWithMocha(
      jobs,
      { afterAll: async () => void calls.push('after') },
      { parallel: 2, reporter: 'base', describeFailure: (v) => (described.push(v.scenario), `failed ${v.scenario}`) },
    );
    expect(result.failures).to.equal(1);
    expect(calls.at(-1)).to.equal('after');
    expect(calls).to.include.members(['R01', 'R12']);
    expect(calls).to.not.include('R22a');
    expect(described).to.include('R12');
  });

  it("starts the longest first (last run's durations), those without one before them", async () => {
    const started: string[] = [];
    const job = (title: string, expectedMs?: number): ScenarioJob => ({
      suite: 's',
      title,
      ...(expectedMs !== undefined ? { expectedMs } : {}),
      execute: async () => (started.push(title), verdict(title, 'passed')),
    });
    await runWithMocha(
      [job('short', 5_000), job('new'), job('soak', 76_000), job('medium', 20_000)],
      { afterAll: async () => undefined },
      { parallel: 1, reporter: 'base', describeFailure: () => '' },
    );
    expect(started).to.deep.equal(['new', 'soak', 'medium', 'short']);
  });
});
