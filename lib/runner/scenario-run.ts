// One scenario's life, as a list of small named stages over one context (kind's create-actions
// style): namespace → create → record → ready → one stage per step (setup, trigger, wait, node,
// expect) . The result is an Observation; judging it is the verdict engine's job.
//
// An `expect` step closes a window: its "before" was read right before the trigger it follows (or at
// the previous checkpoint), then the harness waits until the pod settles, keeps watching for
// `consistently`, and reads "after" plus what the expectation kinds declare they need (journal,
// sandbox, files). The short form is the steps [setup..., trigger, expect]; its one window is stored
// in the observation's top-level fields, exactly as recorded fixtures have them.
import { randomBytes } from 'node:crypto';
import { observationNeeds } from '../expectations/registry.js';
import type { ObservationNeeds } from '../expectations/needs.js';
import { settleState } from '../expectations/settle.js';
import { placementWaitingFor } from '../expectations/placement.js';
import { parseJournal } from '../observe/journal.js';
import { storedContainers } from '../observe/snapshot.js';
import { allOf, conditionIs, containerIs, podPhaseIs, podReady } from '../observe/predicates.js';
import type { PodPredicate } from '../observe/recorder.js';
import { describeTrigger, runTrigger } from '../triggers/registry.js';
import type { Checkpoint, FileObservation, JournalLine, Observation, PodSnapshot } from '../observe/types.js';
import type { LoadedScenario } from '../suite/index.js';
import { DEFAULT_SECONDS, type SetupStepT, type WaitSpecT } from '../suite/schema.js';
import { planScenario, stepLabel, type ExpectStep, type PlannedStep, type ScenarioPlan } from '../suite/steps.js';
import type { ScenarioCluster, ScenarioRecorder } from './scenario-cluster.js';
import { readerContainerFor } from './pod-mounts.js';
import { errorText } from '../errors.js';

export interface ScenarioRunOptions {
  kubernetesVersion: string;
  runId: string;
  /** Journal path of the suite, or false. */
  journal: string | false;
  /** Called at each stage, for the progress display. */
  onStage?: (stage: string, detail?: string) => void;
  /** Keep the namespace after the run (for debugging with --keep). */
  keepNamespace?: boolean;
  /**
   * The scenario runs beside others, trusting that its pod sits on one of these nodes (kept for node
   * actions): a node step anywhere else is refused before it acts.
   */
  nodeActionsOn?: string[];
}

export interface ScenarioRunResult {
  observation: Observation;
  namespace: string;
  /** The recorder is stopped, but the namespace still exists until `cleanup` runs (evidence collection). */
  cleanup: () => Promise<void>;
}

