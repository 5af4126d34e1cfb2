// Files shipped with inplace-e2e (suites, pods, schemas), found relative to this module so they
// resolve the same from the source tree (tsx), from dist/ and from node_modules/inplace-e2e.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package.js';

export const shippedSuitesDir = () => path.join(packageRoot(), 'suites');
export const shippedPodsDir = () => path.join(shippedSuitesDir(), 'pods');
export const schemasDir = () => path.join(packageRoot(), 'schemas');

function yamlNames(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -'.yaml'.length))
      .sort();
  } catch {
    return [];
  }
}

/** Names usable as `inplace-e2e run <name>`: suites/<name>.yaml. */
export const shippedSuiteNames = () => yamlNames(shippedSuitesDir());
/** Names usable as `pod: {builtin: <name>}`: suites/pods/<name>.yaml. */
export const shippedPodNames = () => yamlNames(shippedPodsDir());

export const shippedSuiteFile = (name: string) => path.join(shippedSuitesDir(), `${name}.yaml`);
export const shippedPodFile = (name: string) => path.join(shippedPodsDir(), `${name}.yaml`);
