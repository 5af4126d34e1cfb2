// A scripted cluster for runner tests: the pod goes through given states, execs read and write an
// in-memory file system, node actions are recorded.
import { DeadlineError } from '../../../lib/errors.js';
import type {
  JobSnapshot,
  NodeObservation,
  PodConditionSnapshot,
  PodSnapshot,
  TimelineEntry,
  WaitRecord,
} from '../../../lib/observe/types.js';
import type { ExecResult } from '../../../lib/kube/exec.js';
import type { ScenarioCluster, ScenarioRecorder } from '../../../lib/runner/scenario-cluster.js';
import type { LoadedScenario } from '../../../lib/suite/load.js';
import type { ScenarioT } from '../../../lib/suite/schema.js';
import type { ApiOutcome } from '../../../lib/kube/status.js';

// A scripted cluster: the pod goes through `states` in order; each waitFor consumes states until its
// predicate holds (what a watch would deliver), and fails with a DeadlineError when they run out.
// A Job's states (opts.jobs) arrive with the pod state of the same time, as the Job watch would deliver them.
export function scriptedCluster(
  states: PodSnapshot[],
  opts: {
    admission?: ApiOutcome;
    files?: Record<string, string>;
    jobs?: JobSnapshot[];
    nodes?: NodeObservation[];
    stored?: Record<string, unknown>;
  } = {},
) {
  const jobs = [...(opts.jobs ?? [])];
  let currentJob: JobSnapshot | undefined;
  const calls: string[] = [];
  const sent: Array<Record<string, unknown>> = [];
  const execs: Array<{ container: string; command: string[] }> = [];
  const files = new Map(Object.entries(opts.files ?? { '/shared/journal': '1 init netns=a\n1 sidecar netns=a\n' }));
  let current: PodSnapshot | undefined;
  const entries: TimelineEntry[] = [];
  const waits: WaitRecord[] = [];
  const recorder: ScenarioRecorder = {
    entries,
    waits,
    latest: () => current,
    latestJob: () => currentJob,
    mark: (stage, note) => void entries.push({ at: 0, kind: 'harness', stage, note }),
    async waitFor(predicate, { what, deadlineSeconds }) {
      for (;;) {
        if (current && predicate(current).ok) return current;
        const next = states.shift();
        if (!next) throw new DeadlineError(what, deadlineSeconds, current ? predicate(current).waitingFor : 'nothing');
        current = next;
        entries.push({ at: next.at, kind: 'pod', watch: 'MODIFIED', pod: next });
        while (jobs[0] && jobs[0].at <= next.at) {
          currentJob = jobs.shift() as JobSnapshot;
          entries.push({ at: currentJob.at, kind: 'job', watch: 'MODIFIED', job: currentJob });
        }
      }
    },
    async waitQuiet() {
      calls.push('quiet');
    },
    async stop() {
      calls.push('stop');
    },
  };
  const cluster: ScenarioCluster = {
    async createNamespace(name) {
      calls.push(`ns ${name}`);
    },
    async deleteNamespace(name) {
      calls.push(`delete ns ${name}`);
    },
    async createPod(_ns, manifest) {
      calls.push('create');
      sent.push(manifest);
      const outcome = opts.admission ?? { accepted: true, warnings: [] };
      return outcome.accepted && opts.stored ? { ...outcome, object: opts.stored } : outcome;
    },
    async patchPod() {
      calls.push('patch');
      return { accepted: false, warnings: [], error: { status: 422, message: 'Forbidden', causes: [] } };
    },
    async record(_ns, podName, _created, options) {
      calls.push(`record ${podName}${options?.job ? ` job ${options.job}` : ''}`);
      return recorder;
    },
    async createJob(_ns, manifest) {
      calls.push(`create job ${String((manifest.metadata as Record<string, unknown>).name)}`);
      return opts.admission ?? { accepted: true, warnings: [] };
    },
    async jobPod(_ns, job) {
      calls.push(`job pod ${job}`);
      return { name: `${job}-x7k2p`, object: {} };
    },
    async exec(_ns, _pod, container, command): Promise<ExecResult> {
      execs.push({ container, command });
      const script = command[2] ?? '';
      if (script.startsWith('printf')) {
        files.set(command[5] as string, command[4] as string);
        return { exitCode: 0, stdout: '', stderr: '' };
      }
      const path = command[4] as string;
      return files.has(path)
        ? { exitCode: 0, stdout: files.get(path) as string, stderr: '' }
        : { exitCode: 3, stdout: '', stderr: '' };
    },
    async nodes() {
      calls.push('nodes');
      return opts.nodes ?? [];
    },
    async sandboxId() {
      return 'sandbox-1';
    },
    async nodeAction(node, action) {
      calls.push(`node ${action} ${node}`);
      return `${action} on ${node}`;
    },
  };
  return { cluster, calls, execs, files, sent, entries };
}

export function pod(
  at: number,
  phase: string,
  ready: boolean,
  running: string[],
  restarts: Record<string, number> = {},
  conditions: PodConditionSnapshot[] = [],
): PodSnapshot {
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
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }, ...conditions],
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

export const basePod = {
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

export function loaded(scenario: Partial<ScenarioT>): LoadedScenario {
  return {
    suiteName: 'core',
    file: 'suites/core.yaml',
    scenario: {
      name: 'core-in-place-restart',
      id: 'R01',
      pod: { builtin: 'base' },
      expect: {},
      ...scenario,
    } as ScenarioT,
    pod: basePod,
    podName: 'rac-base',
    containers: [],
    position: { line: 1, column: 1 },
  };
}

export const options = { kubernetesVersion: 'v1.35.8', runId: 'abc123', journal: '/shared/journal' as const };
export const running = ['sidecar', 'trigger', 'bystander'];
