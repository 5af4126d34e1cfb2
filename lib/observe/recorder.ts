// PodRecorder: one scenario's record of its pod. A pod watch (fieldSelector metadata.name) and an
// events watch for the namespace append TimelineEntries stamped with the time the harness
// received them; waits are driven by those watch events (no polling: a timer only for deadlines).
import type { JsonObject } from '../kube/json.js';
import type { WatchHandle, WatchSource } from '../kube/watch.js';
import { describePod, eventSnapshot, jobSnapshot, podSnapshot } from './snapshot.js';
import type { JobSnapshot, PodSnapshot, TimelineEntry, WaitRecord } from './types.js';
import { StateWaiters, WaitAbortedError, type StatePredicate, type WaitOptions } from './waiters.js';

export { WaitAbortedError };

/** A condition on the pod: `ok`, and otherwise what is still missing, in words. */
export type PodPredicate = StatePredicate<PodSnapshot>;

export interface PodRecorderOptions {
  namespace: string;
  pod: string;
  /** Also watch the namespace's events (default true). */
  events?: boolean;
  /** Also watch this Job (the pod's owner): its states become `job` entries, and waits re-check on them. */
  job?: string;
  /** Milliseconds since the epoch; injectable for tests. */
  clock?: () => number;
}

export class PodRecorder {
  readonly timeline: TimelineEntry[] = [];
  readonly waits: WaitRecord[] = [];
  private readonly clock: () => number;
  private readonly handles: WatchHandle[] = [];
  private readonly waiters: StateWaiters<PodSnapshot>;
  private current?: PodSnapshot;
  private currentJob?: JobSnapshot;
  private gone = false;
  private failed?: string;
  private stopped = false;

  constructor(
    private readonly source: WatchSource,
    readonly options: PodRecorderOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    this.waiters = new StateWaiters<PodSnapshot>(
      this.clock,
      () => `pod: ${describePod(this.current)}`,
      this.waits,
      'no pod object seen yet',
    );
  }

  /**
   * Opens the watches. Give the create response as `object`: it is recorded as the ADDED entry
   * and the pod watch starts at its resourceVersion, so nothing between create and watch is lost.
   * Without it the pod watch starts "now" (the server sends the existing pod as ADDED).
   */
  async start(from: { object?: JsonObject; resourceVersion?: string } = {}): Promise<void> {
    const { namespace, pod } = this.options;
    if (from.object) this.onPod('ADDED', from.object);
    const rv = from.resourceVersion ?? (from.object ? this.current?.resourceVersion : undefined);
    const onResume = (what: string) => (text: string) => this.mark('watch', `${what}: ${text}`);
    const onError = (what: string) => (err: Error) => this.fail(`${what} watch failed: ${err.message}`);
    this.handles.push(
      await this.source.watch(
        `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
        { fieldSelector: `metadata.name=${pod}` },
        (type, obj) => this.onPod(type, obj),
        { ...(rv ? { resourceVersion: rv } : {}), onResume: onResume('pod'), onError: onError('pod') },
      ),
    );
    if (this.options.job) {
      this.handles.push(
        await this.source.watch(
          `/apis/batch/v1/namespaces/${encodeURIComponent(namespace)}/jobs`,
          { fieldSelector: `metadata.name=${this.options.job}` },
          (type, obj) => this.onJob(type, obj),
          { onResume: onResume('job'), onError: onError('job') },
        ),
      );
    }
    if (this.options.events !== false) {
      this.handles.push(
        await this.source.watch(
          `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`,
          {},
          (type, obj) => {
            if (type === 'DELETED' || this.stopped) return; // events expiring is not news
            const at = this.clock();
            this.timeline.push({ at, kind: 'event', event: eventSnapshot(obj, at) });
          },
          { onResume: onResume('events'), onError: onError('events') },
        ),
      );
    }
  }

  /** Closes the watches; pending waits fail with WaitAbortedError. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const h of this.handles) h.stop();
    this.waiters.abortAll('the recorder was stopped');
  }

  /** A harness entry (stage changes, trigger, notes) in the same timeline. */
  mark(stage: string, note: string): TimelineEntry {
    const entry: TimelineEntry = { at: this.clock(), kind: 'harness', stage, note };
    this.timeline.push(entry);
    return entry;
  }

  /** The last pod object seen. */
  latest(): PodSnapshot | undefined {
    return this.current;
  }

  /** The last state of the followed Job (options.job), if any was seen. */
  latestJob(): JobSnapshot | undefined {
    return this.currentJob;
  }

  /** Whether a DELETED watch event was seen. */
  get deleted(): boolean {
    return this.gone;
  }

  /** Timeline entries received at or after `at`. */
  since(at: number): TimelineEntry[] {
    return this.timeline.filter((e) => e.at >= at);
  }

  /**
   * Resolves with the first pod snapshot (the current one, or one from a later watch event) that
   * satisfies the predicate. On the deadline throws DeadlineError naming what it waited for and
   * the predicate's last `waitingFor`. Every wait is recorded as a WaitRecord.
   */
  waitFor(predicate: PodPredicate, opts: WaitOptions): Promise<PodSnapshot> {
    const refuse = this.failed ?? (this.stopped ? 'the recorder was stopped' : undefined);
    return this.waiters.waitFor(predicate, opts, this.current, refuse, this.gone ? 'the pod was deleted' : undefined);
  }

  /** Resolves after `seconds` with the entries that arrived meanwhile (for "consistently" windows). */
  waitQuiet(seconds: number): Promise<TimelineEntry[]> {
    const from = this.clock();
    const firstIndex = this.timeline.length;
    return new Promise((resolve) =>
      setTimeout(() => {
        const entries = this.timeline.slice(firstIndex);
        this.waits.push({
          what: `a quiet window of ${seconds}s`,
          deadlineSeconds: seconds,
          startedAt: from,
          endedAt: this.clock(),
          ok: true,
          detail: `${entries.length} timeline entries in the window`,
        });
        resolve(entries);
      }, seconds * 1000),
    );
  }

  private onPod(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: JsonObject): void {
    if (this.stopped) return;
    const at = this.clock();
    const pod = podSnapshot(obj, at);
    this.timeline.push({ at, kind: 'pod', watch: type, pod });
    this.current = pod;
    if (type === 'DELETED') this.gone = true;
    this.waiters.notify(pod, this.gone ? 'the pod was deleted' : undefined);
  }

  private onJob(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: JsonObject): void {
    if (this.stopped) return;
    const at = this.clock();
    const job = jobSnapshot(obj, at);
    this.timeline.push({ at, kind: 'job', watch: type, job });
    this.currentJob = job;
    // Predicates may read the Job too (through latestJob): give them the news with the current pod.
    if (this.current) this.waiters.notify(this.current, this.gone ? 'the pod was deleted' : undefined);
  }

  private fail(why: string): void {
    this.failed = why;
    this.mark('watch', why);
    this.waiters.abortAll(why);
  }
}
