// What a benchmark run produced: plain JSON (bench.json), the only input of the Markdown, console and
// chart renderers, so a saved report can be rendered again (or several merged) offline.
import type { LinearFit, PowerFit } from './fit.js';
import type { FleetRecovery, RecreateMilestone } from './fleet-times.js';
import type { Clock, Phase, RestartTimes } from './restart-times.js';
import type { Summary } from './stats.js';

/** KEP-5532's target: a simple two-container pod restarts its first container within 5 s of the source container's exit, in 99 % of cases. */
export const KEP_TARGET_MS = 5000;
export const KEP_TARGET_PERCENTILE = 99;

export interface LatencyRep {
  index: number;
  /** The pod (a fresh pod every `repsPerPod` repetitions). */
  pod: string;
  /** When the harness wrote the exit flag (ms since the epoch). */
  triggeredAt: number;
  times: RestartTimes;
  /** Set when this repetition could not complete (a wait timed out): its times are partial. */
  error?: string;
}

export interface PhaseSummary {
  phase: Phase;
  clock: Clock;
  /** Milliseconds; absent when no repetition had this phase on this clock. */
  summary?: Summary;
  /** Repetitions that lacked this phase on this clock. */
  missing: number;
}

/** The KEP target judged on one pod shape. */
export interface KepJudgement {
  /** The clock the judgement uses: the container clock when every repetition has it, else the status clock. */
  clock: Clock;
  /** Resolution of that clock in ms (status: 1000). */
  resolutionMs: number;
  n: number;
  p99?: number;
  /** Share of repetitions within the target. */
  withinTarget?: number;
  meets?: boolean;
  /** In words, with the caveats (resolution, sample size). */
  statement: string;
}

export interface LatencyResult {
  shape: string;
  description: string;
  /** Which containers wrote clock stamps. */
  stamped: string[];
  trigger: string;
  reps: LatencyRep[];
  phases: PhaseSummary[];
  kep: KepJudgement;
}

export type FleetStrategy = 'recreate' | 'in-place' | 'hybrid';
export const FLEET_STRATEGIES: readonly FleetStrategy[] = ['recreate', 'in-place', 'hybrid'];

export const STRATEGY_LABELS: Record<FleetStrategy, string> = {
  recreate: 'recreate all',
  'in-place': 'in place',
  hybrid: 'node loss: hybrid',
};

export interface FleetRep {
  index: number;
  strategy: FleetStrategy;
  n: number;
  /** When the failure happened (ms since the epoch). */
  failureAt: number;
  /** What the failure was, in words. */
  failure: string;
  /** Hybrid: the node whose container was stopped. */
  lostNode?: string;
  recovery: FleetRecovery;
  error?: string;
}

export interface FleetCell {
  n: number;
  strategy: FleetStrategy;
  reps: FleetRep[];
  /** Recovery time over the repetitions that recovered (ms). */
  recovery?: Summary;
  /** Recreated pods: p50 over repetitions of when the last pod passed each milestone (ms after the failure). */
  milestones: Partial<Record<RecreateMilestone, number>>;
  /** Recreated pods: p50 over repetitions of the median step ending at each milestone (ms). */
  steps: Partial<Record<RecreateMilestone, number>>;
  /** Pods per path in the last repetition (hybrid: how many were recreated, how many restarted in place). */
  paths: { recreated: number; inPlace: number };
  /** Why the cell has no figures (skipped), when it has none. */
  skipped?: string;
}

export interface FleetRatio {
  n: number;
  /** p50 recreate / p50 in place. */
  recreateOverInPlace?: number;
  /** p50 hybrid / p50 in place. */
  hybridOverInPlace?: number;
}

export interface ScaleFit {
  strategy: FleetStrategy;
  /** Fitted on the p50 recovery time (seconds) against N. */
  power?: PowerFit;
  linear?: LinearFit;
}

export interface FleetResult {
  workers: string[];
  setupSeconds: number;
  coldSetupSeconds: number;
  cells: FleetCell[];
  ratios: FleetRatio[];
  fits: ScaleFit[];
}

export interface BenchReport {
  tool: { name: string; version: string };
  startedAt: string;
  finishedAt: string;
  cluster: {
    name: string;
    kubernetesVersion: string;
    nodes: string[];
    /** The harness created it for this run (kind), or it was given (--existing-cluster). */
    created: boolean;
    nodeImage?: string;
    profile?: string;
  };
  /** loadAverage: 1-minute load average at the start and at the end (other work on the machine skews the figures). */
  host: { cpus: number; memoryGiB: number; loadAverage?: { start: number; end: number } };
  latency: LatencyResult[];
  fleet?: FleetResult;
  /** What the figures do not show, what was skipped and why. */
  notes: string[];
}
