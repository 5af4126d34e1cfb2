// From repetitions to figures: per-phase summaries on each clock, the KEP judgement, per-cell fleet
// summaries, recreate/in-place ratios and the fitted growth with N. Pure.
import { fitLinear, fitPowerLaw } from './fit.js';
import { RECREATE_MILESTONES, type RecreateMilestone } from './fleet-times.js';
import { CLOCKS, PHASES, phaseDurations, type Clock } from './restart-times.js';
import { fractionAtMost, percentile, summarize } from './stats.js';
import {
  FLEET_STRATEGIES,
  KEP_TARGET_MS,
  KEP_TARGET_PERCENTILE,
  type FleetCell,
  type FleetRatio,
  type FleetRep,
  type FleetStrategy,
  type KepJudgement,
  type LatencyRep,
  type PhaseSummary,
  type ScaleFit,
} from './types.js';

const CLOCK_RESOLUTION_MS: Record<Clock, number> = { container: 1, 'exit-to-seen': 1, status: 1000, seen: 1 };

/** Repetitions that completed (no error). */
function completed(reps: readonly LatencyRep[]): LatencyRep[] {
  return reps.filter((r) => r.error === undefined);
}

export function phaseSummaries(reps: readonly LatencyRep[]): PhaseSummary[] {
  const done = completed(reps);
  const out: PhaseSummary[] = [];
  for (const clock of CLOCKS) {
    const durations = done.map((r) => phaseDurations(r.times, clock));
    for (const phase of PHASES) {
      const values = durations.map((d) => d[phase]).filter((v): v is number => v !== undefined);
      if ((clock === 'container' || clock === 'exit-to-seen') && values.length === 0) continue; // pods that write no stamps
      const summary = summarize(values);
      out.push({ phase, clock, ...(summary ? { summary } : {}), missing: done.length - values.length });
    }
  }
  return out;
}

/**
 * The KEP target on exit → first container running: on the container clock when every completed
 * repetition has it (ms), else on the status clock (whole seconds: a difference is off by up to ±1 s).
 * Failed repetitions count against the target: a restart that never came is not within 5 s.
 */
export function judgeKep(reps: readonly LatencyRep[]): KepJudgement {
  const done = completed(reps);
  const failed = reps.length - done.length;
  const on = (clock: Clock) => done.map((r) => phaseDurations(r.times, clock).firstRunning);
  const container = on('container');
  const clock: Clock = done.length > 0 && container.every((v) => v !== undefined) ? 'container' : 'status';
  const known = (clock === 'container' ? container : on('status')).filter((v): v is number => v !== undefined);
  const unknown = done.length - known.length;
  // Unmeasured and failed repetitions are counted as beyond the target (pessimistic), and said so.
  const values = [...known, ...Array<number>(failed + unknown).fill(Number.POSITIVE_INFINITY)];
  const resolutionMs = CLOCK_RESOLUTION_MS[clock];
  if (values.length === 0) {
    return { clock, resolutionMs, n: 0, statement: 'no repetition completed: the target cannot be judged' };
  }
  const p99 = percentile(values, KEP_TARGET_PERCENTILE);
  const withinTarget = fractionAtMost(values, KEP_TARGET_MS);
  const meets = p99 <= KEP_TARGET_MS;
  const parts = [
    `p${KEP_TARGET_PERCENTILE} of exit → first container running is ${Number.isFinite(p99) ? `${(p99 / 1000).toFixed(clock === 'status' ? 0 : 3)} s` : 'unbounded'}`,
    `${meets ? 'within' : 'beyond'} the KEP's ${KEP_TARGET_MS / 1000} s target`,
    `${(withinTarget * 100).toFixed(1)} % of ${values.length} repetitions within it`,
    clock === 'status'
      ? 'status timestamps are whole seconds, so each figure is off by up to ±1 s'
      : 'container clock, ms resolution',
  ];
  if (values.length < 100)
    parts.push(`with ${values.length} repetitions the p99 is the ${values.length === 1 ? 'only value' : 'maximum'}`);
  if (failed + unknown > 0)
    parts.push(`${failed + unknown} repetition(s) without a measurement counted as beyond the target`);
  return {
    clock,
    resolutionMs,
    n: values.length,
    ...(Number.isFinite(p99) ? { p99 } : {}),
    withinTarget,
    meets,
    statement: parts.join('; '),
  };
}

export function fleetCell(n: number, strategy: FleetStrategy, reps: FleetRep[], skipped?: string): FleetCell {
  const ok = reps.filter((r) => r.error === undefined && r.recovery.recoveryMs !== undefined);
  const recovery = summarize(ok.map((r) => r.recovery.recoveryMs as number));
  const milestones: Partial<Record<RecreateMilestone, number>> = {};
  const steps: Partial<Record<RecreateMilestone, number>> = {};
  for (const m of RECREATE_MILESTONES) {
    const ms = summarize(ok.map((r) => r.recovery.milestones[m]).filter((v): v is number => v !== undefined));
    if (ms) milestones[m] = ms.p50;
    const st = summarize(ok.map((r) => r.recovery.steps[m]).filter((v): v is number => v !== undefined));
    if (st) steps[m] = st.p50;
  }
  const last = reps.at(-1)?.recovery.pods ?? [];
  return {
    n,
    strategy,
    reps,
    ...(recovery ? { recovery } : {}),
    milestones,
    steps,
    paths: {
      recreated: last.filter((p) => p.path === 'recreated').length,
      inPlace: last.filter((p) => p.path === 'in-place').length,
    },
    ...(skipped ? { skipped } : {}),
  };
}

export function fleetRatios(cells: readonly FleetCell[]): FleetRatio[] {
  const ns = [...new Set(cells.map((c) => c.n))].sort((a, b) => a - b);
  return ns.map((n) => {
    const p50 = (s: FleetStrategy) => cells.find((c) => c.n === n && c.strategy === s)?.recovery?.p50;
    const inPlace = p50('in-place');
    const recreate = p50('recreate');
    const hybrid = p50('hybrid');
    return {
      n,
      ...(recreate !== undefined && inPlace ? { recreateOverInPlace: recreate / inPlace } : {}),
      ...(hybrid !== undefined && inPlace ? { hybridOverInPlace: hybrid / inPlace } : {}),
    };
  });
}

/** Growth of the p50 recovery time (seconds) with N, per strategy, where at least two sizes were measured. */
export function scaleFits(cells: readonly FleetCell[]): ScaleFit[] {
  const out: ScaleFit[] = [];
  for (const strategy of FLEET_STRATEGIES) {
    const points = cells
      .filter((c) => c.strategy === strategy && c.recovery !== undefined)
      .map((c) => ({ x: c.n, y: (c.recovery?.p50 as number) / 1000 }));
    if (new Set(points.map((p) => p.x)).size < 2) continue;
    const fit: ScaleFit = { strategy, linear: fitLinear(points) };
    if (points.every((p) => p.y > 0)) fit.power = fitPowerLaw(points);
    out.push(fit);
  }
  return out;
}
