// `inplace-e2e run`: suite file → validated model → cluster → observed timeline → verdict → report.
// Everything that can be decided offline (suites, profile, gates, node image, selection) is decided
// before a cluster is touched; bad input ends here with exit code 2.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { clusterDir } from '../cluster/paths.js';
import { CleanupRegistry } from '../cluster/reaper.js';
import { checkDocker } from '../cluster/tools.js';
import { acquireCluster, type ClusterMode, type ClusterSession } from '../cluster/session.js';
import { newClusterName } from '../cluster/names.js';
import { EnvironmentError } from '../errors.js';
import { minorOf } from '../k8s-version.js';
import { collectEvidence } from '../evidence/collect.js';
import { detectHost } from '../host/facts.js';
import { localImageExists } from '../nodeimage/docker.js';
import { gateExpectationsFromProfile } from '../preflight/from-profile.js';
import { runPreflight, type GateExpectations, type PreflightReport } from '../preflight/preflight.js';
import { loadProfile } from '../profiles/load.js';
import { planCluster } from '../profiles/plan.js';
import type { ClusterProfile } from '../profiles/types.js';
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
import { chooseImage } from './node-image-choice.js';
import { runScenario } from './scenario-run.js';
import { selectScenario } from './selection.js';
import { toolVersion } from '../package.js';

export interface Output {
  line(text: string): void;
}

export const EXIT = { passed: 0, failures: 1, input: 2, environment: 3 } as const;

/** Scenarios use this busybox; when Docker has a local build of it, it is loaded into the cluster's nodes. */
const SCENARIO_IMAGES = ['registry.k8s.io/e2e-test-images/busybox:1.37.0-1'];

export async function runSuites(args: RunArgs, out: Output): Promise<number> {
  const startedAt = new Date();
  // ---- offline: input and plan --------------------------------------------------------------------
  const suites = await loadSuites(args.suites.length > 0 ? args.suites : [shippedSuitesDir()]);
  for (const s of suites) for (const w of s.warnings) out.line(`warning: ${w.file}:${w.line}:${w.column}: ${w.path}: ${w.found}; expected ${w.expected}`);
  const profile = await loadProfile(args.profile);
  const host = await detectHost();
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
        // Docker first: choosing the image asks it, and "no daemon" must read as such, not as a failed pull.
        if (!args.existingCluster) await checkDocker();
        const choice = args.existingCluster ? { image: '(existing cluster)', notes: [] } : await chooseImage(profile, args, log);
        image = choice.image;
        for (const n of choice.notes) log(`image: ${n}`);
        const mode = await clusterMode(profile, args, host, clusterName, choice.image, hostNotes);
        for (const n of hostNotes) log(`host: ${n}`);
        session = await acquireCluster({ mode, keep: args.keep, registry, log, ...(args.allowNodeActions ? { allowNodeActions: true } : {}) });
        kubernetesVersion = (await session.client.serverVersion()).gitVersion;
        log(`cluster: ${session.name} runs Kubernetes ${kubernetesVersion}`);
        // Gates, texts and scenario selection were decided for the profile's minor: another minor would be judged wrongly.
        if (minorOf(kubernetesVersion) !== profile.minor) {
          throw new EnvironmentError(
            `cluster ${session.name} runs Kubernetes ${kubernetesVersion}, but profile ${profile.name} is for ${profile.minor}`,
            `use a profile for ${minorOf(kubernetesVersion)} (inplace-e2e profiles lists them) or a node image of ${profile.minor}`,
          );
        }
        if (session.created || args.reuse) {
          for (const img of SCENARIO_IMAGES) {
            if (await localImageExists(img)) {
              log(`image: loading local ${img} into ${session.name}`);
              if (!session.provider.loadImage) throw new EnvironmentError(`cannot load ${img} into ${session.name}: its provider has no image loading`);
              await session.provider.loadImage(session.name, img);
            }
          }
        }
        preflight = await runPreflight(session.client, preflightExpectations(profile, session, Boolean(args.existingCluster)), {
          provider: session.provider,
        });
        for (const c of preflight.checks) log(`preflight: ${c.passed ? 'ok  ' : 'FAIL'} ${c.check}: ${c.detail}`);
        for (const n of preflight.notes) log(`preflight: note: ${n}`);
        if (!preflight.passed) {
          throw new EnvironmentError(
            `preflight failed on ${session.name}: ${preflight.checks.filter((c) => !c.passed).map((c) => c.detail).join('; ')}`,
            'the cluster does not have the feature gates the profile expects; no scenario was run',
          );
        }
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

/**
 * What the preflight must find. A harness cluster's nodes are named <cluster>-<suffix> by kind; an existing
 * cluster's nodes are not the profile's, so every kubelet must match the profile's (single) kubelet gate set.
 */
function preflightExpectations(profile: ClusterProfile, session: ClusterSession, existing: boolean): GateExpectations {
  const fromProfile = gateExpectationsFromProfile(profile, session.name);
  if (!existing) return fromProfile;
  const kubeletSets = [...new Set(Object.values(fromProfile.kubelets).map((g) => JSON.stringify(g)))];
  if (kubeletSets.length > 1) {
    throw new EnvironmentError(
      `profile ${profile.name} gives its nodes different kubelet gates; an existing cluster's nodes cannot be matched to them`,
      'use a profile whose nodes all have the same gates with --existing-cluster',
    );
  }
  return { ...fromProfile, kubelets: { '*': JSON.parse(kubeletSets[0] ?? '{}') as Record<string, boolean> }, declaredFeatures: {} };
}

function notRun(s: LoadedScenario, rootError: unknown): Verdict {
  const why = rootError instanceof Error ? rootError.message.split('\n')[0] : 'the run stopped before it';
  return skipVerdict(s.suiteName, s.scenario, `not run: ${why}`);
}

async function clusterMode(
  profile: ClusterProfile,
  args: RunArgs,
  host: Awaited<ReturnType<typeof detectHost>>,
  name: string,
  image: string,
  hostNotes: string[],
): Promise<ClusterMode> {
  if (args.existingCluster) return { existing: { kubeconfig: args.existingCluster } };
  if (args.reuse) return { reuse: args.reuse };
  const plan = planCluster(profile, host, { nodeImage: image });
  hostNotes.push(...plan.notes);
  const dir = clusterDir(name);
  await mkdir(dir, { recursive: true });
  const configFile = join(dir, 'kind-config.yaml');
  await writeFile(configFile, plan.kind.yaml);
  return { create: { profile: profile.name, configFile, image, name } };
}
