// A scenario's pod: read from a file, a shipped pod or the suite itself, then patched. Positions
// stay attached to the data (SourceMap), so later checks point into the pod file for original
// content and into the suite's patch operation for patched-in content.
import path from 'node:path';
import type { InputProblem } from '../errors.js';
import { applyJsonPatch, type JsonPatchOp } from '../manifest/json-patch.js';
import { closestKey } from '../input/describe.js';
import type { PodSourceT } from './schema.js';
import { shippedPodFile, shippedPodNames } from './shipped.js';
import {
  joinPointer,
  problemAt,
  readYaml,
  type Locator,
  type SourceMap,
  type YamlDocument,
} from '../input/yaml-source.js';
import { isObject } from '../kube/json.js';

export interface PodContext {
  map: SourceMap;
  /** Absolute path of the suite file (pod files are relative to it). */
  suiteFile: string;
  /** Positions in the suite. */
  locateSuite: Locator;
  /** Pointer of the scenario's `pod` in the suite, e.g. /scenarios/2/pod */
  pointer: string;
  /** Pod files read so far, by absolute path: each is read once per load. */
  cache: Map<string, Promise<YamlDocument>>;
  /** How to show a path in messages. */
  display(file: string): string;
}

export interface ResolvedPod {
  /** The manifest exactly as it will be sent; undefined when it could not be built. */
  manifest?: Record<string, unknown>;
  /** Positions inside `manifest`. */
  locate: Locator;
  problems: InputProblem[];
}

function readCached(ctx: PodContext, file: string): Promise<YamlDocument> {
  let doc = ctx.cache.get(file);
  if (!doc) {
    doc = readYaml(file, ctx.map, ctx.display(file));
    ctx.cache.set(file, doc);
  }
  return doc;
}

async function baseManifest(
  ctx: PodContext,
  source: PodSourceT,
): Promise<{ value?: unknown; problems: InputProblem[] }> {
  if ('manifest' in source) return { value: source.manifest, problems: [] };
  const at = ctx.locateSuite(joinPointer(ctx.pointer, 'file' in source ? 'file' : 'builtin'), 'value');
  let file: string;
  if ('builtin' in source) {
    const names = shippedPodNames();
    if (!names.includes(source.builtin)) {
      const guess = closestKey(source.builtin, names);
      return {
        problems: [
          problemAt(
            at,
            joinPointer(ctx.pointer, 'builtin'),
            `"${source.builtin}"`,
            `a pod shipped with inplace-e2e: ${names.join(', ')}${guess ? ` (did you mean "${guess}"?)` : ''}`,
          ),
        ],
      };
    }
    file = shippedPodFile(source.builtin);
  } else {
    file = path.resolve(path.dirname(ctx.suiteFile), source.file);
  }
  const doc = await readCached(ctx, file);
  if (doc.problems.length && doc.at.line === 0) {
    // The file itself is missing: say so where the suite names it.
    const found = `"${'file' in source ? source.file : file}" (${doc.problems[0]?.found ?? 'unreadable'})`;
    return {
      problems: [
        problemAt(at, joinPointer(ctx.pointer, 'file'), found, 'a pod manifest file, relative to the suite file'),
      ],
    };
  }
  return { value: doc.value, problems: doc.problems };
}

/** Builds the scenario's pod manifest: base manifest, then its JSON patches in order. */
export async function resolvePod(ctx: PodContext, source: PodSourceT): Promise<ResolvedPod> {
  const fallback = ctx.locateSuite(ctx.pointer, 'value');
  const base = await baseManifest(ctx, source);
  if (base.problems.length || base.value === undefined) return { locate: () => fallback, problems: base.problems };

  const opPointer = (i: number, member: string) => joinPointer(ctx.pointer, 'patches', i, member);
  const ops = (source.patches ?? []) as JsonPatchOp[];
  const result = applyJsonPatch(ctx.map.clone(base.value), ops, {
    clone: (v) => ctx.map.clone(v),
    set: (parent, key, i, inserted) => {
      const op = ops[i];
      const keyAt = ctx.locateSuite(opPointer(i, 'path'), 'value');
      const valueAt = op && 'value' in op ? ctx.locateSuite(opPointer(i, 'value'), 'value') : keyAt;
      if (inserted && Array.isArray(parent)) ctx.map.itemInserted(parent, Number(key), valueAt);
      else ctx.map.keySet(parent, key, keyAt, valueAt);
    },
    removed: (parent, key) => ctx.map.removed(parent, key),
  });
  if (!result.ok) {
    const { index, field, reason } = result.failure;
    const expected =
      field === 'path' || field === 'from'
        ? 'a pointer into the pod manifest as it is at this operation (for add: its parent must exist)'
        : field === 'value'
          ? 'a value that fits the operation'
          : 'add, remove, replace, move, copy or test';
    const pointer = opPointer(index, field);
    const op = ops[index] as Record<string, unknown> | undefined;
    const given = field === 'path' || field === 'from' ? `"${String(op?.[field])}": ` : '';
    return {
      locate: () => fallback,
      problems: [problemAt(ctx.locateSuite(pointer, 'value'), pointer, given + reason, expected)],
    };
  }
  if (!isObject(result.value)) {
    return {
      locate: () => fallback,
      problems: [problemAt(fallback, ctx.pointer, 'a pod manifest that is not an object', 'a v1 Pod manifest')],
    };
  }
  const manifest = result.value;
  return { manifest, locate: ctx.map.locator(manifest, fallback), problems: [] };
}
