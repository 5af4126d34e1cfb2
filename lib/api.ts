// The few calls a program makes of inplace-e2e (lib/index.ts re-exports them): each takes plain
// options, not the command line's types, and answers with values instead of printing.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_PROFILE, type RunArgs } from './cli/args.js';
import { InputError, type InputProblem } from './errors.js';
import type { Observation } from './observe/types.js';
import type { RunReport } from './report/types.js';
import { REPORT_FILES } from './report/write.js';
import { runSuites } from './runner/run.js';
import { loadSuites, type LoadedSuite, type LoadOptions } from './suite/load.js';
import { findScenario } from './suite/find.js';
import { shippedSuitesDir } from './suite/shipped.js';
import { judge, type JudgeOptions } from './verdict/judge.js';
import type { Verdict } from './verdict/types.js';

/** What `validateSuites` found: the loaded suites, or every problem with its file:line:column. */
export type SuiteValidation =
  | { ok: true; suites: LoadedSuite[]; warnings: InputProblem[] }
  | { ok: false; problems: InputProblem[] };

/**
 * Loads and checks suites (files, folders, or shipped suite names such as `core`), offline: schema,
 * pod manifests against the Kubernetes API types, trigger and expectation combinations. Without
 * paths, the shipped suites. Problems come back as values; only an unexpected failure throws.
 */
export async function validateSuites(paths: string[] = [], options: LoadOptions = {}): Promise<SuiteValidation> {
  try {
    const suites = await loadSuites(paths.length > 0 ? paths : [shippedSuitesDir()], options);
    return { ok: true, suites, warnings: suites.flatMap((s) => s.warnings) };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, problems: e.problems };
    throw e;
  }
}

/**
 * Judges a recorded observation (one entry of report.json's `observations`, or a fixture such as
 * test/fixtures/observations/real/*.json) with the expectations of the scenario it was a run of,
 * taken from `suites` (default: the shipped suites). Offline and deterministic: the same observation
 * always gets the same verdict. Throws InputError when no loaded suite has that scenario.
 */
export async function judgeRecorded(observation: Observation, options: { suites?: string[] } & JudgeOptions = {}): Promise<Verdict> {
  const { suites: paths, ...judgeOptions } = options;
  const suites = await loadSuites(paths?.length ? paths : [shippedSuitesDir()]);
  const scenario = findScenario(suites, observation);
  if (!scenario) {
    throw new InputError([
      {
        file: paths?.join(', ') || shippedSuitesDir(),
        line: 0,
        column: 0,
        path: '',
        found: `no scenario ${observation.suite}/${observation.scenario}`,
        expected: `a suite named ${observation.suite} with a scenario named ${observation.scenario}`,
      },
    ]);
  }
  return judge(scenario, observation, judgeOptions);
}

/** How `run` drives a cluster. Every field is optional; the defaults are the CLI's. */
export interface RunOptions {
  /** Suite files, folders or shipped names; default every shipped suite. */
  suites?: string[];
  /** Profile name or file; default 1.35-gates-on. */
  profile?: string;
  /** kind node image for every node instead of the profile's pin. */
  nodeImage?: string;
  /** Use the profile's locally built image (inplace-e2e node-image build). */
  localImage?: boolean;
  /** Only scenarios whose "suite id name" matches. */
  grep?: RegExp;
  /** Scenarios at a time; default 2. */
  parallel?: number;
  /** Keep the cluster afterwards. */
  keep?: boolean;
  /** Reuse a cluster this harness created and kept. */
  reuse?: string;
  /** Run against the cluster of this kubeconfig file (never created or deleted). */
  existingCluster?: string;
  /** Allow scenario node actions on an existing cluster the harness did not create. */
  allowNodeActions?: boolean;
  /** Where the reports go; default "reports". */
  reportDir?: string;
  /** Gate-off control run. */
  control?: boolean;
  /** Accept a run whose selected scenarios are all skipped (otherwise it fails: no false greens). */
  allowSkips?: boolean;
  /** Progress lines; default standard output. */
  log?: (line: string) => void;
}

export interface RunResult {
  /** 0 passed, 1 scenario failures, 2 bad input, 3 environment or preflight failure. */
  exitCode: number;
  reportDir: string;
  /** report.json as written, when the run got as far as writing it. */
  report?: RunReport;
}

/**
 * Runs suites against a real cluster: a kind cluster it creates (and deletes) from the profile, or
 * the cluster of `existingCluster`. Writes junit.xml, report.json, summary.md and report.html into
 * `reportDir` and returns the exit code with the report.
 */
export async function run(options: RunOptions = {}): Promise<RunResult> {
  const reportDir = options.reportDir ?? 'reports';
  const args: RunArgs = {
    command: 'run',
    suites: options.suites ?? [],
    profile: options.profile ?? DEFAULT_PROFILE,
    localImage: options.localImage ?? false,
    parallel: options.parallel ?? 2,
    keep: options.keep ?? false,
    reportDir,
    control: options.control ?? false,
    allowNodeActions: options.allowNodeActions ?? false,
    allowSkips: options.allowSkips ?? false,
    ...(options.nodeImage ? { nodeImage: options.nodeImage } : {}),
    ...(options.grep ? { grep: options.grep } : {}),
    ...(options.reuse ? { reuse: options.reuse } : {}),
    ...(options.existingCluster ? { existingCluster: options.existingCluster } : {}),
  };
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const exitCode = await runSuites(args, { line: log });
  let report: RunReport | undefined;
  try {
    report = JSON.parse(await readFile(path.join(reportDir, REPORT_FILES.json), 'utf8')) as RunReport;
  } catch {
    // bad input or an environment failure before any report was written
  }
  return { exitCode, reportDir, ...(report ? { report } : {}) };
}
