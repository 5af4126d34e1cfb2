// Structural check of Pod manifests before anything reaches a cluster: unknown fields (typos and
// invented keys such as `onExit`), wrong JSON types and missing required keys, judged against the
// Pod API models (model.ts) as the API of one Kubernetes minor has them (api-fields.ts). Values are
// judged apart, by the API server's own restart-rule validation (restart-rules.ts); apiRuleProblems
// turns its findings into positioned problems, and the caller decides what is an error (a negative
// scenario expects the API server to reject them).
import type { InputProblem } from '../errors.js';
import { apiFieldsFor } from './api-fields.js';
import { describeAnswers, describeConditions, type TargetedFinding } from './api-target.js';
import { displayModelName, loadApiModels, type ApiModels, type TypeExpr } from './model.js';
import { closestKey, describeValue } from '../input/describe.js';
import { isObject } from '../kube/json.js';

/** Anything that maps a JSON pointer to a position; see lib/input/yaml-source.ts (Locator). */
export type PointerLocator = (
  pointer: string,
  anchor?: 'key' | 'value',
) => { file: string; line: number; column: number };

/**
 * identity: not a v1 Pod with a name (the harness cannot run it). unknown-field / type / required:
 * the API server would refuse the object under strict field validation. api-rejected: the API server's
 * validation refuses the value on every target checked (api-conditional: only for some states of gates the
 * target leaves open); api-dropped: the API server removes it without a word (see restart-rules.ts).
 */
export type ManifestRule =
  'identity' | 'unknown-field' | 'type' | 'required' | 'api-rejected' | 'api-conditional' | 'api-dropped';

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
  /**
   * The Kubernetes minor whose API the fields are judged by ("1.35"): fields the client models (1.36) have
   * and that minor lacks are unknown there; fields only that minor has are accepted unchecked. Default:
   * the client models as they are.
   */
  minor?: string;
  /** 'harness-pod' (default): a v1 Pod with a fixed name, as scenarios need. 'object': any object of the root model. */
  identity?: 'harness-pod' | 'object';
}

/**
 * Fields that public texts get wrong, with what is true instead (k8s.io/api core/v1 types.go, ContainerRestartRule: the released API has no
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
  private readonly fields: ReturnType<typeof apiFieldsFor> | undefined;

  constructor(
    private readonly models: ApiModels,
    private readonly options: PodCheckOptions,
  ) {
    this.fields = options.minor ? apiFieldsFor(options.minor) : undefined;
  }

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
    const display = displayModelName(name);
    for (const [key, v] of Object.entries(value)) {
      const field = model.fields.get(key);
      const fields = this.fields;
      if (field && fields?.absent.has(`${display}.${key}`)) {
        this.report(
          'unknown-field',
          child(pointer, key),
          'key',
          `unknown field "${key}" for Kubernetes ${fields.minor}`,
          `a field of ${display} in Kubernetes ${fields.minor} (the API of ${fields.release} has no ${display}.${key}; later versions do)`,
        );
        continue;
      }
      if (field) {
        this.walk(v, field.type, child(pointer, key));
        continue;
      }
      if (fields?.extra.has(`${display}.${key}`)) continue; // in this minor's API, not in the client's models: unchecked
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
      if (
        field.required &&
        !this.fields?.absent.has(`${display}.${field.key}`) &&
        (value[field.key] === undefined || value[field.key] === null)
      )
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
  const expect = (
    parent: Record<string, unknown>,
    parentPointer: string,
    key: string,
    ok: boolean,
    expected: string,
  ) => {
    if (ok) return;
    const pointer = `${parentPointer}/${key}`;
    const absent = parent[key] === undefined;
    w.report(
      'identity',
      pointer,
      'value',
      absent ? `no "${key}"` : describeValue(parent[key]),
      expected,
      absent ? parentPointer : pointer,
    );
  };
  expect(pod, '', 'apiVersion', pod.apiVersion === 'v1', '"v1"');
  expect(pod, '', 'kind', pod.kind === 'Pod', '"Pod"');
  const nameExpected = 'a pod name (the harness watches the pod by name; generateName is not supported)';
  if (isObject(pod.metadata))
    expect(
      pod.metadata,
      '/metadata',
      'name',
      typeof pod.metadata.name === 'string' && pod.metadata.name !== '',
      nameExpected,
    );
  else
    w.report(
      'identity',
      '/metadata/name',
      'value',
      'no "metadata.name"',
      nameExpected,
      pod.metadata === undefined ? '' : '/metadata',
    );
  return true;
}

/** Checks a Pod manifest (or, with `partial`, a patch body for a Pod) against the API models. */
export function checkPodWith(models: ApiModels, pod: unknown, options: PodCheckOptions = {}): ManifestFinding[] {
  const w = new Walker(models, options);
  if (!options.partial && options.identity !== 'object') {
    if (!checkIdentity(w, pod)) return w.findings;
  } else if (!isObject(pod)) {
    w.report('type', '', 'value', describeValue(pod), options.partial ? 'a partial Pod (an object)' : 'an object');
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

/**
 * Restart-rule findings as positioned problems. `pin` says how to pin a gate the target left open
 * (requires.gates in a suite, --profile for a manifest).
 */
export function apiRuleProblems(findings: TargetedFinding[], locate: PointerLocator, pin: string): ManifestFinding[] {
  return findings.map((f) => {
    const pos = locate(f.pointer, 'value');
    const base = { file: pos.file, line: pos.line, column: pos.column, path: f.pointer, found: f.found };
    const answers = describeAnswers(f);
    const certain = f.certainOn.length ? `on Kubernetes ${f.certainOn.join(', ')}` : '';
    const conditional = describeConditions(f);
    if (f.outcome === 'dropped')
      return {
        ...base,
        rule: 'api-dropped',
        expected: `rules the API server keeps: it drops them without a word (the pod then runs without them) ${[certain, conditional].filter(Boolean).join('; ')}`,
      };
    if (f.certainOn.length)
      return { ...base, rule: 'api-rejected', expected: `what the API server accepts: ${answers}` };
    return {
      ...base,
      rule: 'api-conditional',
      expected: `what the API server accepts whatever its gates; refused ${conditional}: ${answers} (${pin})`,
    };
  });
}
