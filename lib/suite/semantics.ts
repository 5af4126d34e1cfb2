// Checks the schema cannot express: combinations that can never run or never pass. An error is
// raised only when the scenario certainly cannot work; a doubt is a warning.
import type { InputProblem } from '../errors.js';
import { inRange, parseVersion } from '../k8s-version.js';
import { closestKey } from '../manifest/suggest.js';
import type { ContainerKind, ContainerSpec } from './containers.js';
import { DEFAULT_FLAG_FILE, type ScenarioT } from './schema.js';
import { joinPointer, problemAt, type Locator } from './yaml-source.js';

export interface Findings {
  errors: InputProblem[];
  warnings: InputProblem[];
}

export interface ScenarioFacts {
  scenario: ScenarioT;
  /** Pointer of the scenario in the suite, e.g. /scenarios/3 */
  pointer: string;
  locateSuite: Locator;
  /** Containers of the final pod plus ephemeral ones a `patch` trigger adds. */
  containers: ContainerSpec[];
  /** The suite's journal file, or false. */
  journal: string | false;
}

const KIND_WORDS: Record<ContainerKind, string> = {
  init: 'a plain init container',
  sidecar: 'a sidecar',
  regular: 'a regular container',
  ephemeral: 'an ephemeral container',
};

/** Containers the harness can exec into once the pod is Ready (plain init containers have exited by then). */
const EXECUTABLE: ContainerKind[] = ['sidecar', 'regular', 'ephemeral'];
/** Containers with a restartCount and a place in the start order. */
const RESTARTABLE: ContainerKind[] = ['init', 'sidecar', 'regular'];
const ANY: ContainerKind[] = ['init', 'sidecar', 'regular', 'ephemeral'];

const commandText = (c: ContainerSpec) =>
  [c.spec.command, c.spec.args]
    .filter(Array.isArray)
    .flat()
    .map(String)
    .join(' ');

/** Volumes a container mounts at or above `file`. */
function volumesHolding(c: ContainerSpec, file: string): string[] {
  const mounts = Array.isArray(c.spec.volumeMounts) ? (c.spec.volumeMounts as Array<Record<string, unknown>>) : [];
  return mounts
    .filter((m) => typeof m.mountPath === 'string' && file.startsWith(m.mountPath.replace(/\/$/, '') + '/'))
    .map((m) => String(m.name));
}

