// Stages that make images with no registry: the Debian rootfs, the control-plane images
// (tagged exactly as kubeadm asks), the busybox scenario image, and the node image itself.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { requirePlan, runLogged, runScript, type BuildContext } from '../context.js';
import { cacheLayout, nodeImageDir, scriptPath } from '../paths.js';
import { containerdRootfsKey, keyHash, rootfsKey, type ComponentImage } from '../plan.js';
import type { Stage } from '../stage.js';
import { cniBinDir, kubernetesBinDir, pauseBinary } from './go-binaries.js';

const PATH_ENV = 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function rootfsTarball(ctx: BuildContext): string {
  return cacheLayout.rootfs(ctx.cacheDir, rootfsKey(ctx.pins.debian));
}

/**
 * The rootfs the node is assembled from: Debian's, or (Kubernetes minors that need containerd
 * 2.x, stages/containerd.ts) Debian's with the built containerd in place of its own.
 */
export function nodeRootfsTarball(ctx: BuildContext): string {
  return cacheLayout.rootfs(ctx.cacheDir, nodeRootfsKey(ctx));
}

function nodeRootfsKey(ctx: BuildContext): string {
  if (!ctx.containerd) return rootfsKey(ctx.pins.debian);
  return containerdRootfsKey(ctx.pins.debian, ctx.containerd, fileHash(scriptPath('rootfs-containerd.sh')));
}

export function rootfsStage(ctx: BuildContext): Stage<BuildContext> {
  const d = ctx.pins.debian;
  return {
    name: 'rootfs',
    cacheKey: () => ({
      key: `debootstrap ${d.suite}, ${d.packages.length} packages`,
      outputs: [{ file: rootfsTarball(ctx) }],
    }),
    run: async (c) => {
      await runScript(c, 'build-rootfs.sh', [d.suite, rootfsTarball(ctx), ...d.packages]);
    },
  };
}

/** Files each component image is made of (all built earlier into the cache). */
export interface ComponentFiles {
  kubeBin: string;
  etcd: string;
  coredns: string;
  pause: string;
  caBundle: string;
  kubeProxyTree: string;
}

/** import-image.sh arguments for one component image. Pure. */
export function componentImageArgs(img: ComponentImage, f: ComponentFiles, saveTo: string): string[] {
  const tags = img.extraTags.flatMap((t) => ['--tag', t]);
  const common = [...tags, '--save', saveTo, '--change', PATH_ENV];
  switch (img.component) {
    case 'kube-apiserver':
    case 'kube-controller-manager':
    case 'kube-scheduler':
      // kubeadm's static pods name the binary as their command: it must be on PATH.
      return [img.ref, ...common, '--file', `${f.kubeBin}/${img.component}:/usr/local/bin/${img.component}`];
    case 'kube-proxy':
      return [img.ref, ...common, '--dir', `${f.kubeProxyTree}:/`];
    case 'etcd':
      return [img.ref, ...common, '--file', `${f.etcd}:/usr/local/bin/etcd`, '--mkdir', '/var/lib/etcd:0700'];
    case 'coredns':
      // kubeadm's Deployment passes only args (-conf ...), so the image needs the entrypoint.
      return [
        img.ref,
        ...common,
        '--file',
        `${f.coredns}:/coredns`,
        '--file',
        `${f.caBundle}:/etc/ssl/certs/ca-certificates.crt:0644`,
        '--change',
        'ENTRYPOINT ["/coredns"]',
      ];
    case 'pause':
      // containerd starts sandboxes with the image's entrypoint.
      return [
        img.ref,
        ...common,
        '--file',
        `${f.pause}:/pause`,
        '--change',
        'ENTRYPOINT ["/pause"]',
        '--change',
        'USER 65535:65535',
      ];
  }
}

function imagesKey(ctx: BuildContext): string {
  const p = requirePlan(ctx);
  return keyHash(
    ctx.kubernetes.version,
    ctx.stagingVersion,
    p.etcdVersion,
    p.corednsVersion,
    p.pauseVersion,
    p.images.flatMap((i) => [i.ref, ...i.extraTags]),
    rootfsKey(ctx.pins.debian),
    fileHash(scriptPath('import-image.sh')),
    fileHash(scriptPath('kube-proxy-tree.sh')),
    // v2: bump when the image layout in componentImageArgs changes
    'v1',
  );
}

export function imagesDir(ctx: BuildContext): string {
  return cacheLayout.images(ctx.cacheDir, `control-plane-${ctx.kubernetes.version}-${imagesKey(ctx)}`);
}

