// Running the planned scenarios on the provisioned cluster: each one observed (scenario-run.ts), judged
// (lib/verdict: judge, or the gate-off control verdict), its evidence collected when it failed or was a
// control, and its namespace removed. mocha drives them (mocha-run.ts): one `it` per scenario.
import type { ClusterSession } from '../cluster/session.js';
import { collectEvidence } from '../evidence/collect.js';
import type { Observation } from '../observe/types.js';
import { describeCheck, failedChecks } from '../report/failure-text.js';
import { scenarioKey, type EvidenceBundle } from '../report/types.js';
import type { LoadedScenario } from '../suite/load.js';
import { controlVerdict, underivableVerdict } from '../verdict/control.js';
import { judge, skipVerdict } from '../verdict/judge.js';
import type { Verdict } from '../verdict/types.js';
import { durationKey } from './durations.js';
import { evidenceBundle } from './evidence-bundle.js';
import { isolationOf, scenarioTag, type Isolation } from './isolation.js';
import { runWithMocha, type ScenarioJob } from './mocha-run.js';
import type { PlannedScenario } from './plan.js';
import { runScenario } from './scenario-run.js';
import { sessionCluster } from './session-cluster.js';
import { errorText } from '../errors.js';

/** What every scenario of a run shares. */
export interface ScenarioExecution {
  session: ClusterSession;
  runId: string;
  /** The server's version: picks per-version texts and known differences. */
  kubernetesVersion: string;
  /** Keep the scenario's namespace afterwards (--keep). */
  keepNamespace: boolean;
  log: (line: string) => void;
}

export interface ScenarioOutcome {
  verdict: Verdict;
  observation: Observation;
  /** Collected when the scenario failed or ran as a gate-off control. */
  evidence?: EvidenceBundle;
}

