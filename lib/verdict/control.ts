// The verdict of a control: the control's own expectations (derive.ts) must hold, and the positive claim
// must fail there on real evidence. A positive scenario that also passes on the control cluster proves
// nothing about the gate; a control that passes for another reason (a quota, a timeout) proves nothing either.
// The control's own expectations are derived in lib/control; deciding the verdict stays here.
import { CONTROL_SUMMARY, type DerivedControl, type UnderivableControl } from '../control/index.js';
import { result } from '../expectations/result.js';
import type { CheckResult } from '../expectations/types.js';
import type { Observation } from '../observe/types.js';
import type { ScenarioT } from '../suite/schema.js';
import { judge } from './judge.js';
import type { Verdict } from './types.js';

/** A check that failed on something the run saw, not on something it did not record. */
const failedOnEvidence = (c: CheckResult) =>
  !c.passed && !c.soft && !c.observed.startsWith('not observed') && !c.observed.startsWith('not evaluated');

/**
 * A negative claim ("the restart-all never happens", R12) holds on a rules-off cluster as well: there, the
 * control's own expectations (the pod-level policy decided) are the whole control.
 */
export function isNegativeClaim(scenario: ScenarioT): boolean {
  const expects = [scenario.expect, ...(scenario.steps ?? []).map((x) => ('expect' in x ? x.expect : undefined))];
  return expects.some((e) => e?.conditions?.AllContainersRestarting?.never === 'True');
}

/** Every refusal cause the control expects, beyond the one its `admission` expectation names. */
function causeChecks(control: DerivedControl, observation: Observation): CheckResult[] {
  if (control.causes.length < 2 || observation.admission.accepted) return [];
  const fields = (observation.admission.error?.causes ?? []).map((c) => c.field);
  const wanted = control.causes.map((c) => c.field);
  const absent = wanted.filter((f) => !fields.includes(f));
  return [
    result(
      'control.causes',
      absent.length === 0,
      `causes on ${wanted.join(', ')}`,
      `causes on ${fields.join(', ') || '(none)'}`,
    ),
  ];
}

/**
 * A Job the API server admitted on a gate-off cluster (v1.35.8 refuses the Job itself, judged as any
 * refusal): then every pod the Job controller makes from its template must be refused, and the run ends
 * waiting for the Job's pod, naming the Job's FailedCreate events.
 */
function jobPodsRefused(observation: Observation): CheckResult {
  const refused = /Unsupported value: \\?"RestartAllContainers\\?"/.test(observation.abortedWith ?? '');
  return result(
    'job-pods-refused',
    observation.admission.accepted && refused,
    'the Job is admitted and the API server refuses each pod made from it: Unsupported value "RestartAllContainers"',
    !observation.admission.accepted
      ? `the Job itself was refused: ${(observation.admission.error?.message ?? '').split('\n')[0]}`
      : (observation.abortedWith ?? 'the Job made a pod: nothing was refused').split('\n')[0]!.slice(0, 300),
  );
}

export function controlVerdict(
  original: ScenarioT,
  control: DerivedControl,
  observation: Observation,
  opts: { kubernetesVersion?: string; durationMs?: number } = {},
): Verdict {
  // A Job scenario: the refusal is of the Job's pods, not of the Job the harness creates.
  const own =
    control.kind === 'action-refused' && observation.job && observation.admission.accepted
      ? { ...judge({ ...control.scenario, expect: {} }, observation, opts), checks: [jobPodsRefused(observation)] }
      : judge(control.scenario, observation, opts);
  const positive = judge(original, observation, opts);
  const refuted = positive.checks.filter(failedOnEvidence);
  const negative = isNegativeClaim(original);
  const differs = result(
    'control.positive-fails',
    refuted.length > 0 || negative,
    'the positive expectations fail on the control cluster, on what it did',
    refuted.length > 0
      ? `failed: ${refuted.map((c) => `${c.check} (${c.observed.slice(0, 120)})`).join('; ')}`
      : negative
        ? 'they hold here too: the scenario claims an absence, which needs no gate; the control expectations above show the pod-level policy decided'
        : 'they all hold on the control cluster: they do not depend on the gate',
    negative && refuted.length === 0 ? { soft: true } : {},
  );
  const checks = [
    differs,
    ...own.checks.map((c) => ({ ...c, check: `control.${c.check}` })),
    ...causeChecks(control, observation),
  ];
  const passed = checks.every((c) => c.passed || c.soft);
  return {
    ...own,
    scenario: original.name,
    status: passed ? 'passed' : 'failed',
    ...(passed ? { note: `${control.kind} control: ${control.summary}` } : {}),
    // The positive checks are kept as evidence of what differed, never as a verdict.
    checks: [...checks, ...positive.checks.map((c) => ({ ...c, check: `positive.${c.check}`, soft: true }))],
  };
}

/** A positive scenario for which no control expectations exist on this control: it fails, saying why. */
export function underivableVerdict(suite: string, original: ScenarioT, control: UnderivableControl): Verdict {
  const v: Verdict = {
    suite,
    scenario: original.name,
    status: 'failed',
    checks: [
      result(
        'control.derivable',
        false,
        `control expectations on a ${CONTROL_SUMMARY[control.kind]} cluster`,
        control.underivable,
      ),
    ],
    durationMs: 0,
  };
  if (original.id) v.id = original.id;
  return v;
}
