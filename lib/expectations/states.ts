// Container states and lastState seen after the trigger (R10, R11, R18): the waiting reason
// RestartingAllContainers while a container is removed, a completed container that completes again,
// and the lastState the settled status keeps (1.36+) or loses (1.35, kubernetes/kubernetes#136964).
import type { ContainerStateSnapshot, ContainerStatusSnapshot, Observation } from '../observe/types.js';
import { findContainer, quote } from './pod.js';
import { missing, result } from './result.js';
import { evidenceAround, offset, originOf, podStatesAfterTrigger, type PodEntry } from './timeline.js';
import type { Checker, CheckResult, ExpectationOf } from './types.js';

type ContainerStatesExpectation = ExpectationOf<'states'>[string];
type LastStateExpectation = NonNullable<ContainerStatesExpectation['lastState']>;

/** A state as a token: "running", "waiting(PodInitializing)", "terminated(0 Completed)", "none" for an empty one. */
export function stateToken(state: ContainerStateSnapshot): string {
  if (state.terminated) {
    const { exitCode, reason } = state.terminated;
    return reason ? `terminated(${exitCode} ${reason})` : `terminated(${exitCode})`;
  }
  if (state.running) return 'running';
  if (state.waiting) return state.waiting.reason ? `waiting(${state.waiting.reason})` : 'waiting';
  return 'none';
}

interface TokenPattern {
  kind: 'none' | 'running' | 'waiting' | 'terminated';
  reason?: string;
  exitCode?: number;
}

/** Parses a suite token (schema: StateToken); a pattern leaves out what it does not care about. */
export function parseStatePattern(token: string): TokenPattern {
  const m = /^(none|running|waiting|terminated)(?:\((\d+)?(?: ?([A-Za-z]+))?\))?$/.exec(token);
  if (!m) throw new Error(`not a container state: ${quote(token)}`);
  const p: TokenPattern = { kind: m[1] as TokenPattern['kind'] };
  if (m[2] !== undefined) p.exitCode = Number(m[2]);
  if (m[3] !== undefined) p.reason = m[3];
  return p;
}

/** Whether a state fits a pattern: same kind, and the exit code and reason where the pattern names them. */
export function stateMatches(state: ContainerStateSnapshot, token: string): boolean {
  const p = parseStatePattern(token);
  if (p.kind === 'none') return !state.terminated && !state.running && !state.waiting;
  if (p.kind === 'running') return !!state.running && !state.terminated;
  if (p.kind === 'waiting')
    return (
      !!state.waiting &&
      !state.running &&
      !state.terminated &&
      (p.reason === undefined || state.waiting.reason === p.reason)
    );
  const t = state.terminated;
  if (!t) return false;
  return (p.exitCode === undefined || t.exitCode === p.exitCode) && (p.reason === undefined || t.reason === p.reason);
}

export interface StateStep {
  token: string;
  state: ContainerStateSnapshot;
  at: number;
  entry?: PodEntry;
  /**
   * Never published as the state: the kubelet's status manager writes only its latest status, so a run
   * that ended and restarted between two API writes shows only as the next state plus a lastState whose
   * startedAt is the run seen before. The step is that lastState; `at` is when its successor was received.
   */
  inferred?: true;
}

/** The moment a state began: a new start or a new termination is a new step even with the same token. */
function momentOf(state: ContainerStateSnapshot): string | undefined {
  return state.running?.startedAt ?? state.terminated?.finishedAt ?? undefined;
}

/**
 * The termination of the run that started at `runStart`, when `c` shows it only as its lastState: the
 * state has moved on (a new start, or waiting) and the lastState's startedAt is that run's. The
 * synthesized lastState of a restart-all (startedAt null) never matches: it records no run.
 */
function unseenEnd(runStart: string | undefined, c: ContainerStatusSnapshot): ContainerStateSnapshot | undefined {
  const end = c.lastState.terminated;
  if (!runStart || !end?.startedAt || end.startedAt !== runStart) return undefined;
  if (c.state.terminated?.startedAt === runStart || c.state.running?.startedAt === runStart) return undefined;
  return c.lastState;
}

