// The settled state (R01 (f): all containers Running, Ready=True; R12: trigger terminated with 1;
// R19: phase Failed), read from the `after` snapshot.
import { textForVersion } from '../k8s-version.js';
import type { ContainerStatusSnapshot, PodSnapshot } from '../observe/types.js';
import { conditionStatus, describeState, findCondition, findContainer, quote, stateName } from './pod.js';
import { missing, result } from './result.js';
import type { Checker, CheckResult, ExpectationOf } from './types.js';

type ContainerExpectation = NonNullable<ExpectationOf<'final'>['containers']>[string];

/** What a container expectation asks for, in words: "running, ready", "terminated, exitCode 1". */
export function describeContainerExpectation(exp: ContainerExpectation): string {
  const parts: string[] = [];
  if (exp.state) parts.push(exp.state);
  if (exp.exitCode !== undefined) parts.push(`exitCode ${exp.exitCode}`);
  if (exp.reason !== undefined) parts.push(`reason ${exp.reason}`);
  if (exp.ready !== undefined) parts.push(exp.ready ? 'ready' : 'not ready');
  return parts.join(', ');
}

/** One asked-for field of a container that differs, with what the container shows instead. */
export interface ContainerMismatch {
  field: 'state' | 'exitCode' | 'reason' | 'ready';
  now: string;
}

/**
 * The fields of a container that differ from what is asked; empty when it matches. Shared with
 * settle.ts so "settled" and "final passes" can never disagree.
 */
export function containerMismatches(exp: ContainerExpectation, c: ContainerStatusSnapshot): ContainerMismatch[] {
  const out: ContainerMismatch[] = [];
  if (exp.state && stateName(c.state) !== exp.state) out.push({ field: 'state', now: describeState(c.state) });
  if (exp.exitCode !== undefined && c.state.terminated?.exitCode !== exp.exitCode) {
    out.push({
      field: 'exitCode',
      now: c.state.terminated ? `exitCode ${c.state.terminated.exitCode}` : describeState(c.state),
    });
  }
  if (exp.reason !== undefined) {
    const reason = c.state.terminated?.reason ?? c.state.waiting?.reason;
    if (reason !== exp.reason) out.push({ field: 'reason', now: `reason ${quote(reason)}` });
  }
  if (exp.ready !== undefined && c.ready !== exp.ready)
    out.push({ field: 'ready', now: c.ready ? 'ready' : 'not ready' });
  return out;
}

type ConditionExpectation = NonNullable<ExpectationOf<'final'>['conditions']>[string];

/** "False, reason contains "PodFailed"" — what a settled condition is asked to be. */
export function describeConditionExpectation(exp: ConditionExpectation, version: string): string {
  const parts: string[] = [exp.status];
  const reason = exp.reason === undefined ? undefined : textForVersion(exp.reason, version);
  const message = exp.message === undefined ? undefined : textForVersion(exp.message, version);
  if (reason !== undefined) parts.push(`reason contains ${quote(reason)}`);
  if (message !== undefined) parts.push(`message contains ${quote(message, 120)}`);
  return parts.join(', ');
}

/** Whether the pod's condition of `type` is as asked (texts per version; a version without one checks the status). */
export function conditionMatches(pod: PodSnapshot, type: string, exp: ConditionExpectation, version: string): boolean {
  if (conditionStatus(pod, type) !== exp.status) return false;
  const c = findCondition(pod, type);
  const reason = exp.reason === undefined ? undefined : textForVersion(exp.reason, version);
  const message = exp.message === undefined ? undefined : textForVersion(exp.message, version);
  if (reason !== undefined && !(c?.reason ?? '').includes(reason)) return false;
  if (message !== undefined && !(c?.message ?? '').includes(message)) return false;
  return true;
}

export function describeCondition(pod: PodSnapshot, type: string): string {
  const c = findCondition(pod, type);
  if (!c) return 'Absent';
  return `${c.status}${c.reason ? `, reason ${quote(c.reason)}` : ''}${c.message ? `, message ${quote(c.message, 120)}` : ''}`;
}

export const checkFinal: Checker<'final'> = (expectation, observation, ctx) => {
  const after = observation.after;
  const results: CheckResult[] = [];
  if (!after) {
    if (expectation.phase) results.push(missing('final.phase', `phase ${expectation.phase}`, 'after snapshot'));
    if (expectation.ready !== undefined)
      results.push(missing('final.ready', `Ready=${expectation.ready}`, 'after snapshot'));
    for (const [name, exp] of Object.entries(expectation.containers ?? {})) {
      results.push(missing(`final.containers.${name}`, describeContainerExpectation(exp), 'after snapshot'));
    }
    for (const [type, exp] of Object.entries(expectation.conditions ?? {})) {
      results.push(
        missing(`final.conditions.${type}`, describeConditionExpectation(exp, ctx.kubernetesVersion), 'after snapshot'),
      );
    }
    return results;
  }
  if (expectation.phase) {
    results.push(
      result('final.phase', after.phase === expectation.phase, `phase ${expectation.phase}`, `phase ${after.phase}`),
    );
  }
  if (expectation.ready !== undefined) {
    const ready = conditionStatus(after, 'Ready');
    results.push(
      result(
        'final.ready',
        (ready === 'True') === expectation.ready,
        `Ready=${expectation.ready ? 'True' : 'False'}`,
        `Ready=${ready}`,
      ),
    );
  }
  for (const [name, exp] of Object.entries(expectation.containers ?? {})) {
    const check = `final.containers.${name}`;
    const expected = describeContainerExpectation(exp);
    const c = findContainer(after, name);
    if (!c) {
      results.push(
        result(
          check,
          false,
          expected,
          `container not in pod status (${after.containers.map((x) => x.name).join(', ')})`,
        ),
      );
      continue;
    }
    const mismatches = containerMismatches(exp, c);
    const reason = c.state.terminated?.reason ?? c.state.waiting?.reason;
    const actual = `${describeState(c.state)}${reason ? `, reason ${reason}` : ''}, ${c.ready ? 'ready' : 'not ready'}`;
    const observed =
      mismatches.length === 0 ? actual : `${actual} (differs in ${mismatches.map((m) => m.field).join(', ')})`;
    results.push(result(check, mismatches.length === 0, expected, observed));
  }
  for (const [type, exp] of Object.entries(expectation.conditions ?? {})) {
    results.push(
      result(
        `final.conditions.${type}`,
        conditionMatches(after, type, exp, ctx.kubernetesVersion),
        describeConditionExpectation(exp, ctx.kubernetesVersion),
        describeCondition(after, type),
      ),
    );
  }
  return results;
};
