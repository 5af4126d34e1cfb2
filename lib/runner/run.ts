// `inplace-e2e run`: suite file → validated model → cluster → observed timeline → verdict → report.
// Everything that can be decided offline (suites, profile, gates, node image, selection) is decided
// before a cluster is touched; bad input ends here with exit code 2.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CleanupRegistry } from '../cluster/reaper.js';
import type { ClusterSession } from '../cluster/session.js';
import { newClusterName } from '../cluster/names.js';
import { EnvironmentError, errorText, formatProblem, InputError, type InputProblem } from '../errors.js';
import { collectEvidence } from '../evidence/collect.js';
import { GateRefusalError } from '../gates/resolve.js';
import { loadKubeConfig } from '../kube/kubeconfig.js';
import type { PreflightReport } from '../preflight/preflight.js';
import { loadProfile } from '../profiles/load.js';
import type { ClusterProfile } from '../profiles/types.js';
import { describeCheck, failedChecks } from '../report/failure-text.js';
import { formatSummaryTable } from '../report/console.js';
import { scenarioKey, type EvidenceBundle, type RunError, type RunReport } from '../report/types.js';
import { writeReports } from '../report/write.js';
import { loadSuites, type LoadedScenario, type LoadedSuite } from '../suite/load.js';
import { shippedSuitesDir } from '../suite/shipped.js';
import { judge, skipVerdict } from '../verdict/judge.js';
import type { Verdict } from '../verdict/types.js';
import type { Observation } from '../observe/types.js';
import type { RunArgs } from '../cli/args.js';
import { sessionCluster } from './session-cluster.js';
import { controlVerdict } from './control.js';
import { evidenceBundle } from './evidence-bundle.js';
import { runWithMocha, type ScenarioJob } from './mocha-run.js';
import { acquireProfileCluster, preflightFailure, proveProfileGates } from './provision.js';
import { runScenario } from './scenario-run.js';
import { selectScenario, type ScenarioRole } from './selection.js';
import { toolVersion } from '../package.js';
import { DEFAULT_JOURNAL } from '../suite/schema.js';

export interface Output {
  line(text: string): void;
}

export const EXIT = { passed: 0, failures: 1, input: 2, environment: 3 } as const;

