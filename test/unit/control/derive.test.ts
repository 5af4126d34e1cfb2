import { expect } from 'chai';
import {
  controlKindOf,
  deriveControl,
  isUnderivable,
  refusalCauses,
  type DerivedControl,
} from '../../../lib/control/index.js';
import { loadProfile } from '../../../lib/profiles/index.js';
import { selectScenario } from '../../../lib/verdict/selection.js';
import type { LoadedScenario } from '../../../lib/suite/load.js';
import { shippedScenario, shippedSuites } from './shipped.js';
import { expectationErrors } from '../expectations/observations.js';

const shipped = (name: string): Promise<LoadedScenario> => shippedScenario(name);

const derived = (d: ReturnType<typeof deriveControl>): DerivedControl => {
  if (isUnderivable(d)) throw new Error(d.underivable);
  return d;
};

describe('controls: which profile is which control', () => {
  it('gate-off is action-refused, rules-off is rules-dropped, the feature profiles are none', async () => {
    expect(controlKindOf((await loadProfile('1.35-gates-off')).clusterGates.effective)).to.equal('action-refused');
    expect(controlKindOf((await loadProfile('1.35-rules-off')).clusterGates.effective)).to.equal('rules-dropped');
    for (const p of ['1.35-gates-on', '1.36-defaults', '1.37-defaults', '1.35-mixed-nodes']) {
      expect(controlKindOf((await loadProfile(p)).clusterGates.effective), p).to.equal(undefined);
    }
  });
});

