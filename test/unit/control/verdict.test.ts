import { expect } from 'chai';
import { deriveControl, isUnderivable, type DerivedControl } from '../../../lib/control/index.js';
import { controlVerdict, underivableVerdict } from '../../../lib/verdict/control.js';
import type { ApiOutcome } from '../../../lib/kube/status.js';
import type { Observation, PodSnapshot } from '../../../lib/observe/types.js';
import type { LoadedScenario } from '../../../lib/suite/load.js';
import { shippedScenario } from './shipped.js';
import { observationWith } from '../expectations/observations.js';

const shipped = (name: string): Promise<LoadedScenario> => shippedScenario(name);

function control(kind: 'action-refused' | 'rules-dropped', s: LoadedScenario): DerivedControl {
  const d = deriveControl(kind, s.scenario, s.pod);
  if (isUnderivable(d)) throw new Error(d.underivable);
  return d;
}

const observation = (o: Partial<Observation>): Observation =>
  observationWith({ scenario: 'core-in-place-restart', suite: 'core', ...o });

const refused = (field: string, text: string): ApiOutcome => ({
  accepted: false,
  warnings: [],
  error: {
    status: 422,
    reason: 'Invalid',
    message: `Pod "rac-base" is invalid: ${field}: ${text}`,
    causes: [{ field, reason: 'FieldValueNotSupported', message: text }],
  },
});

/** The base pod after an exit 42 that restarted nothing: trigger terminated, the others running, restartCount 0. */
function settled(at: number): PodSnapshot {
  const c = (
    name: string,
    kind: 'init' | 'sidecar' | 'regular',
    state: PodSnapshot['containers'][number]['state'],
  ) => ({
    name,
    kind,
    restartCount: 0,
    ready: !('terminated' in state),
    state,
    lastState: {},
  });
  return {
    at,
    resourceVersion: String(at),
    uid: 'u',
    creationTimestamp: 't',
    nodeName: 'n',
    podIPs: [],
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'False' }],
    containers: [
      c('init', 'init', { terminated: { exitCode: 0 } }),
      c('sidecar', 'sidecar', { running: {} }),
      c('trigger', 'regular', { terminated: { exitCode: 42 } }),
      c('bystander', 'regular', { running: {} }),
    ],
  };
}

/** Watch entries of a run that restarted nothing: the trigger's exit at 3 s, settled at 3 s, a window of `seconds`. */
function quietRun(after: PodSnapshot, seconds = 20): Partial<Observation> {
  return {
    stored: droppedStore,
    before: settled(1000),
    triggerAt: 2000,
    settledAt: 3000,
    after: { ...after, at: 3000 + seconds * 1000 },
    timeline: [
      { at: 1000, kind: 'pod', watch: 'MODIFIED', pod: settled(1000) },
      { at: 3000, kind: 'pod', watch: 'MODIFIED', pod: { ...after, at: 3000 } },
    ],
  };
}

const droppedStore: Observation['stored'] = [
  { name: 'init', kind: 'init', restartPolicyRules: 0 },
  { name: 'sidecar', kind: 'sidecar', restartPolicy: 'Always', restartPolicyRules: 0 },
  { name: 'trigger', kind: 'regular', restartPolicyRules: 0 },
  { name: 'bystander', kind: 'regular', restartPolicyRules: 0 },
];

