// The verdict engine: a scenario's expectations against what one run observed. Pure and offline:
// a recorded observation (test/fixtures/observations) replays to the same verdict.
//
// A short-form scenario is judged on the observation as a whole. A scenario with steps is judged per
// `expect` step, on that step's checkpoint (checkpoint.ts), its checks named "step N (name) <check>".
// Known differences for the server's version were applied by planScenario; expected failures are
// resolved last: every declared check must fail and nothing else may.
import type { Observation } from '../observe/types.js';
import { expectationKinds, runChecker } from '../expectations/registry.js';
import { result } from '../expectations/result.js';
import type { CheckContext, CheckResult, ExpectationKind } from '../expectations/types.js';
import type { ExpectationsT, ScenarioT } from '../suite/schema.js';
import { expectSteps, planScenario, stepLabel, type ExpectStep } from '../suite/steps.js';
import { checkpointView } from './checkpoint.js';
import type { Verdict, VerdictStatus } from './types.js';

export interface JudgeOptions {
  /** Server version for VersionedText and known differences; defaults to the observation's. */
  kubernetesVersion?: string;
  /** Wall time of the scenario run; defaults to the span of the observation's timeline. */
  durationMs?: number;
}

/** A check together with where it came from, for expected-failure matching. */
interface Judged {
  result: CheckResult;
  /** The check's name without the step prefix. */
  relative: string;
  step?: ExpectStep;
}

function timelineSpan(observation: Observation): number {
  const times = observation.timeline.map((e) => e.at);
  return times.length > 1 ? Math.max(...times) - Math.min(...times) : 0;
}

/** A run that could not complete (a wait timed out, an exec failed) never passes. */
function runCompleted(observation: Observation): CheckResult[] {
  if (observation.abortedWith === undefined) return [];
  return [result('run', false, 'the scenario runs to completion', observation.abortedWith)];
}

/** The checks of one expect step (or of the short form), with known differences named in `expected`. */
function judgeStep(
  step: ExpectStep,
  expect: ExpectationsT,
  view: Observation,
  ctx: CheckContext,
  kinds: ExpectationKind[],
  prefix: string,
): Judged[] {
  const out: Judged[] = [];
  for (const kind of kinds) {
    const difference = [...step.differences].reverse().find((d) => d.kinds.includes(kind));
    for (const r of runChecker(kind, expect, view, ctx)) {
      const named: CheckResult = { ...r, check: `${prefix}${r.check}` };
      if (difference)
        named.expected = `${r.expected} [known difference for ${difference.versions.join(' ')}: ${difference.because}]`;
      out.push({ result: named, relative: r.check, step });
    }
  }
  return out;
}

function notEvaluated(step: ExpectStep, prefix: string, why: string): Judged {
  return {
    result: result(prefix.trim() || 'expect', false, 'the step is reached and judged', why),
    relative: '',
    step,
  };
}