export function scenarioFindings(f: ScenarioFacts): Findings {
  const errors: InputProblem[] = [];
  const warnings: InputProblem[] = [];
  const { scenario: s, containers } = f;
  const at = (rel: Array<string | number>, anchor: 'key' | 'value' = 'value') => {
    const pointer = joinPointer(f.pointer, ...rel);
    return { pos: f.locateSuite(pointer, anchor), pointer };
  };
  const error = (rel: Array<string | number>, found: string, expected: string, anchor: 'key' | 'value' = 'value') => {
    const { pos, pointer } = at(rel, anchor);
    errors.push(problemAt(pos, pointer, found, expected));
  };
  const warn = (rel: Array<string | number>, found: string, expected: string, anchor: 'key' | 'value' = 'value') => {
    const { pos, pointer } = at(rel, anchor);
    warnings.push(problemAt(pos, pointer, found, expected));
  };

  /** The named container, if it exists and its kind fits `purpose`; otherwise an error. */
  const container = (rel: Array<string | number>, name: string, kinds: ContainerKind[], purpose: string, anchor: 'key' | 'value' = 'value') => {
    const c = containers.find((x) => x.name === name);
    if (!c) {
      const names = containers.map((x) => x.name);
      const guess = closestKey(name, names);
      error(rel, `container "${name}"`, `a container of the pod: ${names.join(', ') || '(none)'}${guess ? ` (did you mean "${guess}"?)` : ''}`, anchor);
      return undefined;
    }
    if (!kinds.includes(c.kind)) {
      error(rel, `"${name}", ${KIND_WORDS[c.kind]}`, `${kinds.map((k) => KIND_WORDS[k]).join(' or ')}: ${purpose}`, anchor);
      return undefined;
    }
    return c;
  };

  const e = s.expect;
  const rejected = typeof e.admission === 'object';

  // A pod the API server refuses never runs: nothing can be triggered or observed on it.
  if (rejected) {
    const found = (key: string) => `"${key}" in a scenario that expects the pod create to be rejected`;
    const never = 'no trigger, setup or expectation about a running pod: a rejected pod never exists';
    if (s.trigger) error(['trigger'], found('trigger'), never, 'key');
    if (s.setup) error(['setup'], found('setup'), never, 'key');
    for (const key of Object.keys(e)) if (key !== 'admission' && key !== 'within') error(['expect', key], found(key), never, 'key');
  }
  if (e.patch !== undefined && !(s.trigger && 'patch' in s.trigger))
    error(['expect', 'patch'], '"patch" without a patch trigger', 'a `patch` trigger whose outcome this describes', 'key');

  // Start counts, start order and netns identity are read from the journal.
  if (f.journal === false) {
    const why = 'the suite journal (it is `false`): start counts, start order and netns are read from it';
    if (e.runs) error(['expect', 'runs'], '"runs" without a journal', why, 'key');
    if (e.startOrder) error(['expect', 'startOrder'], '"startOrder" without a journal', why, 'key');
    if (e.identity?.netns) error(['expect', 'identity', 'netns'], '"netns" without a journal', why, 'key');
  }

  // ---- containers named by the trigger, setup and expectations ----
  const t = s.trigger;
  if (t && 'exit' in t) {
    const { container: name, via, flagFile = DEFAULT_FLAG_FILE } = t.exit;
    const target = container(['trigger', 'exit', 'container'], name, ['sidecar', 'regular'], 'it must be running when the harness writes its exit code');
    const writer = via ? container(['trigger', 'exit', 'via'], via, EXECUTABLE, 'the harness execs into it to write the flag file') : target;
    if (target) {
      const cmd = commandText(target);
      if (!cmd)
        warn(['trigger', 'exit', 'container'], `"${name}" runs its image's entrypoint`, `a command that waits for ${flagFile} and exits with the code written there (cannot check)`);
      else if (!cmd.includes(flagFile))
        warn(['trigger', 'exit', 'container'], `"${name}" whose command does not mention ${flagFile}`, `a command that waits for ${flagFile} and exits with the code written there (see suites/pods/base.yaml)`);
    }
    if (target && writer && writer !== target) {
      const shared = volumesHolding(target, flagFile).filter((v) => volumesHolding(writer, flagFile).includes(v));
      if (!shared.length)
        error(['trigger', 'exit', 'via'], `"${writer.name}", which shares no volume holding ${flagFile} with "${target.name}"`, `a container that mounts the same volume at or above ${flagFile}`);
    }
  } else if (t && 'exec' in t) {
    container(['trigger', 'exec', 'container'], t.exec.container, EXECUTABLE, 'the harness execs into it');
  } else if (t && 'self' in t) {
    container(['trigger', 'self', 'container'], t.self.container, RESTARTABLE, 'it is expected to exit');
  }

  (s.setup ?? []).forEach((step, i) => {
    if ('waitForContainer' in step) {
      const c = container(['setup', i, 'waitForContainer', 'container'], step.waitForContainer.container, ANY, '');
      if (c?.kind === 'init' && step.waitForContainer.state !== 'terminated')
        error(['setup', i, 'waitForContainer', 'state'], `"${step.waitForContainer.state}" for a plain init container`, '"terminated": setup runs once the pod is Ready, when init containers have finished');
    } else if ('writeFile' in step) {
      container(['setup', i, 'writeFile', 'container'], step.writeFile.container, EXECUTABLE, 'the harness execs into it');
    } else {
      container(['setup', i, 'exec', 'container'], step.exec.container, EXECUTABLE, 'the harness execs into it');
    }
  });

  for (const name of Object.keys(e.restarts ?? {}))
    if (name !== '*') container(['expect', 'restarts', name], name, RESTARTABLE, 'only these have a restartCount that restarts move', 'key');
  for (const name of Object.keys(e.runs ?? {})) {
    const c = container(['expect', 'runs', name], name, ANY, '', 'key');
    if (c && f.journal !== false && !commandText(c).includes(f.journal))
      warn(['expect', 'runs', name], `"${name}" whose command does not mention ${f.journal}`, `a container that appends a line to ${f.journal} when it starts (see suites/pods/base.yaml)`, 'key');
  }
  const ordered = new Map<string, number>();
  (e.startOrder ?? []).forEach((entry, i) => {
    const names = Array.isArray(entry) ? entry.map((n, j) => [n, [i, j]] as const) : [[entry, [i]] as const];
    for (const [name, idx] of names) {
      if (ordered.has(name))
        error(['expect', 'startOrder', ...idx], `"${name}" a second time`, 'each container at most once in the start order');
      ordered.set(name, i);
      container(['expect', 'startOrder', ...idx], name, RESTARTABLE, 'only these start with the pod');
    }
  });
  (e.files ?? []).forEach((file, i) => {
    if (file.container) container(['expect', 'files', i, 'container'], file.container, EXECUTABLE, 'the harness execs into it to read the file');
  });
  for (const name of Object.keys(e.final?.containers ?? {}))
    container(['expect', 'final', 'containers', name], name, ANY, '', 'key');
  for (const name of Object.keys(e.states ?? {})) container(['expect', 'states', name], name, ANY, '', 'key');
  (e.timing ?? []).forEach((bound, i) => {
    for (const end of ['from', 'to'] as const) {
      const m = /^([a-z0-9-]+)\.(finishedAt|startedAt|killing)$/.exec(bound[end]);
      if (m) container(['expect', 'timing', i, end], m[1] as string, RESTARTABLE, 'only these start, end and are killed with the pod');
    }
    if (bound.min === undefined && bound.max === undefined)
      error(['expect', 'timing', i], 'a bound without min or max', 'min, max or both: a bound that cannot fail checks nothing');
    else if (bound.min !== undefined && bound.max !== undefined && bound.min > bound.max)
      error(['expect', 'timing', i, 'min'], `min ${bound.min} above max ${bound.max}`, 'min <= max');
    if (bound.from === bound.to) error(['expect', 'timing', i, 'to'], `"${bound.to}" again`, 'two different moments');
  });

  const versions = s.requires?.versions;
  if (versions && versions.length > 1 && !satisfiable(versions))
    error(['requires', 'versions'], `ranges ${versions.map((v) => `"${v}"`).join(', ')}`, 'ranges that some Kubernetes version satisfies together');

  return { errors, warnings };
}

