// YAML input with positions: the plain JSON value of a document plus a SourceMap that says where
// every object key and array item came from. Positions follow values by object identity, so they
// survive cloning (SourceMap.clone) and JSON patches (the patch hooks keep them in step), and one
// map can serve values from several files (a suite and the pod files it names).
import { readFile } from 'node:fs/promises';
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  parseDocument,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import type { InputProblem } from '../errors.js';

export interface SourcePosition {
  file: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

/** Where to point for a JSON pointer: at the key that names the value, or at the value itself. */
export type Anchor = 'key' | 'value';

/** Finds the position of a JSON pointer inside some document. */
export type Locator = (pointer: string, anchor?: Anchor) => SourcePosition;

interface KeyPositions {
  key: SourcePosition;
  value: SourcePosition;
}
type Positions =
  | { kind: 'object'; at: SourcePosition; keys: Map<string, KeyPositions> }
  | { kind: 'array'; at: SourcePosition; items: SourcePosition[] };

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function joinPointer(base: string, ...segments: Array<string | number>): string {
  return base + segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

// defineProperty: a key such as "__proto__" in input stays data and never changes a prototype.
const setOwn = (obj: Record<string, unknown>, key: string, value: unknown) =>
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });

const isContainer = (v: unknown): v is object => typeof v === 'object' && v !== null;

export class SourceMap {
  private readonly positions = new WeakMap<object, Positions>();

  /** Position of `pointer` inside `root`; the nearest known ancestor when the exact place is unknown. */
  locate(root: unknown, pointer: string, anchor: Anchor = 'value', fallback?: SourcePosition): SourcePosition {
    const rootInfo = isContainer(root) ? this.positions.get(root) : undefined;
    let best: SourcePosition | undefined = rootInfo?.at ?? fallback;
    let current: unknown = root;
    const segments = parsePointer(pointer);
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i] as string;
      if (!isContainer(current)) break;
      const info = this.positions.get(current);
      const last = i === segments.length - 1;
      if (info?.kind === 'object') {
        const entry = info.keys.get(seg);
        if (entry) {
          if (last) return anchor === 'key' ? entry.key : entry.value;
          best = entry.value;
        }
      } else if (info?.kind === 'array') {
        const item = info.items[Number(seg)];
        if (item) {
          if (last) return item;
          best = item;
        }
      }
      current = (current as Record<string, unknown>)[seg];
      const own = isContainer(current) ? this.positions.get(current) : undefined;
      if (own) best = own.at;
    }
    return best ?? { file: '', line: 0, column: 0 };
  }

  /** A Locator bound to one root value. */
  locator(root: unknown, fallback?: SourcePosition): Locator {
    return (pointer, anchor) => this.locate(root, pointer, anchor, fallback);
  }

  /** Deep copy (JSON data only) that keeps the positions of the original. */
  clone<T>(value: T): T {
    if (!isContainer(value)) return value;
    const info = this.positions.get(value);
    if (Array.isArray(value)) {
      const copy = value.map((v) => this.clone(v as unknown));
      if (info?.kind === 'array') this.positions.set(copy, { kind: 'array', at: info.at, items: [...info.items] });
      return copy as T;
    }
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setOwn(copy, k, this.clone(v));
    if (info?.kind === 'object') this.positions.set(copy, { kind: 'object', at: info.at, keys: new Map(info.keys) });
    return copy as T;
  }

  // ---- hooks for edits (JSON patches): keep positions in step with the data ----------------------

  /** `parent[key]` was set by an edit located at `at` (key) and `valueAt` (value). */
  keySet(parent: object, key: string, at: SourcePosition, valueAt: SourcePosition = at): void {
    const info = this.positions.get(parent);
    if (Array.isArray(parent)) {
      if (info?.kind === 'array') info.items[Number(key)] = valueAt;
    } else if (info?.kind === 'object') {
      info.keys.set(key, { key: at, value: valueAt });
    } else {
      this.positions.set(parent, { kind: 'object', at, keys: new Map([[key, { key: at, value: valueAt }]]) });
    }
  }

  itemInserted(array: unknown[], index: number, at: SourcePosition): void {
    const info = this.positions.get(array);
    if (info?.kind === 'array') info.items.splice(index, 0, at);
  }

  removed(parent: object, key: string): void {
    const info = this.positions.get(parent);
    if (info?.kind === 'array') info.items.splice(Number(key), 1);
    else if (info?.kind === 'object') info.keys.delete(key);
  }

  // ---- building from YAML ------------------------------------------------------------------------

  /** Converts a YAML node to plain JSON data, recording positions. */
  fromYaml(node: YamlNode | null | undefined, doc: Document, pos: (offset: number) => SourcePosition): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.fromYaml(node.resolve(doc) as YamlNode | undefined, doc, pos);
    if (isScalar(node)) return node.value === undefined ? null : node.value;
    const at = pos(node.range?.[0] ?? 0);
    if (isSeq(node)) {
      const items: SourcePosition[] = [];
      const out = node.items.map((item) => {
        const n = item as YamlNode | null;
        items.push(n?.range ? pos(n.range[0]) : at);
        return this.fromYaml(n, doc, pos);
      });
      this.positions.set(out, { kind: 'array', at, items });
      return out;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const keys = new Map<string, KeyPositions>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const valueNode = pair.value as YamlNode | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : JSON.stringify(this.fromYaml(keyNode, doc, pos));
        const keyAt = keyNode?.range ? pos(keyNode.range[0]) : at;
        keys.set(key, { key: keyAt, value: valueNode?.range ? pos(valueNode.range[0]) : keyAt });
        setOwn(out, key, this.fromYaml(valueNode, doc, pos));
      }
      this.positions.set(out, { kind: 'object', at, keys });
      return out;
    }
    return null;
  }
}

