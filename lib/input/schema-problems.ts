// Validates input data against a TypeBox schema with ajv and turns ajv's errors into InputProblems a
// person can act on: positioned at the offending key or value, one message per union (ajv reports
// every failed branch), unknown keys named with the allowed ones and the closest match.
// Generic over the schema: suites and cluster profiles both use it.
import type { TSchema } from '@sinclair/typebox';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { InputProblem } from '../errors.js';
import { closestKey, describeValue } from './describe.js';
import { joinPointer, problemAt, type Anchor, type Locator } from './yaml-source.js';

type Schema = Record<string, unknown>;

// verbose: errors carry the failing data and (parent) schema, which the messages are built from.
// optimize: false compiles the suite schema in a third of the time; input files are small.
const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, code: { optimize: false } });
const compiled = new WeakMap<TSchema, ValidateFunction>();

function validatorFor(schema: TSchema): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** All problems of `value` against `schema`, positioned through `locate`. Empty when valid. */
export function schemaProblems(schema: TSchema, value: unknown, locate: Locator): InputProblem[] {
  const validate = validatorFor(schema);
  if (validate(value)) return [];
  const seen = new Set<string>();
  return resolve(validate.errors ?? [], locate).filter((p) => {
    const key = `${p.file}:${p.line}:${p.column}:${p.path}:${p.found}:${p.expected}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const pointerWithin = (outer: string, inner: string) => inner === outer || inner.startsWith(outer + '/');

/** Whether `e` is reported from inside the branches (or key schema) of `owner`. */
const ownedBy = (e: ErrorObject, owner: ErrorObject) =>
  e !== owner && e.schemaPath.startsWith(owner.schemaPath + '/') && pointerWithin(owner.instancePath, e.instancePath);

function resolve(errors: ErrorObject[], locate: Locator): InputProblem[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf');
  const problems: InputProblem[] = [];
  for (const e of errors) {
    if (unions.some((u) => ownedBy(e, u))) continue; // handled by its union
    if (e.keyword === 'anyOf') {
      problems.push(
        ...resolveUnion(
          e,
          errors.filter((x) => ownedBy(x, e)),
          locate,
        ),
      );
    } else if (e.keyword === 'propertyNames' && errors.some((x) => ownedBy(x, e))) {
      continue; // the key schema's own error says more
    } else {
      problems.push(mapError(e, locate));
    }
  }
  return problems;
}

// ---- unions ------------------------------------------------------------------------------------

function fits(branch: Schema, data: unknown): boolean {
  if ('const' in branch) return JSON.stringify(branch.const) === JSON.stringify(data);
  if (Array.isArray(branch.anyOf)) return (branch.anyOf as Schema[]).some((b) => fits(b, data));
  switch (branch.type) {
    case 'object':
      return isPlainObject(data);
    case 'array':
      return Array.isArray(data);
    case 'string':
      return typeof data === 'string';
    case 'integer':
    case 'number':
      return typeof data === 'number';
    case 'boolean':
      return typeof data === 'boolean';
    case 'null':
      return data === null;
    default:
      return true;
  }
}

const required = (b: Schema) => (Array.isArray(b.required) ? (b.required as string[]) : []);
const propertiesOf = (b: Schema) => Object.keys(isPlainObject(b.properties) ? b.properties : {});

/** Keys that tell an object branch apart: required there, not required by any other branch. */
function discriminators(branches: Schema[], i: number): string[] {
  const others = branches.filter((_, j) => j !== i).flatMap(required);
  return required(branches[i] as Schema).filter((k) => !others.includes(k));
}

/** The branch the author evidently meant, if exactly one is plausible. */
function chooseBranch(branches: Schema[], data: unknown): number | undefined {
  const candidates = branches.map((_, i) => i).filter((i) => fits(branches[i] as Schema, data));
  if (candidates.length === 1) return candidates[0];
  if (candidates.length > 1 && isPlainObject(data)) {
    const meant = candidates.filter((i) => discriminators(branches, i).some((k) => k in data));
    if (meant.length === 1) return meant[0];
  }
  return undefined;
}

function resolveUnion(u: ErrorObject, owned: ErrorObject[], locate: Locator): InputProblem[] {
  const branches = (u.schema as Schema[]) ?? [];
  const pick = chooseBranch(branches, u.data);
  if (pick !== undefined) {
    const prefix = `${u.schemaPath}/${pick}/`;
    const inBranch = owned.filter((e) => e.schemaPath.startsWith(prefix));
    if (inBranch.length) return resolve(inBranch, locate);
  }
  return [unionProblem(u, branches, locate)];
}

function unionProblem(u: ErrorObject, branches: Schema[], locate: Locator): InputProblem {
  const data = u.data;
  const at = (pointer: string, anchor: Anchor) => locate(pointer, anchor);
  const objectBranches = branches.every((b) => b.type === 'object');
  const discs = objectBranches ? branches.map((_, i) => discriminators(branches, i)) : [];
  if (objectBranches && discs.every((d) => d.length > 0)) {
    const names = discs.flat();
    const oneOf = `one of: ${names.join(', ')}`;
    if (!isPlainObject(data))
      return problemAt(at(u.instancePath, 'value'), u.instancePath, describeValue(data), `an object with ${oneOf}`);
    const present = names.filter((k) => k in data);
    if (present.length > 1)
      return problemAt(
        at(u.instancePath, 'value'),
        u.instancePath,
        `${present.map((k) => `"${k}"`).join(' and ')} together`,
        `exactly ${oneOf}`,
      );
    const known = new Set(branches.flatMap(propertiesOf));
    const unknown = Object.keys(data).filter((k) => !known.has(k));
    if (unknown.length) {
      const key = unknown[0] as string;
      const pointer = joinPointer(u.instancePath, key);
      const guess = closestKey(key, names);
      return problemAt(
        at(pointer, 'key'),
        pointer,
        `unknown key "${key}"`,
        guess ? `${oneOf} (did you mean "${guess}"?)` : oneOf,
      );
    }
    return problemAt(
      at(u.instancePath, 'value'),
      u.instancePath,
      `none of ${names.map((n) => `"${n}"`).join(', ')}`,
      oneOf,
    );
  }
  const consts = branches.every((b) => 'const' in b && typeof b.const === 'string')
    ? branches.map((b) => String(b.const))
    : [];
  if (consts.length) {
    const guess = typeof data === 'string' ? closestKey(data, consts) : undefined;
    const oneOf = `one of: ${consts.map((c) => JSON.stringify(c)).join(', ')}`;
    return problemAt(
      at(u.instancePath, 'value'),
      u.instancePath,
      describeValue(data),
      guess ? `${oneOf} (did you mean "${guess}"?)` : oneOf,
    );
  }
  return problemAt(
    at(u.instancePath, 'value'),
    u.instancePath,
    describeValue(data),
    branches.map(describeSchema).join(' or '),
  );
}

function describeSchema(s: Schema): string {
  if ('const' in s) return JSON.stringify(s.const);
  const desc = typeof s.description === 'string' ? s.description.replace(/\.$/, '') : undefined;
  switch (s.type) {
    case 'object': {
      const req = required(s);
      if (req.length === 1) return `an object with "${req[0]}"`;
      return s.propertyNames ? `a map${desc ? ` (${desc})` : ''}` : 'an object';
    }
    case 'string':
      return desc
        ? `a string (${desc})`
        : typeof s.pattern === 'string'
          ? `a string matching ${s.pattern}`
          : 'a string';
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    default:
      return desc ?? 'a value';
  }
}

// ---- single errors -----------------------------------------------------------------------------

const TYPE_WORDS: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

function withDescription(text: string, schema: unknown): string {
  const d =
    isPlainObject(schema) && typeof schema.description === 'string' ? schema.description.replace(/\.$/, '') : '';
  return d ? `${text} (${d})` : text;
}

function mapError(e: ErrorObject, locate: Locator): InputProblem {
  const P = e.instancePath;
  const parent = (e.parentSchema ?? {}) as Schema;
  const params = e.params as Record<string, unknown>;

  // An error inside a map's key schema (StrictMap): about the key, not the value.
  if (e.propertyName !== undefined) {
    const pointer = joinPointer(P, e.propertyName);
    const expected =
      typeof parent.description === 'string' ? parent.description : (limitText(e, parent) ?? e.message ?? '');
    return problemAt(locate(pointer, 'key'), pointer, `key "${e.propertyName}"`, expected.replace(/\.$/, ''));
  }

  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const pointer = joinPointer(P, key);
      const allowed = propertiesOf(parent);
      const guess = closestKey(key, allowed);
      const expected = guess
        ? `a known key; did you mean "${guess}"? (allowed: ${allowed.join(', ')})`
        : `one of the allowed keys: ${allowed.join(', ')}`;
      return problemAt(locate(pointer, 'key'), pointer, `unknown key "${key}"`, expected);
    }
    case 'required': {
      const key = String(params.missingProperty);
      const props = (isPlainObject(parent.properties) ? parent.properties : {}) as Record<string, unknown>;
      const pointer = joinPointer(P, key);
      return problemAt(locate(P, 'value'), pointer, `no "${key}"`, withDescription(`"${key}" (required)`, props[key]));
    }
    case 'type':
      return problemAt(
        locate(P, 'value'),
        P,
        describeValue(e.data),
        withDescription(TYPE_WORDS[String(params.type)] ?? String(params.type), parent),
      );
    case 'const':
      return problemAt(locate(P, 'value'), P, describeValue(e.data), JSON.stringify(params.allowedValue));
    case 'enum':
      return problemAt(
        locate(P, 'value'),
        P,
        describeValue(e.data),
        `one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      );
    case 'pattern':
      return problemAt(
        locate(P, 'value'),
        P,
        describeValue(e.data),
        typeof parent.description === 'string'
          ? parent.description.replace(/\.$/, '')
          : `a string matching ${String(params.pattern)}`,
      );
    default:
      return problemAt(locate(P, 'value'), P, describeValue(e.data), limitText(e, parent) ?? e.message ?? e.keyword);
  }
}

function limitText(e: ErrorObject, parent: Schema): string | undefined {
  const limit = (e.params as { limit?: number }).limit;
  const what = TYPE_WORDS[String(parent.type)] ?? 'a value';
  switch (e.keyword) {
    case 'minimum':
      return `${what} >= ${limit}`;
    case 'maximum':
      return `${what} <= ${limit}`;
    case 'exclusiveMinimum':
      return `${what} > ${limit}`;
    case 'exclusiveMaximum':
      return `${what} < ${limit}`;
    case 'minItems':
      return `a list of at least ${limit} item(s)`;
    case 'maxItems':
      return `a list of at most ${limit} item(s)`;
    case 'minLength':
      return `a string of at least ${limit} character(s)`;
    case 'maxLength':
      return `a string of at most ${limit} character(s)`;
    case 'pattern':
      return `a string matching ${String((e.params as { pattern?: string }).pattern)}`;
    case 'uniqueItems':
      return 'a list without duplicates';
    default:
      return undefined;
  }
}
