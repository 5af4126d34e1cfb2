// PodRecorder: one scenario's record of its pod. A pod watch (fieldSelector metadata.name) and an
// events watch for the namespace append TimelineEntries stamped with the time the harness
// received them; waits are driven by those watch events (no polling: a timer only for deadlines).
import { DeadlineError } from '../errors.js';
import type { JsonObject } from '../kube/json.js';
import type { WatchHandle, WatchSource } from '../kube/watch.js';
import { describePod, eventSnapshot, podSnapshot } from './snapshot.js';
import type { PodSnapshot, TimelineEntry, WaitRecord } from './types.js';

export type { WatchSource };

/** A condition on the pod: `ok`, and otherwise what is still missing, in words. */
export type PodPredicate = (pod: PodSnapshot) => { ok: boolean; waitingFor: string };

export interface WaitOptions {
  /** What is waited for, in words ("pod Ready", "AllContainersRestarting True"). */
  what: string;
  deadlineSeconds: number;
}

/** A wait that cannot succeed any more: the pod was deleted, or the watch failed for good. */
export class WaitAbortedError extends Error {
  constructor(
    readonly what: string,
    readonly why: string,
  ) {
    super(`gave up waiting for ${what}: ${why}`);
    this.name = 'WaitAbortedError';
  }
}

interface Waiter {
  predicate: PodPredicate;
  what: string;
  lastWaitingFor: string;
  check(pod: PodSnapshot, deleted: boolean): void;
  abort(why: string): void;
}

export interface PodRecorderOptions {
  namespace: string;
  pod: string;
  /** Also watch the namespace's events (default true). */
  events?: boolean;
  /** Milliseconds since the epoch; injectable for tests. */
  clock?: () => number;
}

export class PodRecorder {
  readonly timeline: TimelineEntry[] = [];
  readonly waits: WaitRecord[] = [];
  private readonly clock: () => number;
  private readonly handles: WatchHandle[] = [];
  private readonly waiters = new Set<Waiter>();
  private current?: PodSnapshot;
  private gone = false;
  private failed?: string;
  private stopped = false;

  constructor(
    private readonly source: WatchSource,
    readonly options: PodRecorderOptions,
  ) {
    this.clock = options.clock ?? Date.now;
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
    for (const w of [...this.waiters]) w.abort('the recorder was stopped');
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
    const startedAt = this.clock();
    const record = (ok: boolean, detail?: string): void => {
      this.waits.push({
        what: opts.what,
        deadlineSeconds: opts.deadlineSeconds,
        startedAt,
        endedAt: this.clock(),
        ok,
        ...(detail ? { detail } : {}),
      });
    };
    return new Promise<PodSnapshot>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        fn();
      };
      const timer = setTimeout(() => {
        const lastSeen = `${waiter.lastWaitingFor} (pod: ${describePod(this.current)})`;
        settle(() => {
          record(false, lastSeen);
          reject(new DeadlineError(opts.what, opts.deadlineSeconds, lastSeen));
        });
      }, opts.deadlineSeconds * 1000);
      const waiter: Waiter = {
        predicate,
        what: opts.what,
        lastWaitingFor: 'no pod object seen yet',
        check: (pod, deleted) => {
          let result: { ok: boolean; waitingFor: string };
          try {
            result = predicate(pod);
          } catch (e) {
            const msg = e instanceof Error ? e.message : String(e);
            settle(() => {
              record(false, `predicate failed: ${msg}`);
              reject(new WaitAbortedError(opts.what, `the check itself failed: ${msg}`));
            });
            return;
          }
          if (result.ok) {
            settle(() => {
              record(true);
              resolve(pod);
            });
            return;
          }
          waiter.lastWaitingFor = result.waitingFor;
          if (deleted) waiter.abort(`the pod was deleted (last: ${result.waitingFor})`);
        },
        abort: (why) =>
          settle(() => {
            record(false, why);
            reject(new WaitAbortedError(opts.what, why));
          }),
      };
      if (this.failed) return waiter.abort(this.failed);
      if (this.stopped) return waiter.abort('the recorder was stopped');
      this.waiters.add(waiter);
      if (this.current) waiter.check(this.current, this.gone);
    });
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
    for (const w of [...this.waiters]) w.check(pod, this.gone);
  }

  private fail(why: string): void {
    this.failed = why;
    this.mark('watch', why);
    for (const w of [...this.waiters]) w.abort(why);
  }
}
