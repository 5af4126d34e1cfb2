// What every stage of one node-image build shares, and the one way stages run shell scripts.

import { createInterface } from 'node:readline';
import { execa } from 'execa';
import type { ContainerdPin, ImagePlan, KubernetesVersion, PinnedVersions } from './plan.js';
import { scriptPath } from './paths.js';
import type { StageContext } from './stage.js';

export interface BuildContext extends StageContext {
  cacheDir: string;
  pins: PinnedVersions;
  /** The k8s.io/kubernetes module version being built (a release or a pseudo-version). */
  kubernetes: KubernetesVersion;
  /** Version of the published staging modules (k8s.io/api, ...) used with it. */
  stagingVersion: string;
  /** The kind release for this Kubernetes minor (versions.json kind.versions): base-image files and CLI. */
  kind: string;
  /** containerd built from its module for this Kubernetes minor; undefined keeps Debian's. */
  containerd?: ContainerdPin;
  /** The node image to produce, e.g. inplace-e2e/node:v1.35.8. */
  imageRef: string;
  /** Filled after the Kubernetes binaries exist (from kubeadm's own image list). */
  plan?: ImagePlan;
  /** Root of the sigs.k8s.io/kind module in the Go module cache (its base-image files). */
  kindModuleDir?: string;
}

export function requirePlan(ctx: BuildContext): ImagePlan {
  if (!ctx.plan) throw new Error('internal: image plan used before the Kubernetes stage produced it');
  return ctx.plan;
}

/**
 * Runs one of lib/nodeimage/scripts with its output forwarded line by line to the log, and
 * fails with the script's last lines when it exits non-zero.
 */
export async function runScript(
  ctx: StageContext,
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<string> {
  return runCommand(ctx, 'bash', [scriptPath(script), ...args], env, script);
}

export async function runCommand(
  ctx: StageContext,
  command: string,
  args: string[],
  env: Record<string, string> = {},
  label: string = command,
): Promise<string> {
  const sub = execa(command, args, { all: true, reject: false, env, stdin: 'ignore' });
  const tail: string[] = [];
  if (sub.all) {
    const rl = createInterface({ input: sub.all });
    rl.on('line', (line) => {
      ctx.log(`    ${line}`);
      tail.push(line);
      if (tail.length > 25) tail.shift();
    });
  }
  const r = await sub;
  if (r.exitCode !== 0) {
    throw new Error(`${label} exited with ${r.exitCode ?? r.signal}; last output:\n${tail.join('\n')}`);
  }
  return String(r.stdout ?? '');
}
