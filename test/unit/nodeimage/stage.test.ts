import { expect } from 'chai';
import { runStages, type Stage, type StageContext, type StageOutput } from '../../../lib/nodeimage/stage.js';

function fakeStage(name: string, outputs: StageOutput[], onRun: () => void | Promise<void>): Stage {
  return { name, cacheKey: () => ({ key: `${name}-key`, outputs }), run: async () => onRun() };
}

describe('node image stage runner', () => {
  let existing: Set<string>;
  let lines: string[];
  let ctx: StageContext;
  const probe = async (o: StageOutput): Promise<boolean> =>
    existing.has('file' in o ? o.file : `${o.image}#${o.cacheKey}`);
  let now: number;
  const clock = (): number => (now += 1500);

  beforeEach(() => {
    existing = new Set();
    lines = [];
    ctx = { log: (l) => lines.push(l) };
    now = 0;
  });

  it('runs a stage whose outputs are missing and skips one whose outputs exist', async () => {
    existing.add('/c/kind');
    const ran: string[] = [];
    const stages = [
      fakeStage('kind', [{ file: '/c/kind' }], () => void ran.push('kind')),
      fakeStage('etcd', [{ file: '/c/etcd' }], () => {
        ran.push('etcd');
        existing.add('/c/etcd');
      }),
    ];
    const results = await runStages(stages, ctx, probe, clock);
    expect(ran).to.deep.equal(['etcd']);
    expect(results).to.deep.equal([
      { name: 'kind', seconds: 1.5, cached: true },
      { name: 'etcd', seconds: 1.5, cached: false },
    ]);
    expect(lines).to.deep.equal([
      '[1/2] kind (kind-key) cached in 1.5s',
      '[2/2] etcd (etcd-key) ...',
      '[2/2] etcd (etcd-key) done in 1.5s',
    ]);
  });

  it('treats an image with another cache key as missing', async () => {
    existing.add('inplace-e2e/node:v1#old');
    let ran = false;
    const s = fakeStage('node-image', [{ image: 'inplace-e2e/node:v1', cacheKey: 'new' }], () => {
      ran = true;
      existing.add('inplace-e2e/node:v1#new');
    });
    await runStages([s], ctx, probe, clock);
    expect(ran).to.equal(true);
  });

  it('reruns a stage when only some outputs exist', async () => {
    existing.add('/c/a');
    let ran = false;
    const s = fakeStage('cni', [{ file: '/c/a' }, { file: '/c/b' }], () => {
      ran = true;
      existing.add('/c/b');
    });
    await runStages([s], ctx, probe, clock);
    expect(ran).to.equal(true);
  });

  it('fails a stage that does not produce its outputs', async () => {
    const s = fakeStage('rootfs', [{ file: '/c/rootfs.tar' }], () => undefined);
    let err: Error | undefined;
    await runStages([s], ctx, probe, clock).catch((e: Error) => (err = e));
    expect(err?.message).to.equal('node-image stage "rootfs" (rootfs-key) ran but did not produce /c/rootfs.tar');
  });

  it('names the failing stage and stops there', async () => {
    let later = false;
    const stages = [
      fakeStage('etcd', [{ file: '/c/etcd' }], () => {
        throw new Error('go build exited with 1');
      }),
      fakeStage('node-image', [{ file: '/c/x' }], () => void (later = true)),
    ];
    let err: Error | undefined;
    await runStages(stages, ctx, probe, clock).catch((e: Error) => (err = e));
    expect(err?.message).to.equal('node-image stage "etcd" (etcd-key) failed after 1.5s: go build exited with 1');
    expect(later).to.equal(false);
  });
});
