// Fleet recovery on a real cluster: N workers, one failure, three ways back, measured from the failure
// to every worker Running and Ready with its init done (fleet-times.ts reads it from the pod-set timeline).
//   recreate  worker-0's main container exits 1; the coordinator (the harness) deletes every worker and
//             the StatefulSet creates them again — what users do today;
//   in-place  the same failure; the coordinator writes the restart flag into every worker's watcher
//             sidecar, which exits 42 and restarts its pod in place (as JobSet's in-place restart does);
//   hybrid    worker-0's node is lost (its container stopped; the failure counts from when it is down); the
//             coordinator cordons it, force-deletes the workers that were on it (the StatefulSet recreates
//             them elsewhere) and restarts the rest in place. The node is started again and uncordoned
//             afterwards, and the fleet spread anew.
import type { CleanupRegistry } from '../cluster/reaper.js';
import { inParallel, outOfTime, type BenchContext } from './context.js';
import { Fleet } from './fleet.js';
import { fleetRecovery } from './fleet-times.js';
import { cordon, loseNode, type NodePower } from './node-loss.js';
import { FAIL_FLAG, RESTART_FLAG } from './pods.js';
import { fleetCell, fleetRatios, scaleFits } from './summarize.js';
import { STRATEGY_LABELS, type FleetCell, type FleetRep, type FleetResult, type FleetStrategy } from './types.js';
import type { PodSnapshot } from '../observe/types.js';
import { flagCommand } from '../triggers/exit.js';
import { errorText } from '../errors.js';

export interface FleetOptions {
  sizes: number[];
  reps: number;
  strategies: FleetStrategy[];
  setupSeconds: number;
  coldSetupSeconds: number;
  /** Worker nodes (where the fleet can run). */
  workers: string[];
  /** How to stop and start a node; absent: the hybrid strategy is skipped for `nodeLossUnavailable`. */
  nodePower?: NodePower;
  nodeLossUnavailable?: string;
  registry: CleanupRegistry;
}

const EXEC_CONCURRENCY = 8;

function recoveryDeadlineSeconds(n: number, o: FleetOptions): number {
  return 120 + 4 * n + 3 * (o.setupSeconds + o.coldSetupSeconds);
}

export async function measureFleet(c: BenchContext, o: FleetOptions): Promise<FleetResult> {
  const cells: FleetCell[] = [];
  const hybridSkip = o.strategies.includes('hybrid') ? hybridUnavailable(o) : undefined;
  for (const n of o.sizes) {
    const reps = new Map<FleetStrategy, FleetRep[]>(o.strategies.map((s) => [s, []]));
    if (outOfTime(c)) {
      for (const s of o.strategies) cells.push(fleetCell(n, s, [], 'the run reached its time limit first'));
      continue;
    }
    const deadline = recoveryDeadlineSeconds(n, o);
    c.log(`[fleet N=${n}] starting ${n} worker(s) (setup ${o.setupSeconds}s, cold setup ${o.coldSetupSeconds}s)`);
    const fleet = await Fleet.start(
      c,
      { name: `workers-n${n}`, replicas: n, setupSeconds: o.setupSeconds, coldSetupSeconds: o.coldSetupSeconds },
      deadline,
    );
    try {
      // Recreate and in place alternate, so a drift of the machine weighs on both alike.
      const alternating = o.strategies.filter((s) => s !== 'hybrid');
      for (let i = 0; i < o.reps && !outOfTime(c); i++) {
        for (const s of alternating) push(c, reps, await recoverOnce(c, fleet, s, i, deadline));
      }
      if (o.strategies.includes('hybrid') && !hybridSkip) {
        for (let i = 0; i < o.reps && !outOfTime(c); i++) {
          if (i > 0) await fleet.respread(deadline);
          push(c, reps, await hybridOnce(c, fleet, i, deadline, o));
        }
      }
    } finally {
      await fleet
        .remove(deadline)
        .catch((e: unknown) => c.log(`[fleet N=${n}] removing the fleet failed: ${errorText(e)}`));
    }
    for (const s of o.strategies) {
      const got = reps.get(s) ?? [];
      const skipped =
        s === 'hybrid' && hybridSkip
          ? hybridSkip
          : got.length === 0
            ? 'the run reached its time limit first'
            : undefined;
      cells.push(fleetCell(n, s, got, skipped));
      const cell = cells.at(-1) as FleetCell;
      if (cell.recovery)
        c.log(
          `[fleet N=${n}] ${STRATEGY_LABELS[s]}: p50 ${(cell.recovery.p50 / 1000).toFixed(2)}s, p95 ${(cell.recovery.p95 / 1000).toFixed(2)}s over ${cell.recovery.n}`,
        );
    }
  }
  return {
    workers: o.workers,
    setupSeconds: o.setupSeconds,
    coldSetupSeconds: o.coldSetupSeconds,
    cells,
    ratios: fleetRatios(cells),
    fits: scaleFits(cells),
  };
}

