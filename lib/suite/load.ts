// Loads suites: finds the files, parses them with positions, validates them against the schema,
// builds every scenario's pod (file/builtin/inline + patches), checks the manifests against the Pod
// API and the scenarios for impossible combinations. Bad input never gets further than this: all
// problems of all files are collected and thrown as one InputError.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError, type InputProblem } from '../errors.js';
import { textForVersion } from '../k8s-version.js';
import {
  narrowTarget,
  restartRuleFindingsFor,
  tableTargets,
  type ApiTarget,
  type TargetedFinding,
} from '../manifest/api-target.js';
import { loadApiModels, type ApiModels } from '../manifest/model.js';
import { ruleUpdateFindings } from '../manifest/restart-rules.js';
import { closestKey } from '../input/describe.js';
import { apiRuleProblems, checkPodWith, type ManifestFinding } from '../manifest/validate.js';
import { type ContainerKind, type ContainerSpec, containerSpecs } from '../manifest/containers.js';
import { resolvePod, type PodContext } from './pod-source.js';
import { DEFAULT_JOURNAL, Suite, type ApiRejectionT, type ScenarioT, type SuiteT } from './schema.js';
import { schemaProblems } from '../input/schema-problems.js';
import { scenarioFindings, suiteFindings } from './semantics.js';
import { planScenario } from './steps.js';
import { shippedSuiteFile, shippedSuiteNames } from './shipped.js';
import {
  joinPointer,
  parsePointer,
  problemAt,
  readYaml,
  SourceMap,
  type Locator,
  type YamlDocument,
} from '../input/yaml-source.js';
import { isObject } from '../kube/json.js';

export interface LoadedScenario {
  suiteName: string;
  /** The suite file, as shown in messages. */
  file: string;
  scenario: ScenarioT;
  /** The pod manifest exactly as it will be sent (patches applied; no namespace added). */
  pod: Record<string, unknown>;
  podName: string;
  /**
   * Scenarios with `job`: the Job as it will be sent, and its name. `pod` is then the Job's pod
   * template (as a Pod named after the Job) and `podName` the Job's name until the real pod exists.
   */
  job?: { manifest: Record<string, unknown>; name: string };
  /** The pod's containers, plus ephemeral containers a `patch` trigger adds. */
  containers: Array<{ name: string; kind: ContainerKind }>;
  /** Where the scenario starts in the suite file. */
  position: { line: number; column: number };
  /** Rejections of the API servers in play that the scenario expects and that were predicted offline, as the server writes them. */
  predictedRejections?: string[];
}

export interface LoadedSuite {
  /** The suite file, as shown in messages. */
  file: string;
  suite: SuiteT;
  scenarios: LoadedScenario[];
  /** Doubts that do not stop a run (e.g. a trigger command that does not mention its flag file). */
  warnings: InputProblem[];
}

export interface LoadOptions {
  /** Base for relative paths and for how paths are shown; default process.cwd(). */
  cwd?: string;
  /**
   * The API servers the pods must pass (a profile's for `run`, a minor's with `validate --kubernetes`).
   * Default: every minor of the gate table, with the gates a scenario does not require left open. A
   * scenario is checked against the targets its `requires` admits, with its required gates pinned.
   */
  api?: ApiTarget[];
}

/**
 * Loads suites from files, directories (their *.yaml suite files; subdirectories such as pods/ are
 * not searched) or names of shipped suites (`core` → suites/core.yaml of this package).
 * Throws one InputError with every problem found.
 */
export async function loadSuites(paths: string[], options: LoadOptions = {}): Promise<LoadedSuite[]> {
  const cwd = options.cwd ?? process.cwd();
  const display = (file: string) => {
    const rel = path.relative(cwd, file);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
  };
  const { files, problems } = await suiteFiles(paths, cwd);
  const map = new SourceMap();
  const podCache = new Map<string, Promise<YamlDocument>>();
  const api = options.api ?? tableTargets();
  const loaded: LoadedSuite[] = [];
  const suiteNames = new Map<string, string>();
  for (const file of files) {
    const r = await loadSuiteFile(file, { map, podCache, display, api });
    problems.push(...r.problems);
    if (!r.suite) continue;
    const other = suiteNames.get(r.suite.suite.name);
    if (other !== undefined) {
      const at = r.locate('/name');
      problems.push(
        problemAt(
          at,
          '/name',
          `suite name "${r.suite.suite.name}" (also used by ${other})`,
          'a suite name unique among the loaded suites',
        ),
      );
    } else suiteNames.set(r.suite.suite.name, r.suite.file);
    loaded.push(r.suite);
  }
  if (problems.length) throw new InputError(dedupe(problems));
  return loaded;
}

