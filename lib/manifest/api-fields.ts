// The fields of one Kubernetes minor's API where they differ from the client models (see
// api-fields.generated.ts). A minor newer than the table uses the newest one's; an older one the oldest's.
import { compareVersions, parseVersion } from '../k8s-version.js';
import { API_FIELD_DELTAS } from './api-fields.generated.js';

export interface ApiFields {
  minor: string;
  /** The release whose OpenAPI the facts were read from. */
  release: string;
  absent: Set<string>;
  extra: Set<string>;
}

const cache = new Map<string, ApiFields>();

export function apiFieldsFor(minor: string): ApiFields {
  let fields = cache.get(minor);
  if (!fields) {
    const minors = Object.keys(API_FIELD_DELTAS).sort((a, b) => compareVersions(parseVersion(a), parseVersion(b)));
    const v = parseVersion(minor);
    const column =
      minors.find((m) => m === minor) ??
      (compareVersions(v, parseVersion(minors[0] as string)) < 0
        ? (minors[0] as string)
        : (minors[minors.length - 1] as string));
    const delta = API_FIELD_DELTAS[column] as (typeof API_FIELD_DELTAS)[string];
    fields = { minor, release: delta.release, absent: new Set(delta.absent), extra: new Set(delta.extra) };
    cache.set(minor, fields);
  }
  return fields;
}
