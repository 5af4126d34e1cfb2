// Swimlanes (swimlane.ts) drawn as one self-contained SVG: no script, no external font or style.
// Hovering any bar, tick or marker shows its full text (SVG <title>).
import type { Bar, Lane, Swimlanes, Tick } from './swimlane.js';

const WIDTH = 860;
const LABEL_WIDTH = 140;
const X0 = LABEL_WIDTH + 8;
const X1 = WIDTH - 14;
const TOP = 40;

const LANE_HEIGHT: Record<Lane['kind'], number> = { container: 30, phase: 17, condition: 15, events: 18, checks: 20 };
const BAR_HEIGHT: Record<Lane['kind'], number> = { container: 16, phase: 13, condition: 11, events: 0, checks: 0 };

/** Colours, also used by the HTML legend. */
export const SWIMLANE_COLOURS = {
  running: '#2e7d32',
  runningNotReady: '#81c784',
  waiting: '#ffb300',
  terminated: '#90a4ae',
  terminatedFailed: '#e53935',
  unknown: '#e0e0e0',
  conditionTrue: '#1e88e5',
  restartingTrue: '#8e24aa',
  conditionFalse: '#eceff1',
  conditionUnknown: '#ffe0b2',
  trigger: '#d81b60',
  restart: '#6a1b9a',
  warning: '#c62828',
  event: '#546e7a',
  check: '#c62828',
} as const;

const PHASE_COLOURS: Record<string, string> = {
  Pending: '#ffe082',
  Running: '#a5d6a7',
  Succeeded: '#b0bec5',
  Failed: '#ef9a9a',
};

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Rough width of text in the sans-serif used here (good enough to decide whether a label fits). */
function textWidth(text: string, size: number): number {
  return [...text].length * size * 0.56;
}

function fit(text: string, width: number, size: number): string | undefined {
  if (textWidth(text, size) <= width) return text;
  const chars = Math.floor(width / (size * 0.56)) - 1;
  return chars >= 4 ? `${[...text].slice(0, chars).join('')}…` : undefined;
}

function barColour(lane: Lane, bar: Bar): string {
  const c = SWIMLANE_COLOURS;
  if (lane.kind === 'container') {
    if (bar.state === 'running') return bar.ready ? c.running : c.runningNotReady;
    if (bar.state === 'waiting') return c.waiting;
    if (bar.state === 'terminated') return bar.failed ? c.terminatedFailed : c.terminated;
    return c.unknown;
  }
  if (lane.kind === 'phase') return PHASE_COLOURS[bar.state] ?? c.unknown;
  if (bar.state === 'True') return lane.name === 'AllContainersRestarting' ? c.restartingTrue : c.conditionTrue;
  if (bar.state === 'False') return c.conditionFalse;
  return c.conditionUnknown;
}

/** Dark text on light fills, white on dark ones. */
function textColour(fill: string): string {
  const n = parseInt(fill.slice(1), 16);
  const lum = 0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
  return lum > 150 ? '#263238' : '#ffffff';
}

function tickColour(t: Tick): string {
  return {
    normal: SWIMLANE_COLOURS.event,
    warning: SWIMLANE_COLOURS.warning,
    restart: SWIMLANE_COLOURS.restart,
    check: SWIMLANE_COLOURS.check,
  }[t.tone];
}

/** Axis step: the smallest of these that keeps the labels to about ten. */
function axisStep(span: number): number {
  const steps = [100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];
  return steps.find((s) => span / s <= 10) ?? 600_000;
}

function seconds(ms: number): string {
  if (ms === 0) return '0';
  const s = ms / 1000;
  return `${s > 0 ? '+' : '−'}${Number.isInteger(s) ? Math.abs(s) : Math.abs(s).toFixed(1)}s`;
}

