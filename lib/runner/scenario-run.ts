// One scenario's life, as small stages run in order (kind's create-actions style):
// namespace → create pod → ready → setup → snapshot "before" → trigger → settle → consistently →
// snapshot "after". The result is an Observation; judging it is the verdict engine's job.
import { randomBytes } from 'node:crypto';
import { settleState } from '../expectations/settle.js';
import { parseJournal } from '../observe/journal.js';
import { containerIs, podReady } from '../observe/predicates.js';
import { describeTrigger, runTrigger } from '../triggers/registry.js';
import type { FileObservation, Observation, PodSnapshot } from '../observe/types.js';
import type { LoadedScenario } from '../suite/index.js';
import type { ScenarioPorts, ScenarioRecorder } from './ports.js';
import { readerContainerFor } from './pod-mounts.js';

export interface ScenarioRunOptions {
  kubernetesVersion: string;
  runId: string;
  /** Journal path of the suite, or false. */
  journal: string | false;
  /** Called at each stage, for the progress display. */
  onStage?: (stage: string, detail?: string) => void;
  /** Keep the namespace after the run (for debugging with --keep). */
  keepNamespace?: boolean;
}

export interface ScenarioRunResult {
  observation: Observation;
  namespace: string;
  /** The recorder is stopped, but the namespace still exists until `cleanup` runs (evidence collection). */
  cleanup: () => Promise<void>;
}

const DEFAULT_READY_SECONDS = 120;
const DEFAULT_WITHIN_SECONDS = 180;

