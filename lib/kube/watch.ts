// A watch that survives disconnects: it resumes from the last resourceVersion it saw, and when
// the server says that version is gone (410) it lists again, replays what changed (including
// deletions it missed) and watches on from the list's resourceVersion.
//
// The connection itself is behind `WatchConnector` (in production a raw HTTPS stream of the
// API server's newline-delimited JSON: objects stay raw, no typed model involved), so the resume
// logic is tested offline with a fake connector.
//
// Not client-node's Watch: it has no resume (a cut connection just ends), and it aborts any watch
// after 30 s without data (requestTimeoutMs), which a quiet namespace reaches routinely. Objects
// here stay raw for the same reason as in transport.ts: nothing passes through a typed model.
import { isObject, numberAt, resourceVersionOf, stringAt, uidOf, type JsonObject } from './json.js';
import type { KubeTransport, QueryParams } from './transport.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export type WatchListener = (type: WatchEventType, object: JsonObject) => void;

/** One watch connection. `onLine` gets every line's type and object; `onClose` is called once. */
export interface WatchConnector {
  connect(
    path: string,
    params: QueryParams,
    onLine: (type: string, object: unknown) => void,
    onClose: (err: unknown) => void,
  ): Promise<{ abort(): void }>;
}

/** A list of the same collection (used after a 410 to resynchronise). */
export type ListCollection = (
  path: string,
  params: QueryParams,
) => Promise<{ items: JsonObject[]; resourceVersion: string }>;

export interface WatchOptions {
  /** Start after this version (events after it only). Omitted: the server first sends ADDED for what exists. */
  resourceVersion?: string;
  /** A terminal failure: the watch gave up (too many failed reconnects) and stopped. */
  onError?: (err: Error) => void;
  /** Told about each reconnect and resync, for the record. */
  onResume?: (what: string) => void;
  /** Consecutive failed connections before giving up (default 8). */
  maxConsecutiveFailures?: number;
  /** First retry delay; doubles up to 5 s (default 250 ms). */
  retryDelayMs?: number;
}

export interface WatchHandle {
  stop(): void;
  /** Last resourceVersion seen (the resume point). */
  readonly resourceVersion: string;
  /** Resolves when the watch ends: stopped (no error) or gave up (the error). */
  readonly ended: Promise<{ error?: Error }>;
}

/** Something that can watch a collection path: KubeClient does; tests use a fake. */
export interface WatchSource {
  watch(path: string, params: QueryParams, onEvent: WatchListener, opts?: WatchOptions): Promise<WatchHandle>;
}

/**
 * Watch connections over the transport. The server ends each connection after `timeoutSeconds`
 * (default 240 s, so a silently dead connection is noticed); the resume logic reconnects.
 */
export function httpWatchConnector(transport: KubeTransport, timeoutSeconds = 240): WatchConnector {
  return {
    connect: (path, params, onLine, onClose) =>
      transport.stream(
        path,
        { timeoutSeconds, ...params, watch: true },
        (line) => onLine(stringAt(line, 'type') ?? '', isObject(line) ? line.object : undefined),
        onClose,
        { idleTimeoutMs: (timeoutSeconds + 60) * 1000 },
      ),
  };
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}

