// Where the harness keeps per-cluster state: <cacheDir>/clusters/<name>/{kubeconfig,owner.json}.
import os from 'node:os';
import path from 'node:path';

/** $INPLACE_E2E_CACHE, else ~/.cache/inplace-e2e. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.INPLACE_E2E_CACHE;
  return fromEnv && fromEnv.trim() ? path.resolve(fromEnv) : path.join(os.homedir(), '.cache', 'inplace-e2e');
}

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