export function namespaceFor(suite: string, scenario: string, runId: string): string {
  const slug = `${suite}-${scenario}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `ie2e-${slug.slice(0, 63 - 5 - 1 - runId.length)}-${runId}`.replace(/-+/g, '-');
}

export async function runScenario(
  loaded: LoadedScenario,
  ports: ScenarioPorts,
  options: ScenarioRunOptions,
): Promise<ScenarioRunResult> {
  const { scenario } = loaded;
  const expect = scenario.expect;
  const stage = options.onStage ?? (() => undefined);
  // The journal is read only when an expectation is about it: pods without the convention stay valid.
  const journal = options.journal && (expect.runs || expect.startOrder || expect.identity?.netns) ? options.journal : false;
  const namespace = namespaceFor(loaded.suiteName, scenario.id ?? scenario.name, options.runId);
  const manifest = withNamespace(loaded.pod, namespace);
  const observation: Observation = {
    scenario: scenario.name,
    suite: loaded.suiteName,
    kubernetesVersion: options.kubernetesVersion,
    namespace,
    podName: loaded.podName,
    admission: { accepted: false, warnings: [] },
    timeline: [],
    files: [],
    waits: [],
  };
  let recorder: ScenarioRecorder | undefined;
  const cleanup = async () => {
    await recorder?.stop();
    if (!options.keepNamespace) await ports.deleteNamespace(namespace);
  };

  try {
    stage('namespace', namespace);
    await ports.createNamespace(namespace, { 'inplace-e2e.dev/run': options.runId });
    stage('create', loaded.podName);
    const created = await ports.createPod(namespace, manifest);
    observation.admission = { accepted: created.accepted, warnings: created.warnings, ...(created.error ? { error: created.error } : {}) };
    // A rejected create, or a scenario that is only about admission, ends here.
    if (!created.accepted || !scenario.trigger || (expect.admission && expect.admission !== 'accepted')) {
      return { observation, namespace, cleanup };
    }
    recorder = await ports.record(namespace, loaded.podName, created.object);
    const rec = recorder;

    const selfTriggered = 'self' in scenario.trigger;
    if (selfTriggered) {
      // The pod exits on its own, possibly before it is ever Ready: "before" is its first running sandbox.
      stage('sandbox');
      await rec.waitFor((p) => ({ ok: !!p.podIP, waitingFor: 'a pod IP (sandbox running)' }), {
        what: `pod ${loaded.podName} to get a sandbox and IP`,
        deadlineSeconds: scenario.readyTimeoutSeconds ?? DEFAULT_READY_SECONDS,
      });
    } else {
      stage('ready');
      await rec.waitFor(podReady, {
        what: `pod ${loaded.podName} to become Ready`,
        deadlineSeconds: scenario.readyTimeoutSeconds ?? DEFAULT_READY_SECONDS,
      });
    }

    const tokens = new Map<string, string>();
    for (const step of scenario.setup ?? []) {
      if ('waitForContainer' in step) {
        const { container, state, timeoutSeconds } = step.waitForContainer;
        stage('setup', `wait for ${container} ${state}`);
        await rec.waitFor(containerIs(container, state), {
          what: `container ${container} to be ${state}`,
          deadlineSeconds: timeoutSeconds ?? DEFAULT_READY_SECONDS,
        });
      } else if ('writeFile' in step) {
        const { container, path, content } = step.writeFile;
        const value = content ?? `token-${randomBytes(8).toString('hex')}`;
        stage('setup', `write ${path} in ${container}`);
        await mustExec(ports, namespace, loaded.podName, container, ['sh', '-c', `printf %s "$1" > "$2"`, 'sh', value, path]);
        tokens.set(path, value);
      } else {
        const { container, command, expectExitCode } = step.exec;
        stage('setup', `exec in ${container}: ${command.join(' ')}`);
        await mustExec(ports, namespace, loaded.podName, container, command, expectExitCode ?? 0);
      }
    }

    stage('before');
    const before = rec.latest();
    observation.before = before;
    if (journal && before && selfTriggered) {
      // Nothing journaled before a self trigger counts as "before": the whole journal is after it.
      observation.journalLinesBeforeTrigger = 0;
    } else if (journal && before) {
      const text = await readFile(ports, loaded, before, namespace, journal);
      observation.journalLinesBeforeTrigger = text.exists ? parseJournal(text.content ?? '').length : 0;
    }
    observation.files = await snapshotFiles(ports, loaded, before, namespace, tokens, 'before');
    if (expect.identity?.sandbox && before?.nodeName) {
      observation.sandbox = { source: 'crictl pods on the node', before: await ports.sandboxId(before.nodeName, before.uid) };
    }

    const trigger = scenario.trigger;
    stage('trigger', describeTrigger(trigger));
    rec.mark('trigger', describeTrigger(trigger));
    const acted = await runTrigger(trigger, {
      target: {
        exec: (container, command) => ports.exec(namespace, loaded.podName, container, command),
        patchPod: (body, type, subresource) => ports.patchPod(namespace, loaded.podName, body, type, subresource),
      },
    });
    observation.triggerAt = acted.at;
    if (acted.outcome) observation.patch = acted.outcome;

    if (!('patch' in trigger)) {
      stage('settle');
      const settleBefore = before;
      await rec.waitFor(
        (p) => {
          const s = settleState(expect, settleBefore, p, options.kubernetesVersion);
          return { ok: s.settled, waitingFor: s.waitingFor.join('; ') };
        },
        { what: `the pod to settle after the trigger`, deadlineSeconds: expect.within ?? DEFAULT_WITHIN_SECONDS },
      );
      observation.settledAt = Date.now();
      rec.mark('settled', 'settle predicate satisfied');
      if (expect.consistently) {
        stage('consistently', `${expect.consistently}s`);
        await rec.waitQuiet(expect.consistently);
        rec.mark('consistently', `window of ${expect.consistently}s ended`);
      }
    }

    stage('after');
    const after = rec.latest();
    observation.after = after;
    if (journal && after) {
      const text = await readFile(ports, loaded, after, namespace, journal);
      if (text.exists) observation.journal = parseJournal(text.content ?? '');
    }
    const afterFiles = await snapshotFiles(ports, loaded, after, namespace, tokens, 'after');
    observation.files = mergeFiles(observation.files, afterFiles);
    if (observation.sandbox && after?.nodeName) observation.sandbox.after = await ports.sandboxId(after.nodeName, after.uid);
  } catch (error) {
    // Whatever stopped the run (a deadline, a failed exec, a lost watch, the API) fails the verdict with its text.
    observation.abortedWith = error instanceof Error ? error.message : String(error);
  } finally {
    if (recorder) {
      observation.timeline = recorder.entries;
      observation.waits = recorder.waits;
      if (!observation.after && recorder.latest()) observation.after = recorder.latest();
    }
  }
  return { observation, namespace, cleanup };
}

/** A setup or trigger step that failed (an exec with the wrong exit code): the run cannot continue. */
export class ScenarioStepError extends Error {}

async function mustExec(
  ports: ScenarioPorts,
  namespace: string,
  pod: string,
  container: string,
  command: string[],
  expectedExitCode = 0,
): Promise<void> {
  const r = await ports.exec(namespace, pod, container, command);
  if (r.exitCode !== expectedExitCode) {
    throw new ScenarioStepError(
      `exec in ${container} (${command.join(' ')}) exited ${r.exitCode}, expected ${expectedExitCode}: ${(r.stderr || r.stdout).trim().slice(0, 500)}`,
    );
  }
}

function withNamespace(pod: Record<string, unknown>, namespace: string): Record<string, unknown> {
  // The only change made to a manifest: the scenario namespace (a namespace in the file would be ignored anyway).
  const metadata = { ...((pod.metadata as Record<string, unknown>) ?? {}), namespace };
  return { ...pod, metadata };
}

async function readFile(
  ports: ScenarioPorts,
  loaded: LoadedScenario,
  pod: PodSnapshot,
  namespace: string,
  path: string,
  container?: string,
): Promise<{ exists: boolean; content?: string }> {
  const reader = container ?? readerContainerFor(loaded.pod, pod, path);
  if (!reader) throw new ScenarioStepError(`no running container mounts ${path}; cannot read it`);
  const r = await ports.exec(namespace, loaded.podName, reader, ['sh', '-c', 'if [ -e "$1" ]; then cat "$1"; else exit 3; fi', 'sh', path]);
  if (r.exitCode === 3) return { exists: false };
  if (r.exitCode !== 0) throw new ScenarioStepError(`reading ${path} in ${reader} exited ${r.exitCode}: ${r.stderr.trim()}`);
  return { exists: true, content: r.stdout };
}

async function snapshotFiles(
  ports: ScenarioPorts,
  loaded: LoadedScenario,
  pod: PodSnapshot | undefined,
  namespace: string,
  tokens: Map<string, string>,
  when: 'before' | 'after',
): Promise<FileObservation[]> {
  const out: FileObservation[] = [];
  if (!pod) return out;
  for (const f of loaded.scenario.expect.files ?? []) {
    const container = f.container ?? readerContainerFor(loaded.pod, pod, f.path);
    if (!container) throw new ScenarioStepError(`no running container mounts ${f.path}; cannot check it`);
    const token = tokens.get(f.path);
    // A token written by a setup step is the "before" content, exactly as written.
    const seen =
      when === 'before' && token !== undefined
        ? { exists: true, content: token }
        : await readFile(ports, loaded, pod, namespace, f.path, container);
    out.push({ path: f.path, container, [when]: seen });
  }
  return out;
}

function mergeFiles(before: FileObservation[], after: FileObservation[]): FileObservation[] {
  return after.map((a) => ({ ...before.find((b) => b.path === a.path && b.container === a.container), ...a }));
}