export function judge(scenario: ScenarioT, observation: Observation, opts: JudgeOptions = {}): Verdict {
  const kubernetesVersion = opts.kubernetesVersion ?? observation.kubernetesVersion;
  const ctx: CheckContext = { kubernetesVersion };
  const plan = planScenario(scenario, { kubernetesVersion });
  const steps = expectSteps(plan);
  const judged: Judged[] = runCompleted(observation).map((r) => ({ result: r, relative: r.check }));
  const accepted = observation.admission.accepted;

  if (!plan.stepped) {
    const step = steps[0] as ExpectStep;
    // The create must succeed unless the suite says otherwise (schema: admission defaults to accepted).
    const expect = { ...step.expect, admission: step.expect.admission ?? 'accepted' };
    if (accepted) {
      judged.push(...judgeStep(step, expect, observation, ctx, expectationKinds, ''));
    } else {
      // No pod exists: pod expectations cannot be confirmed, and saying so beats checks that all fail
      // with "no before snapshot".
      judged.push(...judgeStep(step, expect, observation, ctx, ['admission'], ''));
      for (const kind of expectationKinds) {
        if (kind === 'admission' || expect[kind] === undefined) continue;
        judged.push({
          result: result(kind, false, `${kind} expectations evaluated`, 'not evaluated: the pod was not created'),
          relative: kind,
          step,
        });
      }
    }
  } else {
    judged.push(
      ...runChecker('admission', { admission: 'accepted' }, observation, ctx).map((r) => ({
        result: r,
        relative: r.check,
      })),
    );
    const pending = accepted ? undefined : 'not evaluated: the pod was not created';
    for (const step of steps) {
      const prefix = `${stepLabel(step)} `;
      const checkpoint = observation.checkpoints?.find((c) => c.step === step.index);
      if (pending || !checkpoint) {
        judged.push(
          notEvaluated(
            step,
            prefix,
            pending ??
              `not reached: the run stopped before this step${observation.abortedWith ? ` (${observation.abortedWith})` : ''}`,
          ),
        );
        continue;
      }
      const kinds = expectationKinds.filter((k) => k !== 'admission');
      judged.push(...judgeStep(step, step.expect, checkpointView(observation, checkpoint), ctx, kinds, prefix));
    }
  }

  const { checks, status, note } = resolveExpectedFailures(judged, steps, plan.stepped, kubernetesVersion);
  const verdict: Verdict = {
    suite: observation.suite,
    scenario: scenario.name,
    status,
    checks,
    durationMs: opts.durationMs ?? timelineSpan(observation),
  };
  if (note) verdict.note = note;
  if (scenario.id) verdict.id = scenario.id;
  return verdict;
}

/**
 * Declared expected failures: each listed check must have failed (it is then marked, not counted);
 * a listed check that passed, or was not made, fails the scenario, because the declaration is stale.
 */
function resolveExpectedFailures(
  judged: Judged[],
  steps: ExpectStep[],
  stepped: boolean,
  version: string,
): { checks: CheckResult[]; status: VerdictStatus; note?: string } {
  const stale: CheckResult[] = [];
  const reasons = new Set<string>();
  for (const step of steps) {
    for (const declared of step.expectedFailures) {
      for (const name of declared.checks) {
        const matches = judged.filter(
          (j) => j.relative === name && (j.step === step || (j.step === undefined && name === 'run')),
        );
        const failed = matches.filter((j) => !j.result.passed && !j.result.soft);
        const label = stepped ? `${stepLabel(step)} ` : '';
        if (failed.length === 0) {
          const observed =
            matches.length === 0
              ? `no check named "${name}" was made`
              : `it passed: ${matches.map((m) => m.result.observed).join('; ')}`;
          stale.push(
            result(
              `${label}expectedFailure.${name}`,
              false,
              `${name} fails on ${version} (declared for ${declared.versions.join(' ')}: ${declared.because})`,
              `${observed} — the known failure may be fixed: remove or narrow the declaration`,
            ),
          );
          continue;
        }
        for (const j of failed) j.result.expectedFailure = declared.because;
        reasons.add(declared.because);
      }
    }
  }
  const checks = [...judged.map((j) => j.result), ...stale];
  const hard = checks.filter((c) => !c.passed && !c.soft && c.expectedFailure === undefined);
  if (hard.length > 0) return { checks, status: 'failed' };
  if (reasons.size > 0) {
    const names = checks.filter((c) => c.expectedFailure !== undefined).map((c) => c.check);
    return {
      checks,
      status: 'expected-failure',
      note: `expected failure on ${version}: ${names.join(', ')} (${[...reasons].join('; ')})`,
    };
  }
  return { checks, status: 'passed' };
}

/** The verdict of a scenario that did not run (version or gate requirement, --grep, preflight). */
export function skipVerdict(suite: string, scenario: Pick<ScenarioT, 'name' | 'id'>, reason: string): Verdict {
  const verdict: Verdict = {
    suite,
    scenario: scenario.name,
    status: 'skipped',
    skipReason: reason,
    checks: [],
    durationMs: 0,
  };
  if (scenario.id) verdict.id = scenario.id;
  return verdict;
}
