// Charts as self-contained SVG (no scripts, fonts or links): the latency distribution as an empirical
// CDF with the KEP's 5 s target and the 99 % line marked, fleet recovery by strategy and N as grouped
// bars (p50, whisker to p95), and where recreate spends its time as stacked bars. Pure string output.

export interface CdfSeries {
  label: string;
  /** Milliseconds; non-finite values (repetitions that never restarted) are counted, not drawn. */
  valuesMs: readonly number[];
}

export interface Bar {
  label: string;
  p50Ms?: number;
  p95Ms?: number;
}

export interface BarGroup {
  label: string;
  bars: readonly Bar[];
}

export interface StackedBar {
  label: string;
  /** Consecutive segments, ms each. */
  segments: ReadonlyArray<{ label: string; ms: number }>;
}

const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#7f7f7f',
  '#bcbd22',
  '#d62728',
];
const TARGET_COLOUR = '#d62728';
const W = 820;
const H = 380;
const M = { left: 64, right: 260, top: 44, bottom: 56 }; // right: room for legends like "v1.35.8 two-container (n=100)"
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A round tick step (1, 2 or 5 × 10^k) giving about `ticks` ticks up to `max`. */
export function niceStep(max: number, ticks = 6): number {
  if (!(max > 0)) return 1;
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw) as number;
  return step;
}

function num(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function svgOpen(title: string, ariaLabel: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeXml(ariaLabel)}" font-family="sans-serif" font-size="12">` +
    `<rect width="${W}" height="${H}" fill="#ffffff"/>` +
    `<text x="${M.left}" y="24" font-size="15" font-weight="bold">${escapeXml(title)}</text>`
  );
}

function legend(items: ReadonlyArray<{ label: string; colour: string; dashed?: boolean }>): string {
  const x = W - M.right + 16;
  return items
    .map((it, i) => {
      const y = M.top + 10 + i * 20;
      const dash = it.dashed ? ' stroke-dasharray="6 4"' : '';
      return `<line x1="${x}" y1="${y}" x2="${x + 22}" y2="${y}" stroke="${it.colour}" stroke-width="3"${dash}/><text x="${x + 28}" y="${y + 4}">${escapeXml(it.label)}</text>`;
    })
    .join('');
}

function yAxis(max: number, step: number, format: (v: number) => string, label: string): string {
  let out = `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${M.top + PLOT_H}" stroke="#333"/>`;
  for (let v = 0; v <= max + 1e-9; v += step) {
    const y = M.top + PLOT_H - (v / max) * PLOT_H;
    out += `<line x1="${M.left - 4}" y1="${num(y)}" x2="${M.left + PLOT_W}" y2="${num(y)}" stroke="#e5e5e5"/>`;
    out += `<text x="${M.left - 8}" y="${num(y + 4)}" text-anchor="end">${escapeXml(format(v))}</text>`;
  }
  out += `<text x="16" y="${M.top + PLOT_H / 2}" transform="rotate(-90 16 ${M.top + PLOT_H / 2})" text-anchor="middle">${escapeXml(label)}</text>`;
  return out;
}

