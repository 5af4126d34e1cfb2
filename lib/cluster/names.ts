// Harness cluster names: inplace-e2e-<profile>-<random>. kind allows ^[a-z0-9.-]+$ and at most 50
// characters (it appends "-control-plane" to make a 64-character hostname).
import { randomBytes } from 'node:crypto';

export const HARNESS_PREFIX = 'inplace-e2e-';
export const KIND_NAME_MAX = 50;
const KIND_NAME = /^[a-z0-9.-]+$/;

/** Why `name` is not a valid kind cluster name, or undefined when it is. */
export function kindNameProblem(name: string): string | undefined {
  if (!KIND_NAME.test(name)) return `"${name}" is not a valid kind cluster name (allowed: ^[a-z0-9.-]+$)`;
  if (name.length > KIND_NAME_MAX)
    return `"${name}" is ${name.length} characters; kind allows at most ${KIND_NAME_MAX}`;
  return undefined;
}

/** True for names the harness generates (the first of the two ownership marks; see ownership.ts). */
export function hasHarnessPrefix(name: string): boolean {
  return name.startsWith(HARNESS_PREFIX);
}

/** A fresh cluster name for a profile: inplace-e2e-<profile>-<6 hex>, shortened to fit kind's limit. */
export function newClusterName(profile: string, random: () => string = () => randomBytes(3).toString('hex')): string {
  const suffix = `-${random()}`;
  const slug =
    profile
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '') || 'cluster';
  const room = KIND_NAME_MAX - HARNESS_PREFIX.length - suffix.length;
  return `${HARNESS_PREFIX}${slug.slice(0, room).replace(/-$/, '')}${suffix}`;
}