/**
 * One container's state (or lastState) after the trigger, repeats collapsed. A container that ran
 * again between two watch entries shows the same token with a new startedAt/finishedAt: that is kept
 * as its own step, so "completed twice" is seen even when the run in between was not. A termination
 * the API server never showed as the state, but recorded as lastState, is inserted (inferred).
 */
export function stateSequence(
  observation: Observation,
  container: string,
  field: 'state' | 'lastState' = 'state',
): StateStep[] {
  const steps: StateStep[] = [];
  const before = observation.before ? findContainer(observation.before, container) : undefined;
  let runStart = before?.state.running?.startedAt;
  for (const { at, pod, entry } of podStatesAfterTrigger(observation)) {
    const c = findContainer(pod, container);
    if (!c) continue;
    const state = c[field];
    if (field === 'state') {
      const end = unseenEnd(runStart, c);
      if (end) steps.push({ token: stateToken(end), state: end, at, inferred: true });
      runStart = c.state.running?.startedAt ?? (c.state.terminated ? undefined : runStart);
    }
    const token = stateToken(state);
    const last = steps[steps.length - 1];
    if (last && last.token === token && momentOf(last.state) === momentOf(state)) continue;
    steps.push({ token, state, at, ...(entry ? { entry } : {}) });
  }
  return steps;
}

/** Greedy subsequence match of patterns over steps (greedy is exact for subsequences); the matched steps. */
function matchSubsequence(patterns: readonly string[], steps: StateStep[]): { matched: StateStep[]; ok: boolean } {
  const matched: StateStep[] = [];
  let i = 0;
  for (const step of steps) {
    const want = patterns[i];
    if (want !== undefined && stateMatches(step.state, want)) {
      matched.push(step);
      i++;
    }
  }
  return { matched, ok: i === patterns.length };
}

function describeSteps(steps: StateStep[], origin: number): string {
  if (steps.length === 0) return 'no status for it after the trigger';
  return steps
    .map((s) =>
      s.inferred
        ? `${s.token} (unpublished: read from lastState at ${offset(s.at, origin)})`
        : `${s.token} (${offset(s.at, origin)})`,
    )
    .join(' → ');
}

const entriesOf = (steps: StateStep[]) => steps.flatMap((s) => (s.entry ? [s.entry] : []));

function describeLastState(c: ContainerStatusSnapshot): string {
  const t = c.lastState.terminated;
  if (!t) return c.lastState.running || c.lastState.waiting ? stateToken(c.lastState) : 'none';
  const fields = [
    `exitCode ${t.exitCode}`,
    `reason ${quote(t.reason)}`,
    `message ${quote(t.message, 120)}`,
    `startedAt ${t.startedAt ?? 'null'}`,
    `finishedAt ${t.finishedAt ?? 'null'}`,
    `containerID ${t.containerID ?? 'null'}`,
  ];
  return `terminated {${fields.join(', ')}}`;
}

/** The fields of lastState.terminated that differ from what is asked; empty when it matches. */
function lastStateMismatches(want: LastStateExpectation, c: ContainerStatusSnapshot): string[] {
  const t = c.lastState.terminated;
  if (want === 'none') return stateMatches(c.lastState, 'none') ? [] : ['present'];
  if (!t) return ['absent'];
  const out: string[] = [];
  if (want.exitCode !== undefined && t.exitCode !== want.exitCode) out.push('exitCode');
  if (want.reason !== undefined && t.reason !== want.reason) out.push('reason');
  if (want.message !== undefined && !(t.message ?? '').includes(want.message)) out.push('message');
  const nullOrSet = (v: string | null | undefined) => (v === undefined || v === null || v === '' ? null : 'set');
  if (want.startedAt !== undefined && nullOrSet(t.startedAt) !== want.startedAt) out.push('startedAt');
  if (want.finishedAt !== undefined && nullOrSet(t.finishedAt) !== want.finishedAt) out.push('finishedAt');
  if (want.containerID !== undefined && nullOrSet(t.containerID) !== want.containerID) out.push('containerID');
  return out;
}

function describeLastStateExpectation(want: LastStateExpectation): string {
  if (want === 'none') return 'no lastState once settled';
  const parts = Object.entries(want).map(([k, v]) =>
    k === 'message' ? `message contains ${quote(String(v), 120)}` : `${k} ${v === null ? 'null' : String(v)}`,
  );
  return `lastState.terminated {${parts.join(', ')}} once settled`;
}

