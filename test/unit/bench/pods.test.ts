import { expect } from 'chai';
import { parseClockStamps } from '../../../lib/bench/clock-stamps.js';
import { fleetSteady, workerSteady } from '../../../lib/bench/fleet.js';
import { FLEET_LABEL, fleetStatefulSet, POD_SHAPES } from '../../../lib/bench/pods.js';
import { checkPodManifest } from '../../../lib/manifest/validate.js';
import { podSnapshot } from '../../../lib/observe/snapshot.js';

describe('bench/pods', () => {
  for (const shape of Object.values(POD_SHAPES)) {
    it(`${shape.name}: a valid Pod (strict fields), every container stamped, the trigger carrying the rule`, async () => {
      const { manifest, stamped } = shape.manifest('bench-x-0');
      expect(await checkPodManifest(manifest)).to.deep.equal([]);
      const m = manifest as {
        metadata: { name: string };
        spec: {
          containers: Array<{ name: string; restartPolicyRules?: unknown[]; command: string[] }>;
          initContainers?: unknown[];
        };
      };
      expect(m.metadata.name).to.equal('bench-x-0');
      const names = [...((m.spec.initContainers ?? []) as Array<{ name: string }>), ...m.spec.containers].map(
        (c) => c.name,
      );
      expect(stamped).to.deep.equal(names);
      const trigger = m.spec.containers.find((c) => c.name === shape.trigger);
      expect(trigger?.restartPolicyRules).to.deep.equal([
        { action: 'RestartAllContainers', exitCodes: { operator: 'In', values: [42] } },
      ]);
      expect(trigger?.command[2]).to.match(/^stamp\(\) \{ adjtimex/);
    });
  }

  it('the fleet: a Parallel StatefulSet whose pod template is a valid Pod with setup, watcher (rule on 42) and main', async () => {
    const sts = fleetStatefulSet({ name: 'workers-n4', replicas: 4, setupSeconds: 2, coldSetupSeconds: 10 }) as {
      spec: {
        replicas: number;
        podManagementPolicy: string;
        selector: unknown;
        template: { metadata: unknown; spec: Record<string, unknown> };
      };
    };
    expect(sts.spec).to.deep.include({
      replicas: 4,
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: { [FLEET_LABEL]: 'workers-n4' } },
    });
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'workers-n4-0' }, spec: sts.spec.template.spec };
    expect(await checkPodManifest(pod)).to.deep.equal([]);
    const spec = sts.spec.template.spec as {
      initContainers: Array<{ name: string; command: string[]; restartPolicy?: string; restartPolicyRules?: unknown }>;
      containers: Array<{ name: string; command: string[] }>;
    };
    expect(spec.initContainers.map((c) => c.name)).to.deep.equal(['setup', 'watcher']);
    expect(spec.initContainers[0]?.command[2]).to.contain(
      'if [ ! -f /shared/warm ]; then sleep 10; touch /shared/warm; fi; sleep 2',
    );
    expect(spec.initContainers[1]).to.deep.include({
      restartPolicy: 'Always',
      restartPolicyRules: [{ action: 'RestartAllContainers', exitCodes: { operator: 'In', values: [42] } }],
    });
    expect(spec.initContainers[1]?.command[2]).to.contain('rm -f /shared/restart; exit 42');
    expect(spec.containers[0]?.command[2]).to.contain('rm -f /shared/fail; exit 1');
    // no cold setup: the init container only sleeps
    const warm = fleetStatefulSet({ name: 'w', replicas: 1, setupSeconds: 1, coldSetupSeconds: 0 }) as {
      spec: { template: { spec: { initContainers: Array<{ command: string[] }> } } };
    };
    expect(warm.spec.template.spec.initContainers[0]?.command[2])
      .to.match(/; sleep 1$/)
      .and.not.contain('warm');
  });

  it('the stamp prologue writes lines the parser reads (format check against a captured busybox line)', () => {
    // Captured from `stamp start trig` in registry.k8s.io/e2e-test-images/busybox:1.37.0-1 (busybox 1.35 adjtimex + awk).
    expect(parseClockStamps('1796121140436 start trig\n')).to.deep.equal([
      { at: 1796121140436, event: 'start', container: 'trig' },
    ]);
  });
});

describe('bench/fleet: when a fleet is up', () => {
  const up = (name: string, extra: Record<string, unknown> = {}) =>
    podSnapshot(
      {
        metadata: { name, uid: name, creationTimestamp: '2026-01-01T00:00:00Z', ...extra },
        spec: {
          initContainers: [{ name: 'setup' }, { name: 'watcher', restartPolicy: 'Always' }],
          containers: [{ name: 'main' }],
        },
        status: {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          initContainerStatuses: [
            { name: 'setup', restartCount: 0, state: { terminated: { exitCode: 0 } } },
            { name: 'watcher', restartCount: 0, state: { running: {} } },
          ],
          containerStatuses: [{ name: 'main', restartCount: 0, state: { running: {} } }],
        },
      },
      0,
    );

  it('a worker is up when Running, Ready, init done and every long-running container runs', () => {
    expect(workerSteady(up('w-0'))).to.equal(undefined);
    expect(workerSteady(up('w-0', { deletionTimestamp: '2026-01-01T00:01:00Z' }))).to.equal('being deleted');
    const p = up('w-0');
    p.containers[2] = { ...p.containers[2]!, state: { terminated: { exitCode: 1 } } };
    expect(workerSteady(p)).to.equal('not up: main');
  });

  it('the fleet is up when every named worker is, and nothing else runs', () => {
    const names = ['w-0', 'w-1'];
    expect(fleetSteady(names)({ pods: new Map([['w-0', up('w-0')]]) })).to.deep.equal({
      ok: false,
      waitingFor: '2 workers up (w-1 absent)',
    });
    expect(fleetSteady(names)({ pods: new Map(names.map((n) => [n, up(n)])) }).ok).to.equal(true);
    expect(fleetSteady(['w-0'])({ pods: new Map(names.map((n) => [n, up(n)])) }).waitingFor).to.contain(
      '1 pod(s) beyond the fleet',
    );
  });
});
