// report.html and the Mermaid gantt, from timelines recorded on real kind clusters.
import { expect } from 'chai';
import { XMLValidator } from 'fast-xml-parser';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { failedChecks } from '../../../lib/report/failure-text.js';
import { renderHtmlPage } from '../../../lib/report/html.js';
import { buildGantt } from '../../../lib/report/mermaid.js';
import { buildSwimlanes, type Lane } from '../../../lib/report/swimlane.js';
import { renderSwimlaneSvg } from '../../../lib/report/swimlane-svg.js';
import { judge } from '../../../lib/verdict/judge.js';
import { coreScenario, real } from './real-fixtures.js';

const REAL = join(process.cwd(), 'test', 'fixtures', 'observations', 'real');
const lane = (lanes: Lane[], name: string): Lane => {
  const l = lanes.find((x) => x.name === name);
  if (!l) throw new Error(`no lane ${name} (have ${lanes.map((x) => x.name).join(', ')})`);
  return l;
};

describe('report swimlanes (real kind timelines)', () => {
  it('R01 on v1.35.8: the trigger exits 42 after t=0, AllContainersRestarting is True until every container has restarted once', () => {
    const o = real('v1.35.8-R01-core-in-place-restart.json');
    const m = buildSwimlanes(o);
    expect(m.hasTrigger).to.equal(true);
    expect(m.start).to.equal(o.timeline[0]!.at - o.triggerAt!); // the whole start-up, 5.2 s, is drawn
    expect(m.markers.find((x) => x.trigger)).to.deep.include({ at: 0, label: 'trigger: make trigger exit 42' });
    expect(m.lanes.slice(0, 4).map((l) => `${l.name}/${l.role}`)).to.deep.equal([
      'init/init',
      'sidecar/sidecar',
      'bystander/regular',
      'trigger/regular',
    ]);

    const exit = lane(m.lanes, 'trigger').bars.find((b) => b.label === 'exit 42');
    expect(exit).to.include({ state: 'terminated', failed: true, from: 2749, to: 7855 });
    const restarting = lane(m.lanes, 'AllContainersRestarting').bars.filter((b) => b.state === 'True');
    expect(restarting.map((b) => [b.from, b.to, b.label])).to.deep.equal([
      [2749, 7855, 'True RestartAllContainersStarted'],
    ]);
    for (const name of ['init', 'sidecar', 'bystander', 'trigger']) {
      expect(
        lane(m.lanes, name)
          .ticks.filter((t) => t.tone === 'restart')
          .map((t) => [t.at, t.label]),
        name,
      ).to.deep.equal([[7855, '↻1']]);
    }
    // Events sit on their container's lane; Killing of the bystander comes 2.7 s after the trigger.
    expect(lane(m.lanes, 'bystander').ticks.find((t) => t.label === 'Killing')?.at).to.equal(2726);
    expect(lane(m.lanes, 'pod events').ticks.map((t) => t.label)).to.deep.equal(['Scheduled']);
  });

  it('R12 on v1.36.3: nothing restarts and the condition never turns True', () => {
    const m = buildSwimlanes(real('v1.36.3-R12-non-matching-exit-code.json'));
    expect(m.lanes.flatMap((l) => l.ticks).filter((t) => t.tone === 'restart')).to.deep.equal([]);
    expect(lane(m.lanes, 'AllContainersRestarting').bars.map((b) => b.state)).to.deep.equal(['False']);
    expect(lane(m.lanes, 'trigger').bars.at(-1)).to.include({ state: 'terminated', label: 'exit 1', failed: true });
    expect(m.markers.map((x) => x.label)).to.include.members(['settled', 'consistently']);
  });

  it('draws every real timeline as well-formed SVG with a tooltip per bar', () => {
    for (const file of readdirSync(REAL).filter((f) => f.endsWith('.json'))) {
      const m = buildSwimlanes(real(file));
      const svg = renderSwimlaneSvg(m, file);
      expect(XMLValidator.validate(svg), file).to.equal(true);
      const bars = m.lanes.reduce((n, l) => n + l.bars.length, 0);
      expect((svg.match(/<rect /g) ?? []).length, file).to.equal(bars + 1); // + the background
      // The trigger is drawn where there was one (R24's scenarios watch the pod without a trigger).
      if (real(file).triggerAt !== undefined) expect(svg).to.contain('trigger');
    }
  });

  it('marks failed checks at the times of their evidence, numbered as listed', async () => {
    const o = real('v1.35.8-R12-non-matching-exit-code.json');
    const verdict = judge(await coreScenario('core-in-place-restart'), o);
    const failed = failedChecks(verdict);
    expect(failed.length).to.be.greaterThan(5);
    const m = buildSwimlanes(o, { failedChecks: failed });
    const checks = lane(m.lanes, 'failed checks');
    const labelled = checks.ticks.filter((t) => t.label !== '');
    expect(labelled.map((t) => t.label).sort()).to.deep.equal(failed.map((_, i) => `✗${i + 1}`).sort());
    expect(checks.ticks.find((t) => t.label === '✗1')?.detail).to.equal(
      `✗1 ${failed[0]!.check}: expected ${failed[0]!.expected}; observed ${failed[0]!.observed}`,
    );
  });
});