export function namespaceFor(suite: string, scenario: string, runId: string): string {
  const slug = `${suite}-${scenario}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `ie2e-${slug.slice(0, 63 - 5 - 1 - runId.length)}-${runId}`.replace(/-+/g, '-');
}

/** A window being observed: opened by a trigger (or a checkpoint), closed by its expect step. */
interface OpenWindow {
  step: ExpectStep;
  needs: ObservationNeeds;
  before?: PodSnapshot;
  triggerAt?: number;
  journalLinesBeforeTrigger?: number;
  files: FileObservation[];
  sandbox?: { before?: string; source: string };
  patch?: Observation['patch'];
  /** The trigger that opened it was a patch: nothing to settle. */
  patchOnly: boolean;
}

/** The one context every stage reads and writes. */
interface ScenarioRun {
  readonly loaded: LoadedScenario;
  readonly cluster: ScenarioCluster;
  readonly options: ScenarioRunOptions;
  readonly plan: ScenarioPlan;
  readonly namespace: string;
  /** The pod's name; for a Job's pod, known once the Job created it. */
  podName: string;
  readonly observation: Observation;
  readonly tokens: Map<string, string>;
  readonly checkpoints: Checkpoint[];
  recorder?: ScenarioRecorder;
  created?: Record<string, unknown>;
  window?: OpenWindow;
  /** Set by a stage that ends the run early and successfully (a rejected create, admission only). */
  done?: string;
  report(stage: string, detail?: string): void;
}

/** One stage of a scenario's life: a name for progress and errors, and what it does. */
interface ScenarioStage {
  readonly name: string;
  readonly detail?: string;
  run(r: ScenarioRun): Promise<void>;
}

export async function runScenario(
  loaded: LoadedScenario,
  cluster: ScenarioCluster,
  options: ScenarioRunOptions,
): Promise<ScenarioRunResult> {
  const plan = planScenario(loaded.scenario, { kubernetesVersion: options.kubernetesVersion });
  const namespace = namespaceFor(loaded.suiteName, loaded.scenario.id ?? loaded.scenario.name, options.runId);
  const observation: Observation = {
    scenario: loaded.scenario.name,
    suite: loaded.suiteName,
    kubernetesVersion: options.kubernetesVersion,
    namespace,
    podName: loaded.podName,
    admission: { accepted: false, warnings: [] },
    timeline: [],
    files: [],
    waits: [],
  };
  const report = options.onStage ?? (() => undefined);
  const r: ScenarioRun = {
    loaded,
    cluster,
    options,
    plan,
    namespace,
    podName: loaded.podName,
    observation,
    tokens: new Map(),
    checkpoints: [],
    report,
  };
  const cleanup = async () => {
    await r.recorder?.stop();
    if (!options.keepNamespace) await cluster.deleteNamespace(namespace);
  };

  let current: ScenarioStage | undefined;
  try {
    for (const stage of scenarioStages(plan)) {
      if (r.done) break;
      current = stage;
      await stage.run(r);
    }
  } catch (error) {
    // Whatever stopped the run (a deadline, a failed exec, a lost watch, the API) fails the verdict with its text.
    observation.abortedWith = errorText(error);
    r.recorder?.mark(
      'aborted',
      `${current?.name ?? 'run'}${current?.detail ? ` (${current.detail})` : ''}: ${observation.abortedWith}`,
    );
    // The window being observed keeps what it saw: its checks then show how far the pod got.
    if (r.window && r.recorder) r.checkpoints.push(closeWindowEarly(r.window, r.recorder));
  } finally {
    if (r.recorder) {
      observation.timeline = r.recorder.entries;
      observation.waits = r.recorder.waits;
    }
    summarize(r);
  }
  return { observation, namespace, cleanup };
}

/** The stages of a scenario, in order: the pod's start, then one per step. */
function scenarioStages(plan: ScenarioPlan): ScenarioStage[] {
  const firstTrigger = plan.steps.find((s) => s.kind === 'trigger');
  const selfStarting = firstTrigger?.kind === 'trigger' && 'self' in firstTrigger.trigger;
  return [
    createNamespace,
    createPod,
    startRecording,
    // Without a trigger the pod is watched from its creation: it may never become Ready (R24).
    ...(plan.untriggered ? [] : [selfStarting ? sandboxReady : podIsReady]),
    ...plan.steps.map(stepStage),
  ];
}

// ---- the pod's start -----------------------------------------------------------------------------

const createNamespace: ScenarioStage = {
  name: 'namespace',
  async run(r) {
    r.report('namespace', r.namespace);
    await r.cluster.createNamespace(r.namespace, { 'inplace-e2e.dev/run': r.options.runId });
  },
};

const createPod: ScenarioStage = {
  name: 'create',
  async run(r) {
    if (r.loaded.job) return createJob(r, r.loaded.job);
    let manifest = withNamespace(r.loaded.pod, r.namespace);
    const pin = r.loaded.scenario.pinToNode;
    if (pin) {
      const node = await pinnedNode(r.cluster, pin.labels);
      r.report('pin', `spec.nodeName ${node}`);
      manifest = withNodeName(manifest, node);
    }
    r.report('create', r.podName);
    const created = await r.cluster.createPod(r.namespace, manifest);
    r.observation.admission = {
      accepted: created.accepted,
      warnings: created.warnings,
      ...(created.error ? { error: created.error } : {}),
    };
    if (created.object) r.created = created.object;
    // The restart fields as the API server stored them: they can be dropped without an error (dropContainerRestartRules in pkg/api/pod/util.go; docs/behaviour.md R23).
    if (created.accepted && created.object) r.observation.stored = storedContainers(created.object);
    // A rejected create, or a scenario that is only about admission, ends here.
    const admission = r.loaded.scenario.expect?.admission;
    if (!created.accepted) r.done = 'the pod create was rejected';
    else if (r.plan.admissionOnly || (admission && admission !== 'accepted'))
      r.done = 'the scenario is about admission only';
  },
};

/** A Job creates the pod: create the Job, then follow the first pod it makes. */
async function createJob(r: ScenarioRun, job: NonNullable<LoadedScenario['job']>): Promise<void> {
  r.report('create', `Job ${job.name}`);
  const created = await r.cluster.createJob(r.namespace, withNamespace(job.manifest, r.namespace));
  r.observation.admission = {
    accepted: created.accepted,
    warnings: created.warnings,
    ...(created.error ? { error: created.error } : {}),
  };
  r.observation.job = { name: job.name };
  if (!created.accepted) {
    r.done = 'the Job create was rejected';
    return;
  }
  r.report('job pod', `first pod of Job ${job.name}`);
  const found = await r.cluster.jobPod(
    r.namespace,
    job.name,
    r.loaded.scenario.readyTimeoutSeconds ?? DEFAULT_SECONDS.ready,
  );
  r.podName = found.name;
  r.observation.podName = found.name;
  r.created = found.object;
  // The pod the Job controller made, as the API server stored it (its template's rules may have been dropped).
  r.observation.stored = storedContainers(found.object);
}

const startRecording: ScenarioStage = {
  name: 'record',
  async run(r) {
    r.recorder = await r.cluster.record(
      r.namespace,
      r.podName,
      r.created,
      r.loaded.job ? { job: r.loaded.job.name } : {},
    );
  },
};

const podIsReady: ScenarioStage = {
  name: 'ready',
  async run(r) {
    r.report('ready');
    await recorder(r).waitFor(podReady, {
      what: `pod ${r.podName} to become Ready`,
      deadlineSeconds: r.loaded.scenario.readyTimeoutSeconds ?? DEFAULT_SECONDS.ready,
    });
    await openUntriggeredWindow(r, undefined);
  },
};

/** The pod exits on its own, possibly before it is ever Ready: "before" is its first running sandbox. */
const sandboxReady: ScenarioStage = {
  name: 'sandbox',
  async run(r) {
    r.report('sandbox');
    await recorder(r).waitFor((p) => ({ ok: !!p.podIP, waitingFor: 'a pod IP (sandbox running)' }), {
      what: `pod ${r.podName} to get a sandbox and IP`,
      deadlineSeconds: r.loaded.scenario.readyTimeoutSeconds ?? DEFAULT_SECONDS.ready,
    });
    await openUntriggeredWindow(r, undefined);
  },
};

// ---- steps ---------------------------------------------------------------------------------------

function stepStage(step: PlannedStep): ScenarioStage {
  const name = step.kind;
  switch (step.kind) {
    case 'setup':
      return { name, detail: step.name, run: (r) => runSetup(r, step, step.setup) };
    case 'trigger':
      return { name, detail: step.name, run: (r) => runTriggerStep(r, step) };
    case 'wait':
      return { name, detail: step.name, run: (r) => runWait(r, step, step.wait) };
    case 'node':
      return { name, detail: step.name, run: (r) => runNodeAction(r, step) };
    case 'expect':
      return { name, detail: step.name, run: (r) => runExpect(r, step) };
  }
}

/** Progress line of a step: "setup: write …" in the short form; the step label (which names it) with steps. */
function progress(r: ScenarioRun, step: PlannedStep, short: string, detail?: string): void {
  if (r.plan.stepped) r.report(stepLabel(step), detail && !step.name.includes(detail) ? detail : undefined);
  else r.report(short, detail ?? step.name);
}

async function runSetup(r: ScenarioRun, step: PlannedStep, setup: SetupStepT): Promise<void> {
  const rec = recorder(r);
  progress(r, step, 'setup');
  if ('waitForContainer' in setup) {
    const { container, state, timeoutSeconds } = setup.waitForContainer;
    await rec.waitFor(containerIs(container, state), {
      what: `container ${container} to be ${state}`,
      deadlineSeconds: timeoutSeconds ?? DEFAULT_SECONDS.wait,
    });
  } else if ('writeFile' in setup) {
    const { container, path, content } = setup.writeFile;
    const value = content ?? `token-${randomBytes(8).toString('hex')}`;
    await mustExec(r, container, ['sh', '-c', `printf %s "$1" > "$2"`, 'sh', value, path]);
    r.tokens.set(path, value);
  } else {
    const { container, command, expectExitCode } = setup.exec;
    await mustExec(r, container, command, expectExitCode ?? 0);
  }
}

async function runTriggerStep(r: ScenarioRun, step: Extract<PlannedStep, { kind: 'trigger' }>): Promise<void> {
  const rec = recorder(r);
  const closing = r.plan.steps.find((x): x is ExpectStep => x.kind === 'expect' && x.after === step.index);
  const selfTriggered = 'self' in step.trigger;
  if (closing) {
    r.report(r.plan.stepped ? `${stepLabel(step)} before` : 'before');
    r.window = await openWindow(r, closing, { selfTriggered, patchOnly: 'patch' in step.trigger });
  }
  const text = describeTrigger(step.trigger);
  progress(r, step, 'trigger', text);
  rec.mark('trigger', r.plan.stepped ? `${stepLabel(step)}: ${text}` : text);
  const acted = await runTrigger(step.trigger, {
    target: {
      exec: (container, command) => r.cluster.exec(r.namespace, r.podName, container, command),
      patchPod: (body, type, subresource) => r.cluster.patchPod(r.namespace, r.podName, body, type, subresource),
    },
  });
  if (r.window && closing) {
    r.window.triggerAt = acted.at;
    if (acted.outcome) r.window.patch = acted.outcome;
  }
  if (r.observation.triggerAt === undefined) r.observation.triggerAt = acted.at;
}

export function waitPredicate(w: WaitSpecT): PodPredicate {
  if ('condition' in w) return conditionIs(w.condition, w.status);
  if ('phase' in w) return podPhaseIs(w.phase);
  const parts: PodPredicate[] = [];
  if (w.state) parts.push(containerIs(w.container, w.state));
  if (w.restartCount !== undefined) {
    const want = w.restartCount;
    parts.push((pod) => {
      const c = pod.containers.find((x) => x.name === w.container);
      const now = c ? String(c.restartCount) : 'no status';
      return { ok: c?.restartCount === want, waitingFor: `container ${w.container} restartCount ${want} (is ${now})` };
    });
  }
  return allOf(...parts);
}

async function runWait(r: ScenarioRun, step: PlannedStep, w: WaitSpecT): Promise<void> {
  progress(r, step, 'wait');
  await recorder(r).waitFor(waitPredicate(w), {
    what: step.name.replace(/^wait for /, ''),
    deadlineSeconds: w.timeoutSeconds ?? DEFAULT_SECONDS.wait,
  });
}

async function runNodeAction(r: ScenarioRun, step: Extract<PlannedStep, { kind: 'node' }>): Promise<void> {
  const rec = recorder(r);
  const node = step.node.node ?? rec.latest()?.nodeName;
  if (!node) throw new ScenarioStepError(`${step.name}: the pod has no node yet`);
  const kept = r.options.nodeActionsOn;
  if (kept && !kept.includes(node))
    throw new ScenarioStepError(
      `${step.name}: refused to ${step.node.action} on ${node}: this scenario runs beside others because its pod was written to go to ${kept.join(', ')} (kept for node actions), but it is on ${node}, where other scenarios' pods run`,
    );
  progress(r, step, 'node', `on ${node}`);
  rec.mark('node', `${stepLabel(step)}: ${step.node.action} on ${node}`);
  const note = await r.cluster.nodeAction(node, step.node.action, {
    timeoutSeconds: step.node.timeoutSeconds ?? DEFAULT_SECONDS.nodeAction,
  });
  rec.mark('node', `${stepLabel(step)}: ${note}`);
}

