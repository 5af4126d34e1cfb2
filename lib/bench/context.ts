// What every benchmark part works with: the API, its own namespace, a log, and the run's time bound.
import type { KubeClient } from '../kube/client.js';

export interface BenchContext {
  client: KubeClient;
  /** The benchmark's own namespace (created and removed by the run). */
  namespace: string;
  log: (line: string) => void;
  /** No new repetition starts after this instant (ms since the epoch): the run is bounded in time. */
  stopStartingAt: number;
  /** Milliseconds since the epoch; injectable for tests. */
  now: () => number;
}

/** Whether the time bound has passed; the caller says what it skipped. */
export function outOfTime(c: BenchContext): boolean {
  return c.now() >= c.stopStartingAt;
}

/** Runs `fn` over `items` with at most `limit` at a time; resolves when all are done, rejects with the first error. */
export async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
