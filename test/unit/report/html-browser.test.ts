// report.html in a real headless browser: Chromium renders the page of real kind timelines (one run
// that failed next to one that passed) to a PNG, and the test reads the pixels back. Skipped, with
// the reason in its title, where no Chromium is installed (.ci/run installs it; so do GitHub's runners).
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failedChecks } from '../../../lib/report/failure-text.js';
import { renderHtmlPage } from '../../../lib/report/html.js';
import { SWIMLANE_COLOURS } from '../../../lib/report/swimlane-svg.js';
import { judge } from '../../../lib/verdict/judge.js';
import { coreScenario, real } from './real-fixtures.js';
import { decodePng, pixelsOf, type Image } from './png.js';

function findChromium(): string | undefined {
  const candidates = [
    process.env.CHROME_PATH,
    'chromium',
    'chromium-browser',
    'google-chrome',
    'google-chrome-stable',
  ].filter((c): c is string => Boolean(c));
  return candidates.find((c) => spawnSync(c, ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0);
}

/** Columns of at least `minRows` pixels of one colour: the coloured left border of a card. */
function borderColumns(img: Image, hex: string, minRows: number): Array<{ x: number; top: number; bottom: number }> {
  const byX = new Map<number, number[]>();
  for (const [x, y] of pixelsOf(img, hex)) byX.set(x, [...(byX.get(x) ?? []), y]);
  return [...byX.entries()]
    .filter(([, ys]) => ys.length >= minRows)
    .map(([x, ys]) => ({ x, top: Math.min(...ys), bottom: Math.max(...ys) }));
}

const chromium = findChromium();
const SHOT = join(tmpdir(), 'inplace-e2e-report-html.png');

describe('report.html in headless Chromium', function () {
  this.timeout(120_000);
  const title = chromium
    ? `renders a failed and a passed real run side by side, trigger, restarts and the restarting band visible (screenshot: ${SHOT})`
    : 'renders report.html (SKIPPED: no chromium, chromium-browser or google-chrome on PATH and no $CHROME_PATH; apt-get install -y chromium)';

  (chromium ? it : it.skip)(title, async () => {
    const restart = await coreScenario('core-in-place-restart');
    const passed = real('v1.36.3-R01-core-in-place-restart.json');
    const failed = real('v1.35.8-R12-non-matching-exit-code.json'); // no restart: judged as R01 it fails
    const failedVerdict = judge(restart, failed);
    expect(failedChecks(failedVerdict).length).to.be.greaterThan(0);
    const html = renderHtmlPage({
      title: 'inplace-e2e on real kind timelines',
      facts: [['Fixtures', 'test/fixtures/observations/real']],
      scenarios: [
        { observation: passed, verdict: judge(restart, passed), source: 'v1.36.3 R01' },
        { observation: failed, verdict: failedVerdict, source: 'v1.35.8 R12 judged with the R01 expectations' },
      ],
    });
    const dir = mkdtempSync(join(tmpdir(), 'inplace-e2e-html-'));
    try {
      const page = join(dir, 'report.html');
      writeFileSync(page, html);
      execFileSync(
        chromium as string,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--hide-scrollbars',
          `--user-data-dir=${join(dir, 'profile')}`,
          '--window-size=1600,1100',
          `--screenshot=${SHOT}`,
          `file://${page}`,
        ],
        { stdio: 'ignore', timeout: 90_000 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const img = decodePng(readFileSync(SHOT));
    expect([img.width, img.height]).to.deep.equal([1600, 1100]);

    // Side by side: the failed card's red border left of the passed card's green one, in the same rows.
    const red = borderColumns(img, '#e53935', 150);
    const green = borderColumns(img, '#43a047', 150);
    expect(red.length, 'a failed card border').to.be.greaterThan(0);
    expect(green.length, 'a passed card border').to.be.greaterThan(0);
    const left = Math.min(...red.map((c) => c.x));
    const right = Math.max(...green.map((c) => c.x));
    expect(left).to.be.below(img.width / 2);
    expect(right).to.be.above(img.width / 2);
    const r = red.find((c) => c.x === left)!;
    const g = green.find((c) => c.x === right)!;
    expect(Math.min(r.bottom, g.bottom) - Math.max(r.top, g.top), 'cards share rows').to.be.greaterThan(150);

    // In the passed card: the AllContainersRestarting band, and the trigger line in both.
    // (Within the cards' rows: the legend above them has a swatch of each colour.)
    const inCard = ([, y]: [number, number]) => y >= Math.max(r.top, g.top) && y <= Math.min(r.bottom, g.bottom);
    const purple = pixelsOf(img, SWIMLANE_COLOURS.restartingTrue).filter(inCard);
    expect(
      purple.filter(([x]) => x > img.width / 2).length,
      'AllContainersRestarting=True band in the passed card',
    ).to.be.greaterThan(300);
    expect(purple.filter(([x]) => x < img.width / 2).length, 'no restarting band in the failed card').to.equal(0);
    const triggerColumns = borderColumns(img, SWIMLANE_COLOURS.trigger, 120).map((c) => c.x);
    expect(
      triggerColumns.some((x) => x < img.width / 2) && triggerColumns.some((x) => x > img.width / 2),
      'a trigger line in each picture',
    ).to.equal(true);
    // Restart marks (↻1) on the passed card's container lanes.
    const restartTicks = pixelsOf(img, SWIMLANE_COLOURS.restart).filter(inCard);
    expect(
      restartTicks.filter(([x]) => x > img.width / 2).length,
      'restart ticks in the passed card',
    ).to.be.greaterThan(40);
    expect(restartTicks.filter(([x]) => x < img.width / 2).length, 'no restart tick in the failed card').to.equal(0);
  });
});
