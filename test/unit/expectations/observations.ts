// Observation fixtures and small edits for deviation tests. The JSON files in
// test/fixtures/observations/ follow the documented behaviour (KEP-5532 and the kubelet source); a test loads a fresh copy
// and changes exactly one thing, so a failing check can be traced to that one deviation.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ContainerStatusSnapshot, Observation, PodSnapshot, TimelineEntry } from '../../../lib/observe/types.js';
import { Expectations, type ExpectationsT, type ScenarioT } from '../../../lib/suite/schema.js';

export type FixtureName = 'r01-in-place-restart-v1.36' | 'r12-non-matching-exit-v1.36';

export function loadObservation(name: FixtureName): Observation {
  const url = new URL(`../../fixtures/observations/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Observation;
}

/** An observation with nothing in it but what `extra` gives: the base of a hand-built deviation test. */
export function observationWith(extra: Partial<Observation>): Observation {
  return {
    scenario: 's',
    suite: 'x',
    kubernetesVersion: 'v1.35.8',
    namespace: 'ns',
    podName: 'rac-base',
    admission: { accepted: true, warnings: [] },
    timeline: [],
    files: [],
    waits: [],
    ...extra,
  };
}

const validateExpectations = new Ajv({ allErrors: true, strict: true }).compile(Expectations);

/** Schema errors of an `expect` block ("" when valid): test expectations must be real suite content. */
export function expectationErrors(expect: unknown): string {
  return validateExpectations(expect) ? '' : JSON.stringify(validateExpectations.errors);
}

export function scenarioWith(expect: ExpectationsT, name = 'core-in-place-restart', id?: string): ScenarioT {
  const s: ScenarioT = {
    name,
    pod: { builtin: 'base' },
    trigger: { exit: { container: 'trigger', code: 42 } },
    expect,
  };
  if (id) s.id = id;
  return s;
}

/** R01 (suites/core.yaml) as a suite writes it: identity, condition, journal order, exact deltas, final state. */
export function r01Expectations(): ExpectationsT {
  return {
    identity: {
      uid: 'preserved',
      creationTimestamp: 'preserved',
      node: 'preserved',
      podIP: 'preserved',
      sandbox: 'preserved',
      netns: 'preserved',
    },
    restarts: { '*': 1 },
    runs: { init: 2, sidecar: 2, trigger: 2, bystander: 2 },
    startOrder: ['init', 'sidecar', ['trigger', 'bystander']],
    conditions: {
      AllContainersRestarting: {
        seen: ['True', 'False'],
        reason: 'RestartAllContainersStarted',
        message: 'container exited with restart policy rule',
        timesTrue: 1,
      },
      Initialized: { never: 'False' },
    },
    files: [
      { path: '/shared/token', preserved: true },
      { path: '/shared/prestop', exists: false },
    ],
    events: { absent: ['SandboxChanged'] },
    final: {
      phase: 'Running',
      ready: true,
      containers: {
        init: { state: 'terminated', exitCode: 0 },
        sidecar: { state: 'running', ready: true },
        trigger: { state: 'running', ready: true },
        bystander: { state: 'running', ready: true },
      },
    },
  };
}

/** R12: a non-matching exit code restarts nothing. */
export function r12Expectations(): ExpectationsT {
  return {
    identity: { uid: 'preserved' },
    restarts: { '*': 0 },
    runs: { init: 1 },
    conditions: { AllContainersRestarting: { never: 'True' } },
    final: {
      phase: 'Running',
      containers: { trigger: { state: 'terminated', exitCode: 1 }, bystander: { state: 'running' } },
    },
  };
}

export function podEntries(o: Observation): Array<Extract<TimelineEntry, { kind: 'pod' }>> {
  return o.timeline.filter((e): e is Extract<TimelineEntry, { kind: 'pod' }> => e.kind === 'pod');
}

export function container(pod: PodSnapshot, name: string): ContainerStatusSnapshot {
  const c = pod.containers.find((x) => x.name === name);
  if (!c) throw new Error(`fixture has no container ${name}`);
  return c;
}

/** Inserts an entry keeping the timeline ordered by time (after entries of the same millisecond). */
export function insertEntry(o: Observation, entry: TimelineEntry): void {
  const i = o.timeline.findIndex((e) => e.at > entry.at);
  if (i < 0) o.timeline.push(entry);
  else o.timeline.splice(i, 0, entry);
}

/** A later copy of a pod snapshot, e.g. a watch update that changes one field. */
export function podUpdate(pod: PodSnapshot, at: number, edit: (p: PodSnapshot) => void): PodSnapshot {
  const copy = structuredClone(pod);
  copy.at = at;
  copy.resourceVersion = String(Number(pod.resourceVersion) + 500);
  edit(copy);
  return copy;
}
