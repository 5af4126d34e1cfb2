// The few calls a program makes of inplace-e2e (lib/index.ts re-exports them): each takes plain
// options, not the command line's types, and answers with values instead of printing.
import { EXIT } from './cli/exit-codes.js';
import { InputError, type InputProblem } from './errors.js';
import type { Observation } from './observe/types.js';
import type { RunReport } from './report/types.js';
import { RUN_DEFAULTS, type RunOptions as RunnerOptions } from './runner/options.js';
import { runSuites } from './runner/run.js';
import { DEFAULT_PROFILE } from './profiles/load.js';
import { loadSuites, type LoadedSuite, type LoadOptions } from './suite/load.js';
import { findScenario } from './suite/find.js';
import { shippedSuitesDir } from './suite/shipped.js';
import { judge, type JudgeOptions } from './verdict/judge.js';
import type { Verdict } from './verdict/types.js';

/** What `validateSuites` found: the loaded suites, or every problem with its file:line:column. */
export type SuiteValidation =
  { ok: true; suites: LoadedSuite[]; warnings: InputProblem[] } | { ok: false; problems: InputProblem[] };

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
export async function judgeRecorded(
  observation: Observation,
  options: { suites?: string[] } & JudgeOptions = {},
): Promise<Verdict> {
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

/**
 * How `run` drives a cluster: the runner's options (lib/runner/options.ts), every one optional. Left out,
 * they take RUN_DEFAULTS and the default profile (1.35-gates-on), as the CLI's flags do.
 */
export type RunOptions = Partial<Omit<RunnerOptions, 'crashExitCode'>> & {
  /** Progress lines; default standard output. */
  log?: (line: string) => void;
};

export interface RunResult {
  /** 0 passed, 1 scenario failures, 2 bad input, 3 environment or preflight failure. */
  exitCode: number;
  reportDir: string;
  /** report.json as written. */
  report: RunReport;
}

/**
 * Runs suites against a real cluster: a kind cluster it creates (and deletes) from the profile, or
 * the cluster of `existingCluster`. Writes junit.xml, report.json, summary.md and report.html into
 * `reportDir` and returns the exit code with the report.
 */
export async function run(options: RunOptions = {}): Promise<RunResult> {
  const { log = (line: string) => process.stdout.write(`${line}\n`), ...given } = options;
  const runnerOptions: RunnerOptions = {
    ...RUN_DEFAULTS,
    profile: DEFAULT_PROFILE,
    ...given,
    crashExitCode: EXIT.environment,
  };
  const { end, report } = await runSuites(runnerOptions, { line: log });
  return { exitCode: EXIT[end], reportDir: runnerOptions.reportDir, report };
}
