// The last stage of a run: what was decided and seen, assembled into one RunReport, written in every
// format (lib/report) and summed up on the console with the one error message, if any.
import { errorText } from '../errors.js';
import type { Observation } from '../observe/types.js';
import { toolVersion } from '../package.js';
import { formatSummaryTable } from '../report/console.js';
import type { EvidenceBundle, RunError, RunReport } from '../report/types.js';
import { writeReports } from '../report/write.js';
import type { LoadedScenario } from '../suite/load.js';
import { skipVerdict } from '../verdict/judge.js';
import type { Verdict } from '../verdict/types.js';
import type { ExistingCluster } from './inputs.js';
import type { Output } from './options.js';
import type { ClusterFacts } from './provision.js';

/** Everything a run report is made of, as far as the run got. */
export interface RunRecord {
  startedAt: Date;
  /** The profile as named (shown when it could not be read). */
  profileName: string;
  profile?: { name: string; kubernetesVersion: string; gates: Record<string, boolean> };
  existing?: ExistingCluster;
  /** The cluster as far as provisioning got; without it, a cluster named `clusterName` was never made. */
  cluster?: ClusterFacts;
  clusterName: string;
  /** Every scenario of the suites, in order; one without a verdict was not run. */
  scenarios: LoadedScenario[];
  verdicts: Map<LoadedScenario, Verdict>;
  observations: Observation[];
  evidence: Record<string, EvidenceBundle>;
  error?: RunError;
}

export function runReport(r: RunRecord): RunReport {
  const preflight = r.cluster?.preflight;
  return {
    tool: toolVersion(),
    profile: {
      name: r.profile?.name ?? r.profileName,
      kubernetesVersion: r.cluster?.kubernetesVersion ?? r.profile?.kubernetesVersion ?? '',
      nodeImage: r.cluster?.image ?? '',
      gates: r.profile?.gates ?? {},
    },
    cluster: {
      name: r.cluster?.name ?? r.clusterName,
      created: r.cluster?.created ?? false,
      ...(r.existing ? { existing: r.existing } : {}),
    },
    host: { notes: [...(r.cluster?.hostNotes ?? []), ...(preflight?.notes ?? [])] },
    preflight: { checks: preflight?.checks ?? [] },
    startedAt: r.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    verdicts: r.scenarios.map((s) => r.verdicts.get(s) ?? notRun(s, r.error)),
    observations: r.observations,
    evidence: r.evidence,
    ...(r.error ? { error: r.error } : {}),
  };
}

/** Writes the reports, then prints the summary table, where they went, a note and the one error message. */
export async function writeRunReports(report: RunReport, dir: string, out: Output, note?: string): Promise<void> {
  const paths = await writeReports(report, dir);
  out.line('');
  out.line(formatSummaryTable(report.verdicts));
  out.line(
    `reports: ${paths.junit}, ${paths.json}, ${paths.markdown}${paths.evidence.length ? `; evidence for ${paths.evidence.length} scenario(s) in ${dir}/evidence/` : ''}`,
  );
  if (note) out.line(`note: ${note}`);
  const e = report.error;
  if (e) {
    out.line(`error: ${e.stage}: ${e.message}`);
    for (const d of e.kind === 'nothing-proven' ? [] : e.details) out.line(`  ${d}`);
    if (e.hint) out.line(`  hint: ${e.hint}`);
  }
}

/** Reports for a run that ended in bad input; a report directory that cannot be written does not hide the input error. */
export async function writeInputErrorReports(report: RunReport, dir: string, out: Output): Promise<void> {
  try {
    const paths = await writeReports(report, dir);
    out.line(`reports: ${paths.junit}, ${paths.json}, ${paths.markdown}`);
  } catch (e) {
    out.line(`reports: not written to ${dir}: ${errorText(e)}`);
  }
}

function notRun(s: LoadedScenario, error: RunError | undefined): Verdict {
  const why = error ? `the run stopped at ${error.stage} (see the error)` : 'the run stopped before it';
  return skipVerdict(s.suiteName, s.scenario, `not run: ${why}`);
}