/** One scenario: observed, judged, its evidence collected where it is needed, its namespace removed. */
export async function executeScenario(
  planned: PlannedScenario,
  x: ScenarioExecution,
  isolation?: Isolation,
): Promise<ScenarioOutcome> {
  const { loaded: s, journal, control } = planned;
  const started = Date.now();
  const tag = `[${scenarioTag(s)}]`;
  if (control && 'underivable' in control) {
    // Nothing to run: the positive scenario has no control on this cluster, and that fails it.
    const verdict = underivableVerdict(s.suiteName, s.scenario, control);
    x.log(`${tag} ${verdict.status.toUpperCase()}: ${control.underivable}`);
    return { verdict, observation: notRun(s, x.kubernetesVersion, control.underivable) };
  }
  const run = await runScenario(
    control ? { ...s, scenario: control.scenario } : s,
    sessionCluster(x.session, x.runId),
    {
      kubernetesVersion: x.kubernetesVersion,
      runId: x.runId,
      journal,
      keepNamespace: x.keepNamespace,
      ...(isolation?.kind === 'lane' ? { nodeActionsOn: isolation.nodes } : {}),
      onStage: (stage, detail) =>
        x.log(`${tag} ${stage}${detail ? `: ${detail}` : ''} (+${((Date.now() - started) / 1000).toFixed(1)}s)`),
    },
  );
  const judging = { kubernetesVersion: x.kubernetesVersion, durationMs: Date.now() - started };
  const verdict = control
    ? controlVerdict(s.scenario, control, run.observation, judging)
    : judge(s.scenario, run.observation, judging);
  let evidence: EvidenceBundle | undefined;
  if (verdict.status === 'failed' || control) {
    x.log(`${tag} collecting evidence`);
    const { client, provider } = x.session;
    evidence = evidenceBundle(
      await collectEvidence({
        client,
        provider,
        ns: run.namespace,
        pod: run.observation.podName,
        journal: journal ? { path: journal } : false,
      }),
    );
  }
  await run.cleanup().catch((e: unknown) => x.log(`${tag} namespace cleanup failed: ${errorText(e)}`));
  x.log(`${tag} ${verdict.status.toUpperCase()} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return { verdict, observation: run.observation, ...(evidence ? { evidence } : {}) };
}

export interface ExecutedScenarios {
  verdicts: Map<LoadedScenario, Verdict>;
  /** In the order the scenarios ended. */
  observations: Observation[];
  /** Keyed by scenarioKey(suite, scenario). */
  evidence: Record<string, EvidenceBundle>;
}

/**
 * --fail-fast: once a scenario has failed, every scenario not yet started ends skipped, naming the failure;
 * those already running finish (their cluster work is under way and their verdicts are real).
 */
export class FailFast {
  private firstFailure: string | undefined;

  constructor(
    private readonly enabled: boolean,
    private readonly log: (line: string) => void,
  ) {}

  /** The skip verdict of a scenario about to start after a failure; undefined: start it. */
  skipped(s: LoadedScenario): Verdict | undefined {
    if (this.firstFailure === undefined) return undefined;
    return skipVerdict(s.suiteName, s.scenario, `not started: --fail-fast, ${this.firstFailure} failed`);
  }

  ended(s: LoadedScenario, verdict: Verdict): void {
    if (!this.enabled || verdict.status !== 'failed' || this.firstFailure !== undefined) return;
    this.firstFailure = scenarioTag(s);
    this.log(`--fail-fast: ${this.firstFailure} failed; no further scenario starts`);
  }
}

export interface ExecutionPace {
  /** Scenarios at a time. */
  parallel: number;
  /** After the first failed scenario, start no other: they end skipped, naming it (those running finish). */
  failFast: boolean;
  /** Colour in mocha's reporter. */
  color: boolean;
  /** The last run's durations by durationKey (durations.ts): the longest start first. */
  lastDurations?: ReadonlyMap<string, number>;
}

/**
 * Every planned scenario that is not skipped, at most `parallel` at a time, under mocha; the session is
 * released in mocha's root afterAll hook, once every started scenario has ended.
 */
export async function executeScenarios(
  planned: PlannedScenario[],
  x: ScenarioExecution,
  pace: ExecutionPace,
): Promise<ExecutedScenarios> {
  const done: ExecutedScenarios = { verdicts: new Map(), observations: [], evidence: {} };
  const gate = new FailFast(pace.failFast, x.log);
  const isolations = new Map(planned.map((p) => [p, isolationOf(p.loaded, x.session.nodes)] as const));
  for (const [p, i] of isolations) {
    const tag = scenarioTag(p.loaded);
    if (i.kind === 'alone') x.log(`${tag} runs alone: ${i.why}`);
    if (i.kind === 'lane') x.log(`${tag} runs beside the others on ${i.nodes.join(', ')}, kept for node actions`);
  }
  const expected = new Map(
    planned.map((p) => [p, pace.lastDurations?.get(durationKey(p.loaded.suiteName, p.loaded.scenario.name))] as const),
  );
  const timed = planned.filter((p) => p.decision.kind !== 'skip' && expected.get(p) !== undefined).length;
  if (timed > 0)
    x.log(`order: ${timed} scenario(s) with a duration from the last run start longest first, any others before them`);
  const jobs: ScenarioJob[] = planned.map((p) => ({
    suite: p.loaded.suiteName,
    title: p.title,
    ...(expected.get(p) !== undefined ? { expectedMs: expected.get(p) as number } : {}),
    ...(p.decision.kind === 'skip' ? { skipReason: p.decision.reason } : {}),
    mode: (isolations.get(p) as Isolation).kind,
    execute: async () => {
      const notStarted = gate.skipped(p.loaded);
      if (notStarted) {
        done.verdicts.set(p.loaded, notStarted);
        return notStarted;
      }
      const outcome = await executeScenario(p, x, isolations.get(p));
      gate.ended(p.loaded, outcome.verdict);
      done.verdicts.set(p.loaded, outcome.verdict);
      done.observations.push(outcome.observation);
      if (outcome.evidence) done.evidence[scenarioKey(p.loaded.suiteName, p.loaded.scenario.name)] = outcome.evidence;
      return outcome.verdict;
    },
  }));
  await runWithMocha(
    jobs,
    { afterAll: async () => x.session.release() },
    {
      parallel: pace.parallel,
      color: pace.color,
      describeFailure: (v) => failedChecks(v).map(describeCheck).join('\n'),
    },
  );
  return done;
}

/** The observation of a scenario that was not run (an underivable control), so reports still list it. */
function notRun(s: LoadedScenario, kubernetesVersion: string, why: string): Observation {
  return {
    scenario: s.scenario.name,
    suite: s.suiteName,
    kubernetesVersion,
    namespace: '',
    podName: s.podName,
    admission: { accepted: false, warnings: [] },
    timeline: [],
    files: [],
    waits: [],
    abortedWith: `not run: ${why}`,
  };
}
