// Waits on a state that watch events update: each wait is a predicate that says what it still waits
// for, ended by the first state that satisfies it, by its deadline (DeadlineError naming what it
// waited for and what it saw last), or by an abort (the thing was deleted, the watch failed). Every
// wait is recorded as a WaitRecord. Shared by the one-pod and the pod-set recorders.
import { DeadlineError, errorText } from '../errors.js';
import type { WaitRecord } from './types.js';

/** A condition on a state: `ok`, and otherwise what is still missing, in words. */
export type StatePredicate<S> = (state: S) => { ok: boolean; waitingFor: string };

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

interface Waiter<S> {
  lastWaitingFor: string;
  check(state: S, abortUnlessOk?: string): void;
  abort(why: string): void;
}

export class StateWaiters<S> {
  private readonly waiters = new Set<Waiter<S>>();

  constructor(
    private readonly clock: () => number,
    /** The state in words, appended to a deadline message. */
    private readonly describe: () => string,
    private readonly records: WaitRecord[],
    /** What a wait reports before any state was seen. */
    private readonly nothingYet = 'nothing seen yet',
  ) {}

  /**
   * Resolves with the first state (`current`, or one passed to `notify` later) that satisfies the
   * predicate; `refuse` aborts at once (a failed or stopped recorder).
   */
  waitFor(
    predicate: StatePredicate<S>,
    opts: WaitOptions,
    current: S | undefined,
    refuse?: string,
    abortUnlessOk?: string,
  ): Promise<S> {
    const startedAt = this.clock();
    const record = (ok: boolean, detail?: string): void => {
      this.records.push({
        what: opts.what,
        deadlineSeconds: opts.deadlineSeconds,
        startedAt,
        endedAt: this.clock(),
        ok,
        ...(detail ? { detail } : {}),
      });
    };
    return new Promise<S>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        fn();
      };
      const timer = setTimeout(() => {
        const lastSeen = `${waiter.lastWaitingFor} (${this.describe()})`;
        settle(() => {
          record(false, lastSeen);
          reject(new DeadlineError(opts.what, opts.deadlineSeconds, lastSeen));
        });
      }, opts.deadlineSeconds * 1000);
      const waiter: Waiter<S> = {
        lastWaitingFor: this.nothingYet,
        check: (state, abortWhy) => {
          let result: { ok: boolean; waitingFor: string };
          try {
            result = predicate(state);
          } catch (e) {
            const msg = errorText(e);
            settle(() => {
              record(false, `predicate failed: ${msg}`);
              reject(new WaitAbortedError(opts.what, `the check itself failed: ${msg}`));
            });
            return;
          }
          if (result.ok) {
            settle(() => {
              record(true);
              resolve(state);
            });
            return;
          }
          waiter.lastWaitingFor = result.waitingFor;
          if (abortWhy) waiter.abort(`${abortWhy} (last: ${result.waitingFor})`);
        },
        abort: (why) =>
          settle(() => {
            record(false, why);
            reject(new WaitAbortedError(opts.what, why));
          }),
      };
      if (refuse) return waiter.abort(refuse);
      this.waiters.add(waiter);
      if (current !== undefined) waiter.check(current, abortUnlessOk);
    });
  }

  /** A new state: every pending wait checks it; `abortUnlessOk` ends those it does not satisfy. */
  notify(state: S, abortUnlessOk?: string): void {
    for (const w of [...this.waiters]) w.check(state, abortUnlessOk);
  }

  abortAll(why: string): void {
    for (const w of [...this.waiters]) w.abort(why);
  }
}
