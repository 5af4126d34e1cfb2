// Phase extraction on timelines recorded on real clusters (test/fixtures/observations/real): the S-BASE pod
// (init, sidecar, trigger, bystander), its trigger exiting 42, on kind v1.35.8 and v1.36.3.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parseClockStamps, stampPrologue, withClockStamps } from '../../../lib/bench/clock-stamps.js';
import { phaseDurations, restartTimes, type RestartTimes } from '../../../lib/bench/restart-times.js';
import { judgeKep, phaseSummaries } from '../../../lib/bench/summarize.js';
import type { LatencyRep } from '../../../lib/bench/types.js';
import type { Observation } from '../../../lib/observe/types.js';

function real(name: string): Observation {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/observations/real/${name}.json`, import.meta.url), 'utf8'),
  ) as Observation;
}

function timesOf(o: Observation): RestartTimes {
  return restartTimes({
    before: o.before!,
    entries: o.timeline.filter((e) => e.at >= o.triggerAt!),
    trigger: 'trigger',
  });
}

const s = (iso: string) => Date.parse(iso);

describe('bench/restart-times on real timelines', () => {
  it('v1.35.8 R01: exit, condition, first and last container running, Ready — on the status and watch clocks', () => {
    const t = timesOf(real('v1.35.8-R01-core-in-place-restart'));
    expect(t.missing).to.deep.equal([]);
    // The kubelet's first post-exit status carried both the terminated trigger and the condition True.
    expect(t.exit).to.deep.equal({ seen: 1795339710842, status: s('2026-11-22T09:28:29Z') });
    expect(t.conditionTrue).to.deep.equal({ seen: 1795339710842, status: s('2026-11-22T09:28:30Z') });
    expect(t.firstRunning).to.deep.equal({ seen: 1795339716944, status: s('2026-11-22T09:28:36Z'), name: 'init' });
    expect(t.lastRunning.seen).to.equal(1795339719929);
    expect(t.lastRunning.status).to.equal(s('2026-11-22T09:28:39Z'));
    expect(t.ready).to.deep.equal({ seen: 1795339719929, status: s('2026-11-22T09:28:39Z') });
    expect(phaseDurations(t, 'status')).to.deep.equal({
      conditionTrue: 1000,
      firstRunning: 7000,
      lastRunning: 10000,
      ready: 10000,
    });
    expect(phaseDurations(t, 'seen')).to.deep.equal({
      conditionTrue: 0,
      firstRunning: 6102,
      lastRunning: 9087,
      ready: 9087,
    });
    expect(phaseDurations(t, 'container')).to.deep.equal({});
  });

  it('v1.36.3 R01: the same phases, 2 s faster to the first container than on 1.35', () => {
    const t = timesOf(real('v1.36.3-R01-core-in-place-restart'));
    expect(t.missing).to.deep.equal([]);
    expect(phaseDurations(t, 'status')).to.deep.equal({
      conditionTrue: 1000,
      firstRunning: 5000,
      lastRunning: 6000,
      ready: 6000,
    });
    expect(phaseDurations(t, 'seen')).to.deep.equal({
      conditionTrue: 0,
      firstRunning: 4358,
      lastRunning: 5492,
      ready: 5492,
    });
    expect(t.firstRunning.name).to.equal('init');
  });

  it('does not take a container that was only restarted-and-waiting (1.36 shows removed containers so) as running', () => {
    const o = real('v1.36.3-R03-emptydir-preserved');
    const t = timesOf(o);
    // +5379: every container rc 1 but waiting; +5516: init running — that is the first start.
    expect(t.firstRunning.seen).to.equal(o.triggerAt! + 5516);
    expect(phaseDurations(t, 'status').firstRunning).to.equal(4000);
  });

  it('says what it could not find: a timeline cut off before the restart', () => {
    const o = real('v1.35.8-R01-core-in-place-restart');
    const cut = o.timeline.filter((e) => e.at >= o.triggerAt! && e.at < o.triggerAt! + 3000);
    const t = restartTimes({ before: o.before!, entries: cut, trigger: 'trigger' });
    expect(t.exit.seen).to.equal(1795339710842);
    expect(t.missing).to.deep.equal([
      'no container was seen running again',
      'not every long-running container (sidecar, bystander, trigger) was seen running again',
      'the pod was not seen Ready again',
    ]);
  });

  it('the non-matching exit (R12): an exit, and nothing else', () => {
    const o = real('v1.35.8-R12-non-matching-exit-code');
    const t = timesOf(o);
    expect(t.exit.seen).to.be.a('number');
    expect(t.conditionTrue.seen).to.equal(undefined);
    expect(t.missing).to.include('AllContainersRestarting True was never seen');
  });

  it('adds the container clock from stamps: exit stamp, then the first start stamp of each container after it', () => {
    const o = real('v1.36.3-R01-core-in-place-restart');
    const exitMs = s('2026-11-22T10:07:07Z') + 412;
    const stamps = parseClockStamps(
      [
        `${exitMs - 9000} start trigger`, // the previous run's start: before the exit, ignored
        `${exitMs} exit trigger`,
        `${exitMs + 4631} start init`,
        `${exitMs + 5410} start sidecar`,
        `${exitMs + 5903} start trigger`,
        `${exitMs + 5950} start bystander`,
        'garbage line',
      ].join('\n'),
    );
    const t = restartTimes({
      before: o.before!,
      entries: o.timeline.filter((e) => e.at >= o.triggerAt!),
      trigger: 'trigger',
      stamps,
    });
    expect(phaseDurations(t, 'container')).to.deep.equal({ firstRunning: 4631, lastRunning: 5950 });
    expect(phaseDurations(t, 'exit-to-seen')).to.deep.equal({
      conditionTrue: 1795342028496 - exitMs,
      firstRunning: 1795342032854 - exitMs,
      lastRunning: 1795342033988 - exitMs,
      ready: 1795342033988 - exitMs,
    });
  });
});

describe('bench/clock-stamps', () => {
  it('prefixes each `sh -c` container that mounts the stamp directory, and says which it left alone', () => {
    const pod = {
      spec: {
        initContainers: [
          { name: 'init', command: ['sh', '-c', 'echo hi'], volumeMounts: [{ name: 'shared', mountPath: '/shared' }] },
        ],
        containers: [
          {
            name: 'trigger',
            command: ['sh', '-c', 'exit 42', 'arg0'],
            volumeMounts: [{ name: 'shared', mountPath: '/shared' }],
          },
          { name: 'plain', command: ['sleep', '1'], volumeMounts: [{ name: 'shared', mountPath: '/shared' }] },
          { name: 'nomount', command: ['sh', '-c', 'true'] },
        ],
      },
    };
    const r = withClockStamps(pod);
    expect(r.stamped).to.deep.equal(['init', 'trigger']);
    expect(r.unstamped.map((u) => u.container)).to.deep.equal(['plain', 'nomount']);
    const trig = r.manifest.spec.containers[0]!.command;
    expect(trig[2]).to.equal(`${stampPrologue('trigger', '/shared/clock')}exit 42`);
    expect(trig[3]).to.equal('arg0');
    expect(pod.spec.containers[0]!.command[2]).to.equal('exit 42'); // the original is untouched
    expect(stampPrologue('init', '/shared/clock')).to.contain("trap 'stamp exit init' EXIT");
    expect(() => stampPrologue('x; rm -rf /', '/f')).to.throw(/not a container name/);
  });

  it('parses stamp lines and skips anything else', () => {
    expect(
      parseClockStamps('1796120869995 start init\n0000 start x\n1796120870001 exit trigger \n17961 start y'),
    ).to.deep.equal([
      { at: 1796120869995, event: 'start', container: 'init' },
      { at: 1796120870001, event: 'exit', container: 'trigger' },
    ]);
  });
});

describe('bench/summarize: the KEP judgement', () => {
  const o = real('v1.36.3-R01-core-in-place-restart');
  const times = timesOf(o);
  const rep = (index: number, t: RestartTimes = times, error?: string): LatencyRep => ({
    index,
    pod: 'p',
    triggeredAt: o.triggerAt!,
    times: t,
    ...(error ? { error } : {}),
  });

  it('judges on the status clock when the pod writes no stamps, and says the resolution', () => {
    const k = judgeKep([rep(0), rep(1)]);
    expect(k).to.include({ clock: 'status', resolutionMs: 1000, n: 2, p99: 5000, withinTarget: 1, meets: true });
    expect(k.statement)
      .to.match(/whole seconds/)
      .and.match(/p99 is the maximum/);
  });

  it('counts a repetition that failed as beyond the target', () => {
    const k = judgeKep([rep(0), rep(1), rep(2, times, 'timed out after 90s waiting for the pod Ready')]);
    expect(k.meets).to.equal(false);
    expect(k.p99).to.equal(undefined); // unbounded
    expect(k.withinTarget).to.be.closeTo(2 / 3, 1e-12);
    expect(k.statement).to.match(/1 repetition\(s\) without a measurement/);
  });

  it('uses the container clock when every repetition has it', () => {
    const withClock: RestartTimes = {
      ...times,
      exit: { ...times.exit, container: 1000 },
      firstRunning: { ...times.firstRunning, container: 6001 },
    };
    const k = judgeKep([rep(0, withClock)]);
    expect(k).to.include({ clock: 'container', p99: 5001, meets: false });
  });

  it('summarizes each phase on each clock, skipping the container clock when nothing has it', () => {
    const p = phaseSummaries([rep(0), rep(1)]);
    expect(p.filter((x) => x.clock === 'container')).to.deep.equal([]);
    expect(p.find((x) => x.clock === 'seen' && x.phase === 'ready')?.summary).to.include({
      n: 2,
      p50: 5492,
      max: 5492,
    });
    expect(p.find((x) => x.clock === 'status' && x.phase === 'conditionTrue')).to.deep.include({ missing: 0 });
  });
});
