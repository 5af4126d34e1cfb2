// Offline kind node images: build one from Go modules and Debian packages (no registry), check
// for local images, load images into kind clusters. See README.md here.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentError } from '../errors.js';
import { runHostCommand, type HostCommand } from '../host/command.js';
import { runLogged, type BuildContext } from './context.js';
import { outputExists } from './docker.js';
import { defaultCacheDir, dockerUpScript, loadPinnedVersions } from './paths.js';
import {
  containerdFor,
  defaultNodeImageRef,
  kindFor,
  newestKind,
  parseKubeadmImageList,
  parseKubernetesVersion,
  parseSandboxImage,
  planImages,
  stagingVersionFor,
} from './plan.js';
import { BuildProgress } from './progress.js';
import { runStages, type Stage, type StageResult } from './stage.js';
import { containerdRootfsStage, containerdStage } from './stages/containerd.js';
import {
  cniPluginsStage,
  corednsStage,
  crictlStage,
  etcdStage,
  kindStage,
  kubernetesBinDir,
  kubernetesStage,
  pauseStage,
} from './stages/go-binaries.js';
import { busyboxStage, controlPlaneImagesStage, nodeStage, rootfsStage } from './stages/images.js';

export { localImageExists } from './docker.js';
export { defaultCacheDir, kindBinary, dockerUpScript, loadPinnedVersions } from './paths.js';
export type { PinnedVersions } from './plan.js';
export type { StageResult } from './stage.js';

export interface BuildNodeImageOptions {
  /** Release the image is for, e.g. v1.35.8; names the image unless imageTag is given. */
  kubernetesVersion: string;
  /** Any k8s.io/kubernetes module version (e.g. a pseudo-version for a commit); default kubernetesVersion. */
  kubernetesModuleVersion?: string;
  /** Version of the published k8s.io/* staging modules to build with; derived when omitted. */
  kubernetesStagingVersion?: string;
  /** Cache root; default $INPLACE_E2E_CACHE or ~/.cache/inplace-e2e. */
  cacheDir?: string;
  /** Image reference to produce; default inplace-e2e/node:<kubernetesVersion>. */
  imageTag?: string;
  log: (line: string) => void;
  /**
   * How the build reports. By default each stage's own output goes to a log file only, named when
   * the stage fails; `verbose` streams it too. `status` receives a live status line (a terminal);
   * `githubGroups` folds each finished stage's output into ::group:: (GitHub Actions).
   */
  progress?: { verbose?: boolean; status?: (text: string) => void; githubGroups?: boolean };
}

export interface BuildNodeImageResult {
  image: string;
  busyboxImage: string;
  stages: StageResult[];
}

/**
 * Builds (or finds cached) a kind node image for the given Kubernetes version with no registry:
 * binaries from Go modules, a Debian rootfs, control-plane images tagged as kubeadm asks and
 * imported into the node's containerd. Needs a running Docker engine (lib/host/docker-up.sh).
 */
