import { isObject } from '../kube/json.js';
// RFC 6902 JSON Patch over plain JSON data. Small and strict on purpose: a scenario's patches must
// apply to exactly the manifest the author had in mind, so a missing path is an error, never a no-op.

export type JsonPatchOp =
  | { op: 'add' | 'replace' | 'test'; path: string; value?: unknown; from?: string }
  | { op: 'remove'; path: string; value?: unknown; from?: string }
  | { op: 'move' | 'copy'; path: string; from?: string; value?: unknown };

/** Why operation `index` could not be applied; `field` names the member of the operation at fault. */
export interface JsonPatchFailure {
  index: number;
  field: 'op' | 'path' | 'from' | 'value';
  reason: string;
}

export type JsonPatchResult = { ok: true; value: unknown } | { ok: false; failure: JsonPatchFailure };

/** Lets a caller keep data that rides along with the values (source positions) in step. */
export interface JsonPatchHooks {
  /** Copies a value that is inserted (default: structuredClone). */
  clone?(value: unknown, opIndex: number): unknown;
  /** parent[key] now holds a value written by operation `opIndex`; `inserted`: an array grew at `key`. */
  set?(parent: object, key: string, opIndex: number, inserted: boolean): void;
  /** parent[key] was removed (array items after it moved down by one). */
  removed?(parent: object, key: string): void;
}

class Failure extends Error {
  constructor(
    readonly field: JsonPatchFailure['field'],
    readonly reason: string,
  ) {
    super(reason);
  }
}

function segmentsOf(pointer: string, field: 'path' | 'from'): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Failure(field, `"${pointer}" is not a JSON pointer (must start with "/")`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (isObject(v)) return 'an object';
  return v === undefined ? 'nothing' : `the value ${JSON.stringify(v)}`;
}

function arrayIndex(arr: unknown[], seg: string, field: 'path' | 'from', pointer: string, allowEnd: boolean): number {
  if (!/^(0|[1-9][0-9]*)$/.test(seg)) throw new Failure(field, `"${seg}" in ${pointer} is not an array index`);
  const i = Number(seg);
  const max = allowEnd ? arr.length : arr.length - 1;
  if (i > max) throw new Failure(field, `${pointer} does not exist (the list has ${arr.length} item(s))`);
  return i;
}

/** The container holding the last segment of `pointer`. */
function parentOf(root: unknown, segs: string[], field: 'path' | 'from', pointer: string): object {
  let cur: unknown = root;
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i] as string;
    const here = '/' + segs.slice(0, i + 1).join('/');
    if (Array.isArray(cur)) cur = cur[arrayIndex(cur, seg, field, here, false)];
    else if (isObject(cur) && Object.hasOwn(cur, seg)) cur = cur[seg];
    else throw new Failure(field, `${here} does not exist`);
  }
  if (typeof cur !== 'object' || cur === null)
    throw new Failure(field, `the parent of ${pointer} is ${describe(cur)}, not an object or list`);
  return cur;
}

function get(root: unknown, pointer: string, field: 'path' | 'from'): unknown {
  const segs = segmentsOf(pointer, field);
  if (segs.length === 0) return root;
  const parent = parentOf(root, segs, field, pointer);
  const last = segs[segs.length - 1] as string;
  if (Array.isArray(parent)) return parent[arrayIndex(parent, last, field, pointer, false)];
  if (!Object.hasOwn(parent, last)) throw new Failure(field, `${pointer} does not exist`);
  return (parent as Record<string, unknown>)[last];
}

function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty: a key such as "__proto__" stays data and never changes the prototype.
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Applies `ops` in order. The document is modified in place (pass a copy); the result holds the new
 * root, which differs from the input only when an operation replaced the whole document.
 */
export function applyJsonPatch(doc: unknown, ops: readonly JsonPatchOp[], hooks: JsonPatchHooks = {}): JsonPatchResult {
  const clone = (v: unknown, i: number) => (hooks.clone ? hooks.clone(v, i) : structuredClone(v));
  let root = doc;

  const add = (pointer: string, value: unknown, i: number) => {
    const segs = segmentsOf(pointer, 'path');
    if (segs.length === 0) {
      root = value;
      return;
    }
    const parent = parentOf(root, segs, 'path', pointer);
    const last = segs[segs.length - 1] as string;
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : arrayIndex(parent, last, 'path', pointer, true);
      parent.splice(index, 0, value);
      hooks.set?.(parent, String(index), i, true);
    } else {
      setOwn(parent as Record<string, unknown>, last, value);
      hooks.set?.(parent, last, i, false);
    }
  };

  const remove = (pointer: string, field: 'path' | 'from') => {
    const segs = segmentsOf(pointer, field);
    if (segs.length === 0) throw new Failure(field, 'the whole document cannot be removed');
    const parent = parentOf(root, segs, field, pointer);
    const last = segs[segs.length - 1] as string;
    if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, field, pointer, false), 1);
    else if (Object.hasOwn(parent, last)) delete (parent as Record<string, unknown>)[last];
    else throw new Failure(field, `${pointer} does not exist`);
    hooks.removed?.(parent, last);
  };

  for (const [i, op] of ops.entries()) {
    try {
      switch (op.op) {
        case 'add':
        case 'replace':
        case 'test': {
          if (!('value' in op)) throw new Failure('value', `"${op.op}" needs a value`);
          if (op.op === 'test') {
            const current = get(root, op.path, 'path');
            if (!deepEqual(current, op.value))
              throw new Failure('value', `test failed: ${op.path} holds ${JSON.stringify(current)}`);
            break;
          }
          if (op.op === 'replace') get(root, op.path, 'path'); // must exist
          if (op.op === 'replace' && op.path !== '') {
            const segs = segmentsOf(op.path, 'path');
            const parent = parentOf(root, segs, 'path', op.path);
            const last = segs[segs.length - 1] as string;
            const value = clone(op.value, i);
            if (Array.isArray(parent)) parent[arrayIndex(parent, last, 'path', op.path, false)] = value;
            else setOwn(parent as Record<string, unknown>, last, value);
            hooks.set?.(parent, last, i, false);
          } else {
            add(op.path, clone(op.value, i), i);
          }
          break;
        }
        case 'remove':
          remove(op.path, 'path');
          break;
        case 'move':
        case 'copy': {
          if (op.from === undefined) throw new Failure('from', `"${op.op}" needs a from pointer`);
          const value = get(root, op.from, 'from');
          if (op.op === 'move') {
            if (op.path.startsWith(op.from + '/'))
              throw new Failure('path', `cannot move ${op.from} into its own child ${op.path}`);
            remove(op.from, 'from');
            add(op.path, value, i); // same object: positions of the moved content stay valid
          } else {
            add(op.path, clone(value, i), i);
          }
          break;
        }
        default:
          throw new Failure('op', `unknown operation "${(op as { op: string }).op}"`);
      }
    } catch (e) {
      if (e instanceof Failure) return { ok: false, failure: { index: i, field: e.field, reason: e.reason } };
      throw e;
    }
  }
  return { ok: true, value: root };
}