function hybridUnavailable(o: FleetOptions): string | undefined {
  if (!o.nodePower) return o.nodeLossUnavailable ?? 'no way to stop a node';
  if (o.workers.length < 2) return `a node loss needs at least two worker nodes, the cluster has ${o.workers.length}`;
  return undefined;
}

function push(c: BenchContext, reps: Map<FleetStrategy, FleetRep[]>, rep: FleetRep): void {
  reps.get(rep.strategy)?.push(rep);
  const r = rep.recovery;
  const paths = `${r.pods.filter((p) => p.path === 'recreated').length} recreated, ${r.pods.filter((p) => p.path === 'in-place').length} in place`;
  const fig = r.recoveryMs !== undefined ? `${(r.recoveryMs / 1000).toFixed(2)}s` : 'not recovered';
  c.log(
    `[fleet N=${rep.n} ${STRATEGY_LABELS[rep.strategy]} ${rep.index + 1}] ${rep.error ? `FAILED: ${rep.error}; ` : ''}recovery ${fig} (${paths})`,
  );
}

async function writeFlag(c: BenchContext, pod: string, container: string, flag: string): Promise<void> {
  const r = await c.client.exec(c.namespace, pod, container, flagCommand(0, flag), { timeoutMs: 30_000 });
  if (r.exitCode !== 0)
    throw new Error(`writing ${flag} in ${pod}/${container} exited ${r.exitCode}: ${r.stderr.trim()}`);
}

/** worker-0's main container exits 1; resolves with when the watch saw it. */
async function failOneWorker(c: BenchContext, fleet: Fleet, before: PodSnapshot): Promise<number> {
  const name = fleet.names[0] as string;
  const rc0 = before.containers.find((x) => x.name === 'main')?.restartCount ?? 0;
  const seen = fleet.recorder.waitFor(
    (s) => {
      const main = s.pods.get(name)?.containers.find((x) => x.name === 'main');
      return {
        ok: !!main && (main.restartCount > rc0 || main.state.terminated !== undefined),
        waitingFor: `${name}'s main container to fail`,
      };
    },
    { what: `${name}'s main container to exit`, deadlineSeconds: 60 },
  );
  await writeFlag(c, name, 'main', FAIL_FLAG);
  const set = await seen;
  return (set.pods.get(name) as PodSnapshot).at;
}

function recovered(fleet: Fleet, before: PodSnapshot[], failureAt: number) {
  return () => {
    const r = fleetRecovery({ before, entries: fleet.recorder.since(failureAt), failureAt });
    return {
      ok: r.recoveryMs !== undefined,
      waitingFor: r.missing.slice(0, 4).join('; ') + (r.missing.length > 4 ? '; …' : ''),
    };
  };
}

