// This package on disk: its root (found from this module, so it resolves the same from the source tree,
// from dist/ and from node_modules/inplace-e2e), its name and version, and the cache it keeps outside
// any repository.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'inplace-e2e';

let root: string | undefined;

/** The directory holding this package's package.json. */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME)
          return (root = dir);
      } catch {
        // not ours; keep looking upwards
      }
    }
    const up = path.dirname(dir);
    if (up === dir)
      throw new Error(`cannot find the ${PACKAGE_NAME} package root above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

export function toolVersion(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  return { name: pkg.name, version: pkg.version };
}

/** The harness cache (built binaries and images, cluster state): $INPLACE_E2E_CACHE, else ~/.cache/inplace-e2e. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.INPLACE_E2E_CACHE?.trim();
  return fromEnv ? path.resolve(fromEnv) : path.join(homedir(), '.cache', 'inplace-e2e');
}
