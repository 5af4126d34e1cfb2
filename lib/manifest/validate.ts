// Structural check of Pod manifests before anything reaches a cluster: unknown fields (typos and
// invented keys such as `onExit`), wrong JSON types and missing required keys, judged against the
// Pod API models (model.ts). Values are deliberately NOT judged: 21 rules, `operator: Foo` or a
// missing container restartPolicy are well-formed, and negative scenarios need the API server to
// reject them.
import type { InputProblem } from '../errors.js';
import { displayModelName, loadApiModels, type ApiModels, type TypeExpr } from './model.js';
import { closestKey } from './suggest.js';

/** Anything that maps a JSON pointer to a position; see lib/suite/yaml-source.ts (Locator). */
export type PointerLocator = (
  pointer: string,
  anchor?: 'key' | 'value',
) => { file: string; line: number; column: number };

/**
 * identity: not a v1 Pod with a name (the harness cannot run it). unknown-field / type / required:
 * the API server would refuse the object under strict field validation.
 */
export type ManifestRule = 'identity' | 'unknown-field' | 'type' | 'required';

export interface ManifestFinding extends InputProblem {
  rule: ManifestRule;
}

export interface PodCheckOptions {
  /** Positions for pointers. Without it, findings carry `file` and line 0. */
  locate?: PointerLocator;
  file?: string;
  /**
   * Check a patch body instead of a whole Pod: no identity check, no required keys; 'strategic'
   * also allows the strategic-merge directives (`$patch`, `$setElementOrder/…`, `$retainKeys`, …).
   */
  partial?: 'merge' | 'strategic';
}

/**
 * Fields that public texts get wrong, with what is true instead (spec §0: the released API has no
 * `onExit` or `when` wrapper in a restart rule).
 */
const KNOWN_WRONG_FIELDS: Record<string, Record<string, string>> = {
  V1ContainerRestartRule: {
    onExit:
      'no such field; `exitCodes` sits directly under the rule (the `onExit:` wrapper shown by the KEP and the v1.35 blog is not in the API)',
    when: 'no such field; `exitCodes` sits directly under the rule (the `when:` wrapper was removed before release)',
  },
};

/** Small models list their fields in messages; for big ones (Container has ~25) a suggestion is clearer. */
const LIST_FIELDS_UP_TO = 12;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'null (an empty value)';
  if (Array.isArray(v)) return `a list of ${v.length} item(s)`;
  if (isObject(v)) return 'an object';
  const text = JSON.stringify(v);
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `${shown} (${typeof v === 'number' ? (Number.isInteger(v) ? 'an integer' : 'a number') : `a ${typeof v}`})`;
}

function describeType(t: TypeExpr): string {
  switch (t.kind) {
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'integer':
      return `an integer (${t.format})`;
    case 'number':
      return 'a number';
    case 'date':
      return 'an RFC 3339 timestamp string';
    case 'int-or-string':
      return 'an integer or a string';
    case 'quantity':
      return 'a quantity such as "100m" or 1';
    case 'any':
      return 'any value';
    case 'array':
      return `a list of ${describeType(t.of).replace(/^an? /, '')}s`.replace(/ss$/, 's');
    case 'map':
      return `a map of string to ${describeType(t.of)}`;
    case 'model':
      return `an object (${displayModelName(t.name)})`;
  }
}

function typeFits(t: TypeExpr, v: unknown): boolean {
  switch (t.kind) {
    case 'string':
    case 'date':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'int-or-string':
      return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
    case 'quantity':
      return typeof v === 'string' || typeof v === 'number';
    case 'any':
      return true;
    case 'array':
      return Array.isArray(v);
    case 'map':
    case 'model':
      return isObject(v);
  }
}

