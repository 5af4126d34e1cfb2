// What every stage of one node-image build shares, and how stages run programs: through the host's
// command runner (lib/host/command.ts), their output told line by line.

import { runHostCommand } from '../host/command.js';
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
  return runLogged(ctx, 'bash', [scriptPath(script), ...args], env, script);
}

/**
 * Runs a program with each line of its output told to the stage's log, and fails with its last lines
 * when it exits non-zero. Resolves with its standard output.
 */
export async function runLogged(
  ctx: StageContext,
  command: string,
  args: string[],
  env: Record<string, string> = {},
  label: string = command,
): Promise<string> {
  const tail: string[] = [];
  const run = ctx.run ?? runHostCommand;
  const r = await run(command, args, {
    env,
    onLine: (line) => {
      ctx.log(`    ${line}`);
      tail.push(line);
      if (tail.length > 25) tail.shift();
    },
  });
  if (r.exitCode !== 0) {
    throw new Error(`${label} exited with ${r.signal ?? r.exitCode}; last output:\n${tail.join('\n')}`);
  }
  return r.stdout;
}
