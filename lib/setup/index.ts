// `inplace-e2e setup` (also `run --setup`, which `npm run e2e` uses, and .ci/run): what a fresh machine needs
// before `run` can create a cluster, done in order and said as it goes:
//   docker  an engine that answers; started with lib/host/docker-up.sh when this is root on Debian or Ubuntu,
//           else the one command to run is the error's hint;
//   image   the node image the run will use: --node-image (pulled when absent), --local-image (the offline
//           build, built when absent), or the profile's pinned upstream image, pulled, with the offline
//           build standing in when no registry answers (a pull that has not started within seconds);
//   kind    $INPLACE_E2E_KIND, the cache's or PATH's; else built from its Go module (a node-image build
//           builds it too).
// It returns what the run should be told (`run`): the image as --node-image, or --local-image.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { kindExecutable } from '../cluster/paths.js';
import { checkDocker, checkKind, KIND_INSTALL_HINT } from '../cluster/tools.js';
import { EnvironmentError } from '../errors.js';
import { runHostCommand, type HostCommand } from '../host/command.js';
import { buildKind, buildNodeImage, dockerUp, dockerUpScript, type BuildNodeImageOptions } from '../nodeimage/index.js';
import { localImageExists, pullImageFailingFast, type PullOutcome } from '../nodeimage/docker.js';
import { loadProfile } from '../profiles/load.js';
import type { ClusterProfile } from '../profiles/types.js';

export interface SetupOptions {
  /** Profile name or file: its node image (pinned upstream, and the offline build's tag). */
  profile: string;
  /** Use this node image (pulled when Docker lacks it). */
  nodeImage?: string;
  /** Use the profile's offline build (built when Docker lacks it); never pull. */
  localImage: boolean;
  /** Seconds a pull may take to start before no registry counts as answering (default 20). */
  pullStartSeconds?: number;
  log: (line: string) => void;
  /** How a node-image build reports (a live status line on a terminal, ::group:: folds under Actions). */
  buildProgress?: BuildNodeImageOptions['progress'];
}

export interface SetupResult {
  docker: string;
  kind: { version: string; path: string };
  image: string;
  /** present: Docker had it; pulled; built: the offline build was made now. */
  imageSource: 'present' | 'pulled' | 'built';
  /** What `run` is to be told so it uses this image. */
  run: { nodeImage?: string; localImage: boolean };
  seconds: number;
}

/** The host as setup needs it; tests give a fake. */
export interface SetupHost {
  run: HostCommand;
  isRoot: boolean;
  platform: NodeJS.Platform;
  /** /etc/os-release, or undefined. */
  osRelease(): Promise<string | undefined>;
  dockerUp(log: (line: string) => void): Promise<void>;
  imageExists(image: string): Promise<boolean>;
  pull(image: string, startSeconds: number, log: (line: string) => void): Promise<PullOutcome>;
  buildNodeImage(
    options: BuildNodeImageOptions,
  ): Promise<{ image: string; stages: Array<{ name: string; cached: boolean }> }>;
  buildKind(log: (line: string) => void): Promise<{ version: string; cached: boolean }>;
  /** Where the kind binary is looked for (after a build it is in the cache). */
  kindPath(): string;
  /** Makes `go` findable where the machine installs it off PATH (/usr/local/go/bin); whether go runs. */
  findGo(): Promise<boolean>;
}

export const localHost: SetupHost = {
  run: runHostCommand,
  isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
  platform: process.platform,
  osRelease: () => readFile('/etc/os-release', 'utf8').catch(() => undefined),
  dockerUp: (log) => dockerUp(log),
  imageExists: (image) => localImageExists(image),
  pull: (image, startSeconds, log) => pullImageFailingFast(image, { startSeconds, log }),
  buildNodeImage: (o) => buildNodeImage(o),
  buildKind: (log) => buildKind({ log }),
  kindPath: () => kindExecutable(),
  async findGo() {
    const works = async () => (await runHostCommand('go', ['version'], { timeoutMs: 20_000 })).exitCode === 0;
    if (await works()) return true;
    const dir = '/usr/local/go/bin';
    if (!existsSync(path.join(dir, 'go'))) return false;
    process.env.PATH = `${process.env.PATH ?? ''}${path.delimiter}${dir}`;
    return works();
  },
};

