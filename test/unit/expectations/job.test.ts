// The Job that owns the pod (R27): exact counters at the checkpoint, conditions now and never.
import { expect } from 'chai';
import { checkJob, jobWaitingFor } from '../../../lib/expectations/job.js';
import { settleState } from '../../../lib/expectations/settle.js';
import type { JobSnapshot, Observation } from '../../../lib/observe/types.js';
import { pod, running } from '../runner/scripted-cluster.js';

const job = (at: number, counts: Partial<JobSnapshot>, conditions: JobSnapshot['conditions'] = []): JobSnapshot => ({
  at,
  resourceVersion: String(at),
  name: 'trainer',
  uid: 'j1',
  active: 1,
  ready: 1,
  succeeded: 0,
  failed: 0,
  conditions,
  ...counts,
});

function observation(jobs: JobSnapshot[]): Observation {
  return {
    scenario: 'job-pod-restarted-in-place',
    suite: 'sequences',
    kubernetesVersion: 'v1.36.3',
    namespace: 'ns',
    podName: 'trainer-x7k2p',
    job: { name: 'trainer' },
    admission: { accepted: true, warnings: [] },
    timeline: jobs.map((j) => ({ at: j.at, kind: 'job' as const, watch: 'MODIFIED' as const, job: j })),
    files: [],
    waits: [],
    triggerAt: 1500,
  };
}

const failedJob = [
  job(1000, {}),
  job(2000, { active: 0, ready: 0 }, [{ type: 'FailureTarget', status: 'True', reason: 'PodFailurePolicy' }]),
  job(3000, { active: 0, ready: 0, failed: 1 }, [
    { type: 'FailureTarget', status: 'True', reason: 'PodFailurePolicy' },
    {
      type: 'Failed',
      status: 'True',
      reason: 'PodFailurePolicy',
      message: 'Container trainer for pod ns/trainer-x7k2p failed with exit code 42 matching FailJob rule at index 0',
    },
  ]),
];

describe('job expectation', () => {
  const kept = {
    status: { failed: 0, active: 1 },
    conditions: { Failed: { never: 'True' as const }, FailureTarget: { never: 'True' as const } },
  };

  it('passes when no failure was counted and no failure condition appeared', () => {
    const checks = checkJob(kept, observation([job(1000, {}), job(2000, { ready: 0 }), job(3000, {})]), {
      kubernetesVersion: 'v1.36.3',
    });
    expect(checks.map((c) => [c.check, c.passed])).to.deep.equal([
      ['job.status.active', true],
      ['job.status.failed', true],
      ['job.conditions.Failed.never', true],
      ['job.conditions.FailureTarget.never', true],
    ]);
  });

  it('a pod failure the podFailurePolicy saw fails the counter and the never-checks, with when', () => {
    const checks = checkJob(kept, observation(failedJob), { kubernetesVersion: 'v1.36.3' });
    const failed = checks.filter((c) => !c.passed);
    expect(failed.map((c) => c.check)).to.deep.equal([
      'job.status.active',
      'job.status.failed',
      'job.conditions.Failed.never',
      'job.conditions.FailureTarget.never',
    ]);
    expect(failed[1]?.observed).to.equal('1; failed over time: 0 (-0.500s) → 1 (+1.500s)');
    expect(failed[2]?.observed).to.match(
      /^Failed=True at \+1\.500s: PodFailurePolicy Container trainer .* exit code 42/,
    );
  });

  it('the control asserts the failure exactly: counter, condition and reason', () => {
    const control = {
      status: { failed: 1, active: 0 },
      conditions: { Failed: { status: 'True' as const, reason: 'PodFailurePolicy' } },
    };
    expect(checkJob(control, observation(failedJob), { kubernetesVersion: 'v1.36.3' }).every((c) => c.passed)).to.equal(
      true,
    );
    expect(
      checkJob({ conditions: { Failed: { reason: 'BackoffLimitExceeded' } } }, observation(failedJob), {
        kubernetesVersion: 'v1.36.3',
      })[0]?.observed,
    ).to.match(/^reason PodFailurePolicy/);
  });

  it('without any Job state the checks fail as not observed', () => {
    const checks = checkJob(kept, observation([]), { kubernetesVersion: 'v1.36.3' });
    expect(checks.every((c) => !c.passed && c.observed.startsWith('not observed'))).to.equal(true);
  });

  it('settling waits for the counters and condition statuses the checkpoint names', () => {
    const done = {
      status: { succeeded: 1, failed: 0 },
      conditions: { Complete: { status: 'True' as const }, Failed: { never: 'True' as const } },
    };
    expect(jobWaitingFor(done, undefined)).to.deep.equal([
      'the Job to report succeeded=1, failed=0, Complete=True (no Job state seen yet)',
    ]);
    expect(jobWaitingFor(done, job(1, { active: 0 }))).to.deep.equal([
      'Job succeeded=1 (now 0)',
      'Job Complete=True (now Absent)',
    ]);
    expect(
      jobWaitingFor(done, job(1, { active: 0, succeeded: 1 }, [{ type: 'Complete', status: 'True' }])),
    ).to.deep.equal([]);
    const p = pod(1, 'Succeeded', false, []);
    expect(settleState({ job: done }, undefined, p, 'v1.36.3', job(1, { succeeded: 0 })).settled).to.equal(false);
    expect(
      settleState(
        { job: done },
        undefined,
        p,
        'v1.36.3',
        job(1, { succeeded: 1 }, [{ type: 'Complete', status: 'True' }]),
      ).settled,
    ).to.equal(true);
    expect(settleState({}, undefined, pod(1, 'Running', true, running)).settled).to.equal(true);
  });
});
