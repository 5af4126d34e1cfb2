// Which kind clusters are the harness's to delete.
//
// kind has no flag to put our own docker label on node containers (it sets only
// io.x-k8s.kind.cluster / io.x-k8s.kind.role), and `kind create` with a config cannot add one. So
// a cluster is "harness-owned" when BOTH hold:
//   1. its name has the harness prefix (inplace-e2e-<profile>-<random>), and
//   2. an ownership record <cacheDir>/clusters/<name>/owner.json exists, written BEFORE
//      `kind create` starts (so a crash mid-create is still cleaned up).
// Either mark alone is not enough: a prefix alone could be a cluster a person named that way by
// hand (or made with another cache dir), a record alone may be stale (the cluster was deleted by
// hand, or re-created by someone else under the same name). `cleanup` deletes only clusters with
// both, removes records whose cluster no longer exists, and only reports prefix-only clusters.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { clusterDir, clustersDir, ownershipFile } from './paths.js';

export interface OwnershipRecord {
  cluster: string;
  createdAt: string;
  profile?: string;
  image?: string;
  configFile?: string;
  host: string;
  pid: number;
  /** 'creating' until kind create finished, then 'ready'. */
  state: 'creating' | 'ready';
  /** The user asked to keep it (--keep). */
  kept?: boolean;
}

export async function writeOwnership(
  record: Omit<OwnershipRecord, 'host' | 'pid' | 'createdAt'> & Partial<OwnershipRecord>,
  cache?: string,
): Promise<OwnershipRecord> {
  const full: OwnershipRecord = {
    createdAt: new Date().toISOString(),
    host: os.hostname(),
    pid: process.pid,
    ...record,
  };
  await mkdir(clusterDir(full.cluster, cache), { recursive: true, mode: 0o700 });
  await writeFile(ownershipFile(full.cluster, cache), `${JSON.stringify(full, null, 2)}\n`, { mode: 0o600 });
  return full;
}

export async function readOwnership(cluster: string, cache?: string): Promise<OwnershipRecord | undefined> {
  try {
    const parsed = JSON.parse(await readFile(ownershipFile(cluster, cache), 'utf8')) as OwnershipRecord;
    return parsed.cluster === cluster ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Names that have a cluster directory with an ownership record. */
export async function listOwnershipRecords(cache?: string): Promise<OwnershipRecord[]> {
  let names: string[];
  try {
    names = await readdir(clustersDir(cache));
  } catch {
    return [];
  }
  const out: OwnershipRecord[] = [];
  for (const n of names.sort()) {
    const r = await readOwnership(n, cache);
    if (r) out.push(r);
  }
  return out;
}

export async function removeClusterDir(cluster: string, cache?: string): Promise<void> {
  await rm(clusterDir(cluster, cache), { recursive: true, force: true });
}

export interface OwnershipClassification {
  /** Existing clusters with the prefix and a record: the harness may delete them. */
  owned: string[];
  /** Existing clusters with the prefix but no record: reported, never deleted. */
  prefixOnly: string[];
  /** Records whose cluster does not exist any more: safe to remove. */
  staleRecords: string[];
  /** Records of a harness process that is still running (creating or using it): left alone. */
  busy: string[];
}

/** Pure: sorts clusters into owned / prefix-only / stale / busy. */
export function classifyClusters(
  existing: string[],
  records: OwnershipRecord[],
  hasPrefix: (name: string) => boolean,
  isBusy: (record: OwnershipRecord) => boolean,
): OwnershipClassification {
  const byName = new Map(records.map((r) => [r.cluster, r]));
  const exists = new Set(existing);
  const busy = records.filter(isBusy).map((r) => r.cluster);
  const busySet = new Set(busy);
  return {
    owned: existing.filter((n) => hasPrefix(n) && byName.has(n) && !busySet.has(n)),
    prefixOnly: existing.filter((n) => hasPrefix(n) && !byName.has(n)),
    staleRecords: records.map((r) => r.cluster).filter((n) => !exists.has(n) && !busySet.has(n)),
    busy,
  };
}

/** A record made by a harness process on this host that is still alive (another run in progress). */
export function recordIsBusy(record: OwnershipRecord, self = process.pid): boolean {
  if (record.host !== os.hostname() || record.pid === self) return false;
  try {
    process.kill(record.pid, 0);
    return true;
  } catch {
    return false;
  }
}
