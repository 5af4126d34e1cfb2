// containerd from its Go module for Kubernetes minors whose kubelet needs containerd 2.x (1.36+:
// the CRI RuntimeConfig call), and the Debian rootfs with it in place of Debian's 1.6. Older
// minors do not run these stages and keep Debian's containerd (and their cache keys).

import { join } from 'node:path';
import { runScript, type BuildContext } from '../context.js';
import { cacheLayout } from '../paths.js';
import { containerdLdflags, type ContainerdPin } from '../plan.js';
import type { Stage } from '../stage.js';
import { goModuleStage } from './go-binaries.js';
import { nodeRootfsTarball, rootfsTarball } from './images.js';

function pinOf(ctx: BuildContext): ContainerdPin {
  if (!ctx.containerd)
    throw new Error('internal: containerd stage used for a Kubernetes version that keeps Debian containerd');
  return ctx.containerd;
}

/** bin/containerd-<v>/: where the built commands live. */
export function containerdBinDir(ctx: BuildContext): string {
  return cacheLayout.bin(ctx.cacheDir, `containerd-${pinOf(ctx).version}`);
}

/** cmd/containerd, cmd/ctr, cmd/containerd-shim-runc-v2, static, version-stamped (build-gomod.sh). */
export function containerdStage(ctx: BuildContext): Stage<BuildContext> {
  const c = pinOf(ctx);
  return goModuleStage(
    ctx,
    'containerd',
    () => ({ path: c.module, version: c.version }),
    () => c.commands.map((cmd) => ({ pkg: `${c.module}/cmd/${cmd}`, out: cmd })),
    () => containerdLdflags(c),
  );
}

/** rootfs/<debian key>-containerd-<v>-<hash>.tar: Debian's rootfs with containerd replaced (rootfs-containerd.sh). */
export function containerdRootfsStage(ctx: BuildContext): Stage<BuildContext> {
  const c = pinOf(ctx);
  return {
    name: 'containerd-rootfs',
    cacheKey: () => ({
      key: `debian ${ctx.pins.debian.suite} + containerd ${c.version}`,
      outputs: [{ file: nodeRootfsTarball(ctx) }],
    }),
    run: async (r) => {
      await runScript(r, 'rootfs-containerd.sh', [
        rootfsTarball(ctx),
        nodeRootfsTarball(ctx),
        c.version,
        ...c.commands.map((cmd) => join(containerdBinDir(ctx), cmd)),
      ]);
    },
  };
}