/** Empirical CDF of each series; x in seconds from 0, y the share of repetitions at or below x. */
export function latencyCdfSvg(
  series: readonly CdfSeries[],
  opts: { title: string; targetMs: number; targetPercentile: number },
): string {
  const finite = series.flatMap((s) => s.valuesMs.filter(Number.isFinite));
  const maxS = Math.max(opts.targetMs / 1000 + 1, ...finite.map((v) => v / 1000));
  const step = niceStep(maxS);
  const xMax = Math.ceil(maxS / step) * step;
  const x = (ms: number) => M.left + (ms / 1000 / xMax) * PLOT_W;
  const y = (share: number) => M.top + PLOT_H - share * PLOT_H;
  let out = svgOpen(opts.title, `${opts.title}: empirical CDF per series, target ${opts.targetMs / 1000} s`);
  out += yAxis(1, 0.2, (v) => `${Math.round(v * 100)} %`, 'repetitions at or below');
  out += `<line x1="${M.left}" y1="${M.top + PLOT_H}" x2="${M.left + PLOT_W}" y2="${M.top + PLOT_H}" stroke="#333"/>`;
  for (let v = 0; v <= xMax + 1e-9; v += step) {
    out += `<text x="${num(x(v * 1000))}" y="${M.top + PLOT_H + 18}" text-anchor="middle">${escapeXml(`${num(v)}`)}</text>`;
  }
  out += `<text x="${M.left + PLOT_W / 2}" y="${H - 14}" text-anchor="middle">seconds from the trigger container’s exit</text>`;
  // The 99 % line and the target.
  const p = opts.targetPercentile / 100;
  out += `<line class="percentile" x1="${M.left}" y1="${num(y(p))}" x2="${M.left + PLOT_W}" y2="${num(y(p))}" stroke="#555" stroke-dasharray="2 3"/>`;
  out += `<text x="${M.left + 4}" y="${num(y(p) + 14)}" fill="#555">${opts.targetPercentile} %</text>`;
  out += `<line class="target" data-ms="${opts.targetMs}" x1="${num(x(opts.targetMs))}" y1="${M.top}" x2="${num(x(opts.targetMs))}" y2="${M.top + PLOT_H}" stroke="${TARGET_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>`;
  out += `<text x="${num(x(opts.targetMs) + 4)}" y="${M.top + PLOT_H - 8}" fill="${TARGET_COLOUR}">KEP target ${opts.targetMs / 1000} s</text>`;
  const items: Array<{ label: string; colour: string; dashed?: boolean }> = [];
  series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length] as string;
    const vals = s.valuesMs
      .filter(Number.isFinite)
      .slice()
      .sort((a, b) => a - b);
    const n = s.valuesMs.length;
    const unbounded = n - vals.length;
    items.push({ label: `${s.label} (n=${n}${unbounded ? `, ${unbounded} never` : ''})`, colour });
    if (vals.length === 0) return;
    let d = `M${num(x(vals[0] as number))},${num(y(0))}`;
    vals.forEach((v, k) => {
      d += ` H${num(x(v))} V${num(y((k + 1) / n))}`;
    });
    d += ` H${num(M.left + PLOT_W)}`;
    out += `<path class="cdf" data-series="${escapeXml(s.label)}" data-n="${n}" d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`;
  });
  items.push({ label: `target ${opts.targetMs / 1000} s`, colour: TARGET_COLOUR, dashed: true });
  out += legend(items);
  return `${out}</svg>`;
}

/** Grouped bars: one group per fleet size, one bar per strategy (height p50, whisker to p95). */
export function recoveryBarsSvg(groups: readonly BarGroup[], opts: { title: string }): string {
  const labels = [...new Set(groups.flatMap((g) => g.bars.map((b) => b.label)))];
  const values = groups.flatMap((g) => g.bars.flatMap((b) => [b.p50Ms ?? 0, b.p95Ms ?? 0])).map((v) => v / 1000);
  const maxS = Math.max(1, ...values);
  const step = niceStep(maxS, 5);
  const yMax = Math.ceil(maxS / step) * step;
  const y = (s: number) => M.top + PLOT_H - (s / yMax) * PLOT_H;
  let out = svgOpen(opts.title, `${opts.title}: p50 bars with p95 whiskers`);
  out += yAxis(yMax, step, (v) => `${num(v)} s`, 'recovery time');
  out += `<line x1="${M.left}" y1="${M.top + PLOT_H}" x2="${M.left + PLOT_W}" y2="${M.top + PLOT_H}" stroke="#333"/>`;
  const groupW = PLOT_W / Math.max(1, groups.length);
  const barW = Math.min(48, (groupW * 0.8) / Math.max(1, labels.length));
  groups.forEach((g, gi) => {
    const gx = M.left + gi * groupW + (groupW - barW * labels.length) / 2;
    labels.forEach((label, li) => {
      const b = g.bars.find((x) => x.label === label);
      const bx = gx + li * barW;
      const colour = PALETTE[li % PALETTE.length] as string;
      if (b?.p50Ms === undefined) {
        out += `<text x="${num(bx + barW / 2)}" y="${M.top + PLOT_H - 4}" text-anchor="middle" fill="#999">–</text>`;
        return;
      }
      const top = y(b.p50Ms / 1000);
      out += `<rect class="bar" data-group="${escapeXml(g.label)}" data-series="${escapeXml(label)}" data-p50-ms="${Math.round(b.p50Ms)}" x="${num(bx + 2)}" y="${num(top)}" width="${num(barW - 4)}" height="${num(M.top + PLOT_H - top)}" fill="${colour}"/>`;
      if (b.p95Ms !== undefined) {
        const wy = y(b.p95Ms / 1000);
        const cx = bx + barW / 2;
        out += `<line x1="${num(cx)}" y1="${num(top)}" x2="${num(cx)}" y2="${num(wy)}" stroke="#222"/><line x1="${num(cx - 5)}" y1="${num(wy)}" x2="${num(cx + 5)}" y2="${num(wy)}" stroke="#222"/>`;
      }
      out += `<text x="${num(bx + barW / 2)}" y="${num(Math.min(top, b.p95Ms !== undefined ? y(b.p95Ms / 1000) : top) - 4)}" text-anchor="middle" font-size="10">${escapeXml((b.p50Ms / 1000).toFixed(1))}</text>`;
    });
    out += `<text x="${num(M.left + gi * groupW + groupW / 2)}" y="${M.top + PLOT_H + 18}" text-anchor="middle">${escapeXml(g.label)}</text>`;
  });
  out += `<text x="${M.left + PLOT_W / 2}" y="${H - 14}" text-anchor="middle">fleet size (bars: p50, whiskers: p95)</text>`;
  out += legend(labels.map((label, i) => ({ label, colour: PALETTE[i % PALETTE.length] as string })));
  return `${out}</svg>`;
}

