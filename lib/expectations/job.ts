// The Job that owns the pod (R27): an in-place restart must not count as a pod failure, so
// status.failed stays 0 through restarts and no Failed / FailureTarget condition appears; the Job
// completes when its main container finally exits 0. Read from the Job watch, cut at the checkpoint.
import type { JobSnapshot, Observation, TimelineEntry } from '../observe/types.js';
import { describeJob } from '../observe/snapshot.js';
import { missing, result } from './result.js';
import { evidenceAround, offset, originOf } from './timeline.js';
import type { Checker, CheckResult, ExpectationOf } from './types.js';

type JobExpectation = ExpectationOf<'job'>;
type JobEntry = Extract<TimelineEntry, { kind: 'job' }>;
export type JobCounter = keyof NonNullable<JobExpectation['status']>;

const COUNTERS: JobCounter[] = ['active', 'ready', 'succeeded', 'failed', 'terminating'];

export function jobEntries(observation: Observation): JobEntry[] {
  return observation.timeline.filter((e): e is JobEntry => e.kind === 'job');
}

/** The Job as of the checkpoint: its last state in the (cut) timeline. */
export function jobAtCheckpoint(observation: Observation): JobSnapshot | undefined {
  return jobEntries(observation).at(-1)?.job;
}

const counter = (job: JobSnapshot, name: JobCounter) => job[name] ?? 0;
const conditionStatus = (job: JobSnapshot, type: string) =>
  job.conditions.find((c) => c.type === type)?.status ?? 'Absent';

/** What a checkpoint still waits for on the Job (settle.ts), in words; empty when it matches. */
export function jobWaitingFor(expectation: JobExpectation, job: JobSnapshot | undefined): string[] {
  const out: string[] = [];
  const wanted = [
    ...COUNTERS.filter((c) => expectation.status?.[c] !== undefined).map((c) => `${c}=${expectation.status?.[c]}`),
    ...Object.entries(expectation.conditions ?? {}).flatMap(([type, c]) => (c.status ? [`${type}=${c.status}`] : [])),
  ];
  if (wanted.length === 0) return out;
  if (!job) return [`the Job to report ${wanted.join(', ')} (no Job state seen yet)`];
  for (const c of COUNTERS) {
    const want = expectation.status?.[c];
    if (want !== undefined && counter(job, c) !== want) out.push(`Job ${c}=${want} (now ${counter(job, c)})`);
  }
  for (const [type, c] of Object.entries(expectation.conditions ?? {}))
    if (c.status && conditionStatus(job, type) !== c.status)
      out.push(`Job ${type}=${c.status} (now ${conditionStatus(job, type)})`);
  return out;
}

export const checkJob: Checker<'job'> = (expectation, observation) => {
  const entries = jobEntries(observation);
  const job = entries.at(-1)?.job;
  const results: CheckResult[] = [];
  const origin = originOf(observation);
  for (const c of COUNTERS) {
    const want = expectation.status?.[c];
    if (want === undefined) continue;
    const check = `job.status.${c}`;
    const expected = `status.${c} ${want} at the checkpoint`;
    if (!job) {
      results.push(missing(check, expected, 'the Job (no Job state in the timeline)'));
      continue;
    }
    const moves = entries.filter((e, i) => i > 0 && counter(e.job, c) !== counter((entries[i - 1] as JobEntry).job, c));
    const history = [entries[0] as JobEntry, ...moves]
      .map((e) => `${counter(e.job, c)} (${offset(e.at, origin)})`)
      .join(' → ');
    const passed = counter(job, c) === want;
    results.push(
      result(check, passed, expected, `${counter(job, c)}; ${c} over time: ${history}`, {
        evidence: passed ? [] : evidenceAround(observation, moves),
      }),
    );
  }
  for (const [type, exp] of Object.entries(expectation.conditions ?? {})) {
    const prefix = `job.conditions.${type}`;
    if (!job) {
      results.push(missing(prefix, `Job condition ${type} as expected`, 'the Job (no Job state in the timeline)'));
      continue;
    }
    const now = job.conditions.find((x) => x.type === type);
    if (exp.status)
      results.push(
        result(
          `${prefix}.status`,
          conditionStatus(job, type) === exp.status,
          `${type}=${exp.status} at the checkpoint`,
          `${type}=${conditionStatus(job, type)} (${describeJob(job)})`,
        ),
      );
    if (exp.reason !== undefined)
      results.push(
        result(
          `${prefix}.reason`,
          now?.reason === exp.reason,
          `${type} reason ${exp.reason}`,
          now ? `reason ${now.reason ?? '(none)'}: ${now.message ?? ''}` : `${type} absent`,
        ),
      );
    if (exp.never) {
      const from = observation.triggerAt;
      const hit = entries.find(
        (e) => (from === undefined || e.at > from) && conditionStatus(e.job, type) === exp.never,
      );
      const observed = hit
        ? `${type}=${exp.never} at ${offset(hit.at, origin)}: ${hit.job.conditions.find((x) => x.type === type)?.reason ?? ''} ${hit.job.conditions.find((x) => x.type === type)?.message ?? ''}`.trim()
        : `never ${exp.never} (${entries.length} Job states, last: ${describeJob(job)})`;
      results.push(
        result(`${prefix}.never`, !hit, `${type} never ${exp.never} after the trigger`, observed, {
          evidence: hit ? evidenceAround(observation, [hit]) : [],
        }),
      );
    }
  }
  return results;
};