function checkContainer(name: string, exp: ContainerStatesExpectation, observation: Observation): CheckResult[] {
  const origin = originOf(observation);
  const prefix = `states.${name}`;
  const results: CheckResult[] = [];
  const steps = stateSequence(observation, name);
  const text = describeSteps(steps, origin);

  if (exp.seen) {
    const { ok } = matchSubsequence(exp.seen, steps);
    results.push(
      result(`${prefix}.seen`, ok, `${exp.seen.join(' then ')} after the trigger`, text, {
        evidence: ok ? [] : evidenceAround(observation, entriesOf(steps)),
      }),
    );
  }
  if (exp.sequence) {
    const want = exp.sequence;
    const ok = steps.length === want.length && steps.every((step, i) => stateMatches(step.state, want[i] as string));
    results.push(
      result(`${prefix}.sequence`, ok, `exactly ${want.join(' → ')} after the trigger`, text, {
        evidence: ok ? [] : evidenceAround(observation, entriesOf(steps)),
      }),
    );
  }
  if (exp.never) {
    const hits = steps.filter((s) => exp.never?.some((t) => stateMatches(s.state, t)));
    const first = hits[0];
    results.push(
      result(
        `${prefix}.never`,
        hits.length === 0,
        `never ${exp.never.join(' or ')} after the trigger`,
        first ? `${first.token} at ${offset(first.at, origin)}: ${text}` : text,
        {
          evidence: evidenceAround(observation, entriesOf(hits)),
        },
      ),
    );
  }
  if (exp.waitingMessage !== undefined) {
    // The waiting step the message belongs to: one whose reason `seen` names, else any waiting step with a message.
    const reasons = (exp.seen ?? [])
      .map(parseStatePattern)
      .filter((p) => p.kind === 'waiting' && p.reason)
      .map((p) => p.reason);
    const waiting = steps.filter(
      (s) => s.state.waiting && (reasons.length === 0 || reasons.includes(s.state.waiting.reason)),
    );
    const hit = waiting.find((s) => (s.state.waiting?.message ?? '').includes(exp.waitingMessage ?? ''));
    const expected = `waiting message contains ${quote(exp.waitingMessage, 120)}${reasons.length ? ` (reason ${reasons.join(' or ')})` : ''}`;
    const observed = hit
      ? `${quote(hit.state.waiting?.message, 120)} at ${offset(hit.at, origin)}`
      : waiting.length > 0
        ? waiting.map((s) => `${s.token}: ${quote(s.state.waiting?.message, 120)}`).join('; ')
        : `never waiting${reasons.length ? ` with reason ${reasons.join(' or ')}` : ''}: ${text}`;
    results.push(result(`${prefix}.waitingMessage`, !!hit, expected, observed));
  }
  if (exp.lastStateSeen) {
    const lastSteps = stateSequence(observation, name, 'lastState');
    const { ok } = matchSubsequence(exp.lastStateSeen, lastSteps);
    results.push(
      result(
        `${prefix}.lastStateSeen`,
        ok,
        `lastState ${exp.lastStateSeen.join(' then ')} after the trigger`,
        describeSteps(lastSteps, origin),
        {
          evidence: ok ? [] : evidenceAround(observation, entriesOf(lastSteps)),
        },
      ),
    );
  }
  if (exp.lastState !== undefined) {
    const check = `${prefix}.lastState`;
    const expected = describeLastStateExpectation(exp.lastState);
    const c = observation.after && findContainer(observation.after, name);
    if (!observation.after) results.push(missing(check, expected, 'after snapshot'));
    else if (!c)
      results.push(
        result(
          check,
          false,
          expected,
          `container not in pod status (${observation.after.containers.map((x) => x.name).join(', ')})`,
        ),
      );
    else {
      const off = lastStateMismatches(exp.lastState, c);
      const observed = `${describeLastState(c)}${off.length ? ` (differs in ${off.join(', ')})` : ''}`;
      results.push(result(check, off.length === 0, expected, observed));
    }
  }
  return results;
}

export const checkStates: Checker<'states'> = (expectation, observation) =>
  Object.entries(expectation).flatMap(([name, exp]) => checkContainer(name, exp, observation));
