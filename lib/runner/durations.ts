// How long each scenario took in the last run of a profile, kept in the harness cache, so the next run can
// start the longest ones first (as Jest's test sequencer does with its timing cache). On a 2-core machine
// the catalogue is close to CPU-bound: a 76 s soak or a 90 s kubelet-restart sequence started last becomes
// the run's tail, with the other slots idle.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheDir } from '../package.js';
import type { Verdict } from '../verdict/types.js';

/** `suite/scenario name`: what a duration is recorded under. */
export const durationKey = (suite: string, scenario: string): string => `${suite}/${scenario}`;

/** One file per profile, so runs of different profiles side by side never write the same file. */
export function durationsFile(profile: string, cache = cacheDir()): string {
  return join(cache, 'scenario-durations', `${profile.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
}

/** The recorded durations (ms) of a profile; none when nothing was recorded or the file is unreadable. */
export async function readDurations(profile: string, cache = cacheDir()): Promise<Map<string, number>> {
  try {
    const parsed = JSON.parse(await readFile(durationsFile(profile, cache), 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return new Map();
    return new Map(Object.entries(parsed).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] >= 0));
  } catch {
    return new Map();
  }
}

/**
 * Merges the durations of the scenarios that ran (skipped ones carry no duration) into the profile's
 * file: other scenarios keep theirs, e.g. the self-check's on the catalogue's profile. Written whole
 * through a rename, so a reader never sees half a file.
 */
export async function recordDurations(profile: string, verdicts: Iterable<Verdict>, cache = cacheDir()): Promise<void> {
  const known = await readDurations(profile, cache);
  for (const v of verdicts)
    if (v.status !== 'skipped' && v.durationMs > 0) known.set(durationKey(v.suite, v.scenario), v.durationMs);
  const file = durationsFile(profile, cache);
  await mkdir(join(cache, 'scenario-durations'), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(
    tmp,
    `${JSON.stringify(Object.fromEntries([...known].sort(([a], [b]) => a.localeCompare(b))), null, 2)}\n`,
  );
  await rename(tmp, file);
}

/**
 * The order to start jobs in: those with no recorded duration first, in their given order (a new
 * scenario may be long), then the others longest first. Stable: ties keep their given order.
 */
export function longestFirst<T>(jobs: readonly T[], durationOf: (job: T) => number | undefined): T[] {
  return jobs
    .map((job, i) => ({ job, i, ms: durationOf(job) }))
    .sort((a, b) =>
      a.ms === undefined || b.ms === undefined
        ? (a.ms === undefined ? 0 : 1) - (b.ms === undefined ? 0 : 1) || a.i - b.i
        : b.ms - a.ms || a.i - b.i,
    )
    .map((x) => x.job);
}
