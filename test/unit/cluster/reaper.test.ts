import { expect } from 'chai';
import { CleanupRegistry } from '../../../lib/cluster/reaper.js';

describe('cluster reaper (CleanupRegistry)', () => {
  it('runs cleanups once, newest first, collecting failures with the manual command', async () => {
    const lines: string[] = [];
    const reg = new CleanupRegistry({ log: (l) => lines.push(l) });
    const order: string[] = [];
    reg.register(
      'cluster c',
      () => {
        order.push('cluster');
      },
      { manual: 'kind delete cluster --name c' },
    );
    reg.register(
      'namespace n',
      async () => {
        order.push('namespace');
        throw new Error('forbidden');
      },
      { manual: 'kubectl delete ns n' },
    );
    const unregister = reg.register('never', () => {
      order.push('never');
    });
    unregister();
    const out = await reg.runAll('end of run');
    expect(order).to.deep.equal(['namespace', 'cluster']);
    expect(out).to.deep.equal([
      { description: 'namespace n', ok: false, error: 'forbidden', manual: 'kubectl delete ns n' },
      { description: 'cluster c', ok: true },
    ]);
    expect(await reg.runAll('again')).to.deep.equal([]);
    expect(lines.join('\n')).to.match(
      /FAILED to remove namespace n: forbidden\n\s+remove it by hand: kubectl delete ns n/,
    );
  });

  it('a kept resource is never run, only listed with how to remove it', async () => {
    const lines: string[] = [];
    const reg = new CleanupRegistry({ log: (l) => lines.push(l) });
    reg.keep('kind cluster c', 'kind delete cluster --name c');
    const out = await reg.runAll('end');
    expect(out).to.deep.equal([{ description: 'kind cluster c', ok: true, manual: 'kind delete cluster --name c' }]);
    expect(lines).to.deep.equal(['kept: kind cluster c; remove it with: kind delete cluster --name c']);
  });

  it('a cleanup that hangs is cut off by its timeout', async () => {
    const reg = new CleanupRegistry({ log: () => undefined });
    reg.register('slow', () => new Promise(() => undefined), { timeoutMs: 20 });
    const [o] = await reg.runAll('end');
    expect(o).to.include({ ok: false });
    expect(o?.error).to.match(/did not finish within/);
  });

  it('SIGTERM runs the cleanups once and exits 143', async () => {
    const reg = new CleanupRegistry({ log: () => undefined });
    let ran = 0;
    reg.register('x', () => {
      ran++;
    });
    const exits: number[] = [];
    const exited = new Promise<void>((resolve) => {
      const uninstall = reg.installProcessHandlers({
        exit: (code) => {
          exits.push(code);
          uninstall();
          resolve();
        },
      });
      process.emit('SIGTERM', 'SIGTERM');
    });
    await exited;
    expect(ran).to.equal(1);
    expect(exits).to.deep.equal([143]);
  });
});
