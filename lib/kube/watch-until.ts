// "Watch until": the one shape every wait on the API has here — open a watch, decide on each event
// whether the wait is over, fail with a DeadlineError that says what was awaited and what was seen last.
import { DeadlineError } from '../errors.js';
import type { JsonObject } from './json.js';
import type { WatchEventType, WatchSource } from './watch.js';
import type { QueryParams } from './transport.js';

export interface WatchUntilOptions {
  /** What is awaited, in words, for the deadline message. */
  what: string;
  deadlineSeconds: number;
  /** What was seen last, in words, for the deadline message. */
  lastSeen: () => string;
  resourceVersion?: string;
  /** Runs once the watch is open (e.g. a GET confirming the awaited state already holds); `done` ends the wait. */
  onOpen?: (done: () => void) => Promise<void> | void;
}

/** Resolves when `onEvent` returns true for an event; rejects on the deadline or when the watch fails for good. */
export function watchUntil(
  source: WatchSource,
  path: string,
  params: QueryParams,
  onEvent: (type: WatchEventType, object: JsonObject) => boolean,
  opts: WatchUntilOptions,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let handle: { stop(): void } | undefined;
    let done = false;
    const finish = (err?: Error): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      handle?.stop();
      if (err) reject(err);
      else resolve();
    };
    const timer = setTimeout(
      () => finish(new DeadlineError(opts.what, opts.deadlineSeconds, opts.lastSeen())),
      opts.deadlineSeconds * 1000,
    );
    source
      .watch(
        path,
        params,
        (type, obj) => {
          if (!done && onEvent(type, obj)) finish();
        },
        { ...(opts.resourceVersion ? { resourceVersion: opts.resourceVersion } : {}), onError: (e) => finish(e) },
      )
      .then(async (h) => {
        handle = h;
        if (done) h.stop();
        else await opts.onOpen?.(() => finish());
      })
      .catch((e: unknown) => finish(e instanceof Error ? e : new Error(String(e))));
  });
}
