// The catalogue scenarios (suites restart-all, termination, status, failure, latency, upstream) judged
// against what real kubelets did: every recording passes with its shipped expectations
// (real-cluster.test.ts), and here each scenario's recording, changed in one way the kubelet could
// have behaved differently, fails on exactly the checks about that difference.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventSnapshot, Observation, PodSnapshot } from '../../../lib/observe/types.js';
import { loadSuites } from '../../../lib/suite/load.js';
import type { ScenarioT } from '../../../lib/suite/schema.js';
import { judge } from '../../../lib/verdict/judge.js';

const dir = join(process.cwd(), 'test', 'fixtures', 'observations', 'real');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

/**
 * The recording of catalogue id `id` on `version` (e.g. "1.35.8"), as a fresh copy: the plain one
 * (v<version>-<id>-<scenario>.json), or with `variant` the one named …-<variant>.json.
 */
function recording(version: string, id: string, variant?: string): Observation {
  const file = files
    .filter((f) => f.startsWith(`v${version}-${id}-`) && (variant === undefined || f.endsWith(`-${variant}.json`)))
    .sort((a, b) => a.length - b.length)[0];
  if (!file) throw new Error(`no recording of ${id} on v${version} in ${dir}`);
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as Observation;
}

let scenarios: Map<string, ScenarioT>;
async function loadShipped(): Promise<void> {
  const suites = await loadSuites(['suites']);
  scenarios = new Map(
    suites.flatMap((s) => s.scenarios.map((x) => [`${s.suite.name}/${x.scenario.name}`, x.scenario] as const)),
  );
}

/** Failed hard checks of the recording judged by the shipped scenario it was recorded for. */
function failed(o: Observation): string[] {
  const scenario = scenarios.get(`${o.suite}/${o.scenario}`);
  if (!scenario) throw new Error(`no shipped scenario ${o.suite}/${o.scenario}`);
  return judge(scenario, o)
    .checks.filter((c) => !c.passed && !c.soft)
    .map((c) => c.check);
}

type PodEntry = Extract<Observation['timeline'][number], { kind: 'pod' }>;
const podEntries = (o: Observation) => o.timeline.filter((e): e is PodEntry => e.kind === 'pod');
const afterTrigger = (o: Observation) => podEntries(o).filter((e) => o.triggerAt === undefined || e.at > o.triggerAt);

/** Changes every pod state after the trigger (watch entries and the settled snapshot). */
function editAfterTrigger(o: Observation, edit: (pod: PodSnapshot) => void): void {
  for (const e of afterTrigger(o)) edit(e.pod);
  if (o.after) edit(o.after);
}

function containerOf(pod: PodSnapshot, name: string) {
  const c = pod.containers.find((x) => x.name === name);
  if (!c) throw new Error(`no container ${name}`);
  return c;
}

/** A copy of the last pod entry after the trigger, changed, appended as a later watch entry. */
function appendPodUpdate(o: Observation, edit: (pod: PodSnapshot) => void, delayMs = 100): PodSnapshot {
  const last = afterTrigger(o).at(-1);
  if (!last) throw new Error('no pod entry after the trigger');
  const pod = structuredClone(last.pod);
  pod.at = last.at + delayMs;
  pod.resourceVersion = String(Number(last.pod.resourceVersion) + 1);
  edit(pod);
  const i = o.timeline.indexOf(last);
  o.timeline.splice(i + 1, 0, { at: pod.at, kind: 'pod', watch: 'MODIFIED', pod });
  return pod;
}

function addEvent(o: Observation, at: number, event: Partial<EventSnapshot> & { reason: string }): void {
  const full: EventSnapshot = {
    at,
    message: '',
    type: 'Normal',
    count: 1,
    involvedObject: `Pod/${o.podName}`,
    ...event,
  };
  const i = o.timeline.findIndex((e) => e.at > at);
  o.timeline.splice(i < 0 ? o.timeline.length : i, 0, { at, kind: 'event', event: full });
}

