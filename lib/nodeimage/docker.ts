// The few Docker/kind calls the node-image code needs, through the CLI (as kind does).

import { execa } from 'execa';
import { fileExists, type StageOutput } from './stage.js';

export const CACHE_KEY_LABEL = 'io.inplace-e2e.cache-key';

/** Whether a local Docker image with this reference exists (no pull is attempted). */
export async function localImageExists(name: string): Promise<boolean> {
  const r = await execa('docker', ['image', 'inspect', '--format', '{{.Id}}', name], { reject: false });
  return r.exitCode === 0;
}

/** The io.inplace-e2e.cache-key label of a local image, or undefined when absent. */
export async function imageCacheKey(name: string): Promise<string | undefined> {
  const r = await execa('docker', ['image', 'inspect', '--format', `{{index .Config.Labels "${CACHE_KEY_LABEL}"}}`, name], {
    reject: false,
  });
  const v = String(r.stdout).trim();
  return r.exitCode === 0 && v !== '' && v !== '<no value>' ? v : undefined;
}

/** Existence check for stage outputs: files in the cache, images carrying the expected key. */
export async function outputExists(o: StageOutput): Promise<boolean> {
  if ('file' in o) return fileExists(o.file);
  return (await imageCacheKey(o.image)) === o.cacheKey;
}