async function runExpect(r: ScenarioRun, step: ExpectStep): Promise<void> {
  const rec = recorder(r);
  const window =
    r.window?.step === step ? r.window : await openWindow(r, step, { selfTriggered: false, patchOnly: false });
  r.window = window;
  const { expect } = step;
  if (!window.patchOnly) {
    r.report(r.plan.stepped ? `${stepLabel(step)} settle` : 'settle');
    const before = window.before;
    await rec.waitFor(
      (p) => {
        const s = settleState(expect, before, p, r.options.kubernetesVersion, rec.latestJob());
        const waitingFor = [...s.waitingFor, ...placementWaitingFor(expect.placement, p)];
        return { ok: s.settled && waitingFor.length === 0, waitingFor: waitingFor.join('; ') };
      },
      {
        what: r.plan.stepped ? `the pod to settle (${stepLabel(step)})` : `the pod to settle after the trigger`,
        deadlineSeconds: expect.within ?? DEFAULT_SECONDS.within,
      },
    );
    const settledAt = Date.now();
    rec.mark(
      'settled',
      r.plan.stepped ? `${stepLabel(step)}: settle predicate satisfied` : 'settle predicate satisfied',
    );
    if (expect.consistently) {
      r.report(r.plan.stepped ? `${stepLabel(step)} consistently` : 'consistently', `${expect.consistently}s`);
      await rec.waitQuiet(expect.consistently);
      rec.mark('consistently', `window of ${expect.consistently}s ended`);
    }
    r.checkpoints.push(await closeWindow(r, window, settledAt));
  } else {
    r.checkpoints.push(await closeWindow(r, window, undefined));
  }
  r.window = undefined;
  const next = r.plan.steps.find((x): x is ExpectStep => x.kind === 'expect' && x.checkpoint === step.checkpoint + 1);
  await openUntriggeredWindow(r, next);
}