export async function runSuites(args: RunArgs, out: Output): Promise<number> {
  const startedAt = new Date();
  const base = (profile: ClusterProfile | undefined, cluster: RunReport['cluster']): RunReport => ({
    tool: toolVersion(),
    profile: { name: profile?.name ?? args.profile, kubernetesVersion: profile?.kubernetesVersion ?? '', nodeImage: '', gates: profile?.clusterGates.effective ?? {} },
    cluster,
    host: { notes: [] },
    preflight: { checks: [] },
    startedAt: startedAt.toISOString(),
    finishedAt: startedAt.toISOString(),
    verdicts: [],
    observations: [],
    evidence: {},
  });

  // ---- offline: input and selection; bad input ends here (exit 2), nothing touched a cluster ------
  let stage = 'input/profile';
  let profile: ClusterProfile | undefined;
  let existing: RunReport['cluster']['existing'];
  let suites: LoadedSuite[];
  try {
    profile = await loadProfile(args.profile);
    if (args.existingCluster) {
      stage = 'input/existing-cluster';
      existing = await existingClusterFacts(args.existingCluster);
    }
    stage = 'input/suites';
    // Pods are judged by the API of the profile's minor and the gates its kube-apiserver runs with.
    const api = [{ minor: profile.minor, gates: { ...profile.clusterGates.effective }, label: `${profile.minor} (profile ${profile.name})` }];
    suites = await loadSuites(args.suites.length > 0 ? args.suites : [shippedSuitesDir()], { api });
  } catch (e) {
    if (e instanceof InputError || e instanceof GateRefusalError) {
      const problems = e instanceof InputError ? e.problems.map(formatProblem) : e.message.split('\n');
      const report = { ...base(profile, { name: existing ? existingName(existing) : '', created: false, ...(existing ? { existing } : {}) }) };
      report.error = { kind: 'input', stage, message: e instanceof InputError ? `invalid input (${e.problems.length} problem${e.problems.length === 1 ? '' : 's'})` : 'gates the Kubernetes version cannot start with', details: problems, exitCode: EXIT.input };
      await writeReportsQuietly(report, args.reportDir, out);
    }
    throw e;
  }
  for (const s of suites) for (const w of s.warnings) out.line(`warning: ${w.file}:${w.line}:${w.column}: ${w.path}: ${w.found}; expected ${w.expected}`);
  const runId = randomBytes(3).toString('hex');
  const clusterName = args.reuse ?? existingNameOr(existing, newClusterName(profile.name));

  const log = (text: string) => out.line(text);
  let session: ClusterSession | undefined;
  let preflight: PreflightReport | undefined;
  let kubernetesVersion = profile.kubernetesVersion;
  let image = '';
  const hostNotes: string[] = [];
  const observations: Observation[] = [];
  const evidence: Record<string, EvidenceBundle> = {};
  const verdicts = new Map<LoadedScenario, Verdict>();

  const gates = profile.clusterGates.effective;
  const scenarios = suites.flatMap((s) => s.scenarios);
  const roles = new Map(scenarios.map((s) => [s, selectScenario(s, { kubernetesVersion, gates, control: args.control, ...(args.grep ? { grep: args.grep } : {}) })]));

  const report = (error?: RunError): RunReport => ({
    ...base(profile, { name: session?.name ?? clusterName, created: session?.created ?? false, ...(existing ? { existing } : {}) }),
    profile: { name: profile.name, kubernetesVersion, nodeImage: image, gates },
    host: { notes: [...hostNotes, ...(preflight?.notes ?? [])] },
    preflight: { checks: preflight?.checks ?? [] },
    finishedAt: new Date().toISOString(),
    verdicts: scenarios.map((s) => verdicts.get(s) ?? notRun(s, error)),
    observations,
    evidence,
    ...(error ? { error } : {}),
  });

  // Empty is an error: a selection that leaves nothing to run proves nothing (see README, "Empty is an error").
  const empty = emptySelection(scenarios, roles, args);
  if (empty) {
    for (const [s, role] of roles) if (role.kind === 'skip') verdicts.set(s, skipVerdict(s.suiteName, s.scenario, role.reason));
    if (empty.exitCode !== EXIT.passed) {
      await writeReportsQuietly(report(empty), args.reportDir, out);
      throw new InputError(empty.problems, empty.message, empty.hint);
    }
    return finish(report(), args, out, EXIT.passed, 'every selected scenario was skipped (--allow-skips): nothing was run and no cluster was created');
  }

  const jobs: ScenarioJob[] = scenarios.map((s) => {
    const role = roles.get(s) as ReturnType<typeof selectScenario>;
    const title = `${s.scenario.id ? `${s.scenario.id} ` : ''}${s.scenario.name}${role.kind === 'control' ? ' [gate-off control]' : ''}`;
    if (role.kind === 'skip') verdicts.set(s, skipVerdict(s.suiteName, s.scenario, role.reason));
    return {
      suite: s.suiteName,
      title,
      ...(role.kind === 'skip' ? { skipReason: role.reason } : {}),
      execute: async () => {
        const verdict = await executeScenario(s, role.kind === 'control' ? role.gates : undefined);
        verdicts.set(s, verdict);
        return verdict;
      },
    };
  });

  const executeScenario = async (s: LoadedScenario, controlGates?: string[]): Promise<Verdict> => {
    const active = session as ClusterSession;
    const started = Date.now();
    const tag = `[${s.suiteName}/${s.scenario.id ?? s.scenario.name}]`;
    const ports = sessionCluster(active, runId);
    const journal = suites.find((x) => x.suite.name === s.suiteName)?.suite.journal ?? DEFAULT_JOURNAL;
    const run = await runScenario(s, ports, {
      kubernetesVersion,
      runId,
      journal,
      keepNamespace: args.keep,
      onStage: (stage, detail) => out.line(`${tag} ${stage}${detail ? `: ${detail}` : ''} (+${((Date.now() - started) / 1000).toFixed(1)}s)`),
    });
    observations.push(run.observation);
    let verdict = judge(s.scenario, run.observation, { kubernetesVersion, durationMs: Date.now() - started });
    if (controlGates) verdict = controlVerdict(verdict, run.observation, controlGates);
    if (verdict.status === 'failed' || controlGates) {
      out.line(`${tag} collecting evidence`);
      const collected = await collectEvidence({
        client: active.client,
        provider: active.provider,
        ns: run.namespace,
        pod: s.podName,
        journal: journal ? { path: journal } : false,
      });
      evidence[scenarioKey(s.suiteName, s.scenario.name)] = evidenceBundle(collected);
    }
    await run.cleanup().catch((e: unknown) => out.line(`${tag} namespace cleanup failed: ${String(e)}`));
    out.line(`${tag} ${verdict.status.toUpperCase()} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    return verdict;
  };

  // ---- the cluster: created or attached, then its gates proven; a failure here is the environment's (exit 3) --
  const registry = new CleanupRegistry({ log });
  const uninstall = registry.installProcessHandlers({ crashExitCode: EXIT.environment });
  let setupError: RunError | undefined;
  try {
    const acquired = await acquireProfileCluster(
      {
        profile,
        ...(args.nodeImage ? { nodeImage: args.nodeImage } : {}),
        localImage: args.localImage,
        keep: args.keep,
        ...(args.reuse ? { reuse: args.reuse } : {}),
        ...(args.existingCluster ? { existingCluster: args.existingCluster } : {}),
        clusterName,
        allowNodeActions: args.allowNodeActions,
        onStage: (s) => (stage = s),
      },
      registry,
      log,
    );
    session = acquired.session;
    kubernetesVersion = acquired.kubernetesVersion;
    image = acquired.image;
    hostNotes.push(...acquired.hostNotes);
    stage = 'cluster/preflight';
    const proof = await proveProfileGates(session, profile, Boolean(args.existingCluster), log);
    preflight = proof;
    if (!proof.passed) throw preflightFailure(session, proof);
  } catch (e) {
    setupError = environmentError(e, stage);
  }

  if (!setupError) {
    await runWithMocha(
      jobs,
      { beforeAll: async () => undefined, afterAll: async () => session?.release() },
      { parallel: args.parallel, describeFailure: (v) => failedChecks(v).map(describeCheck).join('\n') },
    );
  }
  uninstall();
  await session?.release();

  if (setupError) return finish(report(setupError), args, out, setupError.exitCode);
  const done = report();
  if (done.verdicts.some((v) => v.status === 'failed')) return finish(done, args, out, EXIT.failures);
  // Every selected scenario ended skipped: nothing was proven (see README).
  if (!done.verdicts.some((v) => v.status === 'passed' || v.status === 'expected-failure') && !args.allowSkips) {
    const error: RunError = {
      kind: 'nothing-proven',
      stage: 'run/all-skipped',
      message: `every selected scenario was skipped (${done.verdicts.length}): nothing was proven`,
      hint: 'pass --allow-skips if a run that proves nothing may succeed',
      details: done.verdicts.map((v) => `${v.suite}/${v.scenario}: ${v.skipReason ?? 'skipped'}`),
      exitCode: EXIT.failures,
    };
    return finish({ ...done, error }, args, out, EXIT.failures);
  }
  return finish(done, args, out, EXIT.passed);
}

/** Writes the reports, prints the summary and the one error message (if any), and returns the exit code. */
async function finish(report: RunReport, args: RunArgs, out: Output, code: number, note?: string): Promise<number> {
  const paths = await writeReports(report, args.reportDir);
  out.line('');
  out.line(formatSummaryTable(report.verdicts));
  out.line(`reports: ${paths.junit}, ${paths.json}, ${paths.markdown}, ${paths.html}${paths.evidence.length ? `; evidence for ${paths.evidence.length} scenario(s) in ${args.reportDir}/evidence/` : ''}`);
  if (note) out.line(`note: ${note}`);
  const e = report.error;
  if (e) {
    out.line(`error: ${e.stage}: ${e.message}`);
    for (const d of e.kind === 'nothing-proven' ? [] : e.details) out.line(`  ${d}`);
    if (e.hint) out.line(`  hint: ${e.hint}`);
  }
  return code;
}

/** Reports for a run that ended in bad input; a report directory that cannot be written does not hide the input error. */
async function writeReportsQuietly(report: RunReport, dir: string, out: Output): Promise<void> {
  try {
    const paths = await writeReports(report, dir);
    out.line(`reports: ${paths.junit}, ${paths.json}, ${paths.markdown}`);
  } catch (e) {
    out.line(`reports: not written to ${dir}: ${errorText(e)}`);
  }
}

/** The environment failure of a setup stage, as one message and a hint (no stack: the stage says where). */
function environmentError(e: unknown, stage: string): RunError {
  const message = e instanceof EnvironmentError ? e.reason : errorText(e);
  const [first, ...rest] = message.split('\n');
  return {
    kind: 'environment',
    stage,
    message: first ?? message,
    ...(e instanceof EnvironmentError && e.hint ? { hint: e.hint } : {}),
    details: rest.map((l) => l.trim()).filter(Boolean),
    exitCode: EXIT.environment,
  };
}

/**
 * The selection rule. A scenario is selected by the suite arguments and --grep, then skipped where its
 * requires.versions or requires.gates do not hold for the profile (a gate-off control runs those that need a
 * gate on). If nothing is left to run: --grep matching nothing is always bad input; otherwise it is bad input
 * too, unless --allow-skips accepts a run of skips (then nothing is created and the run passes).
 */
function emptySelection(
  scenarios: LoadedScenario[],
  roles: Map<LoadedScenario, ScenarioRole>,
  args: RunArgs,
): (RunError & { problems: InputProblem[] }) | undefined {
  if ([...roles.values()].some((r) => r.kind !== 'skip')) return undefined;
  const grepOnly = args.grep !== undefined && scenarios.every((s) => !args.grep?.test(`${s.suiteName} ${s.scenario.id ?? ''} ${s.scenario.name}`));
  if (!grepOnly && args.allowSkips) return { kind: 'input', stage: 'selection/empty', message: '', details: [], exitCode: EXIT.passed, problems: [] };
  const problems: InputProblem[] = scenarios.map((s) => {
    const role = roles.get(s) as ScenarioRole;
    return {
      file: s.file,
      line: s.position.line,
      column: s.position.column,
      path: s.scenario.id ?? s.scenario.name,
      found: `${s.suiteName}/${s.scenario.id ? `${s.scenario.id} ` : ''}${s.scenario.name} filtered out: ${role.kind === 'skip' ? role.reason : ''}`,
      expected: 'a scenario the selection leaves to run',
    };
  });
  const message = grepOnly
    ? `--grep ${args.grep?.source ?? ''} matches none of the ${scenarios.length} scenario(s): no scenario to run`
    : `no scenario to run: all ${scenarios.length} selected scenario(s) are filtered out by version or gate requirements on profile ${args.profile}`;
  return {
    kind: 'input',
    stage: 'selection/empty',
    message,
    hint: grepOnly
      ? 'check the --grep expression against "suite id name" of the scenarios'
      : 'use a profile these scenarios are for (a gate-off profile needs --control for positive suites), or --allow-skips if a run of skips may pass',
    details: problems.map((p) => p.found),
    exitCode: EXIT.input,
    problems: problems.length ? problems : [{ file: args.suites.join(' ') || 'suites', line: 0, column: 0, path: '', found: 'no scenario at all', expected: 'a scenario to run' }],
  };
}

/** The cluster an --existing-cluster kubeconfig names, read offline: a missing or unusable file is bad input. */
async function existingClusterFacts(kubeconfig: string): Promise<NonNullable<RunReport['cluster']['existing']>> {
  const problem = (found: string): InputError =>
    new InputError([{ file: kubeconfig, line: 0, column: 0, path: '', found, expected: 'a kubeconfig file of the cluster to run against (--existing-cluster)' }]);
  let text: string;
  try {
    text = await readFile(kubeconfig, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw problem(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : `an unreadable file (${code ?? String(e)})`);
  }
  try {
    if (text.trim() === '') throw new Error(`kubeconfig ${kubeconfig}: empty file`);
    // client-node reads the file again; certificate and key files are only read when a request is made.
    const { info } = await loadKubeConfig(kubeconfig);
    return { kubeconfig: path.resolve(kubeconfig), context: info.context, cluster: info.cluster, server: info.server };
  } catch (e) {
    throw problem(errorText(e));
  }
}

const existingName = (existing: NonNullable<RunReport['cluster']['existing']>) => existing.cluster;
const existingNameOr = (existing: RunReport['cluster']['existing'], fallback: string) => (existing ? existingName(existing) : fallback);

function notRun(s: LoadedScenario, error: RunError | undefined): Verdict {
  const why = error ? `the run stopped at ${error.stage} (see the error)` : 'the run stopped before it';
  return skipVerdict(s.suiteName, s.scenario, `not run: ${why}`);
}