/** Stacked horizontal-in-time bars: one bar per fleet size, one segment per phase of recreate. */
export function stackedStepsSvg(bars: readonly StackedBar[], opts: { title: string }): string {
  const segLabels = [...new Set(bars.flatMap((b) => b.segments.map((s) => s.label)))];
  const totals = bars.map((b) => b.segments.reduce((a, s) => a + Math.max(0, s.ms), 0) / 1000);
  const maxS = Math.max(1, ...totals);
  const step = niceStep(maxS, 5);
  const yMax = Math.ceil(maxS / step) * step;
  const y = (s: number) => M.top + PLOT_H - (s / yMax) * PLOT_H;
  let out = svgOpen(opts.title, `${opts.title}: stacked phases per fleet size`);
  out += yAxis(yMax, step, (v) => `${num(v)} s`, 'seconds after the failure');
  out += `<line x1="${M.left}" y1="${M.top + PLOT_H}" x2="${M.left + PLOT_W}" y2="${M.top + PLOT_H}" stroke="#333"/>`;
  const slot = PLOT_W / Math.max(1, bars.length);
  const barW = Math.min(64, slot * 0.6);
  bars.forEach((b, bi) => {
    const bx = M.left + bi * slot + (slot - barW) / 2;
    let acc = 0;
    for (const s of b.segments) {
      const ms = Math.max(0, s.ms);
      const colour = PALETTE[segLabels.indexOf(s.label) % PALETTE.length] as string;
      const top = y((acc + ms) / 1000);
      const bottom = y(acc / 1000);
      out += `<rect class="segment" data-bar="${escapeXml(b.label)}" data-segment="${escapeXml(s.label)}" data-ms="${Math.round(ms)}" x="${num(bx)}" y="${num(top)}" width="${num(barW)}" height="${num(bottom - top)}" fill="${colour}"/>`;
      acc += ms;
    }
    out += `<text x="${num(bx + barW / 2)}" y="${num(y(acc / 1000) - 4)}" text-anchor="middle" font-size="10">${escapeXml((acc / 1000).toFixed(1))}</text>`;
    out += `<text x="${num(bx + barW / 2)}" y="${M.top + PLOT_H + 18}" text-anchor="middle">${escapeXml(b.label)}</text>`;
  });
  out += `<text x="${M.left + PLOT_W / 2}" y="${H - 14}" text-anchor="middle">fleet size (segments: time until the last pod passed each milestone, p50)</text>`;
  out += legend(segLabels.map((label, i) => ({ label, colour: PALETTE[i % PALETTE.length] as string })));
  return `${out}</svg>`;
}