describe('control verdicts', () => {
  it('action-refused passes when the API server refuses the pod as derived, and the positive claim failed on that', async () => {
    const s = await shipped('core/R01');
    const o = observation({
      admission: refused(
        'spec.containers[0].restartPolicyRules[0].action',
        'Unsupported value: "RestartAllContainers": supported values: "Restart"',
      ),
    });
    const v = controlVerdict(s.scenario, control('action-refused', s), o);
    expect(v.status).to.equal('passed');
    expect(v.note).to.match(
      /^action-refused control: the API server refuses the pod \(spec\.containers\[0\]\.restartPolicyRules\[0\]\.action\)$/,
    );
    expect(v.checks[0]).to.include({ check: 'control.positive-fails', passed: true });
    expect(v.checks[0]?.observed).to.contain('admission (rejected 422');
    expect(v.checks.filter((c) => c.check.startsWith('positive.')).every((c) => c.soft)).to.equal(true);
  });

  it('action-refused fails a refusal for another reason (a quota), though the positive claim failed too', async () => {
    const s = await shipped('core/R01');
    const o = observation({
      admission: { accepted: false, warnings: [], error: { status: 403, message: 'exceeded quota', causes: [] } },
    });
    const v = controlVerdict(s.scenario, control('action-refused', s), o);
    expect(v.status).to.equal('failed');
    expect(v.checks.find((c) => c.check === 'control.admission.status')).to.include({
      passed: false,
      observed: 'HTTP 403',
    });
  });

  it('rules-dropped passes R01 when the rules were dropped and nothing restarted; the positive restarts failed on evidence', async () => {
    const s = await shipped('core/R01');
    const o = observation(quietRun(settled(0)));
    const v = controlVerdict(s.scenario, control('rules-dropped', s), o);
    expect(v.checks.filter((c) => !c.passed && !c.soft).map((c) => `${c.check}: ${c.observed}`)).to.deep.equal([]);
    expect(v.status).to.equal('passed');
    expect(v.checks[0]?.observed).to.contain('restarts.init');
  });

  it('rules-dropped fails when the API server kept the rule (the pod is no rules-off control)', async () => {
    const s = await shipped('core/R01');
    const kept = droppedStore?.map((c) =>
      c.name === 'trigger' ? { ...c, restartPolicy: 'Never', restartPolicyRules: 1 } : c,
    );
    const o = observation({ stored: kept, before: settled(1), after: settled(5), triggerAt: 2 });
    const v = controlVerdict(s.scenario, control('rules-dropped', s), o);
    expect(v.status).to.equal('failed');
    expect(v.checks.find((c) => c.check === 'control.stored.trigger')).to.include({
      passed: false,
      observed: 'restartPolicy Never, 1 rule',
    });
  });

  it('a positive claim that holds on the control cluster fails the control', async () => {
    const s = await shipped('core/R01');
    const loose = { ...s.scenario, expect: { admission: 'accepted' as const } };
    const o = observation({ stored: droppedStore, before: settled(1), after: settled(5), triggerAt: 2 });
    const v = controlVerdict(loose, control('rules-dropped', s), o);
    expect(v.status).to.equal('failed');
    expect(v.checks[0]).to.include({
      check: 'control.positive-fails',
      passed: false,
      observed: 'they all hold on the control cluster: they do not depend on the gate',
    });
  });

  it('R12, a negative claim, holds on rules-off too: reported, not failed, the derived checks decide', async () => {
    const s = await shipped('core/R12');
    const exit1 = (at: number): PodSnapshot => ({
      ...settled(at),
      containers: settled(at).containers.map((c) =>
        c.name === 'trigger' ? { ...c, state: { terminated: { exitCode: 1 } } } : c,
      ),
    });
    const o = observation(quietRun(exit1(0), 30));
    expect(control('rules-dropped', s).scenario.expect?.consistently).to.equal(
      30,
      "R12's own 30 s window, not the default 20 s",
    );
    const v = controlVerdict(s.scenario, control('rules-dropped', s), o);
    expect(v.checks[0]).to.include({ check: 'control.positive-fails', passed: true, soft: true });
    expect(v.checks[0]?.observed).to.contain('claims an absence');
    expect(v.status).to.equal('passed');
  });

  it('an underivable control fails with its reason', () => {
    const v = underivableVerdict(
      'x',
      { name: 'y', id: 'R99', pod: { builtin: 'base' }, expect: {} },
      { kind: 'action-refused', underivable: 'nothing to refuse' },
    );
    expect(v).to.include({ status: 'failed', id: 'R99' });
    expect(v.checks[0]).to.include({ check: 'control.derivable', passed: false, observed: 'nothing to refuse' });
  });

  describe('a Job scenario on a gate-off cluster', () => {
    const jobPodRefusal =
      'timed out after 120s waiting for a pod of Job trainer; last seen: no pod with that label; Job events: FailedCreate: Error creating: Pod "trainer-x" is invalid: spec.containers[0].restartPolicyRules[0].action: Unsupported value: "RestartAllContainers": supported values: "Restart"';
    it('v1.35.8 (measured): the Job itself is refused, its causes under spec.template; that is the control holding', async () => {
      const r27 = await shipped('sequences/R27');
      const c = control('action-refused', r27);
      expect(c.causes.map((x) => x.field)).to.deep.equal([
        'spec.template.spec.containers[0].restartPolicyRules[0].action',
      ]);
      const field = 'spec.template.spec.containers[0].restartPolicyRules[0].action';
      const text = 'Unsupported value: "RestartAllContainers": supported values: "Restart"';
      const admission: ApiOutcome = {
        accepted: false,
        warnings: [],
        error: {
          status: 422,
          reason: 'Invalid',
          message: `Job.batch "trainer" is invalid: ${field}: ${text}`,
          causes: [{ field, reason: 'FieldValueNotSupported', message: text }],
        },
      };
      const v = controlVerdict(r27.scenario, c, observation({ podName: '', job: { name: 'trainer' }, admission }));
      expect(v.checks.filter((x) => !x.passed && !x.soft).map((x) => `${x.check}: ${x.observed}`)).to.deep.equal([]);
      expect(v.status).to.equal('passed');
      // The same refusal naming another field is not this control's.
      const other = {
        ...admission,
        error: {
          ...admission.error!,
          causes: [
            {
              field: 'spec.template.spec.containers[0].image',
              reason: 'FieldValueRequired',
              message: 'Required value',
            },
          ],
        },
      };
      expect(
        controlVerdict(r27.scenario, c, observation({ podName: '', job: { name: 'trainer' }, admission: other }))
          .status,
      ).to.equal('failed');
    });

    it('passes when the Job is admitted and the API server refuses the pods made from it', async () => {
      const r27 = await shipped('sequences/R27');
      const c = control('action-refused', { ...r27, pod: r27.pod });
      const v = controlVerdict(
        r27.scenario,
        c,
        observation({ podName: 'trainer', job: { name: 'trainer' }, abortedWith: jobPodRefusal }),
      );
      expect(v.status).to.equal('passed');
      expect(v.checks.find((x) => x.check === 'control.job-pods-refused')?.passed).to.equal(true);
    });
    it('fails when the Job made no pod for another reason', async () => {
      const r27 = await shipped('sequences/R27');
      const c = control('action-refused', r27);
      const v = controlVerdict(
        r27.scenario,
        c,
        observation({
          podName: 'trainer',
          job: { name: 'trainer' },
          abortedWith: 'timed out after 120s waiting for a pod of Job trainer; Job events: none',
        }),
      );
      expect(v.status).to.equal('failed');
      expect(v.checks.find((x) => x.check === 'control.job-pods-refused')?.observed).to.contain('Job events: none');
    });
  });
});
