// Judging a scenario with steps: each expect step on its own window, checks named after the step;
// known differences per version; expected failures that must fail exactly as declared.
import { expect } from 'chai';
import type { Checkpoint, Observation, PodSnapshot, TimelineEntry } from '../../../lib/observe/types.js';
import type { ScenarioT } from '../../../lib/suite/schema.js';
import { judge } from '../../../lib/verdict/judge.js';
import { pod, running } from '../runner/scripted-cluster.js';

const all = (n: number, trigger = n) => ({ init: n, sidecar: n, trigger, bystander: n });
const cond = (status: 'True' | 'False') => [
  { type: 'AllContainersRestarting', status, ...(status === 'True' ? { reason: 'RestartAllContainersStarted' } : {}) },
];

const p1 = pod(1000, 'Running', true, running, {}, cond('False'));
const p3 = pod(3000, 'Running', true, running, { trigger: 1 }, cond('False'));
const p5 = pod(5000, 'Running', false, ['sidecar'], all(1, 2), cond('True'));
const p6 = pod(6000, 'Running', true, running, all(1, 2), cond('False'));

function observation(): Observation {
  const podEntry = (p: PodSnapshot): TimelineEntry => ({
    at: p.at,
    kind: 'pod',
    watch: 'MODIFIED',
    pod: structuredClone(p),
  });
  const checkpoints: Checkpoint[] = [
    {
      step: 1,
      before: structuredClone(p1),
      after: structuredClone(p3),
      triggerAt: 2000,
      settledAt: 3100,
      endedAt: 3200,
      files: [],
    },
    {
      step: 3,
      before: structuredClone(p3),
      after: structuredClone(p6),
      triggerAt: 4000,
      settledAt: 6100,
      endedAt: 6200,
      files: [],
    },
  ];
  return {
    scenario: 'first-match',
    suite: 'sequences',
    kubernetesVersion: 'v1.35.8',
    namespace: 'ns',
    podName: 'rac-base',
    admission: { accepted: true, warnings: [] },
    timeline: [
      podEntry(p1),
      { at: 2000, kind: 'harness', stage: 'trigger', note: 'step 1 (exit 42)' },
      podEntry(p3),
      { at: 4000, kind: 'harness', stage: 'trigger', note: 'step 3 (exit 3)' },
      podEntry(p5),
      podEntry(p6),
    ],
    files: [],
    waits: [],
    triggerAt: 2000,
    before: structuredClone(p1),
    after: structuredClone(p6),
    checkpoints,
  };
}

const scenario = (extra: Partial<ScenarioT> = {}): ScenarioT =>
  ({
    name: 'first-match',
    id: 'R13',
    pod: { builtin: 'base' },
    steps: [
      { trigger: { exit: { container: 'trigger', code: 42 } } },
      { expect: { restarts: { trigger: 1, '*': 0 }, conditions: { AllContainersRestarting: { never: 'True' } } } },
      { trigger: { exit: { container: 'trigger', code: 3 } } },
      {
        expect: {
          restarts: all(1),
          conditions: { AllContainersRestarting: { seen: ['True', 'False'], timesTrue: 1 } },
        },
      },
    ],
    ...extra,
  }) as ScenarioT;

const failing = (o: Observation, s = scenario(), version?: string) =>
  judge(s, o, version ? { kubernetesVersion: version } : {})
    .checks.filter((c) => !c.passed && !c.soft && c.expectedFailure === undefined)
    .map((c) => c.check);

