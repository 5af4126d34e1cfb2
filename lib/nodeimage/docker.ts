// Docker's local images, as node images need them: whether one exists, its cache key, pulling one.
// Through the docker CLI (as kind does), by the host's command runner.
import { runHostCommand, type CommandResult, type HostCommand } from '../host/command.js';
import { fileExists, type StageOutput } from './stage.js';

export const CACHE_KEY_LABEL = 'io.inplace-e2e.cache-key';

/** Whether a local Docker image with this reference exists (no pull is attempted). */
export async function localImageExists(name: string, run: HostCommand = runHostCommand): Promise<boolean> {
  const r = await run('docker', ['image', 'inspect', '--format', '{{.Id}}', name]);
  return r.exitCode === 0;
}

/** `docker pull`, bounded in time; the result says whether it worked and why not. */
export async function pullImage(name: string, timeoutMs: number, run: HostCommand = runHostCommand): Promise<CommandResult> {
  return run('docker', ['pull', name], { timeoutMs });
}

/** The io.inplace-e2e.cache-key label of a local image, or undefined when absent. */
export async function imageCacheKey(name: string, run: HostCommand = runHostCommand): Promise<string | undefined> {
  const r = await run('docker', ['image', 'inspect', '--format', `{{index .Config.Labels "${CACHE_KEY_LABEL}"}}`, name]);
  const v = r.stdout.trim();
  return r.exitCode === 0 && v !== '' && v !== '<no value>' ? v : undefined;
}

/** Existence check for stage outputs: files in the cache, images carrying the expected key. */
export async function outputExists(o: StageOutput): Promise<boolean> {
  if ('file' in o) return fileExists(o.file);
  return (await imageCacheKey(o.image)) === o.cacheKey;
}
