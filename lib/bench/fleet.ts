// A fleet of N worker pods owned by a StatefulSet (Parallel pod management), recorded by one pod-set
// watch from creation to removal: created, waited on until steady, spread again, removed.
import type { BenchContext } from './context.js';
import { FLEET_LABEL, fleetStatefulSet, type FleetSpec } from './pods.js';
import { conditionStatus } from '../observe/predicates.js';
import { PodSetRecorder, type PodSet, type PodSetPredicate } from '../observe/pod-set-recorder.js';
import type { PodSnapshot } from '../observe/types.js';
import { errorText } from '../errors.js';

/** A worker that is up: Running, Ready, init done, every long-running container running, not being deleted or restarted. */
export function workerSteady(p: PodSnapshot): string | undefined {
  if (p.deletionTimestamp) return 'being deleted';
  if (p.phase !== 'Running') return `phase ${p.phase}`;
  if (conditionStatus(p, 'AllContainersRestarting') === 'True') return 'restarting';
  if (conditionStatus(p, 'Ready') !== 'True') return 'not Ready';
  const down = p.containers
    .filter((c) => (c.kind === 'init' ? c.state.terminated?.exitCode !== 0 : !c.state.running))
    .map((c) => c.name);
  return down.length ? `not up: ${down.join(', ')}` : undefined;
}

export function fleetSteady(names: readonly string[]): PodSetPredicate {
  return (set: PodSet) => {
    const problems: string[] = [];
    for (const n of names) {
      const p = set.pods.get(n);
      const why = p ? workerSteady(p) : 'absent';
      if (why) problems.push(`${n} ${why}`);
    }
    const extra = set.pods.size - names.filter((n) => set.pods.has(n)).length;
    if (extra > 0) problems.push(`${extra} pod(s) beyond the fleet`);
    return {
      ok: problems.length === 0,
      waitingFor: `${names.length} workers up (${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''})`,
    };
  };
}

export class Fleet {
  readonly names: string[];

  private constructor(
    private readonly c: BenchContext,
    readonly spec: FleetSpec,
    readonly recorder: PodSetRecorder,
  ) {
    this.names = Array.from({ length: spec.replicas }, (_, i) => `${spec.name}-${i}`);
  }

  /** Creates the StatefulSet and waits until every worker is up. */
  static async start(c: BenchContext, spec: FleetSpec, deadlineSeconds: number): Promise<Fleet> {
    const recorder = new PodSetRecorder(c.client, {
      namespace: c.namespace,
      labelSelector: `${FLEET_LABEL}=${spec.name}`,
      clock: c.now,
    });
    await recorder.start();
    const fleet = new Fleet(c, spec, recorder);
    try {
      await c.client.createResource(fleet.stsPath(false), fleetStatefulSet(spec));
      await fleet.waitSteady(`fleet of ${spec.replicas} up`, deadlineSeconds);
    } catch (e) {
      await fleet
        .remove(deadlineSeconds)
        .catch((r: unknown) => c.log(`fleet: removing ${spec.name} after a failed start: ${errorText(r)}`));
      throw e;
    }
    return fleet;
  }

  private stsPath(named: boolean): string {
    const base = `/apis/apps/v1/namespaces/${encodeURIComponent(this.c.namespace)}/statefulsets`;
    return named ? `${base}/${encodeURIComponent(this.spec.name)}` : base;
  }

  /** The workers once all are up, in ordinal order. */
  async waitSteady(what: string, deadlineSeconds: number): Promise<PodSnapshot[]> {
    const set = await this.recorder.waitFor(fleetSteady(this.names), { what, deadlineSeconds });
    return this.names.map((n) => set.pods.get(n) as PodSnapshot);
  }

  /** Scales to 0 and back, so the scheduler spreads the workers over the nodes again (after a node loss). */
  async respread(deadlineSeconds: number): Promise<void> {
    await this.c.client.patchResource(this.stsPath(true), { spec: { replicas: 0 } }, 'merge');
    await this.recorder.waitFor((s) => ({ ok: s.pods.size === 0, waitingFor: `no workers (${s.pods.size} left)` }), {
      what: 'fleet scaled to 0',
      deadlineSeconds,
    });
    await this.c.client.patchResource(this.stsPath(true), { spec: { replicas: this.spec.replicas } }, 'merge');
    await this.waitSteady(`fleet of ${this.spec.replicas} up again`, deadlineSeconds);
  }

  /** Deletes the StatefulSet and its pods and waits until no worker is left. */
  async remove(deadlineSeconds: number): Promise<void> {
    try {
      await this.c.client.deleteResource(this.stsPath(true));
      await this.c.client.deleteResource(`/api/v1/namespaces/${encodeURIComponent(this.c.namespace)}/pods`, {
        labelSelector: `${FLEET_LABEL}=${this.spec.name}`,
      });
      await this.recorder.waitFor((s) => ({ ok: s.pods.size === 0, waitingFor: `no workers (${s.pods.size} left)` }), {
        what: 'fleet removed',
        deadlineSeconds,
      });
    } finally {
      this.recorder.stop();
    }
  }
}
