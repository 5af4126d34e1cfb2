// report.html: one self-contained page (inline CSS and SVG; no script, no network, no framework) with a
// swimlane picture per scenario, failures first and passes beside them, the failed checks next to
// each picture. The same page renders recorded observations (inplace-e2e report-html FILE.json).
import { describeCheck, failedChecks } from './failure-text.js';
import { testCaseName } from './junit.js';
import { buildSwimlanes } from './swimlane.js';
import { escapeXml as escapeHtml, renderSwimlaneSvg, SWIMLANE_COLOURS } from './swimlane-svg.js';
import { formatTimelineSlice } from './timeline.js';
import { observationFor, totals, type RunReport } from './types.js';
import type { Observation } from '../observe/types.js';
import type { Verdict } from '../verdict/types.js';

/** One scenario on the page: its verdict when judged, its observation when it ran. */
export interface HtmlScenario {
  verdict?: Verdict;
  observation?: Observation;
  /** Where it came from, shown under the title (a fixture file name). */
  source?: string;
}

export interface HtmlPage {
  title: string;
  /** Label/value rows shown under the title (profile, Kubernetes version, node image, …). */
  facts: Array<[string, string]>;
  scenarios: HtmlScenario[];
  /** What the reader must see (failed preflight checks). */
  notes?: string[];
  /** Facts about the host and cluster, folded away (cgroup v1, capabilities, image choice). */
  hostNotes?: string[];
}

const STATUS_RANK: Record<string, number> = { failed: 0, 'expected-failure': 1, passed: 2, recorded: 3, skipped: 4 };

function statusOf(s: HtmlScenario): Verdict['status'] | 'recorded' {
  return s.verdict?.status ?? 'recorded';
}