export async function buildNodeImage(options: BuildNodeImageOptions): Promise<BuildNodeImageResult> {
  const pins = loadPinnedVersions();
  const kubernetes = parseKubernetesVersion(options.kubernetesModuleVersion ?? options.kubernetesVersion);
  // Per-minor choices are keyed on the release the image is for, not on the module version (a commit of 1.36 is 1.36).
  const release = parseKubernetesVersion(options.kubernetesVersion);
  const ctx: BuildContext = {
    log: options.log,
    cacheDir: options.cacheDir ?? defaultCacheDir(),
    pins,
    kind: kindFor(pins, release),
    kubernetes,
    stagingVersion: options.kubernetesStagingVersion ?? stagingVersionFor(kubernetes),
    imageRef: options.imageTag ?? defaultNodeImageRef(pins, options.kubernetesVersion),
  };
  const containerd = containerdFor(pins, release);
  if (containerd) ctx.containerd = containerd;
  await requireDocker();

  // Every stage up front, so the numbering runs over the whole build (cache keys are read only
  // when a stage's turn comes: the Go stages' versions come from kubeadm's own image list).
  const debianStages = [rootfsStage(ctx), busyboxStage(ctx)];
  const firstGoStages = [kindStage(ctx), kubernetesStage(ctx)];
  const goStages: Array<Stage<BuildContext>> = [
    etcdStage(ctx),
    corednsStage(ctx),
    crictlStage(ctx),
    cniPluginsStage(ctx),
    pauseStage(ctx),
  ];
  if (ctx.containerd) goStages.push(containerdStage(ctx));
  const imageStages: Array<Stage<BuildContext>> = [controlPlaneImagesStage(ctx), nodeStage(ctx)];
  if (ctx.containerd) imageStages.unshift(containerdRootfsStage(ctx));
  const progress = new BuildProgress({
    total: debianStages.length + firstGoStages.length + goStages.length + imageStages.length,
    line: options.log,
    logDir: join(
      ctx.cacheDir,
      'logs',
      'node-image',
      `${kubernetes.version}-${new Date().toISOString().replace(/[:.]/g, '-')}`,
    ),
    timingsFile: join(ctx.cacheDir, 'node-image-timings.json'),
    ...(options.progress?.status ? { status: options.progress.status } : {}),
    ...(options.progress?.verbose ? { verbose: true } : {}),
    ...(options.progress?.githubGroups ? { githubGroups: true } : {}),
  });
  ctx.log = (line) => progress.line(line);
  const run = (stages: Array<Stage<BuildContext>>) => runStages(stages, ctx, outputExists, undefined, progress);
  try {
    ctx.log(
      `node image ${ctx.imageRef}: k8s.io/kubernetes ${kubernetes.version}, kind ${ctx.kind}, ` +
        `containerd ${containerd ? `${containerd.version} (built)` : `from Debian ${pins.debian.suite}`}, cache ${ctx.cacheDir}`,
    );
    // The Debian stages wait on the network and the Go stages on the CPU: run the two groups side
    // by side (their status lines interleave; each names its stage).
    const debian = run(debianStages);
    debian.catch(() => undefined); // awaited below; keeps an early Go failure from leaving it unhandled
    const stages = await run(firstGoStages);

    // What to build next comes from the built kubeadm itself, as kind's own builder does.
    const planStart = performance.now();
    ctx.kindModuleDir = await goModuleDir(`sigs.k8s.io/kind@${ctx.kind}`);
    const sandbox = parseSandboxImage(
      readFileSync(join(ctx.kindModuleDir, 'images/base/files/etc/containerd/config.toml'), 'utf8'),
    );
    // Its output is summarised by the "plan:" line below (and in the error when it fails).
    const list = await runLogged({ log: () => undefined }, join(kubernetesBinDir(ctx), 'kubeadm'), [
      'config',
      'images',
      'list',
      '--kubernetes-version',
      kubernetes.version,
    ]);
    ctx.plan = planImages(parseKubeadmImageList(list), sandbox);
    ctx.log(
      `plan: etcd ${ctx.plan.etcdVersion}, coredns ${ctx.plan.corednsVersion}, pause ${ctx.plan.pauseVersion}` +
        (sandbox ? ` (also tagged ${sandbox})` : ''),
    );
    stages.push({ name: 'plan', seconds: (performance.now() - planStart) / 1000, cached: false });
    stages.push(...(await run(goStages)));
    stages.push(...(await debian));
    stages.push(...(await run(imageStages)));
    progress.finish();
    return { image: ctx.imageRef, busyboxImage: pins.busybox.image, stages };
  } catch (e) {
    progress.abort();
    throw e;
  }
}

/**
 * The newest pinned kind, built from its Go module into the cache as a node-image build does (or found
 * there): `inplace-e2e setup` uses it when no kind is installed. Needs Go.
 */
export async function buildKind(options: {
  cacheDir?: string;
  log: (line: string) => void;
}): Promise<{ version: string; cached: boolean }> {
  const kind = newestKind(loadPinnedVersions());
  const [result] = await runStages(
    [kindStage({ cacheDir: options.cacheDir ?? defaultCacheDir(), kind })],
    { log: options.log },
    outputExists,
  );
  return { version: kind, cached: result?.cached ?? false };
}

/** Starts Docker on a bare host (installs docker.io, runc wrapper, dockerd); idempotent, needs root. */
export async function dockerUp(log: (line: string) => void): Promise<void> {
  await runLogged({ log }, 'bash', [dockerUpScript()], {}, 'docker-up.sh');
}

async function requireDocker(run: HostCommand = runHostCommand): Promise<void> {
  const r = await run('docker', ['info', '--format', '{{.ServerVersion}}']);
  if (r.exitCode !== 0) {
    throw new EnvironmentError(
      `no Docker engine answers (docker info: ${r.stderr.trim().split('\n')[0] ?? ''})`,
      `start one with: sudo bash ${dockerUpScript()}`,
    );
  }
}

async function goModuleDir(moduleAtVersion: string, run: HostCommand = runHostCommand): Promise<string> {
  const r = await run('go', ['mod', 'download', '-json', moduleAtVersion], {
    env: { GOWORK: 'off', GOFLAGS: '-mod=mod', GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? 'local' },
  });
  const dir = r.exitCode === 0 ? (JSON.parse(r.stdout) as { Dir?: string }).Dir : undefined;
  if (!dir) throw new Error(`go mod download ${moduleAtVersion} failed: ${(r.stderr || r.stdout).trim()}`);
  return dir;
}
