// Scenarios as steps: the plan both the runner and the verdict follow, and what `validate` refuses
// in steps and known differences (positioned, before anything touches a cluster).
import { expect } from 'chai';
import type { ScenarioT } from '../../../lib/suite/schema.js';
import { expectSteps, planScenario, stepLabel } from '../../../lib/suite/steps.js';
import { problemsOf, where } from './helpers.js';

const base = { name: 's', pod: { builtin: 'base' } } as const;

describe('scenario plan (steps)', () => {
  it("the short form is [setup..., trigger, expect], its expect closing the trigger's window", () => {
    const plan = planScenario({
      ...base,
      setup: [{ writeFile: { container: 'bystander', path: '/shared/token' } }],
      trigger: { exit: { container: 'trigger', code: 42 } },
      expect: { restarts: { trigger: 1 } },
    } as ScenarioT);
    expect(plan.stepped).to.equal(false);
    expect(plan.admissionOnly).to.equal(false);
    expect(plan.steps.map((s) => [s.kind, s.name, s.pointer])).to.deep.equal([
      ['setup', 'write /shared/token in bystander', '/setup/0'],
      ['trigger', 'exit 42', '/trigger'],
      ['expect', 'exit 42', '/expect'],
    ]);
    expect(expectSteps(plan)[0]?.after).to.equal(1);
  });

  it('a short form without a trigger is about admission only', () => {
    expect(planScenario({ ...base, expect: { admission: 'accepted' } } as ScenarioT).admissionOnly).to.equal(true);
  });

  it('with steps, each expect closes the window of the last trigger since the previous expect', () => {
    const plan = planScenario({
      ...base,
      steps: [
        { trigger: { exit: { container: 'trigger', code: 42 } } },
        { expect: { restarts: { trigger: 1 } } },
        { trigger: { exit: { container: 'trigger', code: 3 } }, name: 'exit three' },
        { wait: { condition: 'AllContainersRestarting', status: 'True' } },
        { node: { action: 'restartKubelet' } },
        { expect: { restarts: { '*': 1 } } },
        { expect: { restarts: { '*': 0 } }, name: 'soak' },
      ],
    } as ScenarioT);
    expect(plan.stepped).to.equal(true);
    const expects = expectSteps(plan);
    expect(expects.map((s) => [s.index, s.after, s.checkpoint, stepLabel(s)])).to.deep.equal([
      [1, 0, 0, 'step 2 (exit 42)'],
      [5, 2, 1, 'step 6 (exit three)'],
      [6, undefined, 2, 'step 7 (soak)'],
    ]);
    expect(plan.steps[3]?.name).to.equal('wait for AllContainersRestarting=True');
    expect(plan.steps[4]?.name).to.equal('restart the kubelet');
  });

  it('known differences replace expectation kinds for the versions they name, per step', () => {
    const scenario = {
      ...base,
      steps: [
        { trigger: { exit: { container: 'trigger', code: 42 } } },
        { expect: { restarts: { trigger: 1 }, final: { phase: 'Running' } } },
        { trigger: { exit: { container: 'trigger', code: 3 } } },
        { expect: { restarts: { trigger: 1 } } },
      ],
      knownDifferences: [
        {
          versions: ['<1.36'],
          because: 'https://github.com/kubernetes/kubernetes/issues/136966',
          step: 'exit 3',
          expect: { within: 90 },
        },
        {
          versions: ['1.35'],
          because: 'https://github.com/kubernetes/kubernetes/issues/136964',
          step: 2,
          expectedFailure: { checks: ['restarts.trigger'] },
        },
      ],
    } as ScenarioT;
    const on135 = expectSteps(planScenario(scenario, { kubernetesVersion: 'v1.35.8' }));
    expect(on135[0]?.expect).to.deep.equal({ restarts: { trigger: 1 }, final: { phase: 'Running' } });
    expect(on135[0]?.expectedFailures).to.deep.equal([
      {
        because: 'https://github.com/kubernetes/kubernetes/issues/136964',
        versions: ['1.35'],
        checks: ['restarts.trigger'],
      },
    ]);
    expect(on135[1]?.expect).to.deep.equal({ restarts: { trigger: 1 }, within: 90 });
    expect(on135[1]?.differences).to.deep.equal([
      { because: 'https://github.com/kubernetes/kubernetes/issues/136966', versions: ['<1.36'], kinds: ['within'] },
    ]);
    const on136 = expectSteps(planScenario(scenario, { kubernetesVersion: 'v1.36.3' }));
    expect(on136.map((s) => [s.expect, s.differences, s.expectedFailures])).to.deep.equal([
      [{ restarts: { trigger: 1 }, final: { phase: 'Running' } }, [], []],
      [{ restarts: { trigger: 1 } }, [], []],
    ]);
  });
});

describe('validate: steps and known differences', () => {
  it('refuses impossible steps and differences, each at its position', async () => {
    const problems = await problemsOf('broken-steps.yaml');
    expect(problems.map((p) => `${where([p])[0]}: ${p.found}`)).to.deep.equal([
      'broken-steps.yaml:7:3 /scenarios/0/trigger: "trigger" next to "steps"',
      'broken-steps.yaml:14:28 /scenarios/1/steps/0/writeFile/container: container "bystandr"',
      'broken-steps.yaml:16:23 /scenarios/1/steps/2/wait/container: container "sidecr"',
      'broken-steps.yaml:18:18 /scenarios/1/steps/3/expect/restarts/trigerr: container "trigerr"',
      'broken-steps.yaml:19:7 /scenarios/1/steps/3/expect/admission: "admission" in an `expect` step',
      'broken-steps.yaml:25:7 /scenarios/2/steps/1/expect/patch: "patch" without a patch trigger',
      'broken-steps.yaml:26:5 /scenarios/2/steps/2: a wait step after the last `expect`',
      'broken-steps.yaml:26:11 /scenarios/2/steps/2/wait: a container wait with neither "state" nor "restartCount"',
      'broken-steps.yaml:27:5 /scenarios/2/steps/3: a node step after the last `expect`',
      'broken-steps.yaml:28:3 /scenarios/3: a scenario without "expect" or "steps"',
      'broken-steps.yaml:38:14 /scenarios/4/knownDifferences/0/because: "lastState is lost"',
      'broken-steps.yaml:42:11 /scenarios/4/knownDifferences/1/step: step "exit 43"',
      'broken-steps.yaml:44:15 /scenarios/4/knownDifferences/2/versions: ranges ">=1.36", "<1.35"',
      'broken-steps.yaml:49:25 /scenarios/4/knownDifferences/3/expect/restarts/bystandr: container "bystandr"',
      'broken-steps.yaml:52:14 /scenarios/4/knownDifferences/4/expect/restarts: "restarts" replaced again for versions knownDifferences[3] also covers',
      'broken-steps.yaml:53:5 /scenarios/4/knownDifferences/5: neither "expect" nor "expectedFailure"',
    ]);
  });
});
