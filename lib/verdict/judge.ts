// The verdict engine: a scenario's expectations against what one run observed. Pure and offline:
// a recorded observation (test/fixtures/observations) replays to the same verdict.
import type { Observation } from '../observe/types.js';
import { expectationKinds, runChecker } from '../expectations/registry.js';
import { result } from '../expectations/result.js';
import type { CheckContext } from '../expectations/types.js';
import type { ScenarioT } from '../suite/schema.js';
import type { CheckResult, Verdict } from './types.js';

export interface JudgeOptions {
  /** Server version for VersionedText; defaults to the observation's. */
  kubernetesVersion?: string;
  /** Wall time of the scenario run; defaults to the span of the observation's timeline. */
  durationMs?: number;
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

export function judge(scenario: ScenarioT, observation: Observation, opts: JudgeOptions = {}): Verdict {
  const ctx: CheckContext = { kubernetesVersion: opts.kubernetesVersion ?? observation.kubernetesVersion };
  // The create must succeed unless the suite says otherwise (schema: admission defaults to accepted).
  const expect = { ...scenario.expect, admission: scenario.expect.admission ?? 'accepted' };
  const checks: CheckResult[] = [...runCompleted(observation)];

  if (observation.admission.accepted) {
    for (const kind of expectationKinds) checks.push(...runChecker(kind, expect, observation, ctx));
  } else {
    // No pod exists: pod expectations cannot be confirmed, and saying so beats checks that all fail
    // with "no before snapshot".
    checks.push(...runChecker('admission', expect, observation, ctx));
    for (const kind of expectationKinds) {
      if (kind === 'admission' || expect[kind] === undefined) continue;
      checks.push(result(kind, false, `${kind} expectations evaluated`, 'not evaluated: the pod was not created'));
    }
  }

  const failed = checks.some((c) => !c.passed && !c.soft);
  const verdict: Verdict = {
    suite: observation.suite,
    scenario: scenario.name,
    status: failed ? 'failed' : 'passed',
    checks,
    durationMs: opts.durationMs ?? timelineSpan(observation),
  };
  if (scenario.id) verdict.id = scenario.id;
  return verdict;
}

/** The verdict of a scenario that did not run (version or gate requirement, --grep, preflight). */
export function skipVerdict(suite: string, scenario: Pick<ScenarioT, 'name' | 'id'>, reason: string): Verdict {
  const verdict: Verdict = { suite, scenario: scenario.name, status: 'skipped', skipReason: reason, checks: [], durationMs: 0 };
  if (scenario.id) verdict.id = scenario.id;
  return verdict;
}