describe('controls: expectations derived from the pod and trigger', () => {
  for (const [id, action, why] of [
    ['core/R03', 'RestartAllContainers', 'the base pod'],
    ['validation/R22e', 'Foo', 'an unknown action (measured on v1.37.2)'],
  ] as const) {
    it(`action-refused, ${id} (${why}): refused on the trigger rule listing Restart alone; no trigger, no setup`, async () => {
      const s = await shipped(id);
      const d = derived(deriveControl('action-refused', s.scenario, s.pod));
      expect(d.scenario.expect).to.deep.equal({
        admission: {
          rejected: {
            status: 422,
            field: 'spec.containers[0].restartPolicyRules[0].action',
            message: { '>=1.35': `Unsupported value: "${action}": supported values: "Restart"` },
          },
        },
      });
      expect(d.scenario.trigger).to.equal(undefined);
      expect(d.scenario.setup).to.equal(undefined);
      expect(expectationErrors(d.scenario.expect)).to.equal('');
    });
  }

  it('action-refused: every RestartAllContainers rule and every sidecar with rules is a cause', () => {
    const pod = {
      spec: {
        initContainers: [
          { name: 'i', restartPolicy: 'Never', restartPolicyRules: [{ action: 'RestartAllContainers' }] },
          { name: 'side', restartPolicy: 'Always', restartPolicyRules: [{ action: 'Restart' }] },
        ],
        containers: [{ name: 'a', restartPolicyRules: [{ action: 'Restart' }, { action: 'RestartAllContainers' }] }],
      },
    };
    expect(refusalCauses(pod).map((c) => c.field)).to.deep.equal([
      'spec.initContainers[0].restartPolicyRules[0].action',
      'spec.initContainers[1].restartPolicyRules',
      'spec.containers[0].restartPolicyRules[1].action',
    ]);
  });

  it('action-refused: a pod without the action or sidecar rules has no control, and says why', () => {
    const d = deriveControl(
      'action-refused',
      { name: 'x', pod: { builtin: 'base' }, expect: {} },
      { spec: { containers: [{ name: 'a' }] } },
    );
    expect(isUnderivable(d) && d.underivable).to.contain('does not depend on RestartAllContainersOnContainerExits');
  });

  it('rules-dropped, R01 (exit 42, pod restartPolicy Never): accepted, rules and regular restartPolicy gone, nothing restarts', async () => {
    const s = await shipped('core/R01');
    const d = derived(deriveControl('rules-dropped', s.scenario, s.pod));
    expect(d.scenario.trigger).to.deep.equal({ exit: { container: 'trigger', code: 42 } });
    expect(d.scenario.expect).to.deep.equal({
      admission: 'accepted',
      stored: {
        '*': { restartPolicyRules: 0 },
        sidecar: { restartPolicy: 'Always', restartPolicyRules: 0 },
        trigger: { restartPolicy: 'absent', restartPolicyRules: 0 },
        bystander: { restartPolicy: 'absent', restartPolicyRules: 0 },
      },
      conditions: { AllContainersRestarting: { never: 'True' } },
      consistently: 20,
      restarts: { '*': 0, trigger: 0 },
      final: { containers: { trigger: { state: 'terminated', exitCode: 42 } } },
    });
    expect(expectationErrors(d.scenario.expect)).to.equal('');
    expect(d.summary).to.contain("the pod's restartPolicy Never applies");
  });

  it("rules-dropped, R26 (the pod's only regular container exits 42, pod Never): the pod goes Failed, nothing restarts", async () => {
    // Measured on a rules-off v1.35.8 cluster: the phase turned Failed 2 s after the exit was reported.
    const s = await shipped('latency/R26');
    const d = derived(deriveControl('rules-dropped', s.scenario, s.pod));
    expect(d.scenario.expect?.final?.phase).to.equal('Failed');
    expect(d.summary).to.contain('the pod Failed');
    // With a second regular container still running (R01) the phase is not predicted.
    const r01 = await shipped('core/R01');
    expect(derived(deriveControl('rules-dropped', r01.scenario, r01.pod)).scenario.expect?.final?.phase).to.equal(
      undefined,
    );
  });

  it('rules-dropped with pod restartPolicy Always: the exiting container alone restarts, once (it waits for its flag file again)', async () => {
    const s = await shipped('core/R01');
    const pod = { ...s.pod, spec: { ...(s.pod.spec as object), restartPolicy: 'Always' } };
    const d = derived(deriveControl('rules-dropped', s.scenario, pod));
    expect(d.scenario.expect?.restarts).to.deep.equal({ '*': 0, trigger: 1 });
    expect(d.scenario.expect?.final).to.deep.equal({ containers: { trigger: { state: 'running' } } });
  });

  it('rules-dropped, an init container that exits on its own (R06 shape, pod Never): it fails the pod, nothing restarts', () => {
    const pod = {
      spec: {
        restartPolicy: 'Never',
        initContainers: [
          {
            name: 'source-init',
            restartPolicy: 'Never',
            restartPolicyRules: [{ action: 'RestartAllContainers', exitCodes: { operator: 'In', values: [42] } }],
          },
        ],
        containers: [{ name: 'main' }],
      },
    };
    const s = { name: 'x', pod: { builtin: 'base' }, trigger: { self: { container: 'source-init' } }, expect: {} };
    const d = derived(deriveControl('rules-dropped', s, pod));
    expect(d.scenario.expect?.stored).to.deep.equal({
      'source-init': { restartPolicy: 'absent', restartPolicyRules: 0 },
      main: { restartPolicy: 'absent', restartPolicyRules: 0 },
    });
    expect(d.scenario.expect?.restarts).to.deep.equal({ '*': 0, 'source-init': 0 });
    expect(d.scenario.expect?.final).to.deep.equal({
      phase: 'Failed',
      containers: { 'source-init': { state: 'terminated', exitCode: 42 } },
    });
    expect(d.scenario.expect?.consistently).to.equal(20);
  });

  it('rules-dropped, an exec trigger: only the absence of a restart-all, nothing guessed about the rest', () => {
    const s = {
      name: 'x',
      pod: { builtin: 'base' },
      trigger: { exec: { container: 'main', command: ['kill', '1'] } },
      expect: {},
    };
    const d = derived(deriveControl('rules-dropped', s, { spec: { containers: [{ name: 'main' }] } }));
    expect(d.scenario.expect).to.deep.equal({
      admission: 'accepted',
      stored: { main: { restartPolicy: 'absent', restartPolicyRules: 0 } },
      conditions: { AllContainersRestarting: { never: 'True' } },
    });
  });

  it('a scenario with steps is cut after its first trigger, its setup kept', () => {
    const s = {
      name: 'x',
      pod: { builtin: 'base' },
      steps: [
        { writeFile: { container: 'bystander', path: '/shared/t' } },
        { trigger: { exit: { container: 'trigger', code: 1 } } },
        { expect: { restarts: { trigger: 1 } } },
        { trigger: { exit: { container: 'trigger', code: 42 } } },
        { expect: { restarts: { '*': 1 }, consistently: 45 } },
      ],
    };
    const d = derived(
      deriveControl('rules-dropped', s as never, {
        spec: { restartPolicy: 'Never', containers: [{ name: 'trigger' }, { name: 'bystander' }] },
      }),
    );
    expect(d.scenario.steps?.slice(0, 2)).to.deep.equal([
      { writeFile: { container: 'bystander', path: '/shared/t' } },
      { trigger: { exit: { container: 'trigger', code: 1 } } },
    ]);
    expect(d.scenario.steps).to.have.length(3);
    expect(d.scenario.expect).to.equal(undefined);
    const last = d.scenario.steps?.[2];
    expect(last && 'expect' in last ? last.expect.consistently : undefined).to.equal(
      45,
      'the longest window of the positive steps',
    );
  });

  it('rules-dropped, a validation negative: the malformed rules are dropped before validation, so the pod is accepted', async () => {
    const s = await shipped('validation/R22b');
    const d = derived(deriveControl('rules-dropped', s.scenario, s.pod));
    expect(d.scenario.expect).to.deep.equal({
      admission: 'accepted',
      stored: { main: { restartPolicy: 'absent', restartPolicyRules: 0 } },
    });
  });

  it('rules-dropped, a patch negative: the patch is accepted, its rules dropped too', async () => {
    const s = await shipped('validation/R22g');
    expect(derived(deriveControl('rules-dropped', s.scenario, s.pod)).scenario.expect?.patch).to.equal('accepted');
  });
});