// ---- windows -------------------------------------------------------------------------------------

/**
 * An expect step that follows no trigger observes from the previous checkpoint (or the pod's start):
 * its "before" is read there, before anything the steps in between do.
 */
async function openUntriggeredWindow(r: ScenarioRun, next: ExpectStep | undefined): Promise<void> {
  const step = next ?? r.plan.steps.find((x): x is ExpectStep => x.kind === 'expect' && x.checkpoint === 0);
  if (!step || step.after !== undefined || !r.plan.stepped) return;
  r.window = await openWindow(r, step, { selfTriggered: false, patchOnly: false });
  r.window.triggerAt = Date.now();
}

/** Reads "before": the pod as it is now, plus what the step's expectations need. */
async function openWindow(
  r: ScenarioRun,
  step: ExpectStep,
  how: { selfTriggered: boolean; patchOnly: boolean },
): Promise<OpenWindow> {
  const needs = observationNeeds(step.expect);
  const before = recorder(r).latest();
  const window: OpenWindow = { step, needs, files: [], patchOnly: how.patchOnly };
  // Open before reading: a read that fails still leaves the window (and its "before") on record.
  r.window = window;
  if (!before) return window;
  window.before = before;
  const journal = needs.journal ? r.options.journal : false;
  if (journal && how.selfTriggered) {
    // Nothing journaled before a self trigger counts as "before": the whole journal is after it.
    window.journalLinesBeforeTrigger = 0;
  } else if (journal) {
    window.journalLinesBeforeTrigger = (await journalCaughtUp(r, before, journal))?.length ?? 0;
  }
  window.files = await snapshotFiles(r, needs, before, 'before');
  if (needs.sandbox && before.nodeName) {
    window.sandbox = {
      source: 'crictl pods on the node',
      before: await r.cluster.sandboxId(before.nodeName, before.uid),
    };
  }
  return window;
}

