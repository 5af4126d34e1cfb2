// The structure of the Pod API, taken from the models @kubernetes/client-node generates from the
// Kubernetes OpenAPI (client-node 2.0.1: release-1.36). Each model class carries
// `attributeTypeMap` (JSON key, type, format); which fields are required is only visible in the
// generated declarations (`'name': string` vs `'image'?: string`), so those are read too.
// Only the models reachable from the root are loaded (about 130 for V1Pod): importing the whole
// client takes seconds and pulls in its HTTP stack.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export type TypeExpr =
  | { kind: 'string' | 'boolean' | 'date' | 'int-or-string' | 'quantity' | 'any' }
  | { kind: 'integer'; format: string }
  | { kind: 'number' }
  | { kind: 'array'; of: TypeExpr }
  | { kind: 'map'; of: TypeExpr }
  | { kind: 'model'; name: string };

export interface FieldModel {
  /** The JSON key. */
  key: string;
  type: TypeExpr;
  required: boolean;
}

export interface ObjectModel {
  /** Generated class name, e.g. V1ContainerRestartRule. */
  name: string;
  fields: Map<string, FieldModel>;
}

export interface ApiModels {
  root: string;
  get(name: string): ObjectModel | undefined;
}

const MODELS = '@kubernetes/client-node/dist/gen/models/';

/**
 * resource.Quantity is typed `string` in the generated client, but the API server accepts a JSON
 * number too (`cpu: 1`). These are the Quantity fields reachable from a Pod.
 */
const QUANTITY_FIELDS = new Set([
  'V1ResourceRequirements.limits',
  'V1ResourceRequirements.requests',
  'V1VolumeResourceRequirements.limits',
  'V1VolumeResourceRequirements.requests',
  'V1EmptyDirVolumeSource.sizeLimit',
  'V1PodSpec.overhead',
  'V1ResourceFieldSelector.divisor',
]);

const ARRAY = /^Array<(.+)>$/;
const MAP = /^\{ \[key: string\]: (.+); \}$/;

/** Parses a generated type text such as `Array<V1EnvVar>` or `{ [key: string]: string; }`. */
export function parseTypeExpr(text: string, format = ''): TypeExpr {
  const t = text.trim();
  const arr = ARRAY.exec(t);
  if (arr) return { kind: 'array', of: parseTypeExpr(arr[1] as string, format) };
  const map = MAP.exec(t);
  if (map) return { kind: 'map', of: parseTypeExpr(map[1] as string, format) };
  switch (t) {
    case 'string':
      return { kind: 'string' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'number':
      return format === 'int32' || format === 'int64' ? { kind: 'integer', format } : { kind: 'number' };
    case 'Date':
      return { kind: 'date' };
    case 'IntOrString':
      return { kind: 'int-or-string' };
    case 'any':
      return format === 'int-or-string' ? { kind: 'int-or-string' } : { kind: 'any' };
    default:
      // Generated enums would appear here as names without a model class; client-node 2.0.1 has
      // none (enum fields are typed `string`), so an unknown name is accepted as anything.
      return /^[A-Z][A-Za-z0-9]*$/.test(t) ? { kind: 'model', name: t } : { kind: 'any' };
  }
}

function modelNames(type: TypeExpr): string[] {
  if (type.kind === 'model') return [type.name];
  if (type.kind === 'array' || type.kind === 'map') return modelNames(type.of);
  return [];
}

interface GeneratedModel {
  attributeTypeMap: Array<{ name: string; baseName: string; type: string; format: string }>;
}

/** Property names the generated declaration marks optional (`'x'?:`); undefined when not readable. */
async function optionalProperties(dir: string, name: string): Promise<Set<string> | undefined> {
  try {
    const text = await readFile(path.join(dir, `${name}.d.ts`), 'utf8');
    const optional = new Set<string>();
    for (const m of text.matchAll(/^\s+'([^']+)'(\?)?:/gm)) if (m[2]) optional.add(m[1] as string);
    return optional;
  } catch {
    return undefined;
  }
}

async function load(root: string): Promise<ApiModels> {
  const dir = path.dirname(createRequire(import.meta.url).resolve(`${MODELS}${root}.js`));
  const models = new Map<string, ObjectModel | null>([[root, null]]);
  let pending = [root];
  while (pending.length) {
    const batch = pending;
    pending = [];
    const loaded = await Promise.all(
      batch.map(async (name) => {
        const mod = (await import(`${MODELS}${name}.js`).catch(() => undefined)) as
          Record<string, GeneratedModel | undefined> | undefined;
        return { name, cls: mod?.[name], optional: await optionalProperties(dir, name) };
      }),
    );
    for (const { name, cls, optional } of loaded) {
      if (!cls?.attributeTypeMap) {
        models.set(name, null);
        continue;
      }
      const fields = new Map<string, FieldModel>();
      for (const a of cls.attributeTypeMap) {
        const type = QUANTITY_FIELDS.has(`${name}.${a.baseName}`)
          ? retype(parseTypeExpr(a.type, a.format), { kind: 'quantity' })
          : parseTypeExpr(a.type, a.format);
        // Without a readable declaration nothing is known to be required: check less, never wrongly.
        fields.set(a.baseName, { key: a.baseName, type, required: optional ? !optional.has(a.name) : false });
        for (const n of modelNames(type))
          if (!models.has(n)) {
            models.set(n, null);
            pending.push(n);
          }
      }
      models.set(name, { name, fields });
    }
  }
  return { root, get: (name) => models.get(name) ?? undefined };
}

/** Replaces the innermost element type (a map of Quantity stays a map). */
function retype(type: TypeExpr, leaf: TypeExpr): TypeExpr {
  if (type.kind === 'array' || type.kind === 'map') return { kind: type.kind, of: retype(type.of, leaf) };
  return leaf;
}

const cache = new Map<string, Promise<ApiModels>>();

/** The models reachable from `root` (default V1Pod), loaded once per process. */
export function loadApiModels(root = 'V1Pod'): Promise<ApiModels> {
  let p = cache.get(root);
  if (!p) {
    p = load(root);
    cache.set(root, p);
  }
  return p;
}

/** "V1ContainerRestartRule" → "ContainerRestartRule": the name users know from the API reference. */
export function displayModelName(name: string): string {
  return name.replace(/^(V\d+((alpha|beta)\d+)?|Core\w*?V1)(?=[A-Z])/, '');
}
