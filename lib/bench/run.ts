// `inplace-e2e bench`: a cluster for the profile (created, reused, or the user's), its gates proven,
// the benchmark's own labelled namespace, restart latency per pod shape, fleet recovery per size and
// strategy, then the report (JSON, Markdown, HTML, SVG) and a console summary. Everything it created is
// removed at the end, on Ctrl-C and on crashes (the cleanup registry); a node it stopped is started again.
import type { ClusterTarget } from '../runner/options.js';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { newClusterName } from '../cluster/names.js';
import { CleanupRegistry } from '../cluster/reaper.js';
import type { ClusterSession } from '../cluster/session.js';
import { EnvironmentError } from '../errors.js';
import { RUN_LABEL } from '../kube/client.js';
import { nameOf } from '../kube/json.js';
import { toolVersion } from '../package.js';
import { loadProfile } from '../profiles/load.js';
import { acquireProfileCluster, preflightFailure, proveProfileGates } from '../runner/provision.js';
import { formatTable } from './console.js';
import type { BenchContext } from './context.js';
import { measureFleet } from './fleet-run.js';
import { measureLatency } from './latency-run.js';
import { nodePowerFor, schedulable } from './node-power.js';
import { BENCH_LABEL, POD_SHAPES } from './pods.js';
import { benchTables, kepTable } from './tables.js';
import type { BenchReport, FleetStrategy, LatencyResult } from './types.js';
import { writeBenchFiles } from './write.js';

export interface BenchOptions extends ClusterTarget {
  profile: string;
  reportDir: string;
  /** Latency pod shapes (names of POD_SHAPES); empty: no latency part. */
  shapes: string[];
  reps: number;
  repsPerPod: number;
  /** Fleet sizes; empty: no fleet part. */
  fleetSizes: number[];
  fleetReps: number;
  strategies: FleetStrategy[];
  setupSeconds: number;
  coldSetupSeconds: number;
  /** Lets the hybrid strategy stop a node of a cluster the harness did not create (its nodes must be local containers). */
  allowNodeActions: boolean;
  timeLimitMinutes: number;
  /** The process exit code when the benchmark crashes while it owns a cluster (the cleanup registry deletes it first). */
  crashExitCode?: number;
}

export interface BenchOutcome {
  report?: BenchReport;
  /** Repetitions that did not complete. */
  failedReps: number;
}

/** Known in the report as: the notes a reader needs beside the figures. */
export const KIND_CAVEATS = [
  'kind on one small machine is not a fleet: images are already on every node (a recreated pod on a real cluster may pull its image first), one scheduler and one API server see almost no other load (at 1,000 nodes they are busy), there is no volume attach or detach, no cloud load balancer or network programming, and every node shares the same two CPUs, so the nodes slow each other down.',
  "The init container's setup cost (--setup-seconds on every start, --cold-setup-seconds only when the pod's emptyDir is new, as for a recreated pod) stands in for the work a real worker does before it is ready: the in-place restart keeps the emptyDir, so it pays the cold part only once.",
];