/**
 * Whether some version lies in every range. Ranges compare (major, minor, patch), so if the
 * intersection is not empty it holds a bound or a neighbour of one; testing those is enough.
 */
function satisfiable(ranges: string[]): boolean {
  const candidates: string[] = [];
  for (const r of ranges) {
    const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(r);
    if (!m) continue;
    const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
    for (const dm of [-1, 0, 1]) {
      if (minor + dm < 0) continue;
      candidates.push(`${major}.${minor + dm}.0`);
      for (const dp of [-1, 0, 1]) if (dm === 0 && patch + dp >= 0) candidates.push(`${major}.${minor}.${patch + dp}`);
    }
  }
  if (!candidates.length) return true;
  return candidates.some((c) => ranges.every((r) => inRange(parseVersion(c), r)));
}

/** Suite-wide: scenario names are unique (they name namespaces and report entries); ids should be. */
export function suiteFindings(scenarios: Array<{ scenario: ScenarioT; pointer: string }>, locateSuite: Locator): Findings {
  const errors: InputProblem[] = [];
  const warnings: InputProblem[] = [];
  const names = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const { scenario, pointer } of scenarios) {
    const first = names.get(scenario.name);
    if (first !== undefined) {
      const p = joinPointer(pointer, 'name');
      const line = locateSuite(joinPointer(first, 'name')).line;
      errors.push(problemAt(locateSuite(p), p, `"${scenario.name}" again (first at line ${line})`, 'a scenario name unique within the suite'));
    } else names.set(scenario.name, pointer);
    if (scenario.id) {
      const firstId = ids.get(scenario.id);
      if (firstId !== undefined) {
        const p = joinPointer(pointer, 'id');
        const line = locateSuite(joinPointer(firstId, 'id')).line;
        warnings.push(problemAt(locateSuite(p), p, `id "${scenario.id}" again (first at line ${line})`, 'a catalogue id unique within the suite (e.g. R13a, R13b)'));
      } else ids.set(scenario.id, pointer);
    }
  }
  return { errors, warnings };
}