export async function setupForRun(o: SetupOptions, host: SetupHost = localHost): Promise<SetupResult> {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  const log = (line: string) => o.log(`setup: ${line}`);
  const profile = await loadProfile(o.profile);

  log(`[1/3] docker`);
  const docker = await ensureDocker(host, log);
  log(`docker: engine ${docker} answers (${elapsed()})`);

  log(`[2/3] node image for profile ${profile.name} (Kubernetes ${profile.kubernetesVersion})`);
  const image = await ensureImage(profile, o, host, log);
  log(`image: ${image.image} (${image.source}, ${elapsed()})`);

  log('[3/3] kind');
  const kind = await ensureKind(host, log);
  log(`kind: ${kind.version} at ${kind.path} (${elapsed()})`);

  const local = image.image === profile.localImage && !o.nodeImage;
  return {
    docker,
    kind,
    image: image.image,
    imageSource: image.source,
    run: local ? { localImage: true } : { nodeImage: image.image, localImage: false },
    seconds: (Date.now() - started) / 1000,
  };
}

async function ensureDocker(host: SetupHost, log: (line: string) => void): Promise<string> {
  try {
    return (await checkDocker(host.run)).version ?? '';
  } catch (e) {
    if (!(e instanceof EnvironmentError)) throw e;
    const fix = await dockerFix(host);
    if (fix.auto) {
      log(`docker: ${e.reason}; starting it with ${dockerUpScript()} (root on ${fix.auto})`);
      await host.dockerUp((line) => log(`  ${line}`));
      return (await checkDocker(host.run)).version ?? '';
    }
    throw new EnvironmentError(e.reason, `run this, then setup again: ${fix.command}`);
  }
}

/** How Docker comes up here: by setup itself (root on Debian or Ubuntu), or the one command to run. */
async function dockerFix(
  host: SetupHost,
): Promise<{ auto: string; command?: undefined } | { auto?: undefined; command: string }> {
  if (host.platform === 'darwin')
    return { command: 'open -a Docker   (Docker Desktop; install it from https://docs.docker.com/desktop/)' };
  if (host.platform === 'win32')
    return { command: 'start Docker Desktop (https://docs.docker.com/desktop/), then run setup in WSL 2' };
  const release = (await host.osRelease()) ?? '';
  const field = (key: string) => new RegExp(`^${key}="?([^"\\n]*)"?$`, 'm').exec(release)?.[1] ?? '';
  const family = `${field('ID')} ${field('ID_LIKE')}`;
  const debian = /\bdebian\b/.test(family) ? 'Debian' : /\bubuntu\b/.test(family) ? 'Ubuntu' : undefined;
  if (debian && host.isRoot) return { auto: field('PRETTY_NAME') || debian };
  if (debian) return { command: `sudo bash ${dockerUpScript()}` };
  const dockerd = await host.run('dockerd', ['--version'], { timeoutMs: 10_000 });
  return dockerd.notFound
    ? { command: 'install Docker Engine (https://docs.docker.com/engine/install/), then: sudo systemctl start docker' }
    : { command: 'sudo systemctl start docker' };
}

