import { expect } from 'chai';
import { Pool } from '../../../lib/runner/pool.js';

describe('scenario pool', () => {
  it('never runs more than its limit at once and keeps submission order for starts', async () => {
    const pool = new Pool(2);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const gates: Array<() => void> = [];
    const tasks = [0, 1, 2, 3, 4].map((i) =>
      pool.run(async () => {
        started.push(i);
        active++;
        peak = Math.max(peak, active);
        await new Promise<void>((r) => gates.push(r));
        active--;
        return i;
      }),
    );
    while (started.length < 5 || gates.length > 0) {
      await new Promise((r) => setImmediate(r));
      gates.shift()?.();
    }
    expect(await Promise.all(tasks)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(peak).to.equal(2);
    expect(started).to.deep.equal([0, 1, 2, 3, 4]);
  });

  it('passes a failing task through without blocking the others', async () => {
    const pool = new Pool(1);
    const failing = pool.run(async () => {
      throw new Error('boom');
    });
    const next = pool.run(async () => 'ran');
    expect(await failing.catch((e: Error) => e.message)).to.equal('boom');
    expect(await next).to.equal('ran');
  });

  it('refuses a limit below 1', () => {
    expect(() => new Pool(0)).to.throw('parallelism must be a whole number ≥ 1, got 0');
  });

  it('runs an alone task alone: after the tasks before it, before the tasks after it', async () => {
    const pool = new Pool(3);
    const log: string[] = [];
    let active = 0;
    const task = (name: string) => async () => {
      active++;
      log.push(`start ${name} (${active} running)`);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      log.push(`end ${name}`);
    };
    await Promise.all([
      pool.run(task('a')),
      pool.run(task('b')),
      pool.run(task('kubelet-restart'), { mode: 'alone' }),
      pool.run(task('c')),
      pool.run(task('d')),
    ]);
    const at = (line: string) => log.indexOf(line);
    expect(log).to.include('start kubelet-restart (1 running)');
    expect(at('start kubelet-restart (1 running)')).to.be.greaterThan(Math.max(at('end a'), at('end b')));
    expect(at('end kubelet-restart')).to.be.lessThan(Math.min(at('start c (1 running)'), at('start d (2 running)')));
    expect(log).to.include('start d (2 running)', 'the tasks after it run in parallel again');
  });

  it('runs lane tasks beside the others, outside the limit, one lane task at a time', async () => {
    const pool = new Pool(2);
    const log: string[] = [];
    let shared = 0;
    let lane = 0;
    let peakShared = 0;
    let peakLane = 0;
    const task = (name: string, isLane: boolean) => async () => {
      if (isLane) peakLane = Math.max(peakLane, ++lane);
      else peakShared = Math.max(peakShared, ++shared);
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, isLane ? 15 : 5));
      if (isLane) lane--;
      else shared--;
      log.push(`end ${name}`);
    };
    await Promise.all([
      pool.run(task('R25a', true), { mode: 'lane' }),
      pool.run(task('R25b', true), { mode: 'lane' }),
      ...['a', 'b', 'c', 'd'].map((n) => pool.run(task(n, false))),
    ]);
    expect(peakLane).to.equal(1, 'one lane task at a time');
    expect(peakShared).to.equal(2, 'the limit still bounds the shared tasks');
    expect(log.indexOf('start a')).to.be.lessThan(log.indexOf('end R25a'), 'shared tasks do not wait for the lane');
    expect(log.indexOf('start R25b')).to.be.greaterThan(log.indexOf('end R25a'));
  });

  it('starts an alone task only when the lane is idle too, and no lane task while it runs', async () => {
    const pool = new Pool(3);
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
    };
    await Promise.all([
      pool.run(task('lane-1', 10), { mode: 'lane' }),
      pool.run(task('alone', 10), { mode: 'alone' }),
      pool.run(task('lane-2', 5), { mode: 'lane' }),
    ]);
    const at = (line: string) => log.indexOf(line);
    expect(at('start alone')).to.be.greaterThan(at('end lane-1'));
    expect(at('start lane-2') > at('end alone') || at('end lane-2') < at('start alone')).to.equal(
      true,
      `lane-2 overlapped the alone task: ${log.join(', ')}`,
    );
  });
});
