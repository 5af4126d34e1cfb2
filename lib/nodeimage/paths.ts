// Where things are: this package's scripts and pinned versions (found from this module's own
// location, which is lib/nodeimage/ from source and dist/lib/nodeimage/ when compiled), and the
// cache outside the repository.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, packageRoot } from '../package.js';
import { newestKind, type PinnedVersions } from './plan.js';

export function nodeImageDir(): string {
  return join(packageRoot(), 'lib', 'nodeimage');
}

export function scriptPath(name: string): string {
  return join(nodeImageDir(), 'scripts', name);
}

export function dockerUpScript(): string {
  return join(packageRoot(), 'lib', 'host', 'docker-up.sh');
}

export function loadPinnedVersions(): PinnedVersions {
  return JSON.parse(readFileSync(join(nodeImageDir(), 'versions.json'), 'utf8')) as PinnedVersions;
}

/** The harness cache (lib/package.ts): `$INPLACE_E2E_CACHE`, else ~/.cache/inplace-e2e. */
export const defaultCacheDir = cacheDir;

/** Layout of the cache: every stage output lives under a directory named after its versions. */
export const cacheLayout = {
  bin: (cache: string, what: string) => join(cache, 'bin', what),
  build: (cache: string, what: string) => join(cache, 'build', what),
  rootfs: (cache: string, key: string) => join(cache, 'rootfs', `${key}.tar`),
  images: (cache: string, key: string) => join(cache, 'images', key),
};

/** The kind binary this package builds (bin/kind-VERSION/kind in the cache); default the newest pinned kind. */
export function kindBinary(
  cacheDir: string = defaultCacheDir(),
  version: string = newestKind(loadPinnedVersions()),
): string {
  return join(cacheLayout.bin(cacheDir, `kind-${version}`), 'kind');
}
