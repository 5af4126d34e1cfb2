// What one `inplace-e2e run` produced. The runner fills it; reporters only format it.
import type { Observation } from '../observe/types.js';
import type { PreflightCheck } from '../preflight/checks.js';
import type { Verdict } from '../verdict/types.js';

/** Evidence gathered for one scenario (on failure, or always when asked), as text. */
export interface EvidenceBundle {
  /** Pod events, one per line, as the cluster reported them. */
  events?: string;
  /** Current and previous container logs where the runtime still has them. */
  logs?: Array<{ container: string; previous: boolean; text: string }>;
  /** The scenario's journal file (lib/observe/journal.ts) as read from the pod. */
  journalFile?: string;
  /** The kubelet's journal from the node the pod ran on (kind: journalctl -u kubelet in the node container). */
  kubeletJournal?: string;
  /** `crictl pods` / `crictl ps -a` output from the node. */
  crictl?: string;
  /** Evidence that could not be collected, and why: part of the evidence too. */
  errors?: string[];
}

/**
 * Why a run ended without judging what it selected: bad input (nothing touched a cluster), an environment
 * that could not run it (Docker, the node image, the cluster, the preflight), or a run in which every
 * selected scenario was skipped (nothing proven, unless --allow-skips). The CLI's exit code follows from
 * `kind` (lib/cli/exit-codes.ts).
 */
export interface RunError {
  kind: 'input' | 'environment' | 'nothing-proven';
  /** Where it stopped, "<group>/<step>": input/profile, input/suites, input/existing-cluster, selection/empty,
   * cluster/docker, cluster/image, cluster/create (or attach, reuse), cluster/version, cluster/images, cluster/preflight,
   * run/all-skipped. */
  stage: string;
  /** One line: what went wrong. */
  message: string;
  /** What to do about it. */
  hint?: string;
  /** Further lines: each input problem with file:line:column, each scenario filtered out and why. */
  details: string[];
}

export interface RunReport {
  tool: { name: string; version: string };
  profile: {
    name: string;
    kubernetesVersion: string;
    nodeImage: string;
    /** The resolved gate states the profile asked for. */
    gates: Record<string, boolean>;
  };
  cluster: {
    name: string;
    created: boolean;
    /** --existing-cluster: the kubeconfig the user gave, its context and API server (never created or deleted). */
    existing?: { kubeconfig: string; context: string; cluster: string; server: string };
  };
  /** Set when the run ended without judging what it selected; every consumer shows it red. */
  error?: RunError;
  /** Facts about the machine that change how a run behaves (cgroup v1, rootless Docker, …). */
  host: { notes: string[] };
  preflight: { checks: PreflightCheck[] };
  /** ISO 8601. */
  startedAt: string;
  finishedAt: string;
  verdicts: Verdict[];
  observations: Observation[];
  /** Keyed by scenarioKey(suite, scenario). */
  evidence: Record<string, EvidenceBundle>;
}

/** The key of a scenario in `RunReport.evidence` and in report anchors: "<suite>/<scenario>". */
export function scenarioKey(suite: string, scenario: string): string {
  return `${suite}/${scenario}`;
}

export function observationFor(report: RunReport, verdict: Verdict): Observation | undefined {
  return report.observations.find((o) => o.suite === verdict.suite && o.scenario === verdict.scenario);
}

export function evidenceFor(report: RunReport, verdict: Verdict): EvidenceBundle | undefined {
  return report.evidence[scenarioKey(verdict.suite, verdict.scenario)];
}

export interface RunTotals {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Scenarios that failed exactly as declared for this Kubernetes version (with an upstream link). */
  expectedFailures: number;
}

export function totals(verdicts: Verdict[]): RunTotals {
  const count = (s: Verdict['status']) => verdicts.filter((v) => v.status === s).length;
  return {
    total: verdicts.length,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    expectedFailures: count('expected-failure'),
  };
}
