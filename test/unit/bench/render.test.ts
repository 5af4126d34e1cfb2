import { expect } from 'chai';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { escapeXml, latencyCdfSvg, niceStep, recoveryBarsSvg } from '../../../lib/bench/chart.js';
import { formatTable } from '../../../lib/bench/console.js';
import { benchHtml, latencySeries, recoveryGroups, recreateBars } from '../../../lib/bench/html.js';
import { benchMarkdown } from '../../../lib/bench/markdown.js';
import { fleetTable, kepTable } from '../../../lib/bench/tables.js';
import { sampleReport } from './sample-report.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

function valid(svg: string): void {
  const v = XMLValidator.validate(svg);
  expect(v, JSON.stringify(v)).to.equal(true);
  expect(svg).to.not.match(/<script|href=|@import|url\(/i); // self-contained: nothing fetched, nothing run
}

type Node = Record<string, unknown>;
function all(svg: string, tag: string): Node[] {
  const found: Node[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n !== 'object' || n === null) return;
    for (const [k, v] of Object.entries(n)) {
      if (k === tag) (Array.isArray(v) ? v : [v]).forEach((x) => found.push(x as Node));
      walk(v);
    }
  };
  walk(parser.parse(svg));
  return found;
}

describe('bench/chart', () => {
  it('latency CDF: one step line per series, the 5 s target where 5 s is on the axis, the 99 % line', () => {
    const svg = latencyCdfSvg(
      [
        { label: 'two-container', valuesMs: [3100, 3300, 3200, 3900] },
        { label: 'base <v1.35>', valuesMs: [7000, 6100, Number.POSITIVE_INFINITY] },
      ],
      { title: 'latency', targetMs: 5000, targetPercentile: 99 },
    );
    valid(svg);
    const paths = all(svg, 'path').filter((p) => p.class === 'cdf');
    expect(paths.map((p) => p['data-series'])).to.deep.equal(['two-container', 'base <v1.35>']);
    // 4 finite values: 4 vertical steps, the last one reaching 100 % (y = top margin 44).
    const d = String(paths[0]?.d);
    expect(d.match(/V/g)).to.have.length(4);
    expect(d).to.match(/V44 H/);
    // a series with a repetition that never restarted stops below 100 % and says so in the legend
    expect(String(paths[1]?.d)).to.not.match(/V44 H/);
    expect(svg).to.contain('base &lt;v1.35&gt; (n=3, 1 never)');
    // x axis: 0..8 s over 496 px from x=64 → 5 s at 64 + 5/8·496 = 374
    const target = all(svg, 'line').find((l) => l.class === 'target');
    expect(target).to.include({ x1: '374', 'data-ms': '5000' });
    expect(svg).to.contain('KEP target 5 s');
    expect(all(svg, 'line').some((l) => l.class === 'percentile')).to.equal(true);
  });

  it('recovery bars: one bar per strategy and N with p50 and a p95 whisker; a missing figure is a dash', () => {
    const svg = recoveryBarsSvg(
      [
        {
          label: 'N=1',
          bars: [
            { label: 'recreate all', p50Ms: 9000, p95Ms: 10000 },
            { label: 'in place', p50Ms: 5000, p95Ms: 5500 },
          ],
        },
        { label: 'N=4', bars: [{ label: 'recreate all', p50Ms: 14000 }, { label: 'in place' }] },
      ],
      { title: 'recovery' },
    );
    valid(svg);
    const bars = all(svg, 'rect').filter((r) => r.class === 'bar');
    expect(bars.map((b) => [b['data-group'], b['data-series'], b['data-p50-ms']])).to.deep.equal([
      ['N=1', 'recreate all', '9000'],
      ['N=1', 'in place', '5000'],
      ['N=4', 'recreate all', '14000'],
    ]);
    // heights are proportional to p50: 9 s and 5 s on the same axis
    const h = bars.map((b) => Number(b.height));
    expect(h[0]! / h[1]!).to.be.closeTo(9 / 5, 0.01);
  });

  it('escapes text and picks round tick steps', () => {
    expect(escapeXml(`a<b>&"c'`)).to.equal('a&lt;b&gt;&amp;&quot;c&#39;');
    expect(niceStep(8)).to.equal(2);
    expect(niceStep(65)).to.equal(20);
    expect(niceStep(0.3)).to.equal(0.05);
  });
});

describe('bench/render: tables, Markdown, HTML', () => {
  const reports = [sampleReport('1.35.8'), sampleReport('1.36.3')];

  it('the KEP table judges each version on the status clock from the real timelines: 1.35 base 7 s (beyond), 1.36 base 5 s (within)', () => {
    const t = kepTable(reports);
    expect(t.rows.map((r) => [r[0], r[1], r[3], r[6], r[8]])).to.deep.equal([
      ['v1.35.8', 'base', 'pod status (whole s)', '7 s', 'NO'],
      ['v1.36.3', 'base', 'pod status (whole s)', '5 s', 'yes'],
    ]);
  });

  it('the fleet table gives p50 / p95 per strategy, the ratios, and says what was skipped', () => {
    const t = fleetTable([reports[0]!]);
    expect(t.rows[0]).to.deep.equal([
      'v1.35.8',
      '1',
      '9.0 s / 10.0 s (2)',
      '5.0 s / 5.5 s (2)',
      '9.5 s / 9.5 s (1)',
      '1.80×',
      '1.90×',
      '0 recreated, 0 in place',
    ]);
    expect(t.rows[1]?.slice(2, 7)).to.deep.equal(['14.0 s / 14.0 s (1)', '6.0 s / 6.0 s (1)', 'skipped', '2.33×', '–']);
    expect(t.notes?.join('\n')).to.match(/N=4 node loss: hybrid: skipped: needs a harness-created kind cluster/);
  });

  it('Markdown has every table and the notes; a pipe in a cell does not break a row', () => {
    const r = sampleReport('1.36.3');
    r.latency[0]!.shape = 'a|b';
    const md = benchMarkdown([r]);
    expect(md).to.contain('### Restart latency against the KEP target');
    expect(md).to.contain('### Fleet recovery');
    expect(md).to.contain('### Recreate, phase by phase');
    expect(md).to.contain('### Growth with N');
    expect(md).to.contain('| v1.36.3 | a\\|b |');
    expect(md).to.contain('- kind on one 2-core machine');
  });

  it('HTML is one self-contained page with the latency CDF, the bars and the recreate breakdown per version', () => {
    const html = benchHtml(reports);
    expect(html).to.match(/^<!doctype html>/);
    expect(html).to.not.match(/<script|<link|src=|href=/i);
    expect(html.match(/<svg /g)).to.have.length(5); // 1 CDF + (bars + breakdown) × 2 versions
    for (const svg of html.match(/<svg [\s\S]*?<\/svg>/g) ?? []) valid(svg);
    expect(latencySeries(reports).map((s) => s.label)).to.deep.equal(['v1.35.8 base', 'v1.36.3 base']);
    expect(recoveryGroups(reports[0]!).map((g) => g.label)).to.deep.equal(['N=1', 'N=4']);
    expect(recreateBars(reports[0]!)[0]?.segments.map((s) => s.ms)).to.deep.equal([900, 450, 450, 1800, 3600, 1800]);
  });

  it('console tables pad columns', () => {
    expect(formatTable({ title: 'T', header: ['a', 'bb'], rows: [['ccc', 'd']] })).to.equal('T\na    bb\nccc  d');
  });
});