function statusCodeOf(err: unknown): number | undefined {
  const c = isObject(err) ? err.statusCode : (err as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof c === 'number' ? c : undefined;
}

function describeErr(err: unknown): string {
  if (err instanceof Error)
    return `${err.name}: ${err.message}${statusCodeOf(err) ? ` (HTTP ${statusCodeOf(err)})` : ''}`;
  if (isObject(err)) return JSON.stringify(err);
  return String(err);
}

const WATCH_ONLY_PARAMS = ['watch', 'resourceVersion', 'allowWatchBookmarks', 'timeoutSeconds', 'resourceVersionMatch'];

export async function startWatch(
  connector: WatchConnector,
  list: ListCollection,
  path: string,
  params: QueryParams,
  onEvent: WatchListener,
  opts: WatchOptions = {},
): Promise<WatchHandle> {
  const maxFailures = opts.maxConsecutiveFailures ?? 8;
  const baseDelay = opts.retryDelayMs ?? 250;
  let rv = opts.resourceVersion ?? '';
  let stopped = false;
  let failures = 0;
  let current: { abort(): void } | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  /** Last object seen per uid: dedupes replays and finds deletions missed across a relist. */
  const known = new Map<string, JsonObject>();
  let endResolve!: (v: { error?: Error }) => void;
  const ended = new Promise<{ error?: Error }>((r) => (endResolve = r));

  const deliver = (type: WatchEventType, obj: JsonObject): void => {
    const uid = uidOf(obj);
    const objRv = resourceVersionOf(obj);
    if (uid) {
      const prev = known.get(uid);
      if (type !== 'DELETED' && prev && resourceVersionOf(prev) === objRv) return; // replay of what we have
      if (type === 'DELETED') known.delete(uid);
      else known.set(uid, obj);
    }
    if (objRv) rv = objRv;
    onEvent(type, obj);
  };

  const finish = (error?: Error): void => {
    if (stopped) return;
    stopped = true;
    if (retryTimer) clearTimeout(retryTimer);
    current?.abort();
    endResolve(error ? { error } : {});
    if (error) opts.onError?.(error);
  };

  const relist = async (): Promise<void> => {
    const listParams: QueryParams = {};
    for (const [k, v] of Object.entries(params)) if (!WATCH_ONLY_PARAMS.includes(k)) listParams[k] = v;
    const res = await list(path, listParams);
    const seen = new Set<string>();
    for (const item of res.items) {
      seen.add(uidOf(item));
      deliver(known.has(uidOf(item)) ? 'MODIFIED' : 'ADDED', item);
    }
    for (const [uid, obj] of [...known]) if (!seen.has(uid)) deliver('DELETED', obj);
    rv = res.resourceVersion;
    opts.onResume?.(`resynchronised by a list at resourceVersion ${rv}`);
  };

  /**
   * One connection. On the first one a 4xx answer (forbidden, not found, bad selector) is returned
   * as `fatal` instead of being retried: the caller made a mistake, waiting will not fix it.
   */
  const connectOnce = async (first: boolean): Promise<{ fatal?: unknown }> => {
    let gotLine = false;
    let needRelist = false;
    let closed = false;
    let closeErr: unknown;
    let fatal: unknown;
    const onLine = (type: string, object: unknown): void => {
      if (stopped) return;
      gotLine = true;
      failures = 0;
      if (type === 'BOOKMARK') {
        const brv = resourceVersionOf(object);
        if (brv) rv = brv;
        return;
      }
      if (type === 'ERROR') {
        if (numberAt(object, 'code') === 410) needRelist = true;
        closeErr = new Error(
          `watch error event: ${stringAt(object, 'reason') ?? ''} ${stringAt(object, 'message') ?? JSON.stringify(object)}`,
        );
        current?.abort();
        return;
      }
      if ((type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') && isObject(object)) deliver(type, object);
    };
    const onClose = (err: unknown): void => {
      if (closed) return;
      closed = true;
      if (err && !closeErr) closeErr = err;
      const code = statusCodeOf(closeErr);
      if (code === 410) needRelist = true;
      if (stopped) return;
      if (first && !gotLine && code !== undefined && code >= 400 && code < 500 && code !== 410) {
        fatal = closeErr;
        return;
      }
      const failed = !gotLine && closeErr !== undefined && !isTimeout(closeErr);
      if (failed) failures++;
      if (failures >= maxFailures) {
        finish(new Error(`watch ${path} gave up after ${failures} failed connections: ${describeErr(closeErr)}`));
        return;
      }
      scheduleReconnect(failed ? Math.min(baseDelay * 2 ** (failures - 1), 5000) : 0, needRelist, closeErr);
    };
    const watchParams: QueryParams = { ...params, allowWatchBookmarks: true, resourceVersion: rv || undefined };
    try {
      current = await connector.connect(path, watchParams, onLine, onClose);
    } catch (e) {
      onClose(e);
    }
    if (stopped) current?.abort();
    return fatal === undefined ? {} : { fatal };
  };

  const scheduleReconnect = (delay: number, relistFirst: boolean, cause: unknown): void => {
    opts.onResume?.(
      `watch connection closed (${cause ? describeErr(cause) : 'by the server'}); ${
        relistFirst ? 'relisting' : `resuming from resourceVersion ${rv || '(none)'}`
      }${delay ? ` in ${delay} ms` : ''}`,
    );
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void (async () => {
        if (stopped) return;
        if (relistFirst) {
          try {
            await relist();
          } catch (e) {
            failures++;
            if (failures >= maxFailures) {
              finish(new Error(`watch ${path}: relist failed ${failures} times: ${describeErr(e)}`));
              return;
            }
            scheduleReconnect(Math.min(baseDelay * 2 ** (failures - 1), 5000), true, e);
            return;
          }
        }
        await connectOnce(false);
      })();
    }, delay);
  };

  const first = await connectOnce(true);
  if (first.fatal !== undefined) {
    finish();
    throw new Error(`watch ${path}: ${describeErr(first.fatal)}`);
  }
  return {
    stop: () => finish(),
    get resourceVersion() {
      return rv;
    },
    ended,
  };
}
