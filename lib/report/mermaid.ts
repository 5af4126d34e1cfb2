// A Mermaid gantt of one scenario from the trigger on, for summary.md: GitHub renders Mermaid in
// Markdown (job summaries included), so a failed scenario's timeline is a picture on the job page.
// Built from the same swimlanes as report.html; times are offsets from the trigger written as
// HH:mm:ss.SSS on day zero, so the axis (%M:%S) reads as minutes:seconds after the trigger in every
// time zone (a Unix-millisecond date format would be shifted by the reader's zone offset).
import type { Observation } from '../observe/types.js';
import { buildSwimlanes, type Bar, type Lane } from './swimlane.js';
import type { CheckResult } from '../expectations/types.js';

function clock(ms: number): string {
  const t = Math.max(0, Math.round(ms));
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(Math.floor(t / 3_600_000))}:${pad(Math.floor(t / 60_000) % 60)}:${pad(Math.floor(t / 1000) % 60)}.${pad(t % 1000, 3)}`;
}

/** Task and section names: Mermaid's gantt grammar gives ':', '#' and ';' meaning. */
function name(text: string): string {
  return text.replace(/[:#;]/g, ' ').replace(/\s+/g, ' ').trim() || '-';
}

function tag(lane: Lane, bar: Bar): string {
  if (lane.kind === 'container') {
    if (bar.state === 'terminated') return bar.failed ? 'crit, ' : 'done, ';
    if (bar.state === 'waiting') return 'active, ';
    return '';
  }
  return lane.name === 'AllContainersRestarting' ? 'crit, ' : '';
}

export function buildGantt(observation: Observation, title: string, failed: CheckResult[] = []): string {
  const model = buildSwimlanes(observation, { failedChecks: failed });
  const visible = (b: Bar): boolean => b.to > 0;
  const lines = [
    '```mermaid',
    'gantt',
    `    title ${name(title)} (mm ss after the trigger)`,
    '    dateFormat HH:mm:ss.SSS',
    '    axisFormat %M:%S',
    '    todayMarker off',
  ];
  const task = (label: string, tags: string, from: number, to: number): string =>
    `    ${name(label)} :${tags}${clock(Math.max(0, from))}, ${clock(Math.max(to, Math.max(0, from) + 1))}`;

  for (const lane of model.lanes.filter((l) => l.kind === 'container')) {
    const bars = lane.bars.filter(visible);
    if (bars.length === 0) continue;
    lines.push(`    section ${name(lane.name)}`);
    for (const b of bars) lines.push(task(b.label || b.state, tag(lane, b), b.from, b.to));
    for (const t of lane.ticks.filter((x) => x.tone === 'restart' && x.at >= 0))
      lines.push(task(`restart ${t.label.replace('↻', '')}`, 'milestone, ', t.at, t.at));
  }
  const conditionBars = model.lanes
    .filter((l) => l.kind === 'condition')
    .flatMap((l) => l.bars.filter((b) => visible(b) && b.state === 'True').map((b) => ({ lane: l, bar: b })));
  if (conditionBars.length) {
    lines.push('    section conditions True');
    for (const { lane, bar } of conditionBars) lines.push(task(lane.name, tag(lane, bar), bar.from, bar.to));
  }
  const checks = model.lanes.find((l) => l.kind === 'checks');
  if (checks && checks.ticks.length) {
    lines.push('    section failed checks');
    failed.forEach((c, i) => {
      const first = checks.ticks.find((t) => t.detail.startsWith(`✗${i + 1} `));
      if (first) lines.push(task(`✗${i + 1} ${c.check}`, 'milestone, crit, ', first.at, first.at));
    });
  }
  lines.push('```');
  return lines.join('\n');
}