describe('controls: every shipped positive scenario has one on each control profile', () => {
  for (const profileName of ['1.35-gates-off', '1.35-rules-off']) {
    it(`${profileName}: each scenario selected as a control gets valid control expectations`, async () => {
      const profile = await loadProfile(profileName);
      const kind = controlKindOf(profile.clusterGates.effective);
      if (!kind) throw new Error(`${profileName} is no control`);
      const suites = await shippedSuites();
      const controls: string[] = [];
      for (const s of suites.flatMap((x) => x.scenarios)) {
        const role = selectScenario(s, {
          kubernetesVersion: 'v1.35.8',
          gates: profile.clusterGates.effective,
          control: true,
        });
        if (role.kind !== 'control') continue;
        const d = deriveControl(kind, s.scenario, s.pod);
        expect(isUnderivable(d) ? d.underivable : '', `${s.suiteName}/${s.scenario.id}`).to.equal('');
        if (!isUnderivable(d)) {
          // A scenario with steps keeps them up to its first trigger, then one expect step.
          const expects = d.scenario.steps
            ? d.scenario.steps.flatMap((x) => ('expect' in x ? [x.expect] : []))
            : [d.scenario.expect];
          expect(expects, `${s.suiteName}/${s.scenario.id}`).to.have.length.greaterThan(0);
          for (const e of expects) expect(expectationErrors(e), `${s.suiteName}/${s.scenario.id}`).to.equal('');
        }
        controls.push(`${s.suiteName}/${s.scenario.id ?? s.scenario.name}`);
      }
      // Every scenario that needs RestartAllContainers on is a control on both; rules-off adds those needing only restart rules.
      expect(controls).to.include.members([
        'core/R01',
        'core/R03',
        'core/R07',
        'core/R12',
        'validation/R22f',
        'validation/R22g',
      ]);
      if (kind === 'rules-dropped')
        expect(controls).to.include.members(['validation/R22a', 'gate-off/R23', 'gate-off/R23b', 'gate-off/R23c']);
    });
  }
});
