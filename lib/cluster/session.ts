// A run's cluster, start to end: the tools checked, the cluster created, reused or attached, its nodes
// Ready, each step with a status line; and `cleanup`, which removes every harness-owned cluster.
import { EnvironmentError, errorText } from '../errors.js';
import { KubeClient } from '../kube/client.js';
import type { HostCommand } from '../host/command.js';
import { ExistingClusterProvider } from './existing-provider.js';
import { KindProvider } from './kind-provider.js';
import { hasHarnessPrefix, newClusterName } from './names.js';
import {
  classifyClusters,
  listOwnershipRecords,
  readOwnership,
  recordIsBusy,
  removeClusterDir,
  writeOwnership,
  type OwnershipClassification,
} from './ownership.js';
import { clusterDir } from './paths.js';
import type { ClusterProvider } from './provider.js';
import { waitForNodesReady, type NodeReadiness } from './ready.js';
import type { CleanupRegistry } from './reaper.js';
import { checkDocker, checkKind, checkKubectl, type ToolReport } from './tools.js';

export type ClusterMode =
  | { create: { profile: string; configFile: string; image?: string; name?: string; retainOnFailure?: boolean } }
  | { reuse: string }
  | { existing: { kubeconfig: string; context?: string } };

export interface AcquireOptions {
  mode: ClusterMode;
  /** Keep a created cluster at the end (it is still listed with how to delete it). */
  keep?: boolean;
  registry: CleanupRegistry;
  log?: (line: string) => void;
  /** Deadline for nodes to be Ready (default 300 s). */
  readyDeadlineSeconds?: number;
  cache?: string;
  run?: HostCommand;
  /** Allow node actions (kubelet restart, stop, start) on an existing cluster the harness did not create. */
  allowNodeActions?: boolean;
  minKindVersion?: string;
}

export interface ClusterSession {
  name: string;
  provider: ClusterProvider;
  /** Private kubeconfig (harness clusters) or the file the user gave (--existing-cluster). */
  kubeconfig: string;
  client: KubeClient;
  /** The harness created this cluster in this run. */
  created: boolean;
  tools: ToolReport[];
  nodes: NodeReadiness[];
  /** Ends the session: deletes a cluster created in this run unless kept; otherwise only says what stays. Idempotent. */
  release(): Promise<void>;
}

export async function acquireCluster(o: AcquireOptions): Promise<ClusterSession> {
  const log = o.log ?? (() => undefined);
  const readyDeadline = o.readyDeadlineSeconds ?? 300;

  if ('existing' in o.mode) {
    const { kubeconfig, context } = o.mode.existing;
    const provider = new ExistingClusterProvider(kubeconfig, {
      ...(context ? { context } : {}),
      ...(o.allowNodeActions ? { allowNodeActions: true } : {}),
      ...(o.cache ? { cache: o.cache } : {}),
    });
    const client = await KubeClient.fromFile(kubeconfig, context);
    const name = (await provider.list())[0] ?? 'existing';
    log(
      `cluster: using existing cluster ${name} from ${kubeconfig}${context ? ` (context ${context})` : ''} (never deleted by the harness)`,
    );
    await reachable(client, name);
    const nodes = await waitForNodesReady(client, {
      deadlineSeconds: readyDeadline,
      onChange: (s) => log(`cluster: ${s}`),
    });
    return { name, provider, kubeconfig, client, created: false, tools: [], nodes, release: async () => undefined };
  }

  log('cluster: checking tools');
  const tools = [await checkDocker(o.run), await checkKind(o.run, o.minKindVersion), await checkKubectl(o.run)];
  for (const t of tools) log(`cluster:   ${t.tool} ${t.found ? (t.version ?? '') : ''}${t.note ? ` (${t.note})` : ''}`);
  const provider = new KindProvider({ ...(o.run ? { run: o.run } : {}), ...(o.cache ? { cache: o.cache } : {}) });

  if ('reuse' in o.mode) {
    const name = o.mode.reuse;
    const record = await readOwnership(name, o.cache);
    if (!hasHarnessPrefix(name) || !record) {
      throw new EnvironmentError(
        `refusing to reuse cluster "${name}": only clusters the harness created can be reused (inplace-e2e-* with an ownership record in ${clusterDir(name, o.cache)})`,
        'to run against another cluster, pass its kubeconfig explicitly with --existing-cluster',
      );
    }
    if (!(await provider.list()).includes(name)) {
      throw new EnvironmentError(
        `cannot reuse cluster ${name}: kind does not know it any more`,
        'run without --reuse to create a fresh one; `inplace-e2e cleanup` removes the stale record',
      );
    }
    await writeOwnership({ ...record, pid: process.pid }, o.cache);
    const kubeconfig = await provider.kubeconfig(name);
    const client = await KubeClient.fromFile(kubeconfig);
    log(`cluster: reusing ${name} (kubeconfig ${kubeconfig})`);
    await reachable(client, name);
    const nodes = await waitForNodesReady(client, {
      expected: (await provider.nodes(name)).length,
      deadlineSeconds: readyDeadline,
      onChange: (s) => log(`cluster: ${s}`),
    });
    const release = async (): Promise<void> =>
      log(
        `cluster: ${name} stays (reused); delete it with: kind delete cluster --name ${name}  (or inplace-e2e cleanup)`,
      );
    return { name, provider, kubeconfig, client, created: false, tools, nodes, release };
  }

  const spec = o.mode.create;
  const name = spec.name ?? newClusterName(spec.profile);
  const manual = `kind delete cluster --name ${name}   (or: inplace-e2e cleanup)`;
  const remove = async (): Promise<void> => {
    if (!(await provider.list()).includes(name)) {
      await removeClusterDir(name, o.cache);
      return;
    }
    await provider.delete(name);
  };
  // Registered before kind starts: Ctrl-C during creation still removes what kind made.
  const unregister = o.keep
    ? o.registry.keep(`kind cluster ${name}`, manual)
    : o.registry.register(`kind cluster ${name}`, remove, { manual });
  log(`cluster: creating ${name} (profile ${spec.profile}${spec.image ? `, image ${spec.image}` : ''})`);
  const started = Date.now();
  const kubeconfig = await provider.create({
    name,
    configFile: spec.configFile,
    profile: spec.profile,
    ...(spec.image ? { image: spec.image } : {}),
    ...(spec.retainOnFailure ? { retainOnFailure: true } : {}),
    log: (l) => log(`kind: ${l}`),
  });
  if (o.keep) {
    const record = await readOwnership(name, o.cache);
    if (record) await writeOwnership({ ...record, kept: true }, o.cache);
  }
  log(`cluster: created ${name} in ${Math.round((Date.now() - started) / 1000)}s (kubeconfig ${kubeconfig})`);
  const client = await KubeClient.fromFile(kubeconfig);
  const nodes = await waitForNodesReady(client, {
    expected: (await provider.nodes(name)).length,
    deadlineSeconds: readyDeadline,
    onChange: (s) => log(`cluster: ${s}`),
  });
  log(`cluster: ${nodes.length} node(s) Ready`);
  let released = false;
  const release = async (): Promise<void> => {
    if (released) return;
    released = true;
    unregister();
    if (o.keep) {
      log(`cluster: kept ${name} (--keep); delete it with: ${manual}`);
      return;
    }
    log(`cluster: deleting ${name}`);
    await remove();
  };
  return { name, provider, kubeconfig, client, created: true, tools, nodes, release };
}

