// Facts about the machine whose kernel runs the kind nodes, as far as rendering a kind config needs them:
// the cgroup version (Kubernetes 1.35+ kubelets refuse cgroup v1 unless told otherwise) and whether
// CAP_SYS_RESOURCE is in the capability bounding set (without it no process can lower oom_score_adj, and
// runc aborts every pod sandbox containerd asks -998 for).
//
// Parsing is pure and tested on captured samples; detectHost() only reads files. It describes the local
// kernel: right for a Linux host running dockerd itself, not for Docker Desktop or a remote DOCKER_HOST,
// where the engine's kernel is elsewhere (then the facts come back 'unknown' on non-Linux, or describe the
// wrong machine; `docker info` reports the engine's CgroupVersion for such setups).
import { readFile } from 'node:fs/promises';

export type CgroupVersion = 1 | 2 | 'unknown';
export type CapabilityPresence = 'present' | 'absent' | 'unknown';

export interface HostFacts {
  /** 2 only when /sys/fs/cgroup itself is cgroup2 (the unified hierarchy); a hybrid host is 1. */
  cgroupVersion: CgroupVersion;
  /** CAP_SYS_RESOURCE in the capability bounding set (CapBnd bit 24). */
  capSysResource: CapabilityPresence;
  /** Docker/OCI architecture name: amd64, arm64, ... */
  arch: string;
  /** Where each fact came from, for plan output and bug reports. */
  evidence: string[];
}

/** Linux capability number of CAP_SYS_RESOURCE (include/uapi/linux/capability.h). */
export const CAP_SYS_RESOURCE = 24;

/**
 * cgroup version from /proc/self/mountinfo text. The kubelet and runc decide "unified" by the filesystem
 * type at /sys/fs/cgroup (statfs magic CGROUP2_SUPER_MAGIC), so this looks at that mount point only: a
 * hybrid host (v1 controllers plus cgroup2 at /sys/fs/cgroup/unified, like the CI host) counts as v1.
 */
export function parseCgroupVersion(mountinfo: string): CgroupVersion {
  let root: string | undefined;
  let anyV1 = false;
  for (const line of mountinfo.split('\n')) {
    // Fields: id parent major:minor root mountpoint options [optional...] - fstype source superoptions
    const sep = line.indexOf(' - ');
    if (sep < 0) continue;
    const left = line.slice(0, sep).split(' ');
    const fstype = line.slice(sep + 3).split(' ')[0];
    const mountPoint = left[4];
    if (mountPoint === undefined || fstype === undefined) continue;
    if (mountPoint === '/sys/fs/cgroup') root = fstype; // a later mount over the same point wins
    if (fstype === 'cgroup') anyV1 = true;
  }
  if (root === 'cgroup2') return 2;
  return anyV1 ? 1 : 'unknown';
}

/** The CapBnd mask from /proc/<pid>/status text, or undefined when absent. */
export function parseCapabilityBoundingSet(status: string): bigint | undefined {
  const m = /^CapBnd:\s*([0-9a-fA-F]+)\s*$/m.exec(status);
  return m ? BigInt(`0x${m[1]}`) : undefined;
}

export function hasCapability(mask: bigint, capability: number): boolean {
  return ((mask >> BigInt(capability)) & 1n) === 1n;
}

/** Node's process.arch to the Docker/OCI name used by image platforms. */
export function dockerArch(nodeArch: string): string {
  const names: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' };
  return names[nodeArch] ?? nodeArch;
}

/** Raw inputs of detectHost(), so the combination logic is testable without a kernel. */
export interface HostSamples {
  platform: string;
  nodeArch: string;
  mountinfo?: string;
  /** Present when /sys/fs/cgroup/cgroup.controllers exists (the cgroup2 root's marker file). */
  cgroupControllers?: string;
  procStatus?: string;
}

export function hostFactsFromSamples(s: HostSamples): HostFacts {
  const evidence: string[] = [];
  let cgroupVersion: CgroupVersion = 'unknown';
  if (s.platform !== 'linux') {
    evidence.push(`platform ${s.platform}: the Docker engine runs in a VM; cgroup version and capabilities unknown`);
  } else if (s.mountinfo !== undefined) {
    cgroupVersion = parseCgroupVersion(s.mountinfo);
    evidence.push(
      `cgroup v${cgroupVersion === 'unknown' ? '?' : cgroupVersion}: /proc/self/mountinfo (fstype at /sys/fs/cgroup)`,
    );
  }
  if (cgroupVersion === 'unknown' && s.cgroupControllers !== undefined) {
    cgroupVersion = 2;
    evidence.push('cgroup v2: /sys/fs/cgroup/cgroup.controllers exists');
  }

  let capSysResource: CapabilityPresence = 'unknown';
  const mask = s.procStatus === undefined ? undefined : parseCapabilityBoundingSet(s.procStatus);
  if (s.platform === 'linux' && mask !== undefined) {
    capSysResource = hasCapability(mask, CAP_SYS_RESOURCE) ? 'present' : 'absent';
    evidence.push(
      `CAP_SYS_RESOURCE ${capSysResource}: /proc/self/status CapBnd ${mask.toString(16)} (bit ${CAP_SYS_RESOURCE})`,
    );
  }

  const arch = dockerArch(s.nodeArch);
  evidence.push(`arch ${arch}: process.arch ${s.nodeArch}`);
  return { cgroupVersion, capSysResource, arch, evidence };
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Reads the local kernel's facts. Never throws: what cannot be read is 'unknown'. */
export async function detectHost(): Promise<HostFacts> {
  const linux = process.platform === 'linux';
  const [mountinfo, cgroupControllers, procStatus] = linux
    ? await Promise.all([
        readOptional('/proc/self/mountinfo'),
        readOptional('/sys/fs/cgroup/cgroup.controllers'),
        readOptional('/proc/self/status'),
      ])
    : [undefined, undefined, undefined];
  const samples: HostSamples = { platform: process.platform, nodeArch: process.arch };
  if (mountinfo !== undefined) samples.mountinfo = mountinfo;
  if (cgroupControllers !== undefined) samples.cgroupControllers = cgroupControllers;
  if (procStatus !== undefined) samples.procStatus = procStatus;
  return hostFactsFromSamples(samples);
}