const shiftIso = (iso: string, seconds: number) =>
  new Date(Date.parse(iso) + seconds * 1000).toISOString().replace('.000Z', 'Z');

describe('catalogue scenarios over real kubelet recordings: one deviation, the checks about it fail', () => {
  before(async function () {
    // Loading and validating every shipped suite takes seconds on a busy 2-core machine.
    this.timeout(60_000);
    await loadShipped();
  });

  for (const version of ['1.35.8']) {
    describe(`v${version}`, () => {
      it('R02: a SandboxChanged event fails the sandbox identity and the event check', () => {
        const o = recording(version, 'R02');
        addEvent(o, (o.triggerAt ?? 0) + 2000, {
          reason: 'SandboxChanged',
          message: 'Pod sandbox changed, it will be killed and re-created.',
        });
        expect(failed(o)).to.deep.equal(['identity.sandbox', 'events.absent.SandboxChanged']);
      });

      it('R02: a sandbox that was not ready for a moment fails PodReadyToStartContainers.never', () => {
        const o = recording(version, 'R02');
        const e = afterTrigger(o)[1];
        if (!e) throw new Error('short timeline');
        e.pod.conditions = e.pod.conditions.map((c) =>
          c.type === 'PodReadyToStartContainers' ? { ...c, status: 'False' } : c,
        );
        expect(failed(o)).to.deep.equal(['conditions.PodReadyToStartContainers.never']);
      });

      it('R04: init-b re-run before init-a fails startOrder; Initialized dropping fails Initialized.never', () => {
        const o = recording(version, 'R04');
        const cut = o.journalLinesBeforeTrigger ?? 0;
        const a = o.journal?.find((l) => l.index >= cut && l.container === 'init-a');
        const b = o.journal?.find((l) => l.index >= cut && l.container === 'init-b');
        if (!a || !b) throw new Error('no second-run init lines');
        [a.container, b.container] = [b.container, a.container];
        expect(failed(o)).to.deep.equal(['startOrder']);
        const u = recording(version, 'R04');
        const e = afterTrigger(u)[1];
        if (!e) throw new Error('short timeline');
        e.pod.conditions = e.pod.conditions.map((c) => (c.type === 'Initialized' ? { ...c, status: 'False' } : c));
        expect(failed(u)).to.deep.equal(['conditions.Initialized.never']);
      });

      it('R05: a lone sidecar restart (init not re-run) fails the init counts', () => {
        const o = recording(version, 'R05');
        const cut = o.journalLinesBeforeTrigger ?? 0;
        o.journal = o.journal?.filter((l) => !(l.index >= cut && l.container === 'init'));
        editAfterTrigger(o, (p) => {
          const init = containerOf(p, 'init');
          init.restartCount = 0;
        });
        expect(failed(o)).to.deep.equal(['restarts.init', 'runs.init', 'startOrder']);
      });

      it('R06: the regular container counted as restarted fails restarts.regular only', () => {
        const o = recording(version, 'R06');
        if (!o.after) throw new Error('no after');
        containerOf(o.after, 'regular').restartCount = 1;
        expect(failed(o)).to.deep.equal(['restarts.regular']);
      });

      it('R08: a bystander back only after the 300 s grace, or killed at once, fails its bound', () => {
        const o = recording(version, 'R08');
        editAfterTrigger(o, (p) => {
          const s = containerOf(p, 'bystander').state.running;
          if (s?.startedAt && o.before && s.startedAt !== containerOf(o.before, 'bystander').state.running?.startedAt) {
            s.startedAt = shiftIso(s.startedAt, 300);
          }
        });
        expect(failed(o)).to.deep.equal(['timing.trigger.finishedAt→bystander.startedAt']);
        const k = recording(version, 'R08');
        const sidecarKill = k.timeline.find(
          (e) => e.kind === 'event' && e.event.reason === 'Killing' && e.event.fieldPath?.includes('{sidecar}'),
        );
        const bystanderKill = k.timeline.find(
          (e) => e.kind === 'event' && e.event.reason === 'Killing' && e.event.fieldPath?.includes('{bystander}'),
        );
        if (!sidecarKill || !bystanderKill) throw new Error('no Killing events');
        sidecarKill.at = bystanderKill.at + 50;
        expect(failed(k)).to.deep.equal(['timing.bystander.killing→sidecar.killing']);
      });

      it('R08: SIGTERM never delivered (no /shared/term) fails the file check', () => {
        const o = recording(version, 'R08');
        const f = o.files.find((x) => x.path === '/shared/term');
        if (!f) throw new Error('no /shared/term');
        f.after = { exists: false };
        expect(failed(o)).to.deep.equal([
          'files[bystander:/shared/term].lines',
          'files[bystander:/shared/term].contains',
        ]);
      });

      it('R09: postStart not run again fails the hooks line count', () => {
        const o = recording(version, 'R09');
        const f = o.files.find((x) => x.path === '/shared/hooks');
        if (!f?.after) throw new Error('no /shared/hooks');
        f.after.content = 'poststart\n';
        expect(failed(o)).to.deep.equal(['files[bystander:/shared/hooks].lines']);
      });

      for (const id of ['R10', 'R11']) {
        it(`${id}: the pod ending Succeeded/Failed instead fails phases.never; oneshot not re-run fails its counts`, () => {
          const o = recording(version, id);
          appendPodUpdate(o, (p) => {
            p.phase = id === 'R10' ? 'Succeeded' : 'Failed';
          });
          expect(failed(o)).to.deep.equal(['phases.never']);
          const n = recording(version, id);
          const cut = n.journalLinesBeforeTrigger ?? 0;
          const lines = n.journal?.filter((l) => l.container === 'oneshot') ?? [];
          n.journal = n.journal?.filter((l) => l !== lines[1]);
          expect(cut).to.equal(0);
          expect(failed(n)).to.deep.equal(['runs.oneshot']);
        });
      }

      it('R14: a restart-all after exit 0 fails the condition and the counts', () => {
        const o = recording(version, 'R14');
        appendPodUpdate(o, (p) => {
          p.conditions = p.conditions.map((c) => (c.type === 'AllContainersRestarting' ? { ...c, status: 'True' } : c));
        });
        expect(failed(o)).to.deep.equal(['conditions.AllContainersRestarting.never', 'consistently']);
      });

      it('R17: no condition before the trigger fails before; an extra flip fails transitions and timesTrue', () => {
        const o = recording(version, 'R17');
        if (!o.before) throw new Error('no before');
        o.before.conditions = o.before.conditions.filter((c) => c.type !== 'AllContainersRestarting');
        expect(failed(o)).to.deep.equal(['conditions.AllContainersRestarting.before']);
        const t = recording(version, 'R17');
        appendPodUpdate(t, (p) => {
          p.conditions = p.conditions.map((c) =>
            c.type === 'AllContainersRestarting'
              ? { ...c, status: 'True', lastTransitionTime: '2030-01-01T00:00:00Z' }
              : c,
          );
        });
        appendPodUpdate(
          t,
          (p) => {
            p.conditions = p.conditions.map((c) =>
              c.type === 'AllContainersRestarting'
                ? { ...c, status: 'False', lastTransitionTime: '2030-01-01T00:00:05Z' }
                : c,
            );
          },
          200,
        );
        expect(failed(t)).to.deep.equal([
          'conditions.AllContainersRestarting.timesTrue',
          'conditions.AllContainersRestarting.transitions',
        ]);
      });

      it('R17b: the condition on a pod without the action fails never and the settled state', () => {
        const o = recording(version, 'R17b');
        editAfterTrigger(o, (p) => {
          p.conditions.push({ type: 'AllContainersRestarting', status: 'False' });
        });
        expect(failed(o)).to.deep.equal([
          'conditions.AllContainersRestarting.never',
          'final.conditions.AllContainersRestarting',
        ]);
      });

      it('R26b: a two-container pod waiting for the resync fails both bounds', () => {
        const o = recording(version, 'R26b');
        editAfterTrigger(o, (p) => {
          for (const c of p.containers) {
            const s = c.state.running;
            if (s?.startedAt && o.before && s.startedAt !== containerOf(o.before, c.name).state.running?.startedAt)
              s.startedAt = shiftIso(s.startedAt, 60);
          }
        });
        expect(failed(o)).to.deep.equal([
          'timing.main.finishedAt→main.startedAt',
          'timing.main.finishedAt→peer.startedAt',
        ]);
      });

      it('R28: the KEP reading (Pending throughout the restart) fails phases.seen', () => {
        const o = recording(version, 'R28');
        editAfterTrigger(o, (p) => {
          if (p.phase === 'Running' && p.conditions.some((c) => c.type === 'Ready' && c.status === 'False'))
            p.phase = 'Pending';
        });
        expect(failed(o)).to.deep.equal(['phases.seen']);
      });

      it('U01/U02/U04: a second restart of the source container fails its exact count (upstream: > 0 passes)', () => {
        for (const [id, source] of [
          ['U01', 'source-container'],
          ['U02', 'source-sidecar'],
          ['U04', 'source-container'],
        ] as const) {
          const o = recording(version, id);
          if (!o.after) throw new Error('no after');
          containerOf(o.after, source).restartCount += 1;
          expect(failed(o), id).to.deep.equal([`restarts.${source}`]);
        }
      });

      it('U04: a second True window (a loop) fails timesTrue and consistently', () => {
        const o = recording(version, 'U04');
        const settledAt = o.settledAt ?? 0;
        const last = podEntries(o).at(-1);
        if (!last) throw new Error('no pod entries');
        const looped = structuredClone(last.pod);
        looped.at = settledAt + 3000;
        looped.conditions = looped.conditions.map((c) =>
          c.type === 'AllContainersRestarting' ? { ...c, status: 'True' } : c,
        );
        o.timeline.push({ at: looped.at, kind: 'pod', watch: 'MODIFIED', pod: looped });
        expect(failed(o)).to.deep.equal(['conditions.AllContainersRestarting.timesTrue', 'consistently']);
      });

      it('U06: a restart rule that also set AllContainersRestarting fails never; U07: a restart fails never running', () => {
        const o = recording(version, 'U06');
        editAfterTrigger(o, (p) => {
          p.conditions.push({ type: 'AllContainersRestarting', status: 'True' });
        });
        expect(failed(o)).to.deep.equal(['conditions.AllContainersRestarting.never']);
        const n = recording(version, 'U07');
        appendPodUpdate(n, (p) => {
          containerOf(p, 'main-container').state = { running: { startedAt: '2030-01-01T00:00:00Z' } };
        });
        expect(failed(n)).to.include('states.main-container.never');
      });
    });
  }

  it('R18 on v1.35.8: a lastState kept as 1.36 keeps it fails lastState for each container', () => {
    const o = recording('1.35.8', 'R18');
    if (!o.after) throw new Error('no after');
    for (const c of o.after.containers) {
      c.lastState = {
        terminated: { exitCode: 137, reason: 'RestartingAllContainers', startedAt: null, finishedAt: null },
      };
    }
    expect(failed(o)).to.deep.equal([
      'states.trigger.lastState',
      'states.bystander.lastState',
      'states.sidecar.lastState',
      'states.init.lastState',
    ]);
  });

  it('R19 on v1.35.8: a condition without PodFailed fails the settled condition; a sidecar started again fails its states', () => {
    const o = recording('1.35.8', 'R19');
    editAfterTrigger(o, (p) => {
      p.conditions = p.conditions.map((c) =>
        c.type === 'AllContainersRestarting' && c.reason === 'PodFailed' ? { type: c.type, status: c.status } : c,
      );
    });
    expect(failed(o)).to.deep.equal(['final.conditions.AllContainersRestarting']);
    const r = recording('1.35.8', 'R19');
    const removed = afterTrigger(r).find(
      (e) => containerOf(e.pod, 'sidecar').state.waiting?.reason === 'RestartingAllContainers',
    );
    if (!removed) throw new Error('no removal status');
    const at = removed.at + 10;
    const running = structuredClone(removed);
    running.at = at;
    containerOf(running.pod, 'sidecar').state = { running: { startedAt: '2030-01-01T00:00:00Z' } };
    r.timeline.splice(r.timeline.indexOf(removed) + 1, 0, running);
    expect(failed(r)).to.deep.equal(['states.sidecar.sequence']);
  });

  it("R20 on v1.35.8: the spec's reading (the retry counted, gate +2) fails restarts.gate; a missing retry fails runs.gate", () => {
    const o = recording('1.35.8', 'R20');
    if (!o.after) throw new Error('no after');
    containerOf(o.after, 'gate').restartCount += 1;
    expect(failed(o)).to.deep.equal(['restarts.gate']);
    const n = recording('1.35.8', 'R20');
    const gateLines = n.journal?.filter((l) => l.container === 'gate') ?? [];
    n.journal = n.journal?.filter((l) => l !== gateLines[2]);
    expect(failed(n)).to.deep.equal(['runs.gate']);
  });

  it('R26 on v1.35.8: both real paths pass (the resync wait, and the race that wakes the worker at once), each named', () => {
    const window = (o: Observation) =>
      judge(scenarios.get('latency/one-container') as ScenarioT, o).checks.find(
        (c) => c.check === 'timing.trigger→main.startedAt',
      )?.observed;
    const delayed = recording('1.35.8', 'R26');
    expect(failed(delayed)).to.deep.equal([]);
    expect(window(delayed)).to.match(/^\d+\.\d{3}s \(the window between 55s and 100s\): /);
    const undelayed = recording('1.35.8', 'R26', 'undelayed');
    expect(failed(undelayed)).to.deep.equal([]);
    expect(window(undelayed)).to.match(/^1\.477s \(the window at most 10s\): /);
  });

  it('R26 on v1.35.8: a restart between the two windows (30 s: neither path) fails both bounds', () => {
    const o = recording('1.35.8', 'R26');
    const withCondition = (status: string) =>
      afterTrigger(o).find((e) =>
        e.pod.conditions.some((c) => c.type === 'AllContainersRestarting' && c.status === status),
      );
    const trueAt = withCondition('True');
    if (!trueAt) throw new Error('no True');
    const falseAt = afterTrigger(o).find(
      (e) =>
        e.at > trueAt.at && e.pod.conditions.some((c) => c.type === 'AllContainersRestarting' && c.status === 'False'),
    );
    if (!falseAt) throw new Error('no False after True');
    // Whole seconds, so the API startedAt moves by exactly as much as the receive times.
    const gap = Math.round((falseAt.at - trueAt.at - 30_000) / 1000) * 1000;
    for (const e of o.timeline) if (e.at > trueAt.at + 10_000) e.at -= gap;
    editAfterTrigger(o, (p) => {
      const s = containerOf(p, 'main').state.running;
      if (s?.startedAt && s.startedAt !== o.before?.containers[0]?.state.running?.startedAt)
        s.startedAt = shiftIso(s.startedAt, -gap / 1000);
    });
    expect(failed(o)).to.deep.equal([
      'timing.trigger→main.startedAt',
      'timing.AllContainersRestarting.True→AllContainersRestarting.False',
    ]);
  });
});
