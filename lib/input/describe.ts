// How an input problem speaks: "did you mean …?" for a misspelled key, and a found value described.
import { isObject } from '../kube/json.js';

/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => (d[i] as number[])[j] as number;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = v;
    }
  return at(a.length, b.length);
}

/**
 * The allowed key closest to `key`, if it is close enough to be a plausible typo: same letters
 * in another case, or at most a third of the key's length in single-character edits.
 */
export function closestKey(key: string, allowed: Iterable<string>): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    if (candidate.toLowerCase() === lower) return candidate;
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}

/** A found value in a problem's words: `42 (an integer)`, `an object`, `a list of 3 item(s)`. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'null (an empty value)';
  if (Array.isArray(v)) return `a list of ${v.length} item(s)`;
  if (isObject(v)) return 'an object';
  const text = JSON.stringify(v);
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `${shown} (${typeof v === 'number' ? (Number.isInteger(v) ? 'an integer' : 'a number') : `a ${typeof v}`})`;
}
