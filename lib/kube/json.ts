// Raw Kubernetes JSON, read defensively. Objects travel through the harness as plain JSON (never
// through client-node's typed models, whose serializer drops fields it does not know).

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a property path, or undefined when any step is missing or not an object. */
export function at(value: unknown, ...path: Array<string | number>): unknown {
  let cur: unknown = value;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[key];
    } else {
      if (!isObject(cur)) return undefined;
      cur = cur[key];
    }
  }
  return cur;
}

export function stringAt(value: unknown, ...path: Array<string | number>): string | undefined {
  const v = at(value, ...path);
  return typeof v === 'string' ? v : undefined;
}

export function numberAt(value: unknown, ...path: Array<string | number>): number | undefined {
  const v = at(value, ...path);
  return typeof v === 'number' ? v : undefined;
}

export function arrayAt(value: unknown, ...path: Array<string | number>): unknown[] {
  const v = at(value, ...path);
  return Array.isArray(v) ? v : [];
}

/** metadata.resourceVersion of an object, or "" */
export function resourceVersionOf(obj: unknown): string {
  return stringAt(obj, 'metadata', 'resourceVersion') ?? '';
}

export function uidOf(obj: unknown): string {
  return stringAt(obj, 'metadata', 'uid') ?? '';
}

export function nameOf(obj: unknown): string {
  return stringAt(obj, 'metadata', 'name') ?? '';
}
