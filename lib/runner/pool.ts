// A bounded pool: scenarios run in parallel, at most `limit` at a time, started in submission order.
// An exclusive task (a scenario that restarts a kubelet or stops a node) runs alone: it waits for the
// tasks started before it and holds back the ones after it, so no other scenario's pod sees its
// disruption (measured: a kubelet restart during another pod's container start fails that pod with
// StartError).
interface Queued {
  exclusive: boolean;
  start: () => void;
}

export class Pool {
  private active = 0;
  private exclusiveActive = false;
  private readonly queue: Queued[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`parallelism must be a whole number ≥ 1, got ${limit}`);
  }

  run<T>(task: () => Promise<T>, options: { exclusive?: boolean } = {}): Promise<T> {
    const exclusive = options.exclusive ?? false;
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.active++;
        this.exclusiveActive = exclusive;
        task()
          .then(resolve, reject)
          .finally(() => {
            this.active--;
            if (exclusive) this.exclusiveActive = false;
            this.dispatch();
          });
      };
      this.queue.push({ exclusive, start });
      this.dispatch();
    });
  }

  /** Starts queued tasks in order while they may start; never lets a later task overtake a waiting one. */
  private dispatch(): void {
    for (;;) {
      const next = this.queue[0];
      if (!next || this.exclusiveActive) return;
      if (next.exclusive ? this.active > 0 : this.active >= this.limit) return;
      this.queue.shift();
      next.start();
    }
  }
}
