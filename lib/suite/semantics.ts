// Checks the schema cannot express: combinations that can never run or never pass. An error is
// raised only when the scenario certainly cannot work; a doubt is a warning.
import type { InputProblem } from '../errors.js';
import { TABLE_MINORS, gateDefinition, misspelledGate, tableGateNames, type TableMinor } from '../gates/index.js';
import { compareVersions, inRange, parseVersion } from '../k8s-version.js';
import { closestKey } from '../input/describe.js';
import type { ContainerKind, ContainerSpec } from '../manifest/containers.js';
import {
  DEFAULT_FLAG_FILE,
  type ExpectationsT,
  type ScenarioT,
  type SetupStepT,
  type TimingWindowT,
  type TriggerT,
  type WaitSpecT,
} from './schema.js';
import {
  expectSteps,
  planScenario,
  selectedSteps,
  type ExpectStep,
  type PlannedStep,
  type ScenarioPlan,
} from './steps.js';
import { joinPointer, problemAt, type Locator } from '../input/yaml-source.js';

export interface Findings {
  errors: InputProblem[];
  warnings: InputProblem[];
}

export interface ScenarioFacts {
  scenario: ScenarioT;
  /** Pointer of the scenario in the suite, e.g. /scenarios/3 */
  pointer: string;
  locateSuite: Locator;
  /**
   * Containers of the final pod plus ephemeral ones a `patch` trigger adds; undefined when the pod could
   * not be built (then container names are not checked, everything else is).
   */
  containers: ContainerSpec[] | undefined;
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
  [c.spec.command, c.spec.args].filter(Array.isArray).flat().map(String).join(' ');

/** Volumes a container mounts at or above `file`. */
function volumesHolding(c: ContainerSpec, file: string): string[] {
  const mounts = Array.isArray(c.spec.volumeMounts) ? (c.spec.volumeMounts as Array<Record<string, unknown>>) : [];
  return mounts
    .filter((m) => typeof m.mountPath === 'string' && file.startsWith(m.mountPath.replace(/\/$/, '') + '/'))
    .map((m) => String(m.name));
}

type Rel = Array<string | number>;

/** The step's pointer relative to the scenario: /steps/3 → ['steps', '3']. */
const relOf = (step: PlannedStep): Rel => step.pointer.split('/').slice(1);

export function scenarioFindings(f: ScenarioFacts): Findings {
  const errors: InputProblem[] = [];
  const warnings: InputProblem[] = [];
  const { scenario: s, containers } = f;
  const at = (rel: Rel, anchor: 'key' | 'value' = 'value') => {
    const pointer = joinPointer(f.pointer, ...rel);
    return { pos: f.locateSuite(pointer, anchor), pointer };
  };
  const error = (rel: Rel, found: string, expected: string, anchor: 'key' | 'value' = 'value') => {
    const { pos, pointer } = at(rel, anchor);
    errors.push(problemAt(pos, pointer, found, expected));
  };
  const warn = (rel: Rel, found: string, expected: string, anchor: 'key' | 'value' = 'value') => {
    const { pos, pointer } = at(rel, anchor);
    warnings.push(problemAt(pos, pointer, found, expected));
  };

  /** The named container, if it exists and its kind fits `purpose`; otherwise an error. */
  const container = (
    rel: Rel,
    name: string,
    kinds: ContainerKind[],
    purpose: string,
    anchor: 'key' | 'value' = 'value',
  ) => {
    if (!containers) return undefined;
    const c = containers.find((x) => x.name === name);
    if (!c) {
      const names = containers.map((x) => x.name);
      const guess = closestKey(name, names);
      error(
        rel,
        `container "${name}"`,
        `a container of the pod: ${names.join(', ') || '(none)'}${guess ? ` (did you mean "${guess}"?)` : ''}`,
        anchor,
      );
      return undefined;
    }
    if (!kinds.includes(c.kind)) {
      error(
        rel,
        `"${name}", ${KIND_WORDS[c.kind]}`,
        `${kinds.map((k) => KIND_WORDS[k]).join(' or ')}: ${purpose}`,
        anchor,
      );
      return undefined;
    }
    return c;
  };
  const versions = s.requires?.versions ?? [];
  const versionsSatisfiable = versions.length < 2 || satisfiable(versions);
  const ctx: FindingContext = {
    error,
    warn,
    container,
    journal: f.journal,
    versions: versionsSatisfiable ? versions : undefined,
  };

  // ---- the scenario's form: short (setup + trigger + expect) or steps ----
  if (s.steps) {
    for (const key of ['setup', 'trigger', 'expect'] as const)
      if (s[key] !== undefined)
        error(
          [key],
          `"${key}" next to "steps"`,
          'either steps, or setup + trigger + expect: put it in the steps',
          'key',
        );
  } else if (s.expect === undefined) {
    error([], 'a scenario without "expect" or "steps"', '`expect` (with `trigger`, optionally `setup`) or `steps`');
  }
  const plan = planScenario(s);
  const e = s.expect ?? {};
  const rejected = !s.steps && typeof e.admission === 'object';

  // A pod the API server refuses never runs: nothing can be triggered or observed on it.
  if (rejected) {
    const found = (key: string) => `"${key}" in a scenario that expects the pod create to be rejected`;
    const never = 'no trigger, setup or expectation about a running pod: a rejected pod never exists';
    if (s.trigger) error(['trigger'], found('trigger'), never, 'key');
    if (s.setup) error(['setup'], found('setup'), never, 'key');
    for (const key of Object.keys(e))
      if (key !== 'admission' && key !== 'within') error(['expect', key], found(key), never, 'key');
  }

  if (s.steps) {
    const expects = expectSteps(plan);
    if (expects.length === 0)
      error(['steps'], 'steps without an `expect` step', 'at least one `expect` step: nothing else is judged');
    const last = expects[expects.length - 1];
    for (const step of plan.steps)
      if (last && step.index > last.index)
        error(
          relOf(step),
          `a ${step.kind} step after the last \`expect\``,
          'an `expect` step after it: steps after the last one are never judged',
          'key',
        );
  }

  for (const step of plan.steps) {
    const rel = relOf(step);
    if (step.kind === 'setup') setupFindings(ctx, s.steps ? rel : rel, step.setup);
    else if (step.kind === 'trigger') triggerFindings(ctx, s.steps ? [...rel, 'trigger'] : rel, step.trigger);
    else if (step.kind === 'wait') waitFindings(ctx, [...rel, 'wait'], step.wait);
    else if (step.kind === 'node') nodeFindings(ctx, [...rel, 'node'], step, plan.steps);
    else {
      const base = s.steps ? [...rel, 'expect'] : rel;
      if (s.steps && step.expect.admission !== undefined)
        error(
          [...base, 'admission'],
          '"admission" in an `expect` step',
          'admission only in the short form: a scenario with steps expects its pod to be accepted',
          'key',
        );
      const opener = step.after === undefined ? undefined : plan.steps[step.after];
      const patchTrigger = opener?.kind === 'trigger' && 'patch' in opener.trigger;
      if (step.expect.patch !== undefined && !patchTrigger)
        error(
          [...base, 'patch'],
          '"patch" without a patch trigger',
          'a `patch` trigger whose outcome this describes',
          'key',
        );
      expectFindings(ctx, base, step.expect);
      textRangeFindings(ctx, base, step.expect, versions);
      if (step.expect.job && !s.job)
        error(
          [...base, 'job'],
          '"job" expectations in a scenario without a Job',
          'a scenario with `job` (the Job whose status this describes)',
          'key',
        );
    }
  }

  if (!versionsSatisfiable)
    error(
      ['requires', 'versions'],
      `ranges ${versions.map((v) => `"${v}"`).join(', ')}`,
      'ranges that some Kubernetes version satisfies together',
    );
  versions.forEach((range, i) => {
    const unknown = unknownMinor(range);
    if (unknown)
      warn(
        ['requires', 'versions', i],
        `range "${range}", naming Kubernetes ${unknown}`,
        `a version inplace-e2e knows of (${TABLE_MINORS.join(', ')}, or the next one): a typo?`,
      );
  });
  gateFindings(ctx, s, versionsSatisfiable ? minorsInPlay(versions) : undefined);

  differenceFindings(ctx, s, plan);
  return { errors, warnings };
}

/** Gate names from the gate table, each in a state some version in play can have (undefined: none is). */
function gateFindings(
  ctx: FindingContext,
  s: ScenarioT,
  inPlay: Array<{ minor: string; column: TableMinor }> | undefined,
): void {
  const { error, warn } = ctx;
  for (const [gate, wanted] of Object.entries(s.requires?.gates ?? {})) {
    const rel = ['requires', 'gates', gate];
    const def = gateDefinition(gate);
    if (!def) {
      const guess = misspelledGate(gate);
      if (guess)
        error(
          rel,
          `unknown feature gate "${gate}"`,
          `a gate of inplace-e2e's gate table (${tableGateNames().join(', ')}); did you mean "${guess}"?`,
          'key',
        );
      else
        warn(
          rel,
          `feature gate "${gate}", which is not in inplace-e2e's gate table`,
          `a gate of the table (${tableGateNames().join(', ')}): the scenario runs only on profiles that set ${gate} explicitly and is skipped everywhere else`,
          'key',
        );
      continue;
    }
    if (!inPlay || inPlay.length === 0) continue;
    const possible = inPlay.filter(({ column }) => {
      const facts = def.perMinor[column];
      if (!facts) return !wanted;
      return !facts.locked || facts.default === wanted;
    });
    if (possible.length === 0) {
      const states = inPlay.map(({ minor, column }) => {
        const facts = def.perMinor[column];
        return facts ? `${minor}: ${facts.stage}, locked to ${facts.default}` : `${minor}: no such gate`;
      });
      error(
        rel,
        `${gate}: ${wanted}`,
        `a state some Kubernetes version the scenario runs on can have (${states.join('; ')}): as written the scenario is skipped everywhere`,
        'key',
      );
    }
  }
}

/** Texts per version range: each range must meet a version the scenario (or its difference) runs on. */
function textRangeFindings(ctx: FindingContext, rel: Rel, e: ExpectationsT, scope: string[]): void {
  if (!ctx.versions) return; // unsatisfiable requirements are reported as such
  const versions = [...ctx.versions, ...scope.filter((r) => !ctx.versions?.includes(r))];
  for (const [where, text] of versionedTexts(e)) {
    if (typeof text !== 'object' || text === null) continue;
    for (const range of Object.keys(text)) {
      const unknown = unknownMinor(range);
      if (unknown)
        ctx.warn(
          [...rel, ...where, range],
          `range "${range}", naming Kubernetes ${unknown}`,
          `a version inplace-e2e knows of (${TABLE_MINORS.join(', ')}, or the next one): a typo?`,
          'key',
        );
      else if (!satisfiable([...versions, range]))
        ctx.error(
          [...rel, ...where, range],
          `range "${range}", which no version the scenario runs on (${versions.join(', ')}) lies in`,
          'a range that meets requires.versions: this text would never be checked',
          'key',
        );
    }
  }
}

/** The VersionedText fields of expectations, relative to them. */
function versionedTexts(e: ExpectationsT): Array<[Rel, unknown]> {
  const out: Array<[Rel, unknown]> = [];
  for (const kind of ['admission', 'patch'] as const) {
    const v = e[kind];
    if (typeof v === 'object' && v.rejected.message !== undefined)
      out.push([[kind, 'rejected', 'message'], v.rejected.message]);
  }
  for (const [type, c] of Object.entries(e.conditions ?? {})) {
    if (c.reason !== undefined) out.push([['conditions', type, 'reason'], c.reason]);
    if (c.message !== undefined) out.push([['conditions', type, 'message'], c.message]);
  }
  return out;
}

const NEWEST = parseVersion(TABLE_MINORS[TABLE_MINORS.length - 1] as string);

/** The minor a range names when it is beyond the next one after the gate table's newest (likely a typo). */
function unknownMinor(range: string): string | undefined {
  const m = /(\d+)\.(\d+)/.exec(range);
  if (!m) return undefined;
  const v = { major: Number(m[1]), minor: Number(m[2]), patch: 0, pre: '' };
  return compareVersions(v, { ...NEWEST, minor: NEWEST.minor + 1 }) > 0 ? `${v.major}.${v.minor}` : undefined;
}

/**
 * Gate-table minors some release of which meets every range, each with its table column; the minor after
 * the table counts as the newest column (the table extrapolates so too).
 */
function minorsInPlay(ranges: string[]): Array<{ minor: string; column: TableMinor }> {
  const newest = TABLE_MINORS[TABLE_MINORS.length - 1] as TableMinor;
  const next = `${NEWEST.major}.${NEWEST.minor + 1}`;
  const candidates: Array<{ minor: string; column: TableMinor }> = [
    ...TABLE_MINORS.map((m) => ({ minor: m as string, column: m })),
    { minor: next, column: newest },
  ];
  return candidates.filter(({ minor }) => ranges.every((r) => satisfiable([r, minor])));
}

interface FindingContext {
  error(rel: Rel, found: string, expected: string, anchor?: 'key' | 'value'): void;
  warn(rel: Rel, found: string, expected: string, anchor?: 'key' | 'value'): void;
  container(
    rel: Rel,
    name: string,
    kinds: ContainerKind[],
    purpose: string,
    anchor?: 'key' | 'value',
  ): ContainerSpec | undefined;
  journal: string | false;
  /** The scenario's requires.versions; undefined when they cannot all hold. */
  versions: string[] | undefined;
}

function triggerFindings(ctx: FindingContext, rel: Rel, t: TriggerT): void {
  const { container, warn, error } = ctx;
  if ('exit' in t) {
    const { container: name, via, flagFile = DEFAULT_FLAG_FILE } = t.exit;
    const target = container(
      [...rel, 'exit', 'container'],
      name,
      ['sidecar', 'regular'],
      'it must be running when the harness writes its exit code',
    );
    const writer = via
      ? container([...rel, 'exit', 'via'], via, EXECUTABLE, 'the harness execs into it to write the flag file')
      : target;
    if (target) {
      const cmd = commandText(target);
      if (!cmd)
        warn(
          [...rel, 'exit', 'container'],
          `"${name}" runs its image's entrypoint`,
          `a command that waits for ${flagFile} and exits with the code written there (cannot check)`,
        );
      else if (!cmd.includes(flagFile))
        warn(
          [...rel, 'exit', 'container'],
          `"${name}" whose command does not mention ${flagFile}`,
          `a command that waits for ${flagFile} and exits with the code written there (see suites/pods/base.yaml)`,
        );
    }
    if (target && writer && writer !== target) {
      const shared = volumesHolding(target, flagFile).filter((v) => volumesHolding(writer, flagFile).includes(v));
      if (!shared.length)
        error(
          [...rel, 'exit', 'via'],
          `"${writer.name}", which shares no volume holding ${flagFile} with "${target.name}"`,
          `a container that mounts the same volume at or above ${flagFile}`,
        );
    }
  } else if ('exec' in t) {
    container([...rel, 'exec', 'container'], t.exec.container, EXECUTABLE, 'the harness execs into it');
  } else if ('self' in t) {
    container([...rel, 'self', 'container'], t.self.container, RESTARTABLE, 'it is expected to exit');
  }
}

function setupFindings(ctx: FindingContext, rel: Rel, step: SetupStepT): void {
  const { container, error } = ctx;
  if ('waitForContainer' in step) {
    const c = container([...rel, 'waitForContainer', 'container'], step.waitForContainer.container, ANY, '');
    if (c?.kind === 'init' && step.waitForContainer.state !== 'terminated')
      error(
        [...rel, 'waitForContainer', 'state'],
        `"${step.waitForContainer.state}" for a plain init container`,
        '"terminated": setup runs once the pod is Ready, when init containers have finished',
      );
  } else if ('writeFile' in step) {
    container([...rel, 'writeFile', 'container'], step.writeFile.container, EXECUTABLE, 'the harness execs into it');
  } else {
    container([...rel, 'exec', 'container'], step.exec.container, EXECUTABLE, 'the harness execs into it');
  }
}

function waitFindings(ctx: FindingContext, rel: Rel, w: WaitSpecT): void {
  if (!('container' in w)) return;
  ctx.container([...rel, 'container'], w.container, ANY, '');
  if (w.state === undefined && w.restartCount === undefined)
    ctx.error(
      rel,
      'a container wait with neither "state" nor "restartCount"',
      'a state to wait for, a restartCount, or both',
    );
}

function nodeFindings(
  ctx: FindingContext,
  rel: Rel,
  step: Extract<PlannedStep, { kind: 'node' }>,
  steps: PlannedStep[],
): void {
  if (step.node.action !== 'stop') return;
  const restarted = steps.some(
    (x) => x.index > step.index && x.kind === 'node' && x.node.action === 'start' && x.node.node === step.node.node,
  );
  if (!restarted)
    ctx.warn(
      [...rel, 'action'],
      '"stop" with no later "start" of the same node',
      'a `start` step: a node left stopped takes the pod (and on one-node clusters the API server) with it',
    );
}

function expectFindings(ctx: FindingContext, rel: Rel, e: ExpectationsT): void {
  const { container, error, warn, journal } = ctx;
  // Start counts, start order and netns identity are read from the journal.
  if (journal === false) {
    const why = 'the suite journal (it is `false`): start counts, start order and netns are read from it';
    if (e.runs) error([...rel, 'runs'], '"runs" without a journal', why, 'key');
    if (e.startOrder) error([...rel, 'startOrder'], '"startOrder" without a journal', why, 'key');
    if (e.identity?.netns) error([...rel, 'identity', 'netns'], '"netns" without a journal', why, 'key');
  }
  for (const name of Object.keys(e.restarts ?? {}))
    if (name !== '*')
      container(
        [...rel, 'restarts', name],
        name,
        RESTARTABLE,
        'only these have a restartCount that restarts move',
        'key',
      );
  for (const name of Object.keys(e.runs ?? {})) {
    const c = container([...rel, 'runs', name], name, ANY, '', 'key');
    if (c && journal !== false && !commandText(c).includes(journal))
      warn(
        [...rel, 'runs', name],
        `"${name}" whose command does not mention ${journal}`,
        `a container that appends a line to ${journal} when it starts (see suites/pods/base.yaml)`,
        'key',
      );
  }
  const ordered = new Map<string, number>();
  (e.startOrder ?? []).forEach((entry, i) => {
    const names = Array.isArray(entry) ? entry.map((n, j) => [n, [i, j]] as const) : [[entry, [i]] as const];
    for (const [name, idx] of names) {
      if (ordered.has(name))
        error(
          [...rel, 'startOrder', ...idx],
          `"${name}" a second time`,
          'each container at most once in the start order',
        );
      ordered.set(name, i);
      container([...rel, 'startOrder', ...idx], name, RESTARTABLE, 'only these start with the pod');
    }
  });
  (e.files ?? []).forEach((file, i) => {
    if (file.container)
      container(
        [...rel, 'files', i, 'container'],
        file.container,
        EXECUTABLE,
        'the harness execs into it to read the file',
      );
  });
  for (const name of Object.keys(e.final?.containers ?? {}))
    container([...rel, 'final', 'containers', name], name, ANY, '', 'key');
  for (const name of Object.keys(e.states ?? {})) container([...rel, 'states', name], name, ANY, '', 'key');
  /** Reports a window that cannot fail or is empty; true when it is neither. */
  const windowFindings = (path: Array<string | number>, w: TimingWindowT): boolean => {
    if (w.min === undefined && w.max === undefined)
      error(path, 'a bound without min or max', 'min, max or both: a bound that cannot fail checks nothing');
    else if (w.min !== undefined && w.max !== undefined && w.min > w.max)
      error([...path, 'min'], `min ${w.min} above max ${w.max}`, 'min <= max');
    else return true;
    return false;
  };
  (e.timing ?? []).forEach((bound, i) => {
    for (const end of ['from', 'to'] as const) {
      const m = /^([a-z0-9-]+)\.(finishedAt|startedAt|killing)$/.exec(bound[end]);
      if (m)
        container(
          [...rel, 'timing', i, end],
          m[1] as string,
          RESTARTABLE,
          'only these start, end and are killed with the pod',
        );
    }
    if (bound.windows) {
      if (bound.min !== undefined || bound.max !== undefined)
        error(
          [...rel, 'timing', i, 'windows'],
          'windows beside min/max',
          'either min/max (one window) or windows (one of several)',
        );
      const windows = bound.windows;
      // Every window is reported on its own; overlaps are judged only between well-formed ones.
      const valid = windows.map((w, j) => windowFindings([...rel, 'timing', i, 'windows', j], w)).every(Boolean);
      const sorted = [...windows].sort((a, b) => (a.min ?? 0) - (b.min ?? 0));
      for (let j = 1; valid && j < sorted.length; j++) {
        const prev = sorted[j - 1] as TimingWindowT;
        const cur = sorted[j] as TimingWindowT;
        if (prev.max === undefined || prev.max >= (cur.min ?? 0))
          error(
            [...rel, 'timing', i, 'windows'],
            `windows that overlap (${describeWindow(prev)} and ${describeWindow(cur)})`,
            'disjoint windows: a time between them must fail',
          );
      }
    } else windowFindings([...rel, 'timing', i], bound);
    if (bound.from === bound.to) error([...rel, 'timing', i, 'to'], `"${bound.to}" again`, 'two different moments');
  });
}

const describeWindow = (w: TimingWindowT) => `${w.min ?? 0}s–${w.max ?? '∞'}s`;

const URL = /https?:\/\/\S+/;

function differenceFindings(ctx: FindingContext, s: ScenarioT, plan: ScenarioPlan): void {
  const { error } = ctx;
  const list = s.knownDifferences ?? [];
  const claimed: Array<{ i: number; ranges: string[]; step: number; kind: string }> = [];
  list.forEach((d, i) => {
    const rel: Rel = ['knownDifferences', i];
    if ((d.expect === undefined) === (d.expectedFailure === undefined))
      error(
        rel,
        d.expect ? 'both "expect" and "expectedFailure"' : 'neither "expect" nor "expectedFailure"',
        'exactly one: replaced expectations, or the checks that fail on these versions',
      );
    if (d.versions.length > 1 && !satisfiable(d.versions))
      error(
        [...rel, 'versions'],
        `ranges ${d.versions.map((v) => `"${v}"`).join(', ')}`,
        'ranges that some Kubernetes version satisfies together',
      );
    if (d.expectedFailure && !URL.test(d.because))
      error(
        [...rel, 'because'],
        `"${d.because}"`,
        'an upstream issue or PR link (https://…): an expected failure is a known upstream bug',
      );
    let steps: ExpectStep[];
    if (d.step !== undefined && !s.steps) {
      error(
        [...rel, 'step'],
        '"step" in a scenario without steps',
        "no step: the difference applies to the scenario's `expect`",
        'key',
      );
      steps = [];
    } else {
      steps = selectedSteps(d, plan.steps);
      if (d.step !== undefined && steps.length === 0) {
        const names = expectSteps(plan).map((x) => `${x.index + 1} (${x.name})`);
        error(
          [...rel, 'step'],
          `step ${JSON.stringify(d.step)}`,
          `an \`expect\` step, by name or 1-based position: ${names.join(', ') || '(none)'}`,
        );
      }
    }
    if (d.expect) {
      if (s.steps && d.expect.admission !== undefined)
        error(
          [...rel, 'expect', 'admission'],
          '"admission" in a scenario with steps',
          'expectations an `expect` step can have',
          'key',
        );
      expectFindings(ctx, [...rel, 'expect'], d.expect);
      textRangeFindings(ctx, [...rel, 'expect'], d.expect, d.versions);
      for (const step of steps)
        for (const kind of Object.keys(d.expect)) claimed.push({ i, ranges: d.versions, step: step.index, kind });
    }
  });
  // Two differences replacing the same kind of the same step on a common version: which one wins would be an accident.
  for (const [a, x] of claimed.entries())
    for (const y of claimed.slice(a + 1))
      if (x.i !== y.i && x.step === y.step && x.kind === y.kind && satisfiable([...x.ranges, ...y.ranges]))
        error(
          ['knownDifferences', y.i, 'expect', x.kind],
          `"${x.kind}" replaced again for versions knownDifferences[${x.i}] also covers`,
          'at most one difference per expectation kind and version',
          'key',
        );
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
export function suiteFindings(
  scenarios: Array<{ scenario: ScenarioT; pointer: string }>,
  locateSuite: Locator,
): Findings {
  const errors: InputProblem[] = [];
  const warnings: InputProblem[] = [];
  const names = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const { scenario, pointer } of scenarios) {
    const first = names.get(scenario.name);
    if (first !== undefined) {
      const p = joinPointer(pointer, 'name');
      const line = locateSuite(joinPointer(first, 'name')).line;
      errors.push(
        problemAt(
          locateSuite(p),
          p,
          `"${scenario.name}" again (first at line ${line})`,
          'a scenario name unique within the suite',
        ),
      );
    } else names.set(scenario.name, pointer);
    if (scenario.id) {
      const firstId = ids.get(scenario.id);
      if (firstId !== undefined) {
        const p = joinPointer(pointer, 'id');
        const line = locateSuite(joinPointer(firstId, 'id')).line;
        warnings.push(
          problemAt(
            locateSuite(p),
            p,
            `id "${scenario.id}" again (first at line ${line})`,
            'a catalogue id unique within the suite (e.g. R13a, R13b)',
          ),
        );
      } else ids.set(scenario.id, pointer);
    }
  }
  return { errors, warnings };
}