async function reachable(client: KubeClient, name: string): Promise<void> {
  try {
    await client.serverVersion();
  } catch (e) {
    throw new EnvironmentError(`the API server of cluster ${name} (${client.server}) does not answer: ${errorText(e)}`);
  }
}

export interface CleanupReport extends OwnershipClassification {
  deleted: string[];
  failed: Array<{ name: string; error: string }>;
  /** Names asked for (cleanup NAME...) that are no cluster or record of this harness: nothing done. */
  unknown: string[];
}

/** Harness clusters as they stand: owned (deletable), prefix-only, stale records, busy. */
export async function listHarnessClusters(
  opts: { cache?: string; run?: HostCommand } = {},
): Promise<OwnershipClassification> {
  const provider = new KindProvider({
    ...(opts.run ? { run: opts.run } : {}),
    ...(opts.cache ? { cache: opts.cache } : {}),
  });
  const existing = await provider.list();
  const records = await listOwnershipRecords(opts.cache);
  return classifyClusters(existing, records, hasHarnessPrefix, (r) => recordIsBusy(r));
}

/**
 * `inplace-e2e cleanup [NAME...]`: deletes every harness-owned cluster (prefix AND ownership record), or
 * only the named ones, that no running harness process is using, removes stale records, and reports
 * prefix-only clusters without touching them.
 */
export async function cleanupHarnessClusters(
  opts: {
    cache?: string;
    run?: HostCommand;
    log?: (line: string) => void;
    dryRun?: boolean;
    /** Only these clusters (and their records); the same rules apply to each. */
    names?: readonly string[];
  } = {},
): Promise<CleanupReport> {
  const log = opts.log ?? (() => undefined);
  const provider = new KindProvider({
    ...(opts.run ? { run: opts.run } : {}),
    ...(opts.cache ? { cache: opts.cache } : {}),
  });
  const all = await listHarnessClusters(opts);
  const named = opts.names ? new Set(opts.names) : undefined;
  const pick = (list: string[]) => (named ? list.filter((n) => named.has(n)) : list);
  const c: OwnershipClassification = {
    owned: pick(all.owned),
    prefixOnly: pick(all.prefixOnly),
    staleRecords: pick(all.staleRecords),
    busy: pick(all.busy),
  };
  const known = new Set([...c.owned, ...c.prefixOnly, ...c.staleRecords, ...c.busy]);
  const report: CleanupReport = {
    ...c,
    deleted: [],
    failed: [],
    unknown: (opts.names ?? []).filter((n) => !known.has(n)),
  };
  for (const name of c.owned) {
    if (opts.dryRun) {
      log(`would delete ${name}`);
      continue;
    }
    log(`deleting ${name}`);
    try {
      await provider.delete(name);
      report.deleted.push(name);
    } catch (e) {
      report.failed.push({ name, error: errorText(e) });
    }
  }
  for (const name of c.staleRecords) {
    if (opts.dryRun) log(`would remove stale record ${clusterDir(name, opts.cache)}`);
    else await removeClusterDir(name, opts.cache);
  }
  for (const name of c.busy) log(`left alone: ${name} (a running harness process uses it)`);
  for (const name of c.prefixOnly) {
    log(
      `not deleting ${name}: its name looks like a harness cluster but there is no ownership record in ${clusterDir(name, opts.cache)}; if it is yours: kind delete cluster --name ${name}`,
    );
  }
  return report;
}
