// A cluster for a profile, ready to be used: the node image chosen, the cluster created (or reused, or
// the user's attached), its Kubernetes minor checked against the profile's, the scenario images loaded,
// and the profile's gates proven by the preflight. `run` takes it whole (provisionCluster); `bench`
// takes the parts (acquireProfileCluster, proveProfileGates).
import type { ClusterTarget } from './options.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { clusterDir } from '../cluster/paths.js';
import type { CleanupRegistry } from '../cluster/reaper.js';
import { acquireCluster, type ClusterMode, type ClusterSession } from '../cluster/session.js';
import { checkDocker } from '../cluster/tools.js';
import { EnvironmentError, errorText } from '../errors.js';
import { detectHost } from '../host/facts.js';
import { minorOf } from '../k8s-version.js';
import { localImageExists, pullImageFailingFast } from '../nodeimage/docker.js';
import { gateExpectationsFromProfile } from '../preflight/from-profile.js';
import { runPreflight, type GateExpectations, type PreflightReport } from '../preflight/preflight.js';
import { planCluster } from '../profiles/plan.js';
import type { ClusterProfile } from '../profiles/types.js';
import type { RunError } from '../report/types.js';
import { findNodeImage, type ImageStore } from '../profiles/node-image.js';

/** Scenarios use this busybox; when Docker has a local build of it, it is loaded into the cluster's nodes. */
export const SCENARIO_IMAGES = ['registry.k8s.io/e2e-test-images/busybox:1.37.0-1'];

/**
 * Docker's images, as finding a node image asks for them. A pull that has not started within seconds
 * counts as no registry (the offline build may stand in) instead of hanging on a network that drops packets.
 */
const dockerImages: ImageStore = {
  has: (image) => localImageExists(image),
  pull: (image) => pullImageFailingFast(image),
};

export interface ClusterChoice extends ClusterTarget {
  profile: ClusterProfile;
  /** Name for a cluster created now. */
  clusterName: string;
  /** Node actions (kubelet restart, stop, start) on an existing cluster the harness did not create. */
  allowNodeActions?: boolean;
  /** Told each stage as it starts (cluster/docker, cluster/image, cluster/create or /attach or /reuse, cluster/version, cluster/images), to name where a failure happened. */
  onStage?: (stage: string) => void;
}

export interface AcquiredCluster {
  session: ClusterSession;
  kubernetesVersion: string;
  /** The node image used, or "(existing cluster)". */
  image: string;
  hostNotes: string[];
}

/**
 * Chooses the image, creates/reuses/attaches the cluster, checks its minor and loads the scenario images.
 * A failure after the cluster exists releases it before the error is thrown.
 */
export async function acquireProfileCluster(
  c: ClusterChoice,
  registry: CleanupRegistry,
  log: (line: string) => void,
): Promise<AcquiredCluster> {
  const { profile } = c;
  const stage = c.onStage ?? (() => undefined);
  // Docker first: choosing the image asks it, and "no daemon" must read as such, not as a failed pull.
  stage('cluster/docker');
  if (!c.existingCluster) await checkDocker();
  stage('cluster/image');
  const choice = c.existingCluster
    ? { image: '(existing cluster)', notes: [] as string[] }
    : await findNodeImage(profile, c, dockerImages, log);
  for (const n of choice.notes) log(`image: ${n}`);
  const hostNotes: string[] = [];
  stage(c.existingCluster ? 'cluster/attach' : c.reuse ? 'cluster/reuse' : 'cluster/create');
  const mode = await clusterMode(c, choice.image, hostNotes);
  for (const n of hostNotes) log(`host: ${n}`);
  const session = await acquireCluster({
    mode,
    keep: c.keep,
    registry,
    log,
    ...(c.allowNodeActions ? { allowNodeActions: true } : {}),
  });
  try {
    stage('cluster/version');
    const kubernetesVersion = (await session.client.serverVersion()).gitVersion;
    log(`cluster: ${session.name} runs Kubernetes ${kubernetesVersion}`);
    // Gates, texts and scenario selection were decided for the profile's minor: another minor would be judged wrongly.
    if (minorOf(kubernetesVersion) !== profile.minor) {
      throw new EnvironmentError(
        `cluster ${session.name} runs Kubernetes ${kubernetesVersion}, but profile ${profile.name} is for ${profile.minor}`,
        `use a profile for ${minorOf(kubernetesVersion)} (inplace-e2e profiles lists them) or a node image of ${profile.minor}`,
      );
    }
    if (session.created || c.reuse) {
      stage('cluster/images');
      for (const img of SCENARIO_IMAGES) {
        if (await localImageExists(img)) {
          log(`image: loading local ${img} into ${session.name}`);
          if (!session.provider.loadImage)
            throw new EnvironmentError(`cannot load ${img} into ${session.name}: its provider has no image loading`);
          await session.provider.loadImage(session.name, img);
        }
      }
    }
    return { session, kubernetesVersion, image: choice.image, hostNotes };
  } catch (e) {
    await session.release();
    throw e;
  }
}

