// One self-contained HTML page (inline SVG, inline CSS, no scripts or links) with the charts and the
// tables of one or more benchmark reports.
import {
  escapeXml,
  latencyCdfSvg,
  recoveryBarsSvg,
  stackedStepsSvg,
  type BarGroup,
  type CdfSeries,
  type StackedBar,
} from './chart.js';
import { MILESTONE_LABELS, RECREATE_MILESTONES } from './fleet-times.js';
import { phaseDurations } from './restart-times.js';
import { benchTables, type Table } from './tables.js';
import { FLEET_STRATEGIES, KEP_TARGET_MS, KEP_TARGET_PERCENTILE, STRATEGY_LABELS, type BenchReport } from './types.js';

/** exit → first container running per version and pod shape, on the clock the KEP judgement used. */
export function latencySeries(reports: readonly BenchReport[]): CdfSeries[] {
  return reports.flatMap((r) =>
    r.latency.map((l) => ({
      label: `${reports.length > 1 ? `${r.cluster.kubernetesVersion} ` : ''}${l.shape}`,
      valuesMs: l.reps.map(
        (rep) =>
          (rep.error ? undefined : phaseDurations(rep.times, l.kep.clock).firstRunning) ?? Number.POSITIVE_INFINITY,
      ),
    })),
  );
}

export function recoveryGroups(r: BenchReport): BarGroup[] {
  const ns = [...new Set((r.fleet?.cells ?? []).map((c) => c.n))].sort((a, b) => a - b);
  return ns.map((n) => ({
    label: `N=${n}`,
    bars: FLEET_STRATEGIES.map((s) => {
      const c = r.fleet?.cells.find((x) => x.n === n && x.strategy === s);
      return {
        label: STRATEGY_LABELS[s],
        ...(c?.recovery ? { p50Ms: c.recovery.p50, p95Ms: c.recovery.p95 } : {}),
      };
    }),
  }));
}

/** Recreate's fleet-level milestones (p50) as consecutive segments per N. */
export function recreateBars(r: BenchReport): StackedBar[] {
  return (r.fleet?.cells ?? [])
    .filter((c) => c.strategy === 'recreate' && c.recovery)
    .sort((a, b) => a.n - b.n)
    .map((c) => {
      let prev = 0;
      const segments = RECREATE_MILESTONES.flatMap((m) => {
        const at = c.milestones[m];
        if (at === undefined) return [];
        const seg = { label: MILESTONE_LABELS[m], ms: Math.max(0, at - prev) };
        prev = Math.max(prev, at);
        return [seg];
      });
      return { label: `N=${c.n}`, segments };
    });
}

function htmlTable(t: Table): string {
  const head = t.header.map((h) => `<th>${escapeXml(h)}</th>`).join('');
  const rows = t.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`).join('\n');
  const notes = t.notes?.length ? `<ul>${t.notes.map((n) => `<li>${escapeXml(n)}</li>`).join('')}</ul>` : '';
  return `<h2>${escapeXml(t.title)}</h2>\n<table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>${notes}`;
}

export function benchHtml(reports: readonly BenchReport[]): string {
  // Several runs of one version (a latency run and a fleet run) name it once.
  const versions = [...new Set(reports.map((r) => r.cluster.kubernetesVersion))].join(', ');
  const parts: string[] = [];
  const series = latencySeries(reports);
  if (series.length > 0) {
    parts.push(
      latencyCdfSvg(series, {
        title: `Restart latency: exit → first container running (${versions})`,
        targetMs: KEP_TARGET_MS,
        targetPercentile: KEP_TARGET_PERCENTILE,
      }),
    );
  }
  for (const r of reports) {
    if (!r.fleet) continue;
    parts.push(
      recoveryBarsSvg(recoveryGroups(r), {
        title: `Fleet recovery by strategy and N (${r.cluster.kubernetesVersion})`,
      }),
    );
    const bars = recreateBars(r);
    if (bars.length > 0)
      parts.push(stackedStepsSvg(bars, { title: `Recreate: where the time goes (${r.cluster.kubernetesVersion})` }));
  }
  const tables = benchTables(reports).map(htmlTable);
  const notes = reports.flatMap((r) =>
    r.notes.map((n) => `<li>${escapeXml(`${r.cluster.kubernetesVersion}: ${n}`)}</li>`),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>inplace-e2e bench (${escapeXml(versions)})</title>
<style>body{font-family:sans-serif;margin:24px;max-width:1100px}table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:left}th{background:#f3f3f3}svg{display:block;margin:12px 0}</style>
</head><body>
<h1>inplace-e2e bench: ${escapeXml(versions)}</h1>
${parts.join('\n')}
${tables.join('\n')}
${notes.length ? `<h2>Notes</h2><ul>${notes.join('')}</ul>` : ''}
</body></html>
`;
}