describe('report.html page', () => {
  let page: string;
  before(async () => {
    const r01 = real('v1.35.8-R01-core-in-place-restart.json');
    const r12 = real('v1.35.8-R12-non-matching-exit-code.json');
    const restart = await coreScenario('core-in-place-restart');
    page = renderHtmlPage({
      title: 'fixtures',
      facts: [['Kubernetes', 'v1.35.8']],
      scenarios: [
        { observation: r01, verdict: judge(restart, r01), source: 'passes' },
        { observation: r12, verdict: judge(restart, r12), source: 'R12 judged as R01' },
        {
          verdict: {
            suite: 'core',
            scenario: 'later',
            status: 'skipped',
            skipReason: 'needs 1.37',
            checks: [],
            durationMs: 0,
          },
        },
      ],
    });
  });

  it('is self-contained: no script, no stylesheet link, no image or font fetched', () => {
    expect(page).to.match(/^<!doctype html>/);
    expect(page).not.to.match(/<script|<link|<img|@import|url\(/i);
    const urls = page.match(/https?:\/\/[^\s"'<)]+/g) ?? [];
    expect([...new Set(urls)]).to.deep.equal(['http://www.w3.org/2000/svg']); // the SVG namespace name, never fetched
  });

  it('puts failures first, with their failed checks next to the picture, then passes, then skips', () => {
    const order = [...page.matchAll(/<section class="card (\w+)"/g)].map((m) => m[1]);
    expect(order).to.deep.equal(['failed', 'passed', 'skipped']);
    const failedCard = page.slice(
      page.indexOf('<section class="card failed"'),
      page.indexOf('<section class="card passed"'),
    );
    expect(failedCard)
      .to.contain('<svg')
      .and.to.contain('failed checks')
      .and.to.contain('<code>restarts.trigger</code>');
    expect(failedCard).to.match(/\d+ failed checks<\/h3>/);
    expect(page).to.contain('Skipped: needs 1.37');
  });
});

describe('Mermaid gantt for summary.md', () => {
  it('draws a failed scenario from the trigger on, with the failed checks as milestones', async () => {
    const o = real('v1.35.8-R12-non-matching-exit-code.json');
    const failed = failedChecks(judge(await coreScenario('core-in-place-restart'), o));
    const g = buildGantt(o, 'core / R01 core-in-place-restart', failed);
    const lines = g.split('\n');
    expect(lines.slice(0, 6)).to.deep.equal([
      '```mermaid',
      'gantt',
      '    title core / R01 core-in-place-restart (mm ss after the trigger)',
      '    dateFormat HH:mm:ss.SSS',
      '    axisFormat %M:%S',
      '    todayMarker off',
    ]);
    expect(lines.at(-1)).to.equal('```');
    expect(lines).to.include('    section trigger');
    expect(lines).to.include('    exit 1 :crit, 00:00:00.922, 00:00:31.979');
    expect(lines).to.include('    section failed checks');
    expect(lines.filter((l) => l.includes(':milestone, crit,'))).to.have.length(failed.length);
    // Task names never carry the grammar's own ':', '#' or ';'.
    for (const l of lines.filter((x) => /^ {4}\S/.test(x) && x.includes(' :')))
      expect(l.slice(0, l.indexOf(' :')), l).not.to.match(/[:#;]/);
  });

  it('shows the restart of a passing R01: the restarting band and one restart milestone per container', () => {
    const g = buildGantt(real('v1.36.3-R01-core-in-place-restart.json'), 'R01').split('\n');
    expect(g.filter((l) => l.startsWith('    restart 1 :milestone,'))).to.have.length(4);
    expect(g.find((l) => l.startsWith('    AllContainersRestarting :crit,'))).to.be.a('string');
    expect(g).not.to.include('    section failed checks');
  });
});
