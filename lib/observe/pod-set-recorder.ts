// PodSetRecorder: the record of every pod of a label selector in one namespace (a fleet of workers),
// from one watch. Pods come and go (a controller recreates them under the same name with a new UID):
// the timeline keeps every object as received, and the live set holds, per name, the newest pod that
// was not deleted. Waits are driven by watch events, like the one-pod recorder's.
import type { JsonObject } from '../kube/json.js';
import type { WatchHandle, WatchSource } from '../kube/watch.js';
import { describePod, podSnapshot } from './snapshot.js';
import type { PodSnapshot, TimelineEntry, WaitRecord } from './types.js';
import { StateWaiters, type StatePredicate, type WaitOptions } from './waiters.js';

/** The live pods: per name, the newest pod of that name that was not deleted. */
export interface PodSet {
  pods: ReadonlyMap<string, PodSnapshot>;
}

export type PodSetPredicate = StatePredicate<PodSet>;

export interface PodSetRecorderOptions {
  namespace: string;
  labelSelector: string;
  /** Milliseconds since the epoch; injectable for tests. */
  clock?: () => number;
}

export class PodSetRecorder {
  readonly timeline: TimelineEntry[] = [];
  readonly waits: WaitRecord[] = [];
  private readonly clock: () => number;
  private readonly byUid = new Map<string, PodSnapshot>();
  private readonly waiters: StateWaiters<PodSet>;
  private handle?: WatchHandle;
  private failed?: string;
  private stopped = false;

  constructor(
    private readonly source: WatchSource,
    readonly options: PodSetRecorderOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    this.waiters = new StateWaiters<PodSet>(this.clock, () => this.describe(), this.waits, 'no pod seen yet');
  }

  /** Opens the watch; the server first sends every existing pod of the selector as ADDED. */
  async start(): Promise<void> {
    const { namespace, labelSelector } = this.options;
    this.handle = await this.source.watch(
      `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
      { labelSelector },
      (type, obj) => this.onPod(type, obj),
      {
        onResume: (text) => this.mark('watch', `pods: ${text}`),
        onError: (err) => this.fail(`pod watch failed: ${err.message}`),
      },
    );
  }

  /** Closes the watch; pending waits fail with WaitAbortedError. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.handle?.stop();
    this.waiters.abortAll('the recorder was stopped');
  }

  mark(stage: string, note: string): TimelineEntry {
    const entry: TimelineEntry = { at: this.clock(), kind: 'harness', stage, note };
    this.timeline.push(entry);
    return entry;
  }

  /** The live pods now. */
  current(): PodSet {
    const pods = new Map<string, PodSnapshot>();
    for (const p of this.byUid.values()) {
      const name = p.name ?? p.uid;
      const other = pods.get(name);
      if (
        !other ||
        other.creationTimestamp < p.creationTimestamp ||
        (other.creationTimestamp === p.creationTimestamp && other.at < p.at)
      )
        pods.set(name, p);
    }
    return { pods };
  }

  /** Timeline entries received at or after `at`. */
  since(at: number): TimelineEntry[] {
    return this.timeline.filter((e) => e.at >= at);
  }

  /** Resolves with the first live set that satisfies the predicate; DeadlineError on the deadline. */
  waitFor(predicate: PodSetPredicate, opts: WaitOptions): Promise<PodSet> {
    const refuse = this.failed ?? (this.stopped ? 'the recorder was stopped' : undefined);
    return this.waiters.waitFor(predicate, opts, this.handle ? this.current() : undefined, refuse);
  }

  private onPod(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: JsonObject): void {
    if (this.stopped) return;
    const at = this.clock();
    const pod = podSnapshot(obj, at);
    this.timeline.push({ at, kind: 'pod', watch: type, pod });
    if (type === 'DELETED') this.byUid.delete(pod.uid);
    else this.byUid.set(pod.uid, pod);
    this.waiters.notify(this.current());
  }

  private fail(why: string): void {
    this.failed = why;
    this.mark('watch', why);
    this.waiters.abortAll(why);
  }

  private describe(): string {
    const pods = [...this.current().pods.entries()].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
    if (pods.length === 0) return 'no live pods';
    const shown = pods.slice(0, 4).map(([name, p]) => `${name}: ${describePod(p)}`);
    return `${pods.length} live pod(s); ${shown.join(' | ')}${pods.length > 4 ? ` | … ${pods.length - 4} more` : ''}`;
  }
}
