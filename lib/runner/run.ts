// `inplace-e2e run`: plan → provision → execute → report.
//   inputs.ts     read the profile, an --existing-cluster kubeconfig and the suites (bad input ends here)
//   plan.ts       decide offline which scenarios run and why the others are skipped (lib/verdict/selection)
//   provision.ts  a cluster for the profile: node image, create or attach, version check, preflight
//   execute.ts    each scenario observed, judged and its evidence collected, under mocha
//   report.ts     one RunReport, written in every format and summed up on the console
// The runner says how the run ended (RunEnd); the CLI turns that into its exit code.
import { randomBytes } from 'node:crypto';
import { newClusterName } from '../cluster/names.js';
import { CleanupRegistry } from '../cluster/reaper.js';
import { errorText, formatProblem, InputError } from '../errors.js';
import { GateRefusalError } from '../gates/resolve.js';
import type { RunError, RunReport } from '../report/types.js';
import { runVerdict } from '../verdict/run.js';
import type { Verdict } from '../verdict/types.js';
import { readDurations, recordDurations } from './durations.js';
import { executeScenarios, type ExecutedScenarios } from './execute.js';
import { loadRunInputs, RunInputError } from './inputs.js';
import type { Output, RunOptions } from './options.js';
import { planRun } from './plan.js';
import { provisionCluster } from './provision.js';
import { runReport, writeInputErrorReports, writeRunReports, type RunRecord } from './report.js';

/**
 * How a run ended: every selected scenario passed (or failed as declared); some failed, or none was
 * proven (all skipped without --allow-skips); the input was bad (thrown as InputError after the reports
 * are written); or the environment could not run them (Docker, the node image, the cluster, the preflight).
 */
export type RunEnd = 'passed' | 'failures' | 'input' | 'environment';

export interface RunOutcome {
  end: RunEnd;
  /** The report as written to the report directory. */
  report: RunReport;
}

export async function runSuites(options: RunOptions, out: Output): Promise<RunOutcome> {
  const startedAt = new Date();
  const log = (text: string) => out.line(text);

  // ---- inputs and plan: offline; bad input ends here (thrown), nothing touched a cluster -----------------
  const inputs = await loadRunInputs(options).catch(async (e: unknown) => {
    if (!(e instanceof RunInputError)) throw e;
    await reportBadInput(e, options, startedAt, out);
    throw e.error;
  });
  for (const s of inputs.suites)
    for (const w of s.warnings)
      out.line(`warning: ${w.file}:${w.line}:${w.column}: ${w.path}: ${w.found}; expected ${w.expected}`);
  const { profile, existing } = inputs;
  const plan = planRun(profile, inputs.suites, options);
  if (plan.shard) {
    const { index, count, others } = plan.shard;
    out.line(`shard ${index}/${count}: ${plan.scenarios.length} scenario(s) here, ${others} in the other shard(s)`);
  }
  const record: RunRecord = {
    startedAt,
    profileName: options.profile,
    profile: {
      name: profile.name,
      kubernetesVersion: profile.kubernetesVersion,
      gates: profile.clusterGates.effective,
    },
    ...(existing ? { existing } : {}),
    clusterName: options.reuse ?? existing?.cluster ?? newClusterName(profile.name),
    scenarios: plan.scenarios.map((p) => p.loaded),
    verdicts: new Map(plan.skipped),
    observations: [],
    evidence: {},
  };
  if (plan.empty?.refused) {
    const { message, hint, details, problems } = plan.empty;
    const error: RunError = { kind: 'input', stage: 'selection/empty', message, hint, details };
    await writeInputErrorReports(runReport({ ...record, error }), options.reportDir, out);
    throw new InputError(problems, message, hint);
  }
  if (plan.empty) {
    const report = runReport(record);
    await writeRunReports(
      report,
      options.reportDir,
      out,
      'every selected scenario was skipped (--allow-skips): nothing was run and no cluster was created',
    );
    return { end: 'passed', report };
  }

  // ---- provision and execute: a failure of the cluster is the environment's --------------------------------
  const registry = new CleanupRegistry({ log });
  const uninstall = registry.installProcessHandlers(
    options.crashExitCode !== undefined ? { crashExitCode: options.crashExitCode } : {},
  );
  let executed: ExecutedScenarios | undefined;
  const lastDurations = await readDurations(profile.name);
  const provisioning = await provisionCluster({ ...options, profile, clusterName: record.clusterName }, registry, log);
  const { session, facts } = provisioning;
  try {
    if (session && !provisioning.error) {
      executed = await executeScenarios(
        plan.scenarios,
        {
          session,
          runId: randomBytes(3).toString('hex'),
          kubernetesVersion: facts.kubernetesVersion,
          keepNamespace: options.keep,
          log,
        },
        { parallel: options.parallel, failFast: options.failFast, color: options.color ?? false, lastDurations },
      );
      await recordDurations(profile.name, executed.verdicts.values()).catch((e: unknown) =>
        log(`order: could not record the scenario durations for the next run: ${errorText(e)}`),
      );
    }
  } finally {
    uninstall();
    await session?.release();
  }

  // ---- report ------------------------------------------------------------------------------------------------
  const ran: RunRecord = {
    ...record,
    cluster: facts,
    verdicts: new Map([...record.verdicts, ...(executed?.verdicts ?? [])]),
    observations: executed?.observations ?? [],
    evidence: executed?.evidence ?? {},
    ...(provisioning.error ? { error: provisioning.error } : {}),
  };
  let report = runReport(ran);
  const verdict = provisioning.error ? undefined : runVerdict(report.verdicts, options);
  if (verdict === 'nothing-proven') report = runReport({ ...ran, error: nothingProven(report.verdicts) });
  await writeRunReports(report, options.reportDir, out);
  return { end: verdict === undefined ? 'environment' : verdict === 'passed' ? 'passed' : 'failures', report };
}

/** Every selected scenario ended skipped: nothing was proven (see README, "Empty is an error"). */
function nothingProven(verdicts: Verdict[]): RunError {
  return {
    kind: 'nothing-proven',
    stage: 'run/all-skipped',
    message: `every selected scenario was skipped (${verdicts.length}): nothing was proven`,
    hint: 'pass --allow-skips if a run that proves nothing may succeed',
    details: verdicts.map((v) => `${v.suite}/${v.scenario}: ${v.skipReason ?? 'skipped'}`),
  };
}

/** The reports of a run whose input was bad (InputError or GateRefusalError), before the error is thrown on. */
async function reportBadInput(e: RunInputError, options: RunOptions, startedAt: Date, out: Output): Promise<void> {
  const cause = e.error;
  if (!(cause instanceof InputError || cause instanceof GateRefusalError)) return;
  const { profile, existing } = e.read;
  const error: RunError = {
    kind: 'input',
    stage: e.stage,
    message:
      cause instanceof InputError
        ? `invalid input (${cause.problems.length} problem${cause.problems.length === 1 ? '' : 's'})`
        : 'gates the Kubernetes version cannot start with',
    details: cause instanceof InputError ? cause.problems.map(formatProblem) : cause.message.split('\n'),
  };
  const record: RunRecord = {
    startedAt,
    profileName: options.profile,
    ...(profile
      ? {
          profile: {
            name: profile.name,
            kubernetesVersion: profile.kubernetesVersion,
            gates: profile.clusterGates.effective,
          },
        }
      : {}),
    ...(existing ? { existing } : {}),
    clusterName: existing?.cluster ?? '',
    scenarios: [],
    verdicts: new Map(),
    observations: [],
    evidence: {},
    error,
  };
  await writeInputErrorReports(runReport(record), options.reportDir, out);
}
