// Gate-off control: a scenario that needs a gate ON is run against a cluster with the gate OFF. It must
// fail, and for the right reason — otherwise a "pass" on the gates-on cluster proves nothing about the gate.
import type { Observation } from '../observe/types.js';
import type { CheckResult } from '../expectations/types.js';
import type { Verdict } from './types.js';

/** How a gate-off cluster shows itself, most direct first. */
export function gateOffReason(observation: Observation, gates: string[]): string | undefined {
  const err = observation.admission.error;
  const text = [err?.message ?? '', ...(err?.causes ?? []).map((c) => `${c.field ?? ''} ${c.message ?? ''}`)].join('\n');
  if (!observation.admission.accepted && /Unsupported value: "RestartAllContainers"/.test(text)) {
    return `gate off: the API server rejects action RestartAllContainers (${firstLine(err?.message)})`;
  }
  // A Job is admitted, but the API server refuses every pod the Job controller tries to create from it.
  if (observation.job && observation.abortedWith && /Unsupported value: \\?"RestartAllContainers\\?"/.test(observation.abortedWith)) {
    return `gate off: the Job was admitted but the API server refuses its pods, action RestartAllContainers (${firstLine(observation.abortedWith)})`;
  }
  if (observation.admission.accepted) {
    const sawRestarting = observation.timeline.some(
      (e) => e.kind === 'pod' && e.pod.conditions.some((c) => c.type === 'AllContainersRestarting' && c.status === 'True'),
    );
    if (!sawRestarting && observation.triggerAt !== undefined) {
      return `gate off: the pod was admitted but the kubelet never set AllContainersRestarting=True after the trigger (${gates.join(', ')} off)`;
    }
  }
  return undefined;
}

export function controlVerdict(original: Verdict, observation: Observation, gates: string[]): Verdict {
  const reason = gateOffReason(observation, gates);
  const failedChecks = original.checks.filter((c) => !c.passed && !c.soft);
  const check: CheckResult = {
    check: 'control.gate-off',
    passed: original.status === 'failed' && reason !== undefined,
    expected: `the scenario fails because ${gates.join(', ')} is off`,
    observed:
      original.status !== 'failed'
        ? 'the scenario PASSED on a gate-off cluster: its expectations do not depend on the gate'
        : reason
          ? `${reason}; failing checks: ${failedChecks.map((c) => c.check).join(', ')}`
          : `the scenario failed, but not for the gate: ${failedChecks.map((c) => `${c.check}: ${c.observed}`).join('; ')}`,
  };
  return {
    ...original,
    status: check.passed ? 'passed' : 'failed',
    ...(check.passed ? { note: `gate-off control: ${reason}` } : {}),
    checks: [check, ...original.checks.map((c) => ({ ...c, soft: true }))],
  };
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0]?.slice(0, 300) ?? '';
}
