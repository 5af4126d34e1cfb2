// A bounded pool: scenarios run in parallel, at most `limit` at a time, started in submission order.
// An `alone` task (a scenario that restarts a kubelet or stops a node on a node others use) runs alone:
// it waits for the tasks started before it and holds back the ones after it, so no other scenario's pod
// sees its disruption (measured: a kubelet restart during another pod's container start fails that pod
// with StartError). A `lane` task (a node-acting scenario whose pod goes to a node kept for it) runs
// beside the others, outside the limit, one lane task at a time.
export type PoolMode = 'shared' | 'alone' | 'lane';

interface Queued {
  mode: PoolMode;
  start: () => void;
}

export class Pool {
  private active = 0;
  private laneActive = false;
  private aloneActive = false;
  private readonly queue: Queued[] = [];
  private readonly lane: Queued[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`parallelism must be a whole number ≥ 1, got ${limit}`);
  }

  run<T>(task: () => Promise<T>, options: { mode?: PoolMode } = {}): Promise<T> {
    const mode = options.mode ?? 'shared';
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        if (mode === 'lane') this.laneActive = true;
        else this.active++;
        if (mode === 'alone') this.aloneActive = true;
        task()
          .then(resolve, reject)
          .finally(() => {
            if (mode === 'lane') this.laneActive = false;
            else this.active--;
            if (mode === 'alone') this.aloneActive = false;
            this.dispatch();
          });
      };
      (mode === 'lane' ? this.lane : this.queue).push({ mode, start });
      this.dispatch();
    });
  }

  /** Starts queued tasks in order while they may start; never lets a later task overtake a waiting one. */
  private dispatch(): void {
    if (this.aloneActive) return;
    const nextLane = this.lane[0];
    if (nextLane && !this.laneActive) {
      this.lane.shift();
      nextLane.start();
    }
    for (;;) {
      const next = this.queue[0];
      if (!next || this.aloneActive) return;
      if (next.mode === 'alone' ? this.active > 0 || this.laneActive : this.active >= this.limit) return;
      this.queue.shift();
      next.start();
    }
  }
}
