// Stages that build static binaries from Go modules into the cache (bin/NAME-VERSION/...).

import { join } from 'node:path';
import { requirePlan, runLogged, runScript, type BuildContext } from '../context.js';
import { cacheLayout } from '../paths.js';
import type { Stage } from '../stage.js';

export const KUBERNETES_COMMANDS = [
  'kubeadm',
  'kubelet',
  'kubectl',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kube-proxy',
] as const;

export function kubernetesBinDir(ctx: BuildContext): string {
  return cacheLayout.bin(ctx.cacheDir, `kubernetes-${ctx.kubernetes.version}`);
}

/** kind's CLI into the cache; needs only where the cache is and which kind (setup builds it alone). */
export function kindStage(ctx: Pick<BuildContext, 'cacheDir' | 'kind'>): Stage {
  const dir = cacheLayout.bin(ctx.cacheDir, `kind-${ctx.kind}`);
  return {
    name: 'kind',
    cacheKey: () => ({ key: `sigs.k8s.io/kind ${ctx.kind}`, outputs: [{ file: join(dir, 'kind') }] }),
    run: async (c) => {
      await runScript(c, 'build-kind.sh', [ctx.kind, dir]);
    },
  };
}

export function kubernetesStage(ctx: BuildContext): Stage<BuildContext> {
  const v = ctx.kubernetes.version;
  const dir = kubernetesBinDir(ctx);
  return {
    name: 'kubernetes',
    cacheKey: () => ({
      key: `k8s.io/kubernetes ${v}, staging ${ctx.stagingVersion}`,
      outputs: KUBERNETES_COMMANDS.map((c) => ({ file: join(dir, c) })),
    }),
    run: async (c) => {
      await runScript(c, 'build-kubernetes.sh', [v, dir, cacheLayout.build(ctx.cacheDir, `k8s-${v}`)], {
        KUBERNETES_STAGING_VERSION: ctx.stagingVersion,
      });
      // kubeadm and node status depend on the stamped version: check it, do not trust it.
      const out = await runLogged(c, join(dir, 'kubelet'), ['--version']);
      if (!out.includes(v)) throw new Error(`kubelet --version printed "${out.trim()}", expected ${v}`);
    },
  };
}

/** One Go module, one or more main packages, static (build-gomod.sh). */
export function goModuleStage(
  ctx: BuildContext,
  name: string,
  module: () => { path: string; version: string },
  packages: () => Array<{ pkg: string; out: string }>,
  ldflags: (version: string) => string = () => '',
): Stage<BuildContext> {
  const dir = () => cacheLayout.bin(ctx.cacheDir, `${name}-${module().version}`);
  return {
    name,
    cacheKey: () => ({
      key: `${module().path} ${module().version}`,
      outputs: packages().map((p) => ({ file: join(dir(), p.out) })),
    }),
    run: async (c) => {
      const { path, version } = module();
      await runScript(c, 'build-gomod.sh', [
        path,
        version,
        dir(),
        cacheLayout.build(ctx.cacheDir, `${name}-${version}`),
        ldflags(version),
        ...packages().map((p) => `${p.pkg}=${p.out}`),
      ]);
    },
  };
}

export function etcdStage(ctx: BuildContext): Stage<BuildContext> {
  return goModuleStage(
    ctx,
    'etcd',
    () => ({ path: ctx.pins.etcd.module, version: requirePlan(ctx).etcdVersion }),
    () => [{ pkg: ctx.pins.etcd.module, out: 'etcd' }],
  );
}

export function corednsStage(ctx: BuildContext): Stage<BuildContext> {
  return goModuleStage(
    ctx,
    'coredns',
    () => ({ path: ctx.pins.coredns.module, version: requirePlan(ctx).corednsVersion }),
    () => [{ pkg: ctx.pins.coredns.module, out: 'coredns' }],
  );
}

export function crictlStage(ctx: BuildContext): Stage<BuildContext> {
  const m = ctx.pins.crictl;
  return goModuleStage(
    ctx,
    'crictl',
    () => ({ path: m.module, version: m.version }),
    () => [{ pkg: `${m.module}/cmd/crictl`, out: 'crictl' }],
    (v) => `-X ${m.module}/pkg/version.Version=${v}`,
  );
}

/** Where each CNI plugin's main package lives in the plugins module. */
const CNI_PLUGIN_DIRS: Record<string, string> = {
  ptp: 'plugins/main/ptp',
  bridge: 'plugins/main/bridge',
  loopback: 'plugins/main/loopback',
  'host-local': 'plugins/ipam/host-local',
  portmap: 'plugins/meta/portmap',
};

export function cniPluginsStage(ctx: BuildContext): Stage<BuildContext> {
  const m = ctx.pins.cniPlugins;
  return goModuleStage(
    ctx,
    'cni-plugins',
    () => ({ path: m.module, version: m.version }),
    () =>
      m.plugins.map((p) => {
        const sub = CNI_PLUGIN_DIRS[p];
        if (!sub)
          throw new Error(
            `unknown CNI plugin "${p}" in versions.json (known: ${Object.keys(CNI_PLUGIN_DIRS).join(', ')})`,
          );
        return { pkg: `${m.module}/${sub}`, out: p };
      }),
    (v) => `-X ${m.module}/pkg/utils/buildversion.BuildVersion=${v}`,
  );
}

export function cniBinDir(ctx: BuildContext): string {
  return cacheLayout.bin(ctx.cacheDir, `cni-plugins-${ctx.pins.cniPlugins.version}`);
}

export function pauseBinary(ctx: BuildContext): string {
  return join(cacheLayout.bin(ctx.cacheDir, `pause-k8s-${ctx.kubernetes.version}`), 'pause');
}

/** pause from the C source in the k8s.io/kubernetes module (gcc -static). */
export function pauseStage(ctx: BuildContext): Stage<BuildContext> {
  const v = ctx.kubernetes.version;
  return {
    name: 'pause',
    cacheKey: () => ({
      key: `pause ${requirePlan(ctx).pauseVersion} from k8s.io/kubernetes ${v}`,
      outputs: [{ file: pauseBinary(ctx) }],
    }),
    run: async (c) => {
      await runScript(c, 'build-pause.sh', [
        v,
        requirePlan(ctx).pauseVersion,
        pauseBinary(ctx),
        cacheLayout.build(ctx.cacheDir, `pause-${v}`),
      ]);
    },
  };
}
