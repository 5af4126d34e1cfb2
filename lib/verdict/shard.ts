// --shard i/n: one of n machines runs its share of the selected scenarios. The split is a pure function of
// the scenarios' names (suite, id, name), so every machine that reads the same suites with the same
// flags computes the same shares, whatever order its file system lists them in or its locale sorts them:
// the scenarios that will run are dealt round-robin in code-unit order of their names, so the work is
// balanced; the skipped ones are dealt the same way on their own, so every scenario lands in exactly one
// shard and the shards' reports together cover the selection once.

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** The items of one shard, in their given order. `runs` says which items do work (they are balanced first). */
export function shardOf<T>(
  items: readonly T[],
  shard: Shard,
  key: (item: T) => string,
  runs: (item: T) => boolean,
): T[] {
  const mine = new Set<T>();
  for (const group of [items.filter(runs), items.filter((i) => !runs(i))]) {
    const sorted = [...group].sort((a, b) => compareCodeUnits(key(a), key(b)));
    sorted.forEach((item, i) => {
      if (i % shard.count === shard.index - 1) mine.add(item);
    });
  }
  return items.filter((i) => mine.has(i));
}

/** Plain code-unit order: the same on every machine (localeCompare depends on the locale and ICU). */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "2/3" as a shard; undefined when the text is not i/n with 1 ≤ i ≤ n. */
export function parseShard(text: string): Shard | undefined {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index >= 1 && count >= 1 && index <= count && count <= 1000 ? { index, count } : undefined;
}