/** Reads "after" and what the expectations need, and turns the window into a checkpoint. */
async function closeWindow(r: ScenarioRun, w: OpenWindow, settledAt: number | undefined): Promise<Checkpoint> {
  r.report(r.plan.stepped ? `${stepLabel(w.step)} after` : 'after');
  const after = recorder(r).latest();
  const checkpoint = windowCheckpoint(w, after, Date.now());
  if (settledAt !== undefined) checkpoint.settledAt = settledAt;
  await expectedEventsArrived(r, w);
  const journal = w.needs.journal ? r.options.journal : false;
  if (journal && after) {
    const lines = await journalCaughtUp(r, after, journal);
    if (lines) checkpoint.journal = lines;
  }
  const afterFiles = await snapshotFiles(r, w.needs, after, 'after');
  checkpoint.files = mergeFiles(w.files, afterFiles);
  if (checkpoint.sandbox && after?.nodeName)
    checkpoint.sandbox.after = await r.cluster.sandboxId(after.nodeName, after.uid);
  if (w.needs.node && after?.nodeName) {
    const node = (await r.cluster.nodes()).find((n) => n.name === after.nodeName);
    if (node) checkpoint.node = node;
  }
  return checkpoint;
}

/** How long the journal may lag the pod status it is read against. */
const JOURNAL_CATCH_UP_MS = 5000;
const JOURNAL_POLL_MS = 200;

/**
 * containerd stamps startedAt after the task has started, and a run's first command can journal the
 * second before it (R02 in a clean-clone CI run: line at :50, startedAt :51), so a line up to this long
 * before startedAt still belongs to the current run.
 */
