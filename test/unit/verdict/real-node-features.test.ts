// R24 against what a real 1.35.8 cluster with one non-declaring worker did (1.35-mixed-nodes): each
// recording passes the shipped node-features suite (real-cluster.test.ts); here, one thing changed fails
// exactly the check about it.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Observation } from '../../../lib/observe/types.js';
import { loadSuites } from '../../../lib/suite/load.js';
import type { ScenarioT } from '../../../lib/suite/schema.js';
import { judge } from '../../../lib/verdict/judge.js';

const real = (file: string): Observation =>
  JSON.parse(
    readFileSync(join(process.cwd(), 'test', 'fixtures', 'observations', 'real', file), 'utf8'),
  ) as Observation;

async function scenario(id: string): Promise<ScenarioT> {
  const [suite] = await loadSuites(['node-features']);
  const s = suite?.scenarios.find((x) => x.scenario.id === id);
  if (!s) throw new Error(`no ${id}`);
  return s.scenario;
}

const failed = (s: ScenarioT, o: Observation) =>
  judge(s, o)
    .checks.filter((c) => !c.passed && !c.soft)
    .map((c) => c.check);

describe('R24 over a real mixed-nodes cluster (v1.35.8), one deviation at a time', () => {
  it('R24a: had the scheduler bound the pod to the non-declaring worker2, nodeDeclares fails', async () => {
    const o = real('v1.35.8-R24a-scheduled-on-declaring-node.json');
    o.node = { name: 'c-worker2', declaredFeatures: ['GuaranteedQoSPodCPUResize'], labels: {} };
    expect(failed(await scenario('R24a'), o)).to.deep.equal(['placement.nodeDeclares']);
  });

  it('R24b: had the kubelet admitted the pod, the rejection and its event fail', async () => {
    const o = real('v1.35.8-R24b-pinned-to-non-declaring-node.json');
    if (!o.after) throw new Error('no after');
    o.after = { ...o.after, phase: 'Running' };
    delete o.after.reason;
    delete o.after.message;
    o.timeline = o.timeline.filter((e) => !(e.kind === 'event' && e.event.reason === 'PodFeatureUnsupported'));
    expect(failed(await scenario('R24b'), o)).to.deep.equal([
      'placement.kubeletRejection',
      'placement.kubeletRejection.message',
      'events.present.PodFeatureUnsupported',
      'final.phase',
    ]);
  });

  it('R24d: had the scheduler bound the pod, scheduled: false and the phase fail', async () => {
    const o = real('v1.35.8-R24d-no-declaring-node-unschedulable.json');
    if (!o.after) throw new Error('no after');
    o.after = { ...o.after, nodeName: 'c-worker2', phase: 'Running' };
    expect(failed(await scenario('R24d'), o)).to.include.members(['placement.scheduled', 'final.phase']);
  });
});

describe('R24d over real 1.36 and 1.37 schedulers: the rewritten reason is asserted per version', () => {
  for (const file of [
    'v1.36.3-R24d-no-declaring-node-unschedulable.json',
    'v1.37.2-R24d-no-declaring-node-unschedulable.json',
  ]) {
    it(`${file}: passes as recorded; with 1.35's reason in the scheduler's message, exactly the message check fails`, async () => {
      const recorded = real(file);
      expect(failed(await scenario('R24d'), recorded)).to.deep.equal([]);
      const o = real(file);
      const text = (m: string | undefined) =>
        m?.replace("1 node(s) didn't match Pod's required features", '1 node declared features check failed');
      for (const e of o.timeline) {
        if (e.kind === 'pod') for (const c of e.pod.conditions ?? []) c.message = text(c.message);
      }
      for (const c of o.after?.conditions ?? []) c.message = text(c.message);
      expect(failed(await scenario('R24d'), o)).to.deep.equal(['conditions.PodScheduled.message']);
    });
  }
});