export function controlPlaneImagesStage(ctx: BuildContext): Stage<BuildContext> {
  return {
    name: 'control-plane-images',
    cacheKey: () => ({
      key: requirePlan(ctx)
        .images.map((i) => i.ref.slice(i.ref.lastIndexOf('/') + 1))
        .join(' '),
      outputs: requirePlan(ctx).images.map((i) => ({ file: join(imagesDir(ctx), `${i.component}.tar`) })),
    }),
    run: async (c) => {
      const p = requirePlan(ctx);
      const work = cacheLayout.build(ctx.cacheDir, `images-${ctx.kubernetes.version}`);
      const kubeBin = kubernetesBinDir(ctx);
      const files: ComponentFiles = {
        kubeBin,
        etcd: join(cacheLayout.bin(ctx.cacheDir, `etcd-${p.etcdVersion}`), 'etcd'),
        coredns: join(cacheLayout.bin(ctx.cacheDir, `coredns-${p.corednsVersion}`), 'coredns'),
        pause: pauseBinary(ctx),
        caBundle: join(work, 'ca-certificates.crt'),
        kubeProxyTree: join(work, 'kube-proxy-tree'),
      };
      await runLogged(c, 'mkdir', ['-p', work]);
      await runLogged(c, 'bash', [
        '-c',
        'set -euo pipefail; tar -xOf "$1" ./etc/ssl/certs/ca-certificates.crt > "$2"',
        'extract-ca',
        rootfsTarball(ctx),
        files.caBundle,
      ]);
      await runScript(c, 'kube-proxy-tree.sh', [rootfsTarball(ctx), join(kubeBin, 'kube-proxy'), files.kubeProxyTree]);
      for (const img of p.images) {
        await runScript(
          c,
          'import-image.sh',
          componentImageArgs(img, files, join(imagesDir(ctx), `${img.component}.tar`)),
        );
      }
      // Tarballs of earlier recipes for this version are dead weight (hundreds of MB each).
      const parent = dirname(imagesDir(ctx));
      const prefix = `control-plane-${ctx.kubernetes.version}-`;
      for (const name of readdirSync(parent)) {
        if (name.startsWith(prefix) && join(parent, name) !== imagesDir(ctx))
          await rm(join(parent, name), { recursive: true, force: true });
      }
    },
  };
}

function busyboxKey(ctx: BuildContext): string {
  return keyHash(
    ctx.pins.busybox.image,
    fileHash(scriptPath('build-busybox-image.sh')),
    fileHash(scriptPath('import-image.sh')),
  );
}

export function busyboxStage(ctx: BuildContext): Stage<BuildContext> {
  const ref = ctx.pins.busybox.image;
  return {
    name: 'busybox',
    cacheKey: () => ({
      key: `${ref} from Debian ${ctx.pins.busybox.debianPackage}`,
      outputs: [{ image: ref, cacheKey: busyboxKey(ctx) }],
    }),
    run: async (c) => {
      await runScript(c, 'build-busybox-image.sh', [ref, cacheLayout.build(ctx.cacheDir, 'busybox'), busyboxKey(ctx)]);
    },
  };
}

/** Everything the node image is made of, hashed: any change rebuilds it. */
export function nodeKey(ctx: BuildContext): string {
  return keyHash(
    ctx.imageRef,
    ctx.kubernetes.version,
    ctx.stagingVersion,
    ctx.kind,
    ctx.pins.crictl.version,
    ctx.pins.cniPlugins.version,
    [...ctx.pins.cniPlugins.plugins].sort(),
    rootfsKey(ctx.pins.debian),
    imagesKey(ctx),
    fileHash(scriptPath('assemble-node.sh')),
    treeHash(join(nodeImageDir(), 'files')),
    // Only for minors with a built containerd, so older minors keep their keys.
    ctx.containerd ? [`containerd ${ctx.containerd.module} ${ctx.containerd.version}`, nodeRootfsKey(ctx)] : [],
  );
}

export function nodeStage(ctx: BuildContext): Stage<BuildContext> {
  return {
    name: 'node-image',
    cacheKey: () => ({ key: ctx.imageRef, outputs: [{ image: ctx.imageRef, cacheKey: nodeKey(ctx) }] }),
    run: async (c) => {
      if (!ctx.kindModuleDir) throw new Error('internal: kind module directory not resolved');
      await runScript(c, 'assemble-node.sh', [
        ctx.imageRef,
        '--rootfs',
        nodeRootfsTarball(ctx),
        '--kind-dir',
        ctx.kindModuleDir,
        '--kube-bin',
        kubernetesBinDir(ctx),
        '--crictl',
        join(cacheLayout.bin(ctx.cacheDir, `crictl-${ctx.pins.crictl.version}`), 'crictl'),
        '--cni-bin',
        cniBinDir(ctx),
        '--images',
        imagesDir(ctx),
        '--version',
        ctx.kubernetes.version,
        '--files',
        join(nodeImageDir(), 'files'),
        '--work',
        cacheLayout.build(ctx.cacheDir, `node-${ctx.kubernetes.version}`),
        '--cache-key',
        nodeKey(ctx),
      ]);
    },
  };
}

function fileHash(path: string): string {
  return keyHash(readFileSync(path, 'utf8'));
}

/** Hash of every file's relative path, mode and content under dir. */
function treeHash(dir: string): string {
  const parts: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else parts.push(relative(dir, p), st.mode & 0o111 ? 'x' : '-', readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return keyHash(parts);
}