const STARTED_AT_LAG_SECONDS = 1;

/**
 * Containers that journal and run in `pod`, but whose current run has not written its line yet: the API
 * says "running" when the process starts, a few milliseconds before its first command appends to the
 * journal (a v1.37.2 certify run read R17b's journal in between). A run's line has an epoch at or after
 * its startedAt less containerd's stamping lag (one clock on a kind node); containers that never journaled
 * are not waited for.
 */
export function journalBehind(pod: PodSnapshot, lines: readonly JournalLine[]): string[] {
  const behind: string[] = [];
  for (const c of pod.containers) {
    const started = c.state.running?.startedAt;
    const mine = lines.filter((l) => l.container === c.name);
    if (!started || mine.length === 0) continue;
    const latest = Math.max(...mine.map((l) => l.epochSeconds));
    if (latest < Math.floor(Date.parse(started) / 1000) - STARTED_AT_LAG_SECONDS) behind.push(c.name);
  }
  return behind;
}

/** The journal once every running container's current run is in it, or as it is after the catch-up deadline. */
async function journalCaughtUp(r: ScenarioRun, pod: PodSnapshot, path: string): Promise<JournalLine[] | undefined> {
  const deadline = Date.now() + JOURNAL_CATCH_UP_MS;
  for (;;) {
    const text = await readFile(r, pod, path);
    if (!text.exists) return undefined;
    const lines = parseJournal(text.content ?? '');
    const behind = journalBehind(pod, lines);
    if (behind.length === 0) return lines;
    if (Date.now() >= deadline) {
      recorder(r).mark(
        'journal',
        `after ${JOURNAL_CATCH_UP_MS / 1000}s the journal still has no line from the current run of ${behind.join(', ')}: judged as read`,
      );
      return lines;
    }
    await new Promise((resolve) => setTimeout(resolve, JOURNAL_POLL_MS));
  }
}

/** How long an expected event may lag the pod state that settled the window. */
const EVENT_CATCH_UP_MS = 10_000;

/**
 * Events come on their own watch and can arrive after the pod update that settled the window: a v1.35.8
 * kubelet's rejection (R24b) settled on phase Failed 0.3 s after the create, before its PodFeatureUnsupported
 * event. Waits, 10 s at most, until every reason of `events.present` has been received since the trigger;
 * what never comes is judged as missing.
 */
async function expectedEventsArrived(r: ScenarioRun, w: OpenWindow): Promise<void> {
  const wanted = w.step.expect.events?.present ?? [];
  if (wanted.length === 0) return;
  const from = w.triggerAt ?? 0;
  const missing = () => {
    const seen = new Set(
      recorder(r).entries.flatMap((e) => (e.kind === 'event' && e.at >= from ? [e.event.reason] : [])),
    );
    return wanted.filter((reason) => !seen.has(reason));
  };
  const deadline = Date.now() + EVENT_CATCH_UP_MS;
  while (missing().length > 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, JOURNAL_POLL_MS));
}

/** The run stopped inside a window: keep what it saw, with the last pod state as "after". */
function closeWindowEarly(w: OpenWindow, rec: ScenarioRecorder): Checkpoint {
  return windowCheckpoint(w, rec.latest(), Date.now());
}

function windowCheckpoint(w: OpenWindow, after: PodSnapshot | undefined, endedAt: number): Checkpoint {
  const c: Checkpoint = { step: w.step.index, endedAt, files: w.files };
  if (w.before) c.before = w.before;
  if (after) c.after = after;
  if (w.triggerAt !== undefined) c.triggerAt = w.triggerAt;
  if (w.journalLinesBeforeTrigger !== undefined) c.journalLinesBeforeTrigger = w.journalLinesBeforeTrigger;
  if (w.sandbox) c.sandbox = { ...w.sandbox };
  if (w.patch) c.patch = w.patch;
  return c;
}

/**
 * Short form: the one window in the observation's top-level fields (the recorded fixtures' shape).
 * With steps: every checkpoint, plus the first "before" and the last "after" at the top for reports.
 */