async function recoverOnce(
  c: BenchContext,
  fleet: Fleet,
  strategy: FleetStrategy,
  index: number,
  deadline: number,
): Promise<FleetRep> {
  const n = fleet.names.length;
  const before = await fleet.waitSteady(`fleet of ${n} up before ${strategy} ${index + 1}`, deadline);
  let failureAt = c.now();
  try {
    failureAt = await failOneWorker(c, fleet, before[0] as PodSnapshot);
    fleet.recorder.mark('coordinator', `${strategy}: worker failure seen, acting`);
    if (strategy === 'recreate') {
      await c.client.deleteResource(`/api/v1/namespaces/${encodeURIComponent(c.namespace)}/pods`, {
        labelSelector: fleet.recorder.options.labelSelector,
      });
    } else {
      await inParallel(fleet.names, EXEC_CONCURRENCY, (name) => writeFlag(c, name, 'watcher', RESTART_FLAG));
    }
    await fleet.recorder.waitFor(recovered(fleet, before, failureAt), {
      what: `fleet of ${n} recovered (${strategy})`,
      deadlineSeconds: deadline,
    });
    return rep(fleet, strategy, index, failureAt, `${fleet.names[0]}'s main container exited 1`, before);
  } catch (e) {
    return {
      ...rep(fleet, strategy, index, failureAt, `${fleet.names[0]}'s main container exited 1`, before),
      error: errorText(e),
    };
  }
}

async function hybridOnce(
  c: BenchContext,
  fleet: Fleet,
  index: number,
  deadline: number,
  o: FleetOptions,
): Promise<FleetRep> {
  const n = fleet.names.length;
  const before = await fleet.waitSteady(`fleet of ${n} up before node loss ${index + 1}`, deadline);
  const node = before[0]?.nodeName;
  if (!node || !o.workers.includes(node) || !o.nodePower) {
    return {
      ...rep(fleet, 'hybrid', index, c.now(), 'node loss', before),
      error: `worker-0 runs on ${node ?? 'no node'}, not on a worker the run may stop`,
    };
  }
  const lost = await loseNode(c.client, o.nodePower, o.registry, node, { readyDeadlineSeconds: 300, log: c.log });
  // The failure counts from when the node is down (the stop call returned; it took stopMs): a real node
  // dies at once, and the container runtime's teardown is no part of Kubernetes' recovery.
  const failureAt = c.now();
  const onLost = before.filter((p) => p.nodeName === node).map((p) => p.name as string);
  const elsewhere = before.filter((p) => p.nodeName !== node).map((p) => p.name as string);
  const failure = `node ${node} stopped (${onLost.length} of ${n} workers on it; the stop took ${(lost.stopMs / 1000).toFixed(1)}s)`;
  try {
    fleet.recorder.mark('coordinator', `hybrid: ${failure}, acting`);
    await cordon(c.client, node, true);
    await Promise.all([
      inParallel(onLost, EXEC_CONCURRENCY, (name) => c.client.deletePod(c.namespace, name, { gracePeriodSeconds: 0 })),
      inParallel(elsewhere, EXEC_CONCURRENCY, (name) => writeFlag(c, name, 'watcher', RESTART_FLAG)),
    ]);
    await fleet.recorder.waitFor(recovered(fleet, before, failureAt), {
      what: `fleet of ${n} recovered after losing ${node}`,
      deadlineSeconds: deadline,
    });
    return { ...rep(fleet, 'hybrid', index, failureAt, failure, before), lostNode: node };
  } catch (e) {
    return { ...rep(fleet, 'hybrid', index, failureAt, failure, before), lostNode: node, error: errorText(e) };
  } finally {
    await lost.restore();
  }
}

function rep(
  fleet: Fleet,
  strategy: FleetStrategy,
  index: number,
  failureAt: number,
  failure: string,
  before: PodSnapshot[],
): FleetRep {
  return {
    index,
    strategy,
    n: fleet.names.length,
    failureAt,
    failure,
    recovery: fleetRecovery({ before, entries: fleet.recorder.since(failureAt), failureAt }),
  };
}