async function ensureImage(
  profile: ClusterProfile,
  o: SetupOptions,
  host: SetupHost,
  log: (line: string) => void,
): Promise<{ image: string; source: SetupResult['imageSource'] }> {
  const startSeconds = o.pullStartSeconds ?? 20;
  const pull = async (image: string): Promise<PullOutcome> => {
    log(`image: pulling ${image} (no registry counts as answering after ${startSeconds}s without a start)`);
    const started = Date.now();
    const r = await host.pull(image, startSeconds, () => undefined);
    log(`image: ${r.pulled ? 'pulled' : `cannot pull: ${r.why}`} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    return r;
  };
  if (o.nodeImage) {
    if (await host.imageExists(o.nodeImage)) return { image: o.nodeImage, source: 'present' };
    const r = await pull(o.nodeImage);
    if (r.pulled) return { image: o.nodeImage, source: 'pulled' };
    throw new EnvironmentError(
      `cannot pull node image ${o.nodeImage}: ${r.why}`,
      'load it into Docker first (docker load), or pass --local-image for the offline build',
    );
  }
  const local = profile.localImage;
  if (o.localImage) {
    if (!local)
      throw new EnvironmentError(
        `profile ${profile.name} names no localImage`,
        'add `localImage:` to the profile or pass --node-image',
      );
    return offlineImage(profile, local, o, host, log);
  }
  if (await host.imageExists(profile.nodeImage)) return { image: profile.nodeImage, source: 'present' };
  const r = await pull(profile.nodeImage);
  if (r.pulled) return { image: profile.nodeImage, source: 'pulled' };
  if (!local)
    throw new EnvironmentError(
      `cannot pull node image ${profile.nodeImage}: ${r.why}`,
      'pass --node-image with an image Docker has',
    );
  log(`image: no registry answers; the offline build ${local} stands in`);
  return offlineImage(profile, local, o, host, log);
}

/**
 * The profile's offline image, current with this package's pinned versions: `node-image build`, which
 * rebuilds only stages whose cache key changed (about a second when nothing did). An image Docker has
 * is used as it is when there is no Go to check it with.
 */
async function offlineImage(
  profile: ClusterProfile,
  image: string,
  o: SetupOptions,
  host: SetupHost,
  log: (line: string) => void,
): Promise<{ image: string; source: SetupResult['imageSource'] }> {
  const present = await host.imageExists(image);
  if (present && !(await host.findGo())) {
    log(
      `image: ${image} is in Docker; no Go here to check it against this package's pinned versions, so it is used as it is`,
    );
    return { image, source: 'present' };
  }
  log(
    present
      ? `image: ${image} is in Docker; checking it is current (node-image build, cached)`
      : `image: building ${image} (18–24 minutes cold on 2 cores as measured here; cached afterwards)`,
  );
  const built = await buildOffline(profile, image, o, host, log);
  // `plan` is the build reading kubeadm's image list, not a cached stage: it runs every time.
  const rebuilt = built.stages.filter((s) => !s.cached && s.name !== 'plan');
  return { image, source: present && rebuilt.length === 0 ? 'present' : 'built' };
}

/** `node-image build` for the profile's offline image: the Kubernetes release is its tag. */
async function buildOffline(
  profile: ClusterProfile,
  image: string,
  o: SetupOptions,
  host: SetupHost,
  log: (line: string) => void,
): Promise<{ stages: Array<{ name: string; cached: boolean }> }> {
  const release = /:(v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(image)?.[1];
  if (!release) {
    throw new EnvironmentError(
      `cannot build ${image}: its tag is not a Kubernetes release`,
      `give profile ${profile.name} a localImage tagged like inplace-e2e/node:v1.35.8, or pass --node-image`,
    );
  }
  if (!(await host.findGo())) {
    throw new EnvironmentError(
      `building the offline node image ${image} needs Go, and there is none`,
      'install Go (https://go.dev/dl/) and put it on PATH, or pass --node-image with an image Docker has',
    );
  }
  return host.buildNodeImage({
    kubernetesVersion: release,
    imageTag: image,
    log: (line) => log(`  ${line}`),
    ...(o.buildProgress ? { progress: o.buildProgress } : {}),
  });
}

async function ensureKind(host: SetupHost, log: (line: string) => void): Promise<{ version: string; path: string }> {
  try {
    return { version: (await checkKind(host.run)).version ?? '', path: host.kindPath() };
  } catch (e) {
    if (!(e instanceof EnvironmentError)) throw e;
    if (!(await host.findGo()))
      throw new EnvironmentError(`${e.reason}, and there is no Go to build it`, KIND_INSTALL_HINT);
    log(`kind: ${e.reason}; building it from its Go module into the cache`);
    const built = await host.buildKind((line) => log(`  ${line}`));
    log(`kind: ${built.version} ${built.cached ? 'found in the cache' : 'built'}`);
    return { version: (await checkKind(host.run)).version ?? built.version, path: host.kindPath() };
  }
}