/** Runs the preflight for the profile's gates and logs each check; the caller decides what a failure means. */
export async function proveProfileGates(
  session: ClusterSession,
  profile: ClusterProfile,
  existing: boolean,
  log: (line: string) => void,
): Promise<PreflightReport> {
  const report = await runPreflight(session.client, preflightExpectations(profile, session, existing), {
    provider: session.provider,
  });
  for (const c of report.checks) log(`preflight: ${c.passed ? 'ok  ' : 'FAIL'} ${c.check}: ${c.detail}`);
  for (const n of report.notes) log(`preflight: note: ${n}`);
  return report;
}

/** The EnvironmentError for a failed preflight: which checks failed, and that nothing ran. */
export function preflightFailure(session: ClusterSession, report: PreflightReport): EnvironmentError {
  return new EnvironmentError(
    `preflight failed on ${session.name}: ${report.checks
      .filter((c) => !c.passed)
      .map((c) => c.detail)
      .join('; ')}`,
    'the cluster does not have the feature gates the profile expects; nothing was run',
  );
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
  return {
    ...fromProfile,
    kubelets: { '*': JSON.parse(kubeletSets[0] ?? '{}') as Record<string, boolean> },
    declaredFeatures: {},
  };
}

async function clusterMode(c: ClusterChoice, image: string, hostNotes: string[]): Promise<ClusterMode> {
  if (c.existingCluster)
    return { existing: { kubeconfig: c.existingCluster, ...(c.context ? { context: c.context } : {}) } };
  if (c.reuse) return { reuse: c.reuse };
  const plan = planCluster(c.profile, await detectHost(), { nodeImage: image });
  hostNotes.push(...plan.notes);
  const dir = clusterDir(c.clusterName);
  await mkdir(dir, { recursive: true });
  const configFile = join(dir, 'kind-config.yaml');
  await writeFile(configFile, plan.kind.yaml);
  return { create: { profile: c.profile.name, configFile, image, name: c.clusterName } };
}

/** What is known of the run's cluster, as far as provisioning got. */
export interface ClusterFacts {
  name: string;
  created: boolean;
  /** The node image used, or "(existing cluster)"; empty until chosen. */
  image: string;
  /** The server's version once it answered; the profile's before. */
  kubernetesVersion: string;
  hostNotes: string[];
  preflight?: PreflightReport;
}

export interface Provisioning {
  /** The cluster session, once acquired (also when the preflight then failed): the caller releases it. */
  session?: ClusterSession;
  facts: ClusterFacts;
  /** Set when the cluster cannot run the scenarios: the environment's failure, at the stage it happened. */
  error?: RunError;
}

/**
 * A cluster for the run, with the profile's gates proven; never throws. A failure is the environment's,
 * told at its stage (cluster/docker, cluster/image, cluster/create or attach or reuse, cluster/version,
 * cluster/images, cluster/preflight).
 */
export async function provisionCluster(
  c: ClusterChoice,
  registry: CleanupRegistry,
  log: (line: string) => void,
): Promise<Provisioning> {
  let stage = 'cluster/docker';
  const facts: ClusterFacts = {
    name: c.clusterName,
    created: false,
    image: '',
    kubernetesVersion: c.profile.kubernetesVersion,
    hostNotes: [],
  };
  let session: ClusterSession | undefined;
  try {
    const acquired = await acquireProfileCluster({ ...c, onStage: (s) => (stage = s) }, registry, log);
    session = acquired.session;
    Object.assign(facts, {
      name: session.name,
      created: session.created,
      image: acquired.image,
      kubernetesVersion: acquired.kubernetesVersion,
    });
    facts.hostNotes.push(...acquired.hostNotes);
    stage = 'cluster/preflight';
    facts.preflight = await proveProfileGates(session, c.profile, Boolean(c.existingCluster), log);
    if (!facts.preflight.passed) throw preflightFailure(session, facts.preflight);
    return { session, facts };
  } catch (e) {
    return { ...(session ? { session } : {}), facts, error: environmentError(e, stage) };
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
  };
}
