// The figures of one or more benchmark reports as tables (title, header, rows of text): the one source
// the Markdown, HTML and console renderers format, so the three never disagree.
import { MILESTONE_LABELS, RECREATE_MILESTONES } from './fleet-times.js';
import { PHASE_LABELS, type Clock } from './restart-times.js';
import type { Summary } from './stats.js';
import { FLEET_STRATEGIES, KEP_TARGET_MS, STRATEGY_LABELS, type BenchReport, type FleetCell } from './types.js';

export interface Table {
  title: string;
  header: string[];
  rows: string[][];
  /** Lines under the table. */
  notes?: string[];
}

export const CLOCK_LABELS: Record<Clock, string> = {
  container: 'container clock (ms)',
  'exit-to-seen': 'exit (container) → watch (ms)',
  status: 'pod status (whole s)',
  seen: 'watch receive (ms)',
};

/** Seconds with millisecond precision, or whole seconds for the status clock. */
export function seconds(ms: number | undefined, digits = 2): string {
  if (ms === undefined) return '–';
  if (!Number.isFinite(ms)) return '∞';
  return `${(ms / 1000).toFixed(digits)} s`;
}

function version(r: BenchReport): string {
  return r.cluster.kubernetesVersion;
}

/** KEP target per version and pod shape. */
export function kepTable(reports: readonly BenchReport[]): Table {
  const rows = reports.flatMap((r) =>
    r.latency.map((l) => {
      const first = l.phases.find((p) => p.phase === 'firstRunning' && p.clock === l.kep.clock)?.summary;
      const digits = l.kep.clock === 'status' ? 0 : 2;
      return [
        version(r),
        l.shape,
        String(l.kep.n),
        CLOCK_LABELS[l.kep.clock],
        seconds(first?.p50, digits),
        seconds(first?.p95, digits),
        seconds(l.kep.p99 ?? (l.kep.n > 0 ? Number.POSITIVE_INFINITY : undefined), digits),
        seconds(first?.max, digits),
        l.kep.meets === undefined ? '–' : l.kep.meets ? 'yes' : 'NO',
      ];
    }),
  );
  return {
    title: `Restart latency against the KEP target (exit → first container running, p99 ≤ ${KEP_TARGET_MS / 1000} s)`,
    header: ['version', 'pod', 'reps', 'clock', 'p50', 'p95', 'p99', 'max', `p99 ≤ ${KEP_TARGET_MS / 1000} s`],
    rows,
    notes: reports.flatMap((r) => r.latency.map((l) => `${version(r)} ${l.shape}: ${l.kep.statement}.`)),
  };
}

function summaryCells(s: Summary | undefined, digits: number): string[] {
  return [seconds(s?.p50, digits), seconds(s?.p95, digits), seconds(s?.p99, digits), seconds(s?.max, digits)];
}

/** Every phase on every clock, per version and pod shape. */
export function phaseTable(reports: readonly BenchReport[]): Table {
  const rows: string[][] = [];
  for (const r of reports) {
    for (const l of r.latency) {
      for (const p of l.phases) {
        const digits = p.clock === 'status' ? 0 : 2;
        rows.push([
          version(r),
          l.shape,
          PHASE_LABELS[p.phase],
          CLOCK_LABELS[p.clock],
          String(p.summary?.n ?? 0),
          ...summaryCells(p.summary, digits),
        ]);
      }
    }
  }
  return {
    title: 'Restart latency per phase (from the trigger container’s exit)',
    header: ['version', 'pod', 'phase', 'clock', 'n', 'p50', 'p95', 'p99', 'max'],
    rows,
    notes: [
      'container clock: stamps the containers write themselves (exit trap, first command), the ground truth; pod status: finishedAt, startedAt and condition lastTransitionTime (whole seconds); watch receive: when the harness first received a pod object showing it — this clock starts when the kubelet reported the exit, so it leaves out the time the kubelet took to notice it; exit (container) → watch: from the real exit to when the API showed each step, what a user of the API waits (one clock on kind; elsewhere off by the clock skew of the nodes).',
    ],
  };
}

function cell(r: BenchReport, n: number, strategy: string): FleetCell | undefined {
  return r.fleet?.cells.find((c) => c.n === n && c.strategy === strategy);
}

