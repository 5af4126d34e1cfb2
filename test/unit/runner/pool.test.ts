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

  it('runs an exclusive task alone: after the tasks before it, before the tasks after it', async () => {
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
      pool.run(task('kubelet-restart'), { exclusive: true }),
      pool.run(task('c')),
      pool.run(task('d')),
    ]);
    const at = (line: string) => log.indexOf(line);
    expect(log).to.include('start kubelet-restart (1 running)');
    expect(at('start kubelet-restart (1 running)')).to.be.greaterThan(Math.max(at('end a'), at('end b')));
    expect(at('end kubelet-restart')).to.be.lessThan(Math.min(at('start c (1 running)'), at('start d (2 running)')));
    expect(log).to.include('start d (2 running)', 'the tasks after it run in parallel again');
  });
});
