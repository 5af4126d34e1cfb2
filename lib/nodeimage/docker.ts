// Docker's local images, as node images need them: whether one exists, its cache key, pulling one.
// Through the docker CLI (as kind does), by the host's command runner.
import { runHostCommand, type HostCommand } from '../host/command.js';
import { fileExists, type StageOutput } from './stage.js';

export const CACHE_KEY_LABEL = 'io.inplace-e2e.cache-key';

/** Whether a local Docker image with this reference exists (no pull is attempted). */
export async function localImageExists(name: string, run: HostCommand = runHostCommand): Promise<boolean> {
  const r = await run('docker', ['image', 'inspect', '--format', '{{.Id}}', name]);
  return r.exitCode === 0;
}

/** How long a pull may take to start (resolve the image and begin on its layers) before no registry counts as answering. */
export const PULL_START_SECONDS = 20;

export interface PullOutcome {
  pulled: boolean;
  /** The last line Docker said, or why the pull was stopped. */
  why: string;
  /** Stopped because it had not started within the start deadline (no registry answered). */
  stalled: boolean;
}

/**
 * `docker pull` that fails fast when no registry answers: an unresolvable name fails at once on its own,
 * and a pull that has not started within `startSeconds` (a network that drops packets: the daemon would
 * wait minutes) is stopped. Once layers come, it takes as long as they take (up to `totalSeconds`).
 */
export async function pullImageFailingFast(
  name: string,
  options: { startSeconds?: number; totalSeconds?: number; log?: (line: string) => void } = {},
  run: HostCommand = runHostCommand,
): Promise<PullOutcome> {
  const startSeconds = options.startSeconds ?? PULL_START_SECONDS;
  const stop = new AbortController();
  let started = false;
  const timer = setTimeout(() => {
    if (!started) stop.abort();
  }, startSeconds * 1000);
  try {
    const r = await run('docker', ['pull', name], {
      signal: stop.signal,
      timeoutMs: (options.totalSeconds ?? 1800) * 1000,
      onLine: (line) => {
        if (/Pulling from|Pulling fs layer|Already exists|Downloading|Digest:|Status:/.test(line)) started = true;
        options.log?.(line);
      },
    });
    if (r.exitCode === 0) return { pulled: true, why: '', stalled: false };
    if (r.canceled)
      return {
        pulled: false,
        why: `no registry answered within ${startSeconds}s (the pull had not started)`,
        stalled: true,
      };
    return {
      pulled: false,
      why: (r.stderr.trim() || r.stdout.trim()).split('\n').at(-1) || `exit ${r.exitCode}`,
      stalled: false,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** The io.inplace-e2e.cache-key label of a local image, or undefined when absent. */
export async function imageCacheKey(name: string, run: HostCommand = runHostCommand): Promise<string | undefined> {
  const r = await run('docker', [
    'image',
    'inspect',
    '--format',
    `{{index .Config.Labels "${CACHE_KEY_LABEL}"}}`,
    name,
  ]);
  const v = r.stdout.trim();
  return r.exitCode === 0 && v !== '' && v !== '<no value>' ? v : undefined;
}

/** Existence check for stage outputs: files in the cache, images carrying the expected key. */
export async function outputExists(o: StageOutput): Promise<boolean> {
  if ('file' in o) return fileExists(o.file);
  return (await imageCacheKey(o.image)) === o.cacheKey;
}
