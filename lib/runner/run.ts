// `inplace-e2e run`: suite file → validated model → cluster → observed timeline → verdict → report.
// Everything that can be decided offline (suites, profile, gates, node image, selection) is decided
// before a cluster is touched; bad input ends here with exit code 2.
import { randomBytes } from 'node:crypto';
import { CleanupRegistry } from '../cluster/reaper.js';
import type { ClusterSession } from '../cluster/session.js';
import { newClusterName } from '../cluster/names.js';
import { collectEvidence } from '../evidence/collect.js';
import type { PreflightReport } from '../preflight/preflight.js';
import { loadProfile } from '../profiles/load.js';
import { describeCheck, failedChecks } from '../report/failure-text.js';
import { formatSummaryTable } from '../report/console.js';
import { scenarioKey, type EvidenceBundle, type RunReport } from '../report/types.js';
import { writeReports } from '../report/write.js';
import { loadSuites, type LoadedScenario } from '../suite/load.js';
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
import { selectScenario } from './selection.js';
import { toolVersion } from '../package.js';

export interface Output {
  line(text: string): void;
}

export const EXIT = { passed: 0, failures: 1, input: 2, environment: 3 } as const;

export async function runSuites(args: RunArgs, out: Output): Promise<number> {
  const startedAt = new Date();
  // ---- offline: input and plan --------------------------------------------------------------------
  const profile = await loadProfile(args.profile);
  // Pods are judged by the API of the profile's minor and the gates its kube-apiserver runs with.
  const api = [{ minor: profile.minor, gates: { ...profile.clusterGates.effective }, label: `${profile.minor} (profile ${profile.name})` }];
  const suites = await loadSuites(args.suites.length > 0 ? args.suites : [shippedSuitesDir()], { api });
  for (const s of suites) for (const w of s.warnings) out.line(`warning: ${w.file}:${w.line}:${w.column}: ${w.path}: ${w.found}; expected ${w.expected}`);
  const runId = randomBytes(3).toString('hex');
  const clusterName = args.reuse ?? newClusterName(profile.name);

  const log = (text: string) => out.line(text);
  const registry = new CleanupRegistry({ log });
  const uninstall = registry.installProcessHandlers({ crashExitCode: EXIT.environment });
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
    const journal = suites.find((x) => x.suite.name === s.suiteName)?.suite.journal ?? '/shared/journal';
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

  const result = await runWithMocha(
    jobs,
    {
      beforeAll: async () => {
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
          },
          registry,
          log,
        );
        session = acquired.session;
        kubernetesVersion = acquired.kubernetesVersion;
        image = acquired.image;
        hostNotes.push(...acquired.hostNotes);
        const proof = await proveProfileGates(session, profile, Boolean(args.existingCluster), log);
        preflight = proof;
        if (!proof.passed) throw preflightFailure(session, proof);
      },
      afterAll: async () => {
        await session?.release();
      },
    },
    { parallel: args.parallel, describeFailure: (v) => failedChecks(v).map(describeCheck).join('\n') },
  );
  uninstall();
  await session?.release();

  const report: RunReport = {
    tool: toolVersion(),
    profile: { name: profile.name, kubernetesVersion, nodeImage: image, gates },
    cluster: { name: session?.name ?? clusterName, created: session?.created ?? false },
    host: { notes: [...hostNotes, ...(preflight?.notes ?? [])] },
    preflight: { checks: preflight?.checks ?? [] },
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    verdicts: scenarios.map((s) => verdicts.get(s) ?? notRun(s, result.rootHookError)),
    observations,
    evidence,
  };
  const paths = await writeReports(report, args.reportDir);
  out.line('');
  out.line(formatSummaryTable(report.verdicts));
  out.line(`reports: ${paths.junit}, ${paths.json}, ${paths.markdown}${paths.evidence.length ? `; evidence for ${paths.evidence.length} scenario(s) in ${args.reportDir}/evidence/` : ''}`);

  if (result.rootHookError !== undefined) {
    out.line(`error: ${result.rootHookError instanceof Error ? result.rootHookError.message : String(result.rootHookError)}`);
    return EXIT.environment;
  }
  return report.verdicts.some((v) => v.status === 'failed') ? EXIT.failures : EXIT.passed;
}

function notRun(s: LoadedScenario, rootError: unknown): Verdict {
  const why = rootError instanceof Error ? rootError.message.split('\n')[0] : 'the run stopped before it';
  return skipVerdict(s.suiteName, s.scenario, `not run: ${why}`);
}
