// Loads suites: finds the files, parses them with positions, validates them against the schema,
// builds every scenario's pod (file/builtin/inline + patches), checks the manifests against the Pod
// API and the scenarios for impossible combinations. Bad input never gets further than this: all
// problems of all files are collected and thrown as one InputError.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError, type InputProblem } from '../errors.js';
import { loadApiModels, type ApiModels } from '../manifest/model.js';
import { closestKey } from '../manifest/suggest.js';
import { checkPodWith, type ManifestFinding } from '../manifest/validate.js';
import { containerSpecs, type ContainerKind, type ContainerSpec } from './containers.js';
import { resolvePod, type PodContext } from './pod-source.js';
import { DEFAULT_JOURNAL, Suite, type ScenarioT, type SuiteT } from './schema.js';
import { schemaProblems } from './schema-problems.js';
import { scenarioFindings, suiteFindings } from './semantics.js';
import { planScenario } from './steps.js';
import { shippedSuiteFile, shippedSuiteNames } from './shipped.js';
import { joinPointer, problemAt, readYaml, SourceMap, type Locator, type YamlDocument } from './yaml-source.js';

export interface LoadedScenario {
  suiteName: string;
  /** The suite file, as shown in messages. */
  file: string;
  scenario: ScenarioT;
  /** The pod manifest exactly as it will be sent (patches applied; no namespace added). */
  pod: Record<string, unknown>;
  podName: string;
  /** The pod's containers, plus ephemeral containers a `patch` trigger adds. */
  containers: Array<{ name: string; kind: ContainerKind }>;
  /** Where the scenario starts in the suite file. */
  position: { line: number; column: number };
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
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

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
  const loaded: LoadedSuite[] = [];
  const suiteNames = new Map<string, string>();
  for (const file of files) {
    const r = await loadSuiteFile(file, { map, podCache, display });
    problems.push(...r.problems);
    if (!r.suite) continue;
    const other = suiteNames.get(r.suite.suite.name);
    if (other !== undefined) {
      const at = r.locate('/name');
      problems.push(problemAt(at, '/name', `suite name "${r.suite.suite.name}" (also used by ${other})`, 'a suite name unique among the loaded suites'));
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
  const suiteLevel = problems.filter((p) => !/^\/scenarios\/\d+(\/|$)/.test(p.path));
  // Scenarios are checked one by one, so a broken scenario does not hide the problems of the others.
  if (!scenarioList || suiteLevel.some((p) => p.path === '' || /^\/(scenarios|journal|name)$/.test(p.path)))
    return { problems, locate };
  const broken = new Set(problems.map((p) => /^\/scenarios\/(\d+)/.exec(p.path)?.[1]).filter((i) => i !== undefined).map(Number));

  const suite = root as unknown as SuiteT;
  const journal = suite.journal ?? DEFAULT_JOURNAL;
  const models = await loadApiModels('V1Pod');
  const warnings: InputProblem[] = [];
  const scenarios: LoadedScenario[] = [];
  const valid: Array<{ scenario: ScenarioT; pointer: string }> = [];

  for (const [i, scenario] of (suite.scenarios ?? []).entries()) {
    if (broken.has(i)) continue;
    const pointer = `/scenarios/${i}`;
    valid.push({ scenario, pointer });
    const r = await loadScenario({ ...ctx, file, shown, locate, models, journal, suiteName: suite.name }, scenario, pointer);
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
  const pod = await resolvePod(podCtx, scenario.pod);
  errors.push(...pod.problems);
  if (!pod.manifest) return { errors, warnings };

  const manifestFindings = checkPodWith(ctx.models, pod.manifest, { locate: pod.locate, file: ctx.shown });
  split(manifestFindings, typeof scenario.expect?.admission === 'object', errors, warnings);
  if (manifestFindings.some((f) => f.rule === 'identity')) return { errors, warnings };

  for (const step of planScenario(scenario, { pointer }).steps) {
    if (step.kind !== 'trigger' || !('patch' in step.trigger)) continue;
    const bodyPointer = joinPointer(step.pointer, ...(scenario.steps ? ['trigger'] : []), 'patch', 'body');
    const rejectionExpected = scenario.steps
      ? planScenario(scenario).steps.some((x) => x.kind === 'expect' && x.after === step.index && typeof x.expect.patch === 'object')
      : typeof scenario.expect?.patch === 'object';
    split(patchBodyFindings(step.trigger.patch, bodyPointer, ctx.locate, ctx.models), rejectionExpected, errors, warnings);
  }

  const containers = [...containerSpecs(pod.manifest), ...patchedInEphemerals(scenario, pointer)];
  const semantic = scenarioFindings({ scenario, pointer, locateSuite: ctx.locate, containers, journal: ctx.journal });
  errors.push(...semantic.errors);
  warnings.push(...semantic.warnings);

  const at = ctx.locate(pointer);
  const loaded: LoadedScenario = {
    suiteName: ctx.suiteName,
    file: ctx.shown,
    scenario,
    pod: pod.manifest,
    podName: String((pod.manifest.metadata as Record<string, unknown>).name),
    containers: containers.map(({ name, kind }) => ({ name, kind })),
    position: { line: at.line, column: at.column },
  };
  return { loaded, errors, warnings };
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
function patchBodyFindings(patch: PatchTrigger, bodyPointer: string, locateSuite: Locator, models: ApiModels): ManifestFinding[] {
  const locate: Locator = (pointer, anchor) => locateSuite(bodyPointer + pointer, anchor);
  if (patch.type === 'json') {
    if (Array.isArray(patch.body)) return [];
    const at = locateSuite(bodyPointer);
    return [{ rule: 'type', ...problemAt(at, bodyPointer, 'a JSON patch body that is not a list', 'a list of RFC 6902 operations') }];
  }
  return checkPodWith(models, patch.body, { locate, partial: patch.type }).map((f) => ({ ...f, path: bodyPointer + f.path }));
}

/** Ephemeral containers that `patch` triggers on the ephemeralcontainers subresource add. */
function patchedInEphemerals(scenario: ScenarioT, pointer: string): ContainerSpec[] {
  const out: ContainerSpec[] = [];
  for (const step of planScenario(scenario, { pointer }).steps) {
    if (step.kind !== 'trigger' || !('patch' in step.trigger) || step.trigger.patch.subresource !== 'ephemeralcontainers') continue;
    const body = step.trigger.patch.body;
    const spec = isObject(body) && isObject(body.spec) ? body.spec : undefined;
    if (!spec || !Array.isArray(spec.ephemeralContainers)) continue;
    const at = joinPointer(step.pointer, ...(scenario.steps ? ['trigger'] : []), 'patch', 'body', 'spec', 'ephemeralContainers');
    (spec.ephemeralContainers as unknown[]).forEach((c, i) => {
      if (isObject(c) && typeof c.name === 'string') out.push({ name: c.name, kind: 'ephemeral', spec: c, pointer: joinPointer(at, i) });
    });
  }
  return out;
}