/** Fleet recovery per version, N and strategy, with the ratios. */
export function fleetTable(reports: readonly BenchReport[]): Table {
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const r of reports) {
    if (!r.fleet) continue;
    const ns = [...new Set(r.fleet.cells.map((c) => c.n))].sort((a, b) => a - b);
    for (const n of ns) {
      const ratio = r.fleet.ratios.find((x) => x.n === n);
      const fig = (s: string) => {
        const c = cell(r, n, s);
        if (!c?.recovery) return c?.skipped ? 'skipped' : '–';
        return `${seconds(c.recovery.p50, 1)} / ${seconds(c.recovery.p95, 1)} (${c.recovery.n})`;
      };
      const hybrid = cell(r, n, 'hybrid');
      rows.push([
        version(r),
        String(n),
        ...FLEET_STRATEGIES.map(fig),
        ratio?.recreateOverInPlace !== undefined ? `${ratio.recreateOverInPlace.toFixed(2)}×` : '–',
        ratio?.hybridOverInPlace !== undefined ? `${ratio.hybridOverInPlace.toFixed(2)}×` : '–',
        hybrid?.recovery ? `${hybrid.paths.recreated} recreated, ${hybrid.paths.inPlace} in place` : '–',
      ]);
    }
    for (const c of r.fleet.cells)
      if (c.skipped) notes.push(`${version(r)} N=${c.n} ${STRATEGY_LABELS[c.strategy]}: skipped: ${c.skipped}`);
    notes.push(
      `${version(r)}: ${r.fleet.workers.length} worker node(s); init container setup ${r.fleet.setupSeconds} s on every start, ${r.fleet.coldSetupSeconds} s more when the pod's emptyDir is new (a recreated pod).`,
    );
  }
  return {
    title: 'Fleet recovery: failure → all N pods Running and Ready with init done (p50 / p95 (reps))',
    header: [
      'version',
      'N',
      ...FLEET_STRATEGIES.map((s) => STRATEGY_LABELS[s]),
      'recreate / in place',
      'hybrid / in place',
      'hybrid paths',
    ],
    rows,
    notes,
  };
}

/** Where recreate spends its time: when the last pod passed each milestone, and the median step per pod. */
export function recreateTable(reports: readonly BenchReport[]): Table {
  const rows: string[][] = [];
  for (const r of reports) {
    for (const c of r.fleet?.cells ?? []) {
      if (c.strategy !== 'recreate' || !c.recovery) continue;
      rows.push([
        version(r),
        String(c.n),
        ...RECREATE_MILESTONES.map((m) => `${seconds(c.milestones[m], 1)} (+${seconds(c.steps[m], 2)})`),
      ]);
    }
  }
  return {
    title:
      'Recreate, phase by phase: last pod past each milestone after the failure (+ median step per pod), p50 over repetitions',
    header: ['version', 'N', ...RECREATE_MILESTONES.map((m) => MILESTONE_LABELS[m])],
    rows,
  };
}

/** Fitted growth of recovery time with N. */
export function scaleTable(reports: readonly BenchReport[]): Table {
  const rows: string[][] = [];
  for (const r of reports) {
    for (const f of r.fleet?.fits ?? []) {
      rows.push([
        version(r),
        STRATEGY_LABELS[f.strategy],
        f.power
          ? `${f.power.coefficient.toFixed(2)} s · N^${f.power.exponent.toFixed(2)} (R² ${f.power.r2.toFixed(2)})`
          : '–',
        f.linear
          ? `${f.linear.intercept.toFixed(2)} s + ${f.linear.slope.toFixed(3)} s · N (R² ${f.linear.r2.toFixed(2)})`
          : '–',
      ]);
    }
  }
  return {
    title: 'Growth with N (least squares on the p50 recovery time)',
    header: ['version', 'strategy', 'power law, fitted on log-log', 'straight line'],
    rows,
    notes: [
      'The exponent says how recovery grows with the fleet: 0 flat, 1 linear. With three sizes the fit is a description, not a forecast.',
    ],
  };
}

export function benchTables(reports: readonly BenchReport[]): Table[] {
  const tables = [kepTable(reports), phaseTable(reports)];
  if (reports.some((r) => r.fleet)) tables.push(fleetTable(reports), recreateTable(reports), scaleTable(reports));
  return tables.filter((t) => t.rows.length > 0);
}