describe('verdict of a scenario with steps', () => {
  it('judges each step on its own window and names its checks after the step', () => {
    const v = judge(scenario(), observation());
    expect(v.status, JSON.stringify(v.checks.filter((c) => !c.passed))).to.equal('passed');
    expect(v.checks.map((c) => c.check)).to.include.members([
      'admission',
      'step 2 (exit 42) restarts.trigger',
      'step 2 (exit 42) restarts.bystander',
      'step 2 (exit 42) conditions.AllContainersRestarting.never',
      'step 4 (exit 3) restarts.trigger',
      'step 4 (exit 3) conditions.AllContainersRestarting.timesTrue',
    ]);
  });

  it('what a later step caused does not count against an earlier one (the window ends at its checkpoint)', () => {
    const never = judge(scenario(), observation()).checks.find(
      (c) => c.check === 'step 2 (exit 42) conditions.AllContainersRestarting.never',
    );
    expect(never?.passed).to.equal(true);
    expect(never?.observed).to.not.contain('True');
  });

  it('one deviation fails exactly the check of the step it happened in', () => {
    const o = observation();
    const trigger = o.checkpoints?.[1]?.after?.containers.find((c) => c.name === 'trigger');
    if (!trigger) throw new Error('no trigger status');
    trigger.restartCount = 3;
    expect(failing(o)).to.deep.equal(['step 4 (exit 3) restarts.trigger']);
    const early = observation();
    const bystander = early.checkpoints?.[0]?.after?.containers.find((c) => c.name === 'bystander');
    if (!bystander) throw new Error('no bystander status');
    bystander.restartCount = 1;
    expect(failing(early)).to.deep.equal(['step 2 (exit 42) restarts.bystander']);
  });

  it('a step the run never reached fails as such, next to the reason the run stopped', () => {
    const o = observation();
    o.checkpoints = o.checkpoints?.slice(0, 1);
    o.abortedWith = 'timed out after 180s waiting for the pod to settle';
    expect(failing(o)).to.deep.equal(['run', 'step 4 (exit 3)']);
  });

  it('a pod that was not created leaves every step unevaluated', () => {
    const o = observation();
    o.admission = { accepted: false, warnings: [], error: { status: 422, message: 'nope', causes: [] } };
    expect(failing(o)).to.deep.equal(['admission', 'step 2 (exit 42)', 'step 4 (exit 3)']);
  });

  describe('known differences', () => {
    const withDifference = scenario({
      knownDifferences: [
        {
          versions: ['<1.36'],
          because: 'https://github.com/kubernetes/kubernetes/issues/1',
          step: 'exit 3',
          expect: { restarts: all(1, 2) },
        },
      ],
    });
    const o = () => {
      const x = observation();
      const t = x.checkpoints?.[1]?.after?.containers.find((c) => c.name === 'trigger');
      if (t) t.restartCount = 3; // +2 in that window
      return x;
    };

    it('replace a kind for the versions they name, and say so next to each check', () => {
      const v = judge(withDifference, o(), { kubernetesVersion: 'v1.35.8' });
      expect(v.status).to.equal('passed');
      const check = v.checks.find((c) => c.check === 'step 4 (exit 3) restarts.trigger');
      expect(check?.expected).to.equal(
        'restartCount +2 [known difference for <1.36: https://github.com/kubernetes/kubernetes/issues/1]',
      );
    });

    it('leave other versions to the expectations as written', () => {
      expect(failing(o(), withDifference, 'v1.36.3')).to.deep.equal(['step 4 (exit 3) restarts.trigger']);
    });
  });

  describe('expected failures', () => {
    const declared = scenario({
      knownDifferences: [
        {
          versions: ['1.35'],
          because: 'https://github.com/kubernetes/kubernetes/issues/2',
          step: 4,
          expectedFailure: { checks: ['restarts.trigger'] },
        },
      ],
    });
    const deviating = () => {
      const x = observation();
      const t = x.checkpoints?.[1]?.after?.containers.find((c) => c.name === 'trigger');
      if (t) t.restartCount = 3;
      return x;
    };

    it('a declared check that fails makes the scenario an expected failure, reported with its link', () => {
      const v = judge(declared, deviating(), { kubernetesVersion: 'v1.35.8' });
      expect(v.status).to.equal('expected-failure');
      expect(v.note).to.equal(
        'expected failure on v1.35.8: step 4 (exit 3) restarts.trigger (https://github.com/kubernetes/kubernetes/issues/2)',
      );
      expect(v.checks.find((c) => c.check === 'step 4 (exit 3) restarts.trigger')?.expectedFailure).to.equal(
        'https://github.com/kubernetes/kubernetes/issues/2',
      );
    });

    it('a declared check that passes fails the scenario: the declaration is stale', () => {
      const v = judge(declared, observation(), { kubernetesVersion: 'v1.35.8' });
      expect(v.status).to.equal('failed');
      const stale = v.checks.filter((c) => !c.passed);
      expect(stale.map((c) => c.check)).to.deep.equal(['step 4 (exit 3) expectedFailure.restarts.trigger']);
      expect(stale[0]?.observed).to.match(/^it passed: \+1 .* the known failure may be fixed/);
    });

    it('a failure that was not declared still fails the scenario', () => {
      const o = deviating();
      const b = o.checkpoints?.[1]?.after?.containers.find((c) => c.name === 'bystander');
      if (b) b.restartCount = 0;
      const v = judge(declared, o, { kubernetesVersion: 'v1.35.8' });
      expect(v.status).to.equal('failed');
      expect(failing(o, declared, 'v1.35.8')).to.deep.equal(['step 4 (exit 3) restarts.bystander']);
    });

    it('on versions the declaration does not name, the check fails as usual', () => {
      expect(judge(declared, deviating(), { kubernetesVersion: 'v1.36.3' }).status).to.equal('failed');
    });

    it('a declared check that was never made is stale too (a typo must not pass silently)', () => {
      const typo = scenario({
        knownDifferences: [
          {
            versions: ['1.35'],
            because: 'https://x.invalid/3',
            step: 4,
            expectedFailure: { checks: ['restarts.trigerr'] },
          },
        ],
      });
      const v = judge(typo, deviating(), { kubernetesVersion: 'v1.35.8' });
      expect(
        v.checks.filter((c) => !c.passed && c.expectedFailure === undefined).map((c) => `${c.check}: ${c.observed}`),
      ).to.deep.equal([
        'step 4 (exit 3) restarts.trigger: +2 (restartCount 1 → 3); all: init +1, sidecar +1, trigger +2, bystander +1',
        'step 4 (exit 3) expectedFailure.restarts.trigerr: no check named "restarts.trigerr" was made — the known failure may be fixed: remove or narrow the declaration',
      ]);
    });
  });
});