function summarize(r: ScenarioRun): void {
  const o = r.observation;
  const latest = r.recorder?.latest();
  if (!r.plan.stepped) {
    const c = r.checkpoints[0];
    if (c) {
      const { step: _step, endedAt: _ended, ...fields } = c;
      Object.assign(o, fields);
    }
  } else {
    o.checkpoints = r.checkpoints;
    const first = r.checkpoints[0];
    const last = r.checkpoints[r.checkpoints.length - 1];
    if (first?.before) o.before = first.before;
    if (last?.after) o.after = last.after;
    if (last?.journal) o.journal = last.journal;
  }
  if (!o.after && latest) o.after = latest;
}

// ---- exec helpers --------------------------------------------------------------------------------

/** A setup or trigger step that failed (an exec with the wrong exit code): the run cannot continue. */
export class ScenarioStepError extends Error {}

function recorder(r: ScenarioRun): ScenarioRecorder {
  if (!r.recorder) throw new ScenarioStepError('the pod is not being recorded');
  return r.recorder;
}

async function mustExec(r: ScenarioRun, container: string, command: string[], expectedExitCode = 0): Promise<void> {
  const res = await r.cluster.exec(r.namespace, r.podName, container, command);
  if (res.exitCode !== expectedExitCode) {
    throw new ScenarioStepError(
      `exec in ${container} (${command.join(' ')}) exited ${res.exitCode}, expected ${expectedExitCode}: ${(res.stderr || res.stdout).trim().slice(0, 500)}`,
    );
  }
}

/** The one node carrying every label in `labels` (a profile's node label); anything else ends the run. */
async function pinnedNode(cluster: ScenarioCluster, labels: Record<string, string>): Promise<string> {
  const nodes = await cluster.nodes();
  const matching = nodes.filter((n) => Object.entries(labels).every(([k, v]) => n.labels[k] === v));
  const wanted = Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const only = matching[0];
  if (matching.length !== 1 || !only) {
    throw new ScenarioStepError(
      `pinToNode: expected exactly one node labelled ${wanted}, found ${matching.length} (${nodes.map((n) => n.name).join(', ')}); does the profile label one node so?`,
    );
  }
  return only.name;
}

function withNodeName(pod: Record<string, unknown>, nodeName: string): Record<string, unknown> {
  // Bound past the scheduler: only the node's kubelet decides whether it admits the pod.
  return { ...pod, spec: { ...((pod.spec as Record<string, unknown>) ?? {}), nodeName } };
}

function withNamespace(pod: Record<string, unknown>, namespace: string): Record<string, unknown> {
  // The only change made to a manifest: the scenario namespace (a namespace in the file would be ignored anyway).
  const metadata = { ...((pod.metadata as Record<string, unknown>) ?? {}), namespace };
  return { ...pod, metadata };
}

async function readFile(
  r: ScenarioRun,
  pod: PodSnapshot,
  path: string,
  container?: string,
): Promise<{ exists: boolean; content?: string }> {
  const reader = container ?? readerContainerFor(r.loaded.pod, pod, path);
  if (!reader) throw new ScenarioStepError(`no running container mounts ${path}; cannot read it`);
  const res = await r.cluster.exec(r.namespace, r.podName, reader, [
    'sh',
    '-c',
    'if [ -e "$1" ]; then cat "$1"; else exit 3; fi',
    'sh',
    path,
  ]);
  if (res.exitCode === 3) return { exists: false };
  if (res.exitCode !== 0)
    throw new ScenarioStepError(`reading ${path} in ${reader} exited ${res.exitCode}: ${res.stderr.trim()}`);
  return { exists: true, content: res.stdout };
}

async function snapshotFiles(
  r: ScenarioRun,
  needs: ObservationNeeds,
  pod: PodSnapshot | undefined,
  when: 'before' | 'after',
): Promise<FileObservation[]> {
  const out: FileObservation[] = [];
  if (!pod) return out;
  for (const f of needs.files ?? []) {
    const container = f.container ?? readerContainerFor(r.loaded.pod, pod, f.path);
    if (!container) throw new ScenarioStepError(`no running container mounts ${f.path}; cannot check it`);
    const token = r.tokens.get(f.path);
    // A token written by a setup step is the "before" content, exactly as written.
    const seen =
      when === 'before' && token !== undefined
        ? { exists: true, content: token }
        : await readFile(r, pod, f.path, container);
    out.push({ path: f.path, container, [when]: seen });
  }
  return out;
}

function mergeFiles(before: FileObservation[], after: FileObservation[]): FileObservation[] {
  return after.map((a) => ({ ...before.find((b) => b.path === a.path && b.container === a.container), ...a }));
}
