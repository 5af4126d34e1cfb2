// Events arrive on their own watch, possibly after the pod update that settled the window: a v1.35.8
// kubelet's rejection (R24b, CI 2026-12-01) settled on phase Failed 0.3 s after the create, before its
// PodFeatureUnsupported event. The runner waits for the reasons `events.present` names before it judges.
import { expect } from 'chai';
import { runScenario } from '../../../lib/runner/scenario-run.js';
import { loaded, options, pod, scriptedCluster } from './scripted-cluster.js';

describe('runner: expected events that arrive after the settling pod update', () => {
  it('waits for them, so the verdict sees the event', async () => {
    const { cluster, entries } = scriptedCluster([pod(1, 'Failed', false, [])]);
    const started = Date.now();
    setTimeout(() => {
      entries.push({
        at: Date.now(),
        kind: 'event',
        event: { reason: 'PodFeatureUnsupported', message: 'Pod was rejected', count: 1 },
      } as never);
    }, 300);
    const r = await runScenario(
      loaded({ expect: { events: { present: ['PodFeatureUnsupported'] }, final: { phase: 'Failed' } } }),
      cluster,
      options,
    );
    expect(Date.now() - started).to.be.lessThan(5000);
    expect(
      r.observation.timeline.some((e) => e.kind === 'event' && e.event.reason === 'PodFeatureUnsupported'),
    ).to.equal(true);
  });
});