export function renderSwimlaneSvg(model: Swimlanes, title: string): string {
  const span = Math.max(1, model.end - model.start);
  const x = (t: number): number => X0 + ((t - model.start) / span) * (X1 - X0);
  const r = (n: number): string => n.toFixed(1);
  const height = TOP + model.lanes.reduce((h, l) => h + LANE_HEIGHT[l.kind], 0) + 22;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${escapeXml(title)}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="10">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
  );

  // Time axis: grid lines and labels.
  const step = axisStep(span);
  for (let t = Math.ceil(model.start / step) * step; t <= model.end; t += step) {
    out.push(
      `<line x1="${r(x(t))}" y1="${TOP - 14}" x2="${r(x(t))}" y2="${height - 20}" stroke="${t === 0 ? '#90a4ae' : '#eceff1'}" stroke-width="1"/>`,
      `<text x="${r(x(t))}" y="${height - 8}" text-anchor="middle" fill="#607d8b">${seconds(t)}</text>`,
    );
  }
  out.push(
    `<text x="${X1}" y="${TOP - 30 + 10}" text-anchor="end" fill="#90a4ae">${model.hasTrigger ? 'seconds from the trigger' : 'seconds from the first entry'}</text>`,
  );

  // Lanes.
  let y = TOP;
  let previousKind: Lane['kind'] | undefined;
  for (const lane of model.lanes) {
    const h = LANE_HEIGHT[lane.kind];
    if (previousKind === 'container' && lane.kind !== 'container') {
      out.push(`<line x1="8" y1="${y - 1}" x2="${X1}" y2="${y - 1}" stroke="#cfd8dc" stroke-dasharray="2 3"/>`);
    }
    previousKind = lane.kind;
    const barH = BAR_HEIGHT[lane.kind];
    const barY = lane.kind === 'container' ? y + h - barH - 3 : y + (h - barH) / 2;
    const labelSize = lane.kind === 'container' ? 11 : 10;
    const name =
      lane.kind === 'container'
        ? `${lane.name}${lane.role && lane.role !== 'regular' ? ` (${lane.role})` : ''}`
        : lane.name;
    out.push(
      `<text x="${LABEL_WIDTH}" y="${r(lane.kind === 'container' ? barY + barH - 4 : y + h / 2 + 3.5)}" text-anchor="end" font-size="${labelSize}" fill="${lane.kind === 'container' ? '#263238' : '#546e7a'}"${lane.kind === 'container' ? ' font-weight="600"' : ''}>${escapeXml(fit(name, LABEL_WIDTH - 4, labelSize) ?? name)}</text>`,
    );
    for (const bar of lane.bars) {
      const bx = x(bar.from);
      const bw = Math.max(1, x(bar.to) - bx);
      const fill = barColour(lane, bar);
      const label = fit(bar.label, bw - 6, 9.5);
      out.push(
        `<g><title>${escapeXml(`${bar.detail}, ${seconds(Math.round(bar.from))} → ${seconds(Math.round(bar.to))}`)}</title>`,
        `<rect x="${r(bx)}" y="${r(barY)}" width="${r(bw)}" height="${barH}" rx="2" fill="${fill}"${bar.state === 'False' ? ' stroke="#cfd8dc" stroke-width="0.5"' : ''}/>`,
        label && barH >= 11 && !(lane.kind === 'condition' && bar.state === 'False')
          ? `<text x="${r(bx + 3)}" y="${r(barY + barH / 2 + 3.3)}" font-size="9.5" fill="${textColour(fill)}">${escapeXml(label)}</text>`
          : '',
        '</g>',
      );
    }
    // Ticks: a mark at the time, a label when it does not run into the previous one.
    const tickTop = lane.kind === 'container' ? y + 2 : y + 2;
    const tickBottom = lane.kind === 'container' ? barY + barH : y + h - 2;
    let freeFrom = -Infinity;
    for (const t of lane.ticks) {
      const tx = x(t.at);
      const colour = tickColour(t);
      const strong = t.tone === 'restart' || t.tone === 'check';
      const labelY = lane.kind === 'container' ? y + 9 : y + h / 2 + 3.5;
      const labelX = tx + 3;
      const showLabel = t.label !== '' && labelX >= freeFrom && labelX + textWidth(t.label, 9) <= X1 + 10;
      if (showLabel) freeFrom = labelX + textWidth(t.label, 9) + 4;
      out.push(
        `<g><title>${escapeXml(`${seconds(Math.round(t.at))} ${t.detail}`)}</title>`,
        `<line x1="${r(tx)}" y1="${r(tickTop)}" x2="${r(tx)}" y2="${r(tickBottom)}" stroke="${colour}" stroke-width="${strong ? 2 : 1}"/>`,
        showLabel
          ? `<text x="${r(labelX)}" y="${r(labelY)}" font-size="9" fill="${colour}"${strong ? ' font-weight="700"' : ''}>${escapeXml(t.label)}</text>`
          : '',
        '</g>',
      );
    }
    y += h;
  }

  // Harness markers over everything: the trigger strong, the others dashed.
  let markerFree = -Infinity;
  for (const m of [...model.markers].sort((a, b) => Number(b.trigger) - Number(a.trigger) || a.at - b.at)) {
    const mx = x(m.at);
    const colour = m.trigger ? SWIMLANE_COLOURS.trigger : '#78909c';
    const label = fit(m.label, m.trigger ? 330 : 120, 10) ?? m.label;
    // Near the right edge the label goes to the left of its line.
    const leftOfLine = mx + 4 + textWidth(label, 10) > WIDTH - 4;
    const lx = leftOfLine ? mx - 4 - textWidth(label, 10) : mx + 4;
    const show = m.trigger || lx >= markerFree;
    if (show) markerFree = lx + textWidth(label, 10) + 6;
    out.push(
      `<g><title>${escapeXml(`${seconds(Math.round(m.at))} ${m.label}`)}</title>`,
      `<line x1="${r(mx)}" y1="${TOP - 12}" x2="${r(mx)}" y2="${height - 20}" stroke="${colour}" stroke-width="${m.trigger ? 2 : 1}"${m.trigger ? '' : ' stroke-dasharray="4 3"'}/>`,
      show
        ? `<text x="${r(leftOfLine ? mx - 4 : lx)}" y="${TOP - 4}"${leftOfLine ? ' text-anchor="end"' : ''} fill="${colour}"${m.trigger ? ' font-weight="700"' : ''}>${escapeXml(label)}</text>`
        : '',
      '</g>',
    );
  }
  if (model.entriesBefore > 0) {
    out.push(
      `<text x="${X0}" y="${TOP - 30 + 10}" fill="#90a4ae">${model.entriesBefore} earlier entr${model.entriesBefore === 1 ? 'y' : 'ies'} not drawn</text>`,
    );
  }
  out.push('</svg>');
  return out.filter((l) => l !== '').join('\n');
}
