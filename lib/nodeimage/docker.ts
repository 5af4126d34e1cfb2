// The few Docker/kind calls the node-image code needs, through the CLI (as kind does).

import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { defaultCacheDir, kindBinary } from './paths.js';
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

/**
 * Copies a local image into every node of a kind cluster (`kind load docker-image`), so pods
 * can use it with no registry. kind reaches the nodes through Docker alone; `kubeconfig` is
 * accepted for callers that track clusters by kubeconfig and is not needed by kind.
 */
export async function loadImageIntoCluster(clusterName: string, image: string, _kubeconfig?: string): Promise<void> {
  if (!(await localImageExists(image))) {
    throw new Error(`cannot load ${image} into kind cluster ${clusterName}: no such local image (build it first)`);
  }
  const r = await execa(kindCommand(), ['load', 'docker-image', '--name', clusterName, image], { reject: false, all: true });
  if (r.exitCode !== 0) {
    throw new Error(`kind load docker-image --name ${clusterName} ${image} failed (exit ${r.exitCode}): ${String(r.all).trim()}`);
  }
}

/** The kind binary built into the cache when present, else `kind` from PATH. */
export function kindCommand(cacheDir: string = defaultCacheDir()): string {
  const built = kindBinary(cacheDir);
  return existsSync(built) ? built : 'kind';
}
