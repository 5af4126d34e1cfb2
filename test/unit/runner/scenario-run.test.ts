import { expect } from 'chai';
import { DeadlineError } from '../../../lib/errors.js';
import type { ApiOutcome, PodSnapshot, TimelineEntry, WaitRecord } from '../../../lib/observe/types.js';
import type { ExecResult, ScenarioPorts, ScenarioRecorder } from '../../../lib/runner/ports.js';
import { namespaceFor, runScenario } from '../../../lib/runner/scenario-run.js';
import type { LoadedScenario } from '../../../lib/suite/load.js';
import type { ScenarioT } from '../../../lib/suite/schema.js';

// A scripted cluster: the pod goes through `states` in order; each waitFor consumes states until its
// predicate holds (what a watch would deliver), and fails with a DeadlineError when they run out.
function scriptedPorts(states: PodSnapshot[], opts: { admission?: ApiOutcome; files?: Record<string, string> } = {}) {
  const calls: string[] = [];
  const execs: Array<{ container: string; command: string[] }> = [];
  const files = new Map(Object.entries(opts.files ?? { '/shared/journal': '1 init netns=a\n1 sidecar netns=a\n' }));
  let current: PodSnapshot | undefined;
  const entries: TimelineEntry[] = [];
  const waits: WaitRecord[] = [];
  const recorder: ScenarioRecorder = {
    entries,
    waits,
    latest: () => current,
    mark: (stage, note) => void entries.push({ at: 0, kind: 'harness', stage, note }),
    async waitFor(predicate, { what, deadlineSeconds }) {
      for (;;) {
        if (current && predicate(current).ok) return current;
        const next = states.shift();
        if (!next) throw new DeadlineError(what, deadlineSeconds, current ? predicate(current).waitingFor : 'nothing');
        current = next;
        entries.push({ at: next.at, kind: 'pod', watch: 'MODIFIED', pod: next });
      }
    },
    async waitQuiet() {
      calls.push('quiet');
    },
    async stop() {
      calls.push('stop');
    },
  };
  const ports: ScenarioPorts = {
    async createNamespace(name) {
      calls.push(`ns ${name}`);
    },
    async deleteNamespace(name) {
      calls.push(`delete ns ${name}`);
    },
    async createPod() {
      calls.push('create');
      return opts.admission ?? { accepted: true, warnings: [] };
    },
    async patchPod() {
      calls.push('patch');
      return { accepted: false, warnings: [], error: { status: 422, message: 'Forbidden', causes: [] } };
    },
    async record() {
      calls.push('record');
      return recorder;
    },
    async exec(_ns, _pod, container, command): Promise<ExecResult> {
      execs.push({ container, command });
      const script = command[2] ?? '';
      if (script.startsWith('printf')) {
        files.set(command[5] as string, command[4] as string);
        return { exitCode: 0, stdout: '', stderr: '' };
      }
      const path = command[4] as string;
      return files.has(path) ? { exitCode: 0, stdout: files.get(path) as string, stderr: '' } : { exitCode: 3, stdout: '', stderr: '' };
    },
    async sandboxId() {
      return 'sandbox-1';
    },
  };
  return { ports, calls, execs, files };
}

function pod(at: number, phase: string, ready: boolean, running: string[], restarts: Record<string, number> = {}): PodSnapshot {
  const names = ['init', 'sidecar', 'trigger', 'bystander'];
  return {
    at,
    resourceVersion: String(at),
    uid: 'uid-1',
    creationTimestamp: '2026-11-22T09:00:00Z',
    nodeName: 'kind-control-plane',
    podIP: '10.244.0.5',
    podIPs: ['10.244.0.5'],
    phase,
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    containers: names.map((name) => ({
      name,
      kind: name === 'init' ? 'init' : name === 'sidecar' ? 'sidecar' : 'regular',
      restartCount: restarts[name] ?? 0,
      ready: running.includes(name) && ready,
      state: running.includes(name) ? { running: {} } : { terminated: { exitCode: 0 } },
      lastState: {},
    })),
  } as PodSnapshot;
}

const basePod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'rac-base' },
  spec: {
    initContainers: [
      { name: 'init', volumeMounts: [{ name: 'shared', mountPath: '/shared' }] },
      { name: 'sidecar', restartPolicy: 'Always', volumeMounts: [{ name: 'shared', mountPath: '/shared' }] },
    ],
    containers: [
      { name: 'trigger', volumeMounts: [{ name: 'shared', mountPath: '/shared' }] },
      { name: 'bystander', volumeMounts: [{ name: 'shared', mountPath: '/shared' }] },
    ],
  },
};

function loaded(scenario: Partial<ScenarioT>): LoadedScenario {
  return {
    suiteName: 'core',
    file: 'suites/core.yaml',
    scenario: { name: 'core-in-place-restart', id: 'R01', pod: { builtin: 'base' }, expect: {}, ...scenario } as ScenarioT,
    pod: basePod,
    podName: 'rac-base',
    containers: [],
    position: { line: 1, column: 1 },
  };
}

const options = { kubernetesVersion: 'v1.35.8', runId: 'abc123', journal: '/shared/journal' as const };
const running = ['sidecar', 'trigger', 'bystander'];

