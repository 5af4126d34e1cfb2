// mocha drives the scenarios: one describe per suite, one it per scenario, and a root afterAll hook that
// releases the cluster once every started scenario has ended.
// Scenarios run in parallel through a bounded pool; each `it` awaits its own scenario and asserts the
// verdict with chai, so mocha's reporter and exit status say exactly what the verdict engine said.
import { expect } from 'chai';
import Mocha from 'mocha';
import type { Verdict } from '../verdict/types.js';
import { longestFirst } from './durations.js';
import { Pool, type PoolMode } from './pool.js';

export interface ScenarioJob {
  suite: string;
  title: string;
  /** Known before any cluster exists (version or gate requirements, --grep). */
  skipReason?: string;
  /**
   * shared (default); alone: runs with no other scenario (it restarts a kubelet or stops a node others use),
   * started after the others; lane: acts on a node kept for it, beside the others, one at a time, started first.
   */
  mode?: PoolMode;
  /** How long it took last time (durations.ts): within its mode, the longest start first. */
  expectedMs?: number;
  execute: () => Promise<Verdict>;
}

export interface MochaRunHooks {
  /** After every started scenario has ended (the cluster is released here). */
  afterAll: () => Promise<void>;
}

export interface MochaRunResult {
  failures: number;
}

export async function runWithMocha(
  jobs: ScenarioJob[],
  hooks: MochaRunHooks,
  options: { parallel: number; describeFailure: (v: Verdict) => string; reporter?: string; color?: boolean },
): Promise<MochaRunResult> {
  const mocha = new Mocha({ reporter: options.reporter ?? 'spec', timeout: 0, color: options.color ?? false });
  const pool = new Pool(options.parallel);
  const pending = new Map<ScenarioJob, Promise<Verdict>>();

  mocha.suite.beforeAll('start the scenarios', () => {
    // Start everything now: the pool bounds concurrency, the its only wait for their own result.
    // Lane ones first (they are long and run beside the rest); alone ones last: each drains the pool, so
    // started early they would serialise everything after them. Within a mode, the longest first.
    const runnable = jobs.filter((j) => !j.skipReason);
    const order: PoolMode[] = ['lane', 'shared', 'alone'];
    for (const mode of order)
      for (const job of longestFirst(
        runnable.filter((j) => (j.mode ?? 'shared') === mode),
        (j) => j.expectedMs,
      ))
        pending.set(job, pool.run(job.execute, { mode }));
  });
  mocha.suite.afterAll('cluster: delete unless kept', async () => {
    // Let every started scenario finish (and clean up) before the cluster goes away.
    await Promise.allSettled(pending.values());
    await hooks.afterAll();
  });

  const bySuite = new Map<string, ScenarioJob[]>();
  for (const job of jobs) bySuite.set(job.suite, [...(bySuite.get(job.suite) ?? []), job]);
  for (const [suiteName, suiteJobs] of bySuite) {
    const suite = Mocha.Suite.create(mocha.suite, suiteName);
    for (const job of suiteJobs) {
      suite.addTest(
        new Mocha.Test(job.title, async function (this: Mocha.Context) {
          if (job.skipReason) this.skip();
          const verdict = await (pending.get(job) as Promise<Verdict>);
          if (verdict.status === 'skipped') this.skip();
          // An expected failure (declared per version with an upstream link) does not fail the run.
          if (verdict.status === 'failed') expect.fail(options.describeFailure(verdict));
        }),
      );
    }
  }

  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  return { failures };
}