function nameOf(s: HtmlScenario): string {
  if (s.verdict) return `${s.verdict.suite} / ${testCaseName(s.verdict)}`;
  return s.observation ? `${s.observation.suite} / ${s.observation.scenario}` : '(unnamed)';
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function admissionText(o: Observation): string {
  const e = o.admission.error;
  return e
    ? `the API server refused the pod: ${e.status}${e.reason ? ` ${e.reason}` : ''}: ${e.message}`
    : 'the pod was not created';
}

function card(s: HtmlScenario, index: number): string {
  const status = statusOf(s);
  const v = s.verdict;
  const o = s.observation;
  const failed = v ? failedChecks(v) : [];
  const title = nameOf(s);
  const parts: string[] = [`<section class="card ${status}" id="s${index}">`];
  const meta = [
    o?.kubernetesVersion,
    v && v.durationMs > 0 ? seconds(v.durationMs) : undefined,
    o ? `pod ${o.namespace}/${o.podName}` : undefined,
    s.source,
  ].filter((x): x is string => Boolean(x));
  parts.push(
    `<header><span class="badge ${status}">${status.replace('-', ' ')}</span> <h2>${escapeHtml(title)}</h2></header>`,
    meta.length ? `<p class="meta">${meta.map(escapeHtml).join(' · ')}</p>` : '',
  );
  parts.push('<div class="body">');
  if (o && (o.timeline.length > 0 || o.before)) {
    const lanes = buildSwimlanes(o, { failedChecks: failed });
    parts.push(
      `<div class="picture">${renderSwimlaneSvg(lanes, `${title}: containers, pod phase and conditions over time`)}</div>`,
    );
  } else if (o && !o.admission.accepted) {
    parts.push(`<div class="picture empty">No pod timeline: ${escapeHtml(admissionText(o))}</div>`);
  } else if (status !== 'skipped') {
    parts.push('<div class="picture empty">No timeline was recorded.</div>');
  }
  parts.push('<aside>');
  if (status === 'skipped') parts.push(`<p>Skipped: ${escapeHtml(v?.skipReason ?? '')}</p>`);
  if (failed.length) {
    // Numbered as in the picture's "failed checks" lane; the first few open, the rest folded.
    const item = (c: (typeof failed)[number], i: number): string =>
      `<li value="${i + 1}"><code>${escapeHtml(c.check)}</code> expected <span class="exp">${escapeHtml(c.expected)}</span>; observed <span class="obs">${escapeHtml(c.observed)}</span></li>`;
    parts.push(
      `<h3>${failed.length} failed check${failed.length === 1 ? '' : 's'}</h3>`,
      '<ol class="checks">',
      ...failed.slice(0, 6).map(item),
      '</ol>',
    );
    if (failed.length > 6) {
      parts.push(
        `<details><summary>${failed.length - 6} more</summary><ol class="checks">`,
        ...failed.slice(6).map((c, i) => item(c, i + 6)),
        '</ol></details>',
      );
    }
  }
  const declared = v ? v.checks.filter((c) => !c.passed && c.expectedFailure !== undefined) : [];
  if (declared.length) {
    parts.push(
      '<h3 class="declared">Failed as declared for this Kubernetes version</h3>',
      '<ul class="declared">',
      ...declared.map(
        (c) =>
          `<li><code>${escapeHtml(c.check)}</code> ${escapeHtml(c.expectedFailure ?? '')}; observed ${escapeHtml(c.observed)}</li>`,
      ),
      '</ul>',
    );
  }
  if (v && status !== 'skipped') {
    const scored = v.checks.filter((c) => !c.soft);
    const passed = scored.filter((c) => c.passed).length;
    parts.push(`<p class="count">${passed} of ${scored.length} checks passed</p>`);
    if (v.note) parts.push(`<p class="note">${escapeHtml(v.note)}</p>`);
    const soft = v.checks.filter((c) => c.soft && !c.passed);
    if (soft.length)
      parts.push(
        `<p class="note">Soft findings (do not fail): ${soft.map((c) => escapeHtml(describeCheck(c))).join('; ')}</p>`,
      );
    parts.push(
      '<details><summary>all checks</summary><ul class="all">',
      ...v.checks.map(
        (c) =>
          `<li class="${c.passed ? 'ok' : c.soft ? 'soft' : 'bad'}" title="${escapeHtml(`expected ${c.expected}; observed ${c.observed}`)}">${c.passed ? '✓' : c.soft ? '~' : '✗'} ${escapeHtml(c.check)}</li>`,
      ),
      '</ul></details>',
    );
  }
  if (!v && o) parts.push('<p class="note">Recorded observation, not judged.</p>');
  if (o?.abortedWith) parts.push(`<p class="bad">Run aborted: ${escapeHtml(o.abortedWith)}</p>`);
  parts.push('</aside></div>');
  if (o && o.timeline.length > 0) {
    parts.push(
      `<details class="text"><summary>timeline as text</summary><pre>${escapeHtml(formatTimelineSlice(o))}</pre></details>`,
    );
  }
  parts.push('</section>');
  return parts.filter((p) => p !== '').join('\n');
}

function legend(): string {
  const c = SWIMLANE_COLOURS;
  const item = (colour: string, text: string, line = false): string =>
    `<span class="key"><svg width="18" height="10" aria-hidden="true">${line ? `<rect x="8" y="0" width="2" height="10" fill="${colour}"/>` : `<rect width="18" height="10" rx="2" fill="${colour}" stroke="#cfd8dc" stroke-width="0.5"/>`}</svg>${escapeHtml(text)}</span>`;
  return [
    '<p class="legend">',
    item(c.running, 'running, ready'),
    item(c.runningNotReady, 'running, not ready'),
    item(c.waiting, 'waiting'),
    item(c.terminated, 'exited 0'),
    item(c.terminatedFailed, 'exited non-zero'),
    item(c.restartingTrue, 'AllContainersRestarting=True'),
    item(c.conditionTrue, 'other condition True'),
    item(c.conditionFalse, 'condition False'),
    item(c.trigger, 'trigger (t=0)', true),
    item(c.restart, 'restart (↻ restartCount)', true),
    item(c.event, 'event', true),
    item(c.warning, 'warning event / failed check', true),
    '</p>',
  ].join('');
}

const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 0; padding: 20px 24px; color: #263238; background: #f5f7f8; }
h1 { font-size: 20px; margin: 0 0 6px; }
.facts { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 0 0 8px; color: #455a64; }
.facts b { font-weight: 600; color: #263238; }
.totals span { margin-right: 14px; font-weight: 600; }
.totals .failed { color: #c62828; } .totals .expected { color: #00838f; } .totals .passed { color: #2e7d32; } .totals .skipped { color: #8d6e63; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; color: #455a64; margin: 8px 0 14px; }
.legend .key { display: inline-flex; align-items: center; gap: 5px; }
.notes { background: #fff8e1; border: 1px solid #ffe082; padding: 6px 10px; border-radius: 6px; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(640px, 1fr)); gap: 16px; align-items: start; }
.column { display: flex; flex-direction: column; gap: 16px; min-width: 0; }
.column-title { font-size: 14px; margin: 4px 0 0; text-transform: uppercase; letter-spacing: 0.04em; }
.column-title.failed { color: #c62828; } .column-title.passed { color: #2e7d32; } .column-title.skipped { color: #8d6e63; margin-top: 18px; }
details.host { font-size: 12px; color: #546e7a; margin: 4px 0; } details.host p { margin: 2px 0 2px 14px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(700px, 1fr)); gap: 16px; align-items: start; }
.card { background: #fff; border: 1px solid #dfe5e8; border-left: 5px solid #90a4ae; border-radius: 8px; padding: 10px 14px 12px; min-width: 0; }
.card.failed { border-left-color: #e53935; } .card.passed { border-left-color: #43a047; } .card.skipped { border-left-color: #bcaaa4; }
.card header { display: flex; align-items: center; gap: 8px; }
.card h2 { font-size: 15px; margin: 0; }
.badge { font-size: 11px; font-weight: 700; text-transform: uppercase; padding: 2px 7px; border-radius: 10px; color: #fff; background: #78909c; }
.badge.failed { background: #e53935; } .badge.passed { background: #43a047; } .badge.skipped { background: #a1887f; }
.badge.expected-failure { background: #00838f; } .card.expected-failure { border-left-color: #00838f; }
h3.declared { color: #00838f; } ul.declared { padding-left: 18px; margin: 0 0 6px; font-size: 12.5px; }
.meta { margin: 2px 0 6px; color: #607d8b; font-size: 12px; }
.body { display: flex; flex-direction: column; gap: 6px; }
.picture { min-width: 0; }
.picture.empty { color: #607d8b; font-style: italic; padding: 12px 0; }
aside { min-width: 0; font-size: 13px; }
aside h3 { font-size: 13px; margin: 2px 0 4px; color: #c62828; }
ol.checks { padding-left: 20px; margin: 0 0 6px; }
ol.checks li { margin-bottom: 3px; font-size: 12.5px; overflow-wrap: anywhere; }
ol.checks li::marker { color: #c62828; font-weight: 700; }
ol.checks code { color: #c62828; font-weight: 600; }
.exp { color: #37474f; } .obs { color: #b71c1c; }
.count { margin: 2px 0; font-weight: 600; }
.note { color: #546e7a; }
ul.all { list-style: none; padding: 0; margin: 4px 0; font-size: 12px; }
.ok { color: #2e7d32; } .bad { color: #c62828; } .soft { color: #8d6e63; }
details.text pre { font-size: 11px; overflow-x: auto; background: #fafafa; border: 1px solid #eceff1; padding: 6px; }
code { font-size: 12px; }
`;

/**
 * The cards. With failures and passes both present they stand in two columns, failures left and
 * passes right, so a failing picture can be read against a passing one; skips follow below.
 */
function body(scenarios: HtmlScenario[]): string[] {
  let index = 0;
  const cards = (list: HtmlScenario[]) => list.map((s) => card(s, index++));
  const notPassed = scenarios.filter((s) => ['failed', 'expected-failure'].includes(statusOf(s)));
  const passed = scenarios.filter((s) => ['passed', 'recorded'].includes(statusOf(s)));
  const skipped = scenarios.filter((s) => statusOf(s) === 'skipped');
  const out: string[] = [];
  if (notPassed.length && passed.length) {
    out.push(
      '<main class="columns">',
      `<div class="column"><h2 class="column-title failed">Not passed (${notPassed.length})</h2>`,
      ...cards(notPassed),
      '</div>',
      `<div class="column"><h2 class="column-title passed">Passed (${passed.length})</h2>`,
      ...cards(passed),
      '</div>',
      '</main>',
    );
  } else {
    out.push('<main class="cards">', ...cards([...notPassed, ...passed]), '</main>');
  }
  if (skipped.length)
    out.push(
      `<h2 class="column-title skipped">Skipped (${skipped.length})</h2>`,
      '<div class="cards">',
      ...cards(skipped),
      '</div>',
    );
  return out;
}

export function renderHtmlPage(page: HtmlPage): string {
  const scenarios = [...page.scenarios].sort(
    (a, b) => (STATUS_RANK[statusOf(a)] ?? 9) - (STATUS_RANK[statusOf(b)] ?? 9),
  );
  const judged = page.scenarios.map((s) => s.verdict).filter((v): v is Verdict => v !== undefined);
  const t = totals(judged);
  const recorded = page.scenarios.length - judged.length;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    `<h1>${escapeHtml(page.title)}</h1>`,
    `<p class="facts">${page.facts.map(([k, v]) => `<span><b>${escapeHtml(k)}</b> ${escapeHtml(v)}</span>`).join('')}</p>`,
    `<p class="totals"><span class="passed">${t.passed} passed</span><span class="failed">${t.failed} failed</span>${t.expectedFailures ? `<span class="expected">${t.expectedFailures} failed as declared</span>` : ''}<span class="skipped">${t.skipped} skipped</span>${recorded ? `<span>${recorded} recorded</span>` : ''}</p>`,
    page.notes?.length ? `<div class="notes">${page.notes.map((n) => `<p>${escapeHtml(n)}</p>`).join('')}</div>` : '',
    page.hostNotes?.length
      ? `<details class="host"><summary>${page.hostNotes.length} note${page.hostNotes.length === 1 ? '' : 's'} on the host and cluster</summary>${page.hostNotes.map((n) => `<p>${escapeHtml(n)}</p>`).join('')}</details>`
      : '',
    legend(),
    ...body(scenarios),
    '</body></html>',
    '',
  ].join('\n');
}

/** The page of one run. */
export function buildHtml(report: RunReport): string {
  const facts: Array<[string, string]> = [
    ['Profile', report.profile.name],
    ['Kubernetes', report.profile.kubernetesVersion],
    ['Node image', report.profile.nodeImage],
    ['Cluster', `${report.cluster.name} (${report.cluster.created ? 'created by this run' : 'reused'})`],
    ['Started', report.startedAt],
    ['Tool', `${report.tool.name} ${report.tool.version}`],
  ];
  const notes = report.preflight.checks
    .filter((c) => !c.passed)
    .map((c) => `Preflight failed: ${c.check}: ${c.detail}`);
  return renderHtmlPage({
    title: `inplace-e2e on ${report.profile.name}`,
    facts,
    notes,
    hostNotes: report.host.notes,
    scenarios: report.verdicts.map((verdict) => {
      const observation = observationFor(report, verdict);
      return observation ? { verdict, observation } : { verdict };
    }),
  });
}
