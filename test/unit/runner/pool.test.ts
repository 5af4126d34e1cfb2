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
});