/** Drops repeats (a pod file shared by scenarios is checked once per scenario) and sorts by position. */
function dedupe(problems: InputProblem[]): InputProblem[] {
  const seen = new Set<string>();
  const files = [...new Set(problems.map((p) => p.file))];
  return problems
    .filter((p) => {
      const key = JSON.stringify([p.file, p.line, p.column, p.path, p.found, p.expected]);
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.line - b.line || a.column - b.column);
}

// ---- which files ---------------------------------------------------------------------------------

/** In a directory, a YAML file whose top-level kind is something else (a Pod, a profile) is not a suite. */
function looksLikeSuite(text: string): boolean {
  const kind = /^kind:\s*["']?([A-Za-z]+)/m.exec(text)?.[1];
  return kind === undefined || kind === 'Suite' || closestKey(kind, ['Suite']) !== undefined;
}

async function suiteFiles(paths: string[], cwd: string): Promise<{ files: string[]; problems: InputProblem[] }> {
  const files: string[] = [];
  const problems: InputProblem[] = [];
  const add = async (file: string) => {
    const real = await realpath(file).catch(() => file);
    if (!files.includes(real)) files.push(real);
  };
  const missing = (p: string, found: string) => {
    const names = shippedSuiteNames();
    problems.push({
      file: p,
      line: 0,
      column: 0,
      path: '',
      found,
      expected: `a suite file, a directory of suite files, or a shipped suite: ${names.join(', ')}`,
    });
  };
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    const st = await stat(abs).catch(() => undefined);
    if (st?.isFile()) {
      await add(abs);
    } else if (st?.isDirectory()) {
      const entries = (await readdir(abs)).filter((f) => /\.ya?ml$/.test(f)).sort();
      let found = 0;
      for (const entry of entries) {
        const file = path.join(abs, entry);
        if (!(await stat(file)).isFile() || !looksLikeSuite(await readFile(file, 'utf8'))) continue;
        await add(file);
        found++;
      }
      if (!found) missing(p, 'a directory without suite files');
    } else if (/^[a-z0-9][-a-z0-9]*$/.test(p) && shippedSuiteNames().includes(p)) {
      await add(shippedSuiteFile(p));
    } else {
      missing(p, 'no such file, directory or shipped suite');
    }
  }
  return { files, problems };
}

// ---- one suite file ------------------------------------------------------------------------------

interface FileContext {
  map: SourceMap;
  podCache: Map<string, Promise<YamlDocument>>;
  display(file: string): string;
  api: ApiTarget[];
}

interface FileResult {
  suite?: LoadedSuite;
  problems: InputProblem[];
  locate: Locator;
}

async function loadSuiteFile(file: string, ctx: FileContext): Promise<FileResult> {
  const shown = ctx.display(file);
  const doc = await readYaml(file, ctx.map, shown);
  const locate = ctx.map.locator(doc.value, doc.at);
  if (doc.problems.length) return { problems: doc.problems, locate };

  const problems = schemaProblems(Suite, doc.value, locate);
  const root = doc.value;
  const scenarioList = isObject(root) && Array.isArray(root.scenarios) ? (root.scenarios as unknown[]) : undefined;
  // Only a document that is no suite at all, or has no scenario list, stops here: every scenario is
  // checked, the parts of a broken one that passed the schema too, so one pass shows every problem.
  if (!scenarioList || problems.some((p) => p.path === '' || p.path === '/scenarios')) return { problems, locate };
  const brokenParts = new Map<number, string[][]>();
  for (const p of problems) {
    const m = /^\/scenarios\/(\d+)(\/.*)?$/.exec(p.path);
    if (m) brokenParts.set(Number(m[1]), [...(brokenParts.get(Number(m[1])) ?? []), parsePointer(m[2] ?? '')]);
  }

  const suite = root as unknown as SuiteT;
  const journalValid = !problems.some((p) => p.path.startsWith('/journal'));
  const journal = journalValid ? (suite.journal ?? DEFAULT_JOURNAL) : DEFAULT_JOURNAL;
  const models = await loadApiModels('V1Pod');
  const warnings: InputProblem[] = [];
  const scenarios: LoadedScenario[] = [];
  const valid: Array<{ scenario: ScenarioT; pointer: string }> = [];
  const sctx = {
    ...ctx,
    file,
    shown,
    locate,
    models,
    journal,
    suiteName: typeof suite.name === 'string' ? suite.name : '',
  };

  for (const [i, raw] of scenarioList.entries()) {
    const pointer = `/scenarios/${i}`;
    const broken = brokenParts.get(i);
    if (broken) {
      // What passed the schema is still checked; the scenario itself is not loaded.
      const partial = prunedScenario(raw, broken);
      if (partial) problems.push(...(await loadScenario(sctx, partial, pointer)).errors);
      continue;
    }
    const scenario = raw as ScenarioT;
    valid.push({ scenario, pointer });
    const r = await loadScenario(sctx, scenario, pointer);
    problems.push(...r.errors);
    warnings.push(...r.warnings);
    if (r.loaded) scenarios.push(r.loaded);
  }
  const suiteWide = suiteFindings(valid, locate);
  problems.push(...suiteWide.errors);
  warnings.push(...suiteWide.warnings);

  if (problems.length) return { problems, locate };
  return { suite: { file: shown, suite, scenarios, warnings: dedupe(warnings) }, problems, locate };
}

/**
 * A scenario with the parts the schema refused taken out (at the granularity the semantic checks read:
 * one expectation, one required gate, else a whole top-level key), so the rest can still be checked.
 * undefined when nothing is left to check.
 */
function prunedScenario(raw: unknown, brokenPaths: string[][]): ScenarioT | undefined {
  if (!isObject(raw)) return undefined;
  const s: Record<string, unknown> = { ...raw };
  const copied = new Set<unknown>();
  const own = (parent: Record<string, unknown>, key: string): Record<string, unknown> | undefined => {
    const v = parent[key];
    if (!isObject(v)) return undefined;
    if (copied.has(v)) return v;
    const copy = { ...v };
    copied.add(copy);
    parent[key] = copy;
    return copy;
  };
  for (const [k1, k2, k3] of brokenPaths) {
    if (k1 === undefined) return undefined;
    const expect = k1 === 'expect' && k2 !== undefined ? own(s, 'expect') : undefined;
    const requires = k1 === 'requires' && k2 !== undefined ? own(s, 'requires') : undefined;
    const gates = requires && k2 === 'gates' && k3 !== undefined ? own(requires, 'gates') : undefined;
    if (expect) delete expect[k2 as string];
    else if (gates) delete gates[k3 as string];
    else if (requires) delete requires[k2 as string];
    else delete s[k1];
  }
  if (!isObject(s.expect) && !Array.isArray(s.steps)) s.expect = {};
  if (typeof s.name !== 'string') s.name = '';
  return s as unknown as ScenarioT;
}

interface ScenarioContext extends FileContext {
  file: string;
  shown: string;
  locate: Locator;
  models: ApiModels;
  journal: string | false;
  suiteName: string;
}

/** Builds one scenario's pod and checks it; `loaded` is set when the scenario could be built. */
async function loadScenario(
  ctx: ScenarioContext,
  scenario: ScenarioT,
  pointer: string,
): Promise<{ loaded?: LoadedScenario; errors: InputProblem[]; warnings: InputProblem[] }> {
  const errors: InputProblem[] = [];
  const warnings: InputProblem[] = [];
  const podCtx: PodContext = {
    map: ctx.map,
    suiteFile: ctx.file,
    locateSuite: ctx.locate,
    pointer: joinPointer(pointer, 'pod'),
    cache: ctx.podCache,
    display: ctx.display,
  };
  if (scenario.job && scenario.pod) {
    const at = joinPointer(pointer, 'job');
    errors.push(
      problemAt(
        ctx.locate(at, 'key'),
        at,
        'both "pod" and "job"',
        'one of them: the pod itself, or a Job that creates it',
      ),
    );
  }
  const source = scenario.job ?? scenario.pod;
  if (!source)
    errors.push(
      problemAt(
        ctx.locate(pointer),
        pointer,
        'a scenario without "pod" or "job"',
        '`pod` (a Pod manifest) or `job` (a batch/v1 Job whose pod the harness follows)',
      ),
    );
  const resolved = source
    ? await resolvePod({ ...podCtx, pointer: joinPointer(pointer, scenario.job ? 'job' : 'pod') }, source)
    : undefined;
  errors.push(...(resolved?.problems ?? []));
  // A Job's pod template is the pod the harness reasons about (named after the Job), positioned in the Job.
  let pod: { manifest?: Record<string, unknown>; locate: Locator } | undefined = resolved;
  let job: LoadedScenario['job'];
  if (scenario.job && resolved?.manifest) {
    const template = jobTemplatePod(resolved.manifest, resolved.locate);
    errors.push(...template.problems);
    pod = { ...(template.pod ? { manifest: template.pod } : {}), locate: template.locate };
    if (template.pod) job = { manifest: resolved.manifest, name: template.name };
  }
  const manifest = pod?.manifest;
  const admission = typeof scenario.expect?.admission === 'object' ? scenario.expect.admission : undefined;

  let containers: ContainerSpec[] | undefined;
  const predictedRejections: string[] = [];
  if (pod && manifest) {
    const manifestFindings = checkPodWith(ctx.models, manifest, { locate: pod.locate, file: ctx.shown }).map((f) =>
      job ? { ...f, path: templatePointer(f.path) } : f,
    );
    split(manifestFindings, admission !== undefined, errors, warnings);
    if (!manifestFindings.some((f) => f.rule === 'identity')) {
      containers = [...containerSpecs(manifest), ...patchedInEphemerals(scenario, pointer)];
      // What the API servers the scenario can run on answer about its restart rules.
      const targets = ctx.api.flatMap((t) => narrowTarget(t, scenario.requires) ?? []);
      const create =
        job && resolved
          ? restartRuleFindingsFor(
              templateSpecOf(job.manifest),
              { pointer: '/spec/template/spec', field: 'spec.template.spec', operation: 'create', template: true },
              targets,
            )
          : restartRuleFindingsFor(
              manifest.spec,
              { pointer: '/spec', field: 'spec', operation: 'create', template: false },
              targets,
            );
      const createLocate = job && resolved ? resolved.locate : pod.locate;
      // A scenario that judges the stored pod (expect.stored) is about the silent drop: it is no finding there.
      const createProblems = apiRuleProblems(create, createLocate, PIN).filter(
        (p) => !(p.rule === 'api-dropped' && judgesStoredPod(scenario)),
      );
      judgeApiFindings(
        create,
        createProblems,
        admission,
        ctx.locate,
        joinPointer(pointer, 'expect', 'admission'),
        errors,
        warnings,
        predictedRejections,
      );

      const plan = planScenario(scenario, { pointer });
      for (const step of plan.steps) {
        if (step.kind !== 'trigger' || !('patch' in step.trigger)) continue;
        const bodyPointer = joinPointer(step.pointer, ...(scenario.steps ? ['trigger'] : []), 'patch', 'body');
        const judged = scenario.steps
          ? plan.steps.find((x) => x.kind === 'expect' && x.after === step.index && typeof x.expect.patch === 'object')
          : undefined;
        const outcome = scenario.steps
          ? judged?.kind === 'expect' && typeof judged.expect.patch === 'object'
            ? judged.expect.patch
            : undefined
          : typeof scenario.expect?.patch === 'object'
            ? scenario.expect.patch
            : undefined;
        const outcomePointer = judged
          ? joinPointer(judged.pointer, 'expect', 'patch')
          : joinPointer(pointer, 'expect', 'patch');
        split(
          patchBodyFindings(step.trigger.patch, bodyPointer, ctx.locate, ctx.models),
          outcome !== undefined,
          errors,
          warnings,
        );
        const update = patchRuleFindings(step.trigger.patch, manifest, bodyPointer, targets);
        judgeApiFindings(
          update,
          apiRuleProblems(update, (p, a) => ctx.locate(p, a), PIN),
          outcome,
          ctx.locate,
          outcomePointer,
          errors,
          warnings,
          predictedRejections,
        );
      }
    }
  }

  const semantic = scenarioFindings({ scenario, pointer, locateSuite: ctx.locate, containers, journal: ctx.journal });
  errors.push(...semantic.errors);
  warnings.push(...semantic.warnings);
  if (!manifest || !containers) return { errors, warnings };

  const at = ctx.locate(pointer);
  const loaded: LoadedScenario = {
    suiteName: ctx.suiteName,
    file: ctx.shown,
    scenario,
    pod: manifest,
    podName: String((manifest.metadata as Record<string, unknown>).name),
    ...(job ? { job } : {}),
    containers: containers.map(({ name, kind }) => ({ name, kind })),
    position: { line: at.line, column: at.column },
    predictedRejections,
  };
  return { loaded, errors, warnings };
}

const PIN = 'pin the gate with requires.gates, or check against a profile with --profile';

/** The scenario expects something of the pod as stored (its restart fields after a silent drop). */
function judgesStoredPod(s: ScenarioT): boolean {
  return s.expect?.stored !== undefined || (s.steps ?? []).some((x) => 'expect' in x && x.expect.stored !== undefined);
}

/** Restart-rule findings of a `patch` trigger: rules on new ephemeral containers, or a change of immutable fields. */
function patchRuleFindings(
  patch: PatchTrigger,
  pod: Record<string, unknown>,
  bodyPointer: string,
  targets: ApiTarget[],
): TargetedFinding[] {
  const body = patch.body;
  const spec = isObject(body) ? body.spec : undefined;
  if (patch.subresource === 'ephemeralcontainers')
    return restartRuleFindingsFor(
      spec,
      { pointer: joinPointer(bodyPointer, 'spec'), field: 'spec', operation: 'ephemeral-update', template: false },
      targets,
    );
  if (patch.subresource || patch.type === 'json' || targets.length === 0) return [];
  return ruleUpdateFindings(pod, body, bodyPointer).map((f) => ({
    ...f,
    answers: targets.map((t) => ({ label: t.label, minor: t.minor, text: f.text })),
    certainOn: targets.map((t) => t.label),
    conditions: [],
  }));
}

/**
 * Where the scenario expects no rejection, a certain one is an error and one that depends on an unpinned gate
 * or a silent drop a warning. Where it expects the rejection, the offline prediction is compared with what it
 * expects (field, and message per version): agreement is recorded, disagreement is a warning.
 */
function judgeApiFindings(
  findings: TargetedFinding[],
  problems: ManifestFinding[],
  expected: { rejected: ApiRejectionT } | undefined,
  locateSuite: Locator,
  expectPointer: string,
  errors: InputProblem[],
  warnings: InputProblem[],
  agreed: string[],
): void {
  if (!expected) {
    for (const { rule, ...problem } of problems) (rule === 'api-rejected' ? errors : warnings).push(problem);
    return;
  }
  const certain = findings.filter((f) => f.outcome === 'rejected' && f.certainOn.length > 0);
  if (certain.length === 0) return; // accepted as far as restart rules go: other validation may still reject
  const { field, message } = expected.rejected;
  const byLabel = new Map<string, { minor: string; lines: string[] }>();
  for (const f of certain)
    for (const a of f.answers)
      if (f.certainOn.includes(a.label)) {
        const entry = byLabel.get(a.label) ?? { minor: a.minor, lines: [] };
        entry.lines.push(`${f.field}: ${a.text}`);
        byLabel.set(a.label, entry);
      }
  for (const [label, { minor, lines }] of byLabel) {
    const text = message === undefined ? undefined : textForVersion(message, minor);
    const fieldOk = field === undefined || lines.some((l) => l.startsWith(`${field}: `));
    const textOk = text === undefined || lines.some((l) => l.includes(text));
    if (fieldOk && textOk) {
      agreed.push(...lines.map((l) => `${label}: ${l}`));
      continue;
    }
    const pointer = joinPointer(expectPointer, 'rejected', fieldOk ? 'message' : 'field');
    const found = fieldOk ? `message "${text ?? ''}"` : `field "${field ?? ''}"`;
    warnings.push(
      problemAt(
        locateSuite(pointer),
        pointer,
        found,
        `what the API server answers, predicted offline: ${label} answers ${lines.map((l) => `"${l}"`).join(' and ')}`,
      ),
    );
  }
}

/**
 * Structural findings are errors, except where the scenario expects the API server to reject the
 * object: then a wrong field may be the point of the test, and the server must judge it.
 */
function split(findings: ManifestFinding[], serverJudges: boolean, errors: InputProblem[], warnings: InputProblem[]) {
  for (const { rule, ...problem } of findings) {
    if (serverJudges && rule !== 'identity') warnings.push(problem);
    else errors.push(problem);
  }
}

type PatchTrigger = Extract<NonNullable<ScenarioT['trigger']>, { patch: unknown }>['patch'];

/** A strategic or merge patch body is a partial Pod: its field names and types can be checked too. */
function patchBodyFindings(
  patch: PatchTrigger,
  bodyPointer: string,
  locateSuite: Locator,
  models: ApiModels,
): ManifestFinding[] {
  const locate: Locator = (pointer, anchor) => locateSuite(bodyPointer + pointer, anchor);
  if (patch.type === 'json') {
    if (Array.isArray(patch.body)) return [];
    const at = locateSuite(bodyPointer);
    return [
      {
        rule: 'type',
        ...problemAt(at, bodyPointer, 'a JSON patch body that is not a list', 'a list of RFC 6902 operations'),
      },
    ];
  }
  return checkPodWith(models, patch.body, { locate, partial: patch.type }).map((f) => ({
    ...f,
    path: bodyPointer + f.path,
  }));
}

/** Ephemeral containers that `patch` triggers on the ephemeralcontainers subresource add. */
function patchedInEphemerals(scenario: ScenarioT, pointer: string): ContainerSpec[] {
  const out: ContainerSpec[] = [];
  for (const step of planScenario(scenario, { pointer }).steps) {
    if (
      step.kind !== 'trigger' ||
      !('patch' in step.trigger) ||
      step.trigger.patch.subresource !== 'ephemeralcontainers'
    )
      continue;
    const body = step.trigger.patch.body;
    const spec = isObject(body) && isObject(body.spec) ? body.spec : undefined;
    if (!spec || !Array.isArray(spec.ephemeralContainers)) continue;
    const at = joinPointer(
      step.pointer,
      ...(scenario.steps ? ['trigger'] : []),
      'patch',
      'body',
      'spec',
      'ephemeralContainers',
    );
    (spec.ephemeralContainers as unknown[]).forEach((c, i) => {
      if (isObject(c) && typeof c.name === 'string')
        out.push({ name: c.name, kind: 'ephemeral', spec: c, pointer: joinPointer(at, i) });
    });
  }
  return out;
}

/** A pod pointer of the template (/spec/..., /metadata/...) as a pointer into the Job. */
function templatePointer(podPointer: string): string {
  return /^\/(spec|metadata)(\/|$)/.test(podPointer) ? `/spec/template${podPointer}` : podPointer;
}

/**
 * A Job's pod template as the Pod the harness reasons about (containers, mounts, manifest checks),
 * named after the Job. What the harness itself needs of the Job is checked here, positioned in it.
 */
function jobTemplatePod(
  job: Record<string, unknown>,
  locate: Locator,
): { pod?: Record<string, unknown>; locate: Locator; name: string; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const need = (ok: boolean, pointer: string, found: string, expected: string) => {
    if (!ok) problems.push(problemAt(locate(pointer), pointer, found, expected));
  };
  const metadata = isObject(job.metadata) ? job.metadata : {};
  const spec = isObject(job.spec) ? job.spec : {};
  const template = isObject(spec.template) ? spec.template : undefined;
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  need(job.apiVersion === 'batch/v1', '/apiVersion', JSON.stringify(job.apiVersion ?? null), '"batch/v1"');
  need(job.kind === 'Job', '/kind', JSON.stringify(job.kind ?? null), '"Job"');
  need(
    name !== '',
    '/metadata/name',
    'no "metadata.name"',
    "a Job name (the harness finds the Job's pod by it; generateName is not supported)",
  );
  need(
    template !== undefined && isObject(template.spec),
    '/spec/template',
    'no "spec.template.spec"',
    'the pod template the Job creates its pod from',
  );
  const podLocate: Locator = (pointer, anchor) => locate(templatePointer(pointer), anchor);
  if (problems.length || !template) return { locate: podLocate, name, problems };
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...(isObject(template.metadata) ? template.metadata : {}), name },
    spec: template.spec,
  };
  return { pod, locate: podLocate, name, problems };
}

/** spec.template.spec of a Job manifest (checked by jobTemplatePod before this is used). */
function templateSpecOf(job: Record<string, unknown>): unknown {
  const spec = isObject(job.spec) ? job.spec : {};
  return isObject(spec.template) ? spec.template.spec : undefined;
}