describe('scenario lifecycle', () => {
  it('waits for Ready, snapshots before the trigger, triggers through the flag file, settles, snapshots after', async () => {
    const { ports, calls, execs } = scriptedPorts([
      pod(1, 'Pending', false, []),
      pod(2, 'Running', true, running),
      pod(3, 'Running', false, ['sidecar'], { init: 1, sidecar: 1, trigger: 1, bystander: 1 }),
      pod(4, 'Running', true, running, { init: 1, sidecar: 1, trigger: 1, bystander: 1 }),
    ]);
    const r = await runScenario(
      loaded({
        trigger: { exit: { container: 'trigger', code: 42 } },
        expect: { restarts: { init: 1, sidecar: 1, trigger: 1, bystander: 1 }, runs: { init: 2 }, final: { phase: 'Running', ready: true }, identity: { sandbox: 'preserved' } },
      }),
      ports,
      options,
    );
    const o = r.observation;
    expect(o.abortedWith).to.equal(undefined);
    expect(o.admission.accepted).to.equal(true);
    expect(o.before?.at).to.equal(2, 'before is the Ready state right before the trigger');
    expect(o.after?.at).to.equal(4, 'after is the settled state');
    expect(o.journalLinesBeforeTrigger).to.equal(2);
    expect(o.sandbox).to.deep.equal({ source: 'crictl pods on the node', before: 'sandbox-1', after: 'sandbox-1' });
    const trigger = execs.find((e) => (e.command[2] ?? '').startsWith('printf'));
    expect(trigger?.container).to.equal('trigger');
    expect(trigger?.command.slice(4)).to.deep.equal(['42', '/shared/go']);
    expect(o.timeline.some((e) => e.kind === 'harness' && e.stage === 'trigger')).to.equal(true);
    expect(calls.slice(0, 3)).to.deep.equal([`ns ${namespaceFor('core', 'R01', 'abc123')}`, 'create', 'record']);
    await r.cleanup();
    expect(calls.slice(-2)).to.deep.equal(['stop', `delete ns ${r.namespace}`]);
  });

  it('reads the journal only when an expectation is about it', async () => {
    const { ports, execs } = scriptedPorts([pod(1, 'Running', true, running), pod(2, 'Running', true, running, { trigger: 1 })]);
    const r = await runScenario(loaded({ trigger: { exit: { container: 'trigger', code: 42 } }, expect: { restarts: { trigger: 1 } } }), ports, options);
    expect(r.observation.abortedWith).to.equal(undefined);
    expect(r.observation.journalLinesBeforeTrigger).to.equal(undefined);
    expect(execs.filter((e) => e.command.includes('/shared/journal'))).to.deep.equal([]);
  });

  it('ends after a rejected create without recording or triggering', async () => {
    const { ports, calls } = scriptedPorts([], {
      admission: { accepted: false, warnings: [], error: { status: 422, message: 'Unsupported value: "RestartAllContainers"', causes: [] } },
    });
    const r = await runScenario(loaded({ trigger: { exit: { container: 'trigger', code: 42 } } }), ports, options);
    expect(r.observation.admission.accepted).to.equal(false);
    expect(r.observation.triggerAt).to.equal(undefined);
    expect(calls).to.not.include('record');
  });

  it('records a missed deadline as the reason the run could not complete', async () => {
    const { ports } = scriptedPorts([pod(1, 'Running', true, running), pod(2, 'Running', true, running)]);
    const r = await runScenario(
      loaded({ trigger: { exit: { container: 'trigger', code: 42 } }, expect: { restarts: { trigger: 1 }, within: 5 } }),
      ports,
      options,
    );
    expect(r.observation.abortedWith).to.match(/^timed out after 5s waiting for the pod to settle after the trigger; last seen: .*trigger restartCount \+1/);
    expect(r.observation.after?.at).to.equal(2, 'the last state seen is kept as evidence');
  });

  it('writes a setup token and reports it as the before content of the file', async () => {
    const { ports } = scriptedPorts([pod(1, 'Running', true, running), pod(2, 'Running', true, running, { trigger: 1 })]);
    const r = await runScenario(
      loaded({
        setup: [{ writeFile: { container: 'bystander', path: '/shared/token' } }],
        trigger: { exit: { container: 'trigger', code: 42 } },
        expect: { restarts: { trigger: 1 }, files: [{ path: '/shared/token', preserved: true }] },
      }),
      ports,
      options,
    );
    const f = r.observation.files.find((x) => x.path === '/shared/token');
    expect(f?.before?.content).to.match(/^token-[0-9a-f]{16}$/);
    expect(f?.after?.content).to.equal(f?.before?.content);
    expect(f?.container).to.equal('trigger', 'read through a running container that mounts /shared');
  });

  it('fails the run when a setup exec exits with an unexpected code', async () => {
    const { ports } = scriptedPorts([pod(1, 'Running', true, running)]);
    const r = await runScenario(
      loaded({ setup: [{ exec: { container: 'bystander', command: ['cat', '/nope'] } }], trigger: { exit: { container: 'trigger', code: 42 } } }),
      ports,
      options,
    );
    expect(r.observation.abortedWith).to.contain('exec in bystander (cat /nope) exited 3, expected 0');
  });

  it('names namespaces within 63 characters, unique per run', () => {
    const ns = namespaceFor('a-very-long-suite-name-for-testing', 'an-even-longer-scenario-name-that-goes-on-and-on', 'abc123');
    expect(ns.length).to.be.at.most(63);
    expect(ns).to.match(/^ie2e-[a-z0-9-]+-abc123$/);
  });
});