const child = (pointer: string, key: string | number) =>
  `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

class Walker {
  readonly findings: ManifestFinding[] = [];

  constructor(
    private readonly models: ApiModels,
    private readonly options: PodCheckOptions,
  ) {}

  report(rule: ManifestRule, pointer: string, anchor: 'key' | 'value', found: string, expected: string, at = pointer) {
    const pos = this.options.locate?.(at, anchor) ?? { file: this.options.file ?? '', line: 0, column: 0 };
    this.findings.push({ rule, file: pos.file, line: pos.line, column: pos.column, path: pointer, found, expected });
  }

  walk(value: unknown, type: TypeExpr, pointer: string): void {
    if (value === null || value === undefined) return; // null means "unset" to the API server
    if (!typeFits(type, value)) {
      this.report('type', pointer, 'value', describeValue(value), describeType(type));
      return;
    }
    if (type.kind === 'array') (value as unknown[]).forEach((item, i) => this.walk(item, type.of, child(pointer, i)));
    else if (type.kind === 'map')
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) this.walk(v, type.of, child(pointer, k));
    else if (type.kind === 'model') this.walkModel(value as Record<string, unknown>, type.name, pointer);
  }

  private walkModel(value: Record<string, unknown>, name: string, pointer: string): void {
    const model = this.models.get(name);
    if (!model) return; // not in the generated client: nothing to judge by
    for (const [key, v] of Object.entries(value)) {
      const field = model.fields.get(key);
      if (field) {
        this.walk(v, field.type, child(pointer, key));
        continue;
      }
      if (this.options.partial === 'strategic' && key.startsWith('$')) continue;
      const known = KNOWN_WRONG_FIELDS[name]?.[key];
      const allowed = [...model.fields.keys()];
      const list = allowed.length <= LIST_FIELDS_UP_TO ? ` (fields: ${allowed.join(', ')})` : '';
      const closest = closestKey(key, allowed);
      const expected =
        known ??
        (closest
          ? `no such field in ${displayModelName(name)}; did you mean "${closest}"?`
          : `a field of ${displayModelName(name)}`);
      this.report('unknown-field', child(pointer, key), 'key', `unknown field "${key}"`, expected + list);
    }
    if (this.options.partial) return;
    for (const field of model.fields.values())
      if (field.required && (value[field.key] === undefined || value[field.key] === null))
        this.report(
          'required',
          child(pointer, field.key),
          'value',
          `no "${field.key}"`,
          `"${field.key}" (required in ${displayModelName(name)}): ${describeType(field.type)}`,
          pointer,
        );
  }
}

/** What the harness itself needs: a v1 Pod with a fixed name (it watches the pod by name). */
function checkIdentity(w: Walker, pod: unknown): boolean {
  if (!isObject(pod)) {
    w.report('identity', '', 'value', describeValue(pod), 'a v1 Pod manifest (an object)');
    return false;
  }
  // A missing key is pointed at through its parent; a wrong value at the value itself.
  const expect = (parent: Record<string, unknown>, parentPointer: string, key: string, ok: boolean, expected: string) => {
    if (ok) return;
    const pointer = `${parentPointer}/${key}`;
    const absent = parent[key] === undefined;
    w.report('identity', pointer, 'value', absent ? `no "${key}"` : describeValue(parent[key]), expected, absent ? parentPointer : pointer);
  };
  expect(pod, '', 'apiVersion', pod.apiVersion === 'v1', '"v1"');
  expect(pod, '', 'kind', pod.kind === 'Pod', '"Pod"');
  const nameExpected = 'a pod name (the harness watches the pod by name; generateName is not supported)';
  if (isObject(pod.metadata))
    expect(pod.metadata, '/metadata', 'name', typeof pod.metadata.name === 'string' && pod.metadata.name !== '', nameExpected);
  else w.report('identity', '/metadata/name', 'value', 'no "metadata.name"', nameExpected, pod.metadata === undefined ? '' : '/metadata');
  return true;
}

/** Checks a Pod manifest (or, with `partial`, a patch body for a Pod) against the API models. */
export function checkPodWith(models: ApiModels, pod: unknown, options: PodCheckOptions = {}): ManifestFinding[] {
  const w = new Walker(models, options);
  if (!options.partial) {
    if (!checkIdentity(w, pod)) return w.findings;
  } else if (!isObject(pod)) {
    w.report('type', '', 'value', describeValue(pod), 'a partial Pod (an object)');
    return w.findings;
  }
  const reported = new Set(w.findings.map((f) => f.path));
  const rest = w.findings.length;
  w.walk(pod, { kind: 'model', name: models.root }, '');
  // A wrong apiVersion/kind/name was already reported as identity; do not repeat it as a type error.
  w.findings.splice(rest, Infinity, ...w.findings.slice(rest).filter((f) => !reported.has(f.path)));
  return w.findings;
}

/** Checks a Pod manifest against the Pod API of @kubernetes/client-node (loaded on first use). */
export async function checkPodManifest(pod: unknown, options: PodCheckOptions = {}): Promise<ManifestFinding[]> {
  return checkPodWith(await loadApiModels('V1Pod'), pod, options);
}

