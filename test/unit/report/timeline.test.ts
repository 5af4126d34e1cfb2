import { expect } from 'chai';
import { failureDetails } from '../../../lib/report/failure-text.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { originOf } from '../../../lib/expectations/timeline.js';
import type { Observation } from '../../../lib/observe/types.js';
import {
  formatTimeline,
  formatTimelineEntry,
  formatTimelineSlice,
  TIMELINE_WIDTH,
  timelineSlice,
} from '../../../lib/report/timeline.js';
import type { Verdict } from '../../../lib/verdict/types.js';
import { loadObservation } from '../expectations/observations.js';

describe('timeline formatter', () => {
  const o = loadObservation('r01-in-place-restart-v1.36');
  const T = o.triggerAt!;
  const entryAt = (ms: number, kind: string) => o.timeline.find((e) => e.at === T + ms && e.kind === kind)!;

  it('writes a pod update as offset, watch type, phase, conditions and container states', () => {
    expect(formatTimelineEntry(entryAt(3400, 'pod'), T)).to.equal(
      [
        '+3.400s MODIFIED phase=Pending AllContainersRestarting=True(RestartAllContainersStarted) PodReadyToStartContainers=True Initialized=True Ready=False',
        '        ContainersReady=False PodScheduled=True',
        '        | init:waiting(RestartingAllContainers) rc=1 sidecar:waiting(RestartingAllContainers) rc=1 trigger:waiting(RestartingAllContainers) rc=1',
        '          bystander:waiting(RestartingAllContainers) rc=1',
      ].join('\n'),
    );
  });

  it('keeps every line of every recorded real timeline within TIMELINE_WIDTH, a container never split across lines', () => {
    const dir = join(process.cwd(), 'test', 'fixtures', 'observations', 'real');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const real = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Observation;
      const lines = formatTimeline(real.timeline, originOf(real)).split('\n');
      // Pod entries with container statuses take more than one line (a pod refused by its kubelet has none).
      if (real.timeline.some((e) => e.kind === 'pod' && e.pod.containers.length > 0))
        expect(lines.length, file).to.be.greaterThan(real.timeline.length);
      for (const line of lines) expect(line.length, `${file}: ${line}`).to.be.at.most(TIMELINE_WIDTH);
      for (const line of lines.filter((l) => /^ +\| |^ {10}\S/.test(l)))
        expect(line, file).to.match(/ rc=\d+( ready)?$/);
    }
  });

  it('writes events and harness steps, with negative offsets before the trigger', () => {
    expect(formatTimelineEntry(entryAt(1200, 'event'), T)).to.equal(
      '+1.200s EVENT Killing spec.containers{bystander}: Stopping container bystander',
    );
    expect(formatTimelineEntry(entryAt(0, 'harness'), T)).to.equal(
      '+0.000s HARNESS trigger: exec trigger: echo 42 > /shared/go',
    );
    expect(formatTimelineEntry(entryAt(-25800, 'harness'), T)).to.equal(
      '-25.800s HARNESS setup: writeFile bystander:/shared/token (random token)',
    );
  });

  it('slices from a few entries before the trigger and bounds long timelines', () => {
    const slice = timelineSlice(o, { before: 2 });
    expect(slice[0]!.at - T).to.equal(-25800 - 100); // "ready" harness step, then the setup step, then the trigger
    expect(slice[2]).to.include({ at: T, kind: 'harness' });
    const bounded = timelineSlice(o, { before: 2, max: 5 });
    expect(bounded).to.have.length(5);
    expect(bounded.at(-1)).to.equal(o.timeline.at(-1)); // the end of the run stays visible
    expect(formatTimelineSlice(o, { before: 2, max: 5 }).split('\n')[0]).to.equal(
      'timeline (times relative to the trigger; 43 entries, 38 not shown):',
    );
  });

  it('renders check evidence relative to its first entry when the observation is unknown', () => {
    const verdict: Verdict = {
      suite: 's',
      scenario: 'x',
      status: 'failed',
      durationMs: 0,
      checks: [
        {
          check: 'c',
          passed: false,
          expected: 'e',
          observed: 'o',
          evidence: [entryAt(1200, 'event'), entryAt(3400, 'pod')],
        },
      ],
    };
    const text = failureDetails(verdict);
    expect(text).to.contain('      +0.000s EVENT Killing');
    expect(text).to.contain('      +2.200s MODIFIED');
    expect(text.split('\n').slice(-2)).to.deep.equal(['evidence:', '    no evidence collected']);
  });
});
