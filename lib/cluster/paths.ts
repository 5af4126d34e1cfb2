// Where the harness keeps per-cluster state: <cacheDir>/clusters/<name>/{kubeconfig,owner.json}.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { cacheDir } from '../package.js';

export function clustersDir(cache = cacheDir()): string {
  return path.join(cache, 'clusters');
}

export function clusterDir(name: string, cache = cacheDir()): string {
  return path.join(clustersDir(cache), name);
}

/** The private kubeconfig of a harness cluster: the user's kubeconfig is never written. */
export function privateKubeconfig(name: string, cache = cacheDir()): string {
  return path.join(clusterDir(name, cache), 'kubeconfig');
}

export function ownershipFile(name: string, cache = cacheDir()): string {
  return path.join(clusterDir(name, cache), 'owner.json');
}

/**
 * The kind binary: $INPLACE_E2E_KIND, else one built by `inplace-e2e node-image build` into the cache
 * (<cache>/bin/kind-<version>/kind, newest version first), else `kind` from PATH.
 */
export function kindExecutable(cache = cacheDir(), env: NodeJS.ProcessEnv = process.env): string {
  if (env.INPLACE_E2E_KIND?.trim()) return env.INPLACE_E2E_KIND.trim();
  const bin = path.join(cache, 'bin');
  let built: string[] = [];
  try {
    built = readdirSync(bin)
      .filter((d) => /^kind-v\d+\.\d+\.\d+/.test(d) && existsSync(path.join(bin, d, 'kind')))
      .sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
  } catch {
    // no cache yet
  }
  return built[0] ? path.join(bin, built[0], 'kind') : 'kind';
}