export interface YamlDocument {
  file: string;
  /** The document as plain JSON data; undefined when it could not be parsed. */
  value: unknown;
  /** Position of the document start, for problems about the whole document. */
  at: SourcePosition;
  problems: InputProblem[];
}

type YamlError = { message: string; pos: [number, number]; linePos?: [{ line: number; col: number }, ...unknown[]] };

/** Positions in `file` from offsets, and the YAML library's errors as problems there (one and many documents alike). */
function positionsOf(file: string, lineCounter: LineCounter) {
  const pos = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const problemsOf = (errors: YamlError[]): InputProblem[] =>
    errors.map((e) => {
      const where = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
      return {
        file,
        line: where.line,
        column: where.col,
        path: '',
        found: `invalid YAML (${e.message.split('\n')[0]})`,
        expected: 'well-formed YAML',
      };
    });
  return { pos, problemsOf };
}

/** Parses one YAML document. Syntax errors (and duplicate keys) become problems with positions. */
export function parseYaml(text: string, file: string, map: SourceMap): YamlDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const { pos, problemsOf } = positionsOf(file, lineCounter);
  const problems = problemsOf(doc.errors);
  const value = problems.length ? undefined : map.fromYaml(doc.contents as YamlNode | null, doc, pos);
  return { file, value, at: doc.contents?.range ? pos(doc.contents.range[0]) : { file, line: 1, column: 1 }, problems };
}

/**
 * Parses every document of a multi-document YAML text ("---" separated), each with its own positions.
 * Documents that are empty (only comments, or nothing between two separators) come back with value null.
 */
export function parseYamlAll(text: string, file: string, map: SourceMap): YamlDocument[] {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const { pos, problemsOf } = positionsOf(file, lineCounter);
  if ('empty' in parsed) {
    // No document at all: only the stream's own errors, if any.
    const problems = problemsOf(parsed.errors);
    return problems.length ? [{ file, value: undefined, at: { file, line: 1, column: 1 }, problems }] : [];
  }
  return parsed.map((doc) => {
    const problems = problemsOf(doc.errors);
    const value = problems.length ? undefined : map.fromYaml(doc.contents as YamlNode | null, doc, pos);
    return { file, value, at: doc.contents?.range ? pos(doc.contents.range[0]) : pos(doc.range?.[0] ?? 0), problems };
  });
}
/** Reads and parses a YAML file; a missing or unreadable file is a problem, not an exception. */
export async function readYaml(file: string, map: SourceMap, displayName = file): Promise<YamlDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const found = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : `unreadable file (${code})`;
    return {
      file: displayName,
      value: undefined,
      at: { file: displayName, line: 0, column: 0 },
      problems: [{ file: displayName, line: 0, column: 0, path: '', found, expected: 'a readable YAML file' }],
    };
  }
  return parseYaml(text, displayName, map);
}

export function problemAt(at: SourcePosition, path: string, found: string, expected: string): InputProblem {
  return { file: at.file, line: at.line, column: at.column, path, found, expected };
}