export async function runBench(o: BenchOptions, out: { line(text: string): void }): Promise<BenchOutcome> {
  const startedAt = new Date();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const log = (t: string) => out.line(t);
  for (const s of o.shapes) if (!POD_SHAPES[s]) throw new EnvironmentError(`unknown pod shape ${s}`);
  const profile = await loadProfile(o.profile);
  const runId = randomBytes(3).toString('hex');
  const registry = new CleanupRegistry({ log });
  const uninstall = registry.installProcessHandlers(
    o.crashExitCode !== undefined ? { crashExitCode: o.crashExitCode } : {},
  );
  let session: ClusterSession | undefined;
  try {
    const clusterName = o.reuse ?? newClusterName(profile.name);
    const acquired = await acquireProfileCluster({ ...o, profile, clusterName }, registry, log);
    session = acquired.session;
    const active = session;
    const proof = await proveProfileGates(active, profile, Boolean(o.existingCluster), log);
    if (!proof.passed) throw preflightFailure(active, proof);

    const namespace = `ie2e-bench-${runId}`;
    await active.client.createNamespace(namespace, runId, { [BENCH_LABEL]: 'true' });
    const dropNamespace = registry.register(
      `namespace ${namespace}`,
      () => active.client.deleteNamespace(namespace, { waitSeconds: 180 }),
      {
        manual: `kubectl delete namespace ${namespace}`,
      },
    );
    log(
      `bench: namespace ${namespace} (label ${RUN_LABEL}=${runId}); stops starting repetitions after ${o.timeLimitMinutes} min`,
    );
    const c: BenchContext = {
      client: active.client,
      namespace,
      log,
      stopStartingAt: Date.now() + o.timeLimitMinutes * 60_000,
      now: Date.now,
    };
    const notes = [...KIND_CAVEATS];

    const latency: LatencyResult[] = [];
    for (const name of o.shapes) {
      const shape = POD_SHAPES[name] as (typeof POD_SHAPES)[string];
      log(
        `bench: restart latency, pod ${shape.name} (${shape.description}), ${o.reps} repetition(s), a new pod every ${o.repsPerPod}`,
      );
      const restartDeadlineSeconds = name === 'one-container' ? 150 : 90;
      latency.push(
        await measureLatency(c, shape, {
          reps: o.reps,
          repsPerPod: o.repsPerPod,
          restartDeadlineSeconds,
          readyDeadlineSeconds: 120,
        }),
      );
      const done = latency.at(-1) as LatencyResult;
      if (done.reps.length < o.reps)
        notes.push(`${name}: ${done.reps.length} of ${o.reps} repetitions ran before the time limit.`);
      out.line('');
      out.line(formatTable(kepTable([partialReport(active, acquired, startedAt, [done])])));
      out.line('');
    }

    const nodes = await active.client.listNodes();
    const workers = nodes.filter(schedulable).map(nameOf);
    let fleet: BenchReport['fleet'];
    if (o.fleetSizes.length > 0) {
      const power = nodePowerFor(active, nodes, {
        existingCluster: Boolean(o.existingCluster),
        allowNodeActions: o.allowNodeActions,
      });
      if ('why' in power) notes.push(`node loss (hybrid) skipped: ${power.why}`);
      fleet = await measureFleet(c, {
        sizes: o.fleetSizes,
        reps: o.fleetReps,
        strategies: o.strategies,
        setupSeconds: o.setupSeconds,
        coldSetupSeconds: o.coldSetupSeconds,
        workers,
        registry,
        ...('power' in power ? { nodePower: power.power } : { nodeLossUnavailable: power.why }),
      });
      notes.push(
        'Fleet recovery counts from the failure as the coordinator saw it (the watch event of the failed container, or the instant the node was stopped); a real coordinator adds its own detection time, and a real node loss is noticed by the node controller only after node-monitor-grace-period.',
      );
    }

    await active.client.deleteNamespace(namespace, { waitSeconds: 180 });
    dropNamespace();
    const base = partialReport(active, acquired, startedAt, latency);
    const report: BenchReport = {
      ...base,
      host: { ...base.host, loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 } },
      ...(fleet ? { fleet } : {}),
      notes,
    };
    const files = await writeBenchFiles([report], o.reportDir);
    out.line('');
    for (const t of benchTables([report])) out.line(`${formatTable(t)}\n`);
    out.line(`bench: wrote ${[files.json, files.markdown, files.html, ...files.svgs].filter(Boolean).join(', ')}`);
    const failedReps =
      latency.reduce((a, l) => a + l.reps.filter((r) => r.error).length, 0) +
      (fleet?.cells ?? []).reduce((a, cell) => a + cell.reps.filter((r) => r.error).length, 0);
    return { report, failedReps };
  } finally {
    uninstall();
    await registry.runAll('bench finished');
    await session?.release();
  }
}

function partialReport(
  session: ClusterSession,
  acquired: { kubernetesVersion: string; image: string },
  startedAt: Date,
  latency: LatencyResult[],
): BenchReport {
  return {
    tool: toolVersion(),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    cluster: {
      name: session.name,
      kubernetesVersion: acquired.kubernetesVersion,
      nodes: session.nodes.map((n) => n.name),
      created: session.created,
      ...(acquired.image ? { nodeImage: acquired.image } : {}),
    },
    host: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
    latency,
    notes: [],
  };
}
