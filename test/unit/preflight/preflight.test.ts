import { expect } from 'chai';
import { declaredFeatureCheck, dryRunExpectation, gateChecks } from '../../../lib/preflight/checks.js';
import { gateExpectationsFromProfile } from '../../../lib/preflight/from-profile.js';
import { runPreflight, type PreflightClient } from '../../../lib/preflight/preflight.js';
import {
  cgroupVersionFromMetrics,
  featureGatesFromMetrics,
  parsePrometheusText,
} from '../../../lib/preflight/prometheus.js';
import type { JsonObject } from '../../../lib/kube/json.js';

const APISERVER_METRICS = `# HELP kubernetes_feature_enabled [BETA] This metric records the data about the stage and enablement of a k8s feature.
# TYPE kubernetes_feature_enabled gauge
kubernetes_feature_enabled{name="ContainerRestartRules",stage="BETA"} 1
kubernetes_feature_enabled{name="NodeDeclaredFeatures",stage="ALPHA"} 1
kubernetes_feature_enabled{name="RestartAllContainersOnContainerExits",stage="ALPHA"} 1
kubernetes_feature_enabled{name="SidecarContainers",stage=""} 1
apiserver_request_total{code="200",verb="GET",resource="pods",component="apiserver",group="",scope="resource",subresource="",version="v1"} 1.5e+03
`;
const kubeletMetrics = (gate: 0 | 1, cgroup = 1): string => `# TYPE kubernetes_feature_enabled gauge
kubernetes_feature_enabled{name="ContainerRestartRules",stage="BETA"} 1
kubernetes_feature_enabled{name="NodeDeclaredFeatures",stage="ALPHA"} 1
kubernetes_feature_enabled{name="RestartAllContainersOnContainerExits",stage="ALPHA"} ${gate}
# HELP kubelet_cgroup_version [ALPHA] cgroup version on the hosts.
# TYPE kubelet_cgroup_version gauge
kubelet_cgroup_version ${cgroup}
`;
const GATES_ON = {
  ContainerRestartRules: true,
  NodeDeclaredFeatures: true,
  RestartAllContainersOnContainerExits: true,
};

describe('preflight', () => {
  it('parses Prometheus text: labels with escapes, exponent values, comments skipped', () => {
    const samples = parsePrometheusText(`${APISERVER_METRICS}weird{a="x\\"y",b="1,2"} +Inf\nbroken line here\n`);
    expect(samples.find((s) => s.name === 'apiserver_request_total')?.value).to.equal(1500);
    expect(samples.find((s) => s.name === 'weird')).to.deep.equal({
      name: 'weird',
      labels: { a: 'x"y', b: '1,2' },
      value: Infinity,
    });
    const gates = featureGatesFromMetrics(samples);
    expect(gates.get('RestartAllContainersOnContainerExits')).to.deep.equal({
      enabled: true,
      stage: 'ALPHA',
      value: 1,
    });
    expect(gates.get('SidecarContainers')?.stage).to.equal('');
    expect(cgroupVersionFromMetrics(parsePrometheusText(kubeletMetrics(1, 2)))).to.equal(2);
  });

  it('says precisely which gate is off where', () => {
    const checks = gateChecks(
      { id: 'node.kind-worker', where: 'on node kind-worker', metricSource: 'kubelet' },
      GATES_ON,
      featureGatesFromMetrics(parsePrometheusText(kubeletMetrics(0))),
    );
    const bad = checks.find((c) => !c.passed);
    expect(bad).to.deep.equal({
      check: 'node.kind-worker.gate.RestartAllContainersOnContainerExits',
      passed: false,
      detail:
        'gate RestartAllContainersOnContainerExits is off on node kind-worker (kubelet metric kubernetes_feature_enabled=0, stage ALPHA); expected on',
    });
    expect(checks.filter((c) => c.passed)).to.have.length(2);
  });

  it('a gate the component does not know counts as off; no samples at all is a failure', () => {
    const [unknown] = gateChecks(
      { id: 'apiserver', where: 'in kube-apiserver', metricSource: 'kube-apiserver' },
      { Foo: false },
      featureGatesFromMetrics(parsePrometheusText(APISERVER_METRICS)),
    );
    expect(unknown).to.include({ passed: true });
    expect(unknown?.detail).to.match(/gate Foo is unknown in kube-apiserver/);
    const [none] = gateChecks(
      { id: 'apiserver', where: 'in kube-apiserver', metricSource: 'kube-apiserver' },
      GATES_ON,
      new Map(),
    );
    expect(none).to.include({ check: 'apiserver.gates', passed: false });
  });

  it('checks declared features from the gates, or from an explicit expectation', () => {
    expect(declaredFeatureCheck('n1', GATES_ON, ['RestartAllContainersOnContainerExits'])).to.deep.equal({
      check: 'node.n1.declaredFeatures',
      passed: true,
      detail:
        'node n1 declares RestartAllContainersOnContainerExits (status.declaredFeatures: [RestartAllContainersOnContainerExits])',
    });
    expect(declaredFeatureCheck('n1', GATES_ON, undefined)?.detail).to.equal(
      'node n1 does not declare RestartAllContainersOnContainerExits (status.declaredFeatures is absent); expected it declared',
    );
    expect(declaredFeatureCheck('n1', { ContainerRestartRules: true }, undefined)).to.equal(undefined);
    expect(declaredFeatureCheck('n1', {}, [], false)?.passed).to.equal(true);
  });

  it('derives the dry-run outcome from the API server gates (pkg/api/pod/util.go)', () => {
    expect(dryRunExpectation(GATES_ON)).to.equal('accepted');
    expect(dryRunExpectation({ ContainerRestartRules: true, RestartAllContainersOnContainerExits: false })).to.equal(
      'rejected',
    );
    expect(dryRunExpectation({ ContainerRestartRules: false, RestartAllContainersOnContainerExits: false })).to.equal(
      'dropped',
    );
  });

  it('maps a resolved profile to per-node expectations', () => {
    const e = gateExpectationsFromProfile(
      {
        expected: [
          { component: 'kube-apiserver', gates: GATES_ON },
          { component: 'kubelet', node: 'control-plane', gates: GATES_ON },
          { component: 'kubelet', node: 'worker', gates: { ...GATES_ON, RestartAllContainersOnContainerExits: false } },
        ],
        nodes: [
          { nameSuffix: 'control-plane', declaresRestartAllContainers: true },
          { nameSuffix: 'worker', declaresRestartAllContainers: false },
        ] as never,
      },
      'inplace-e2e-x-1',
    );
    expect(Object.keys(e.kubelets)).to.deep.equal(['inplace-e2e-x-1-control-plane', 'inplace-e2e-x-1-worker']);
    expect(e.declaredFeatures).to.deep.equal({
      'inplace-e2e-x-1-control-plane': true,
      'inplace-e2e-x-1-worker': false,
    });
    expect(e.dryRun).to.equal('accepted');
  });

  describe('runPreflight over an API that answers like a 1.35 cluster', () => {
    const node = (name: string, declared?: string[]): JsonObject => ({
      metadata: { name },
      status: {
        nodeInfo: { kubeletVersion: 'v1.35.8', containerRuntimeVersion: 'containerd://1.7.24' },
        ...(declared ? { declaredFeatures: declared } : {}),
      },
    });
    const client = (opts: {
      workerGate: 0 | 1;
      dryRun: 'accept' | 'reject' | 'drop';
    }): PreflightClient & { sent: unknown[] } => {
      const sent: unknown[] = [];
      return {
        sent,
        serverVersion: async () => ({ gitVersion: 'v1.35.8', major: '1', minor: '35' }),
        waitForServiceAccount: async (ns: string) => {
          sent.push({ waitedFor: ns });
        },
        getRaw: async (path: string) => {
          if (path === '/metrics') return APISERVER_METRICS;
          if (path === '/api/v1/nodes/c-control-plane/proxy/metrics') return kubeletMetrics(1);
          if (path === '/api/v1/nodes/c-worker/proxy/metrics') return kubeletMetrics(opts.workerGate);
          throw new Error(`unexpected ${path}`);
        },
        listNodes: async () => [
          node('c-control-plane', ['RestartAllContainersOnContainerExits']),
          node('c-worker', opts.workerGate ? ['RestartAllContainersOnContainerExits'] : undefined),
        ],
        createPod: async (ns: string, manifest: object, o?: { dryRun?: boolean }) => {
          sent.push({ ns, manifest, o });
          if (opts.dryRun === 'reject') {
            return {
              outcome: {
                accepted: false,
                error: {
                  status: 422,
                  reason: 'Invalid',
                  message:
                    'Pod "inplace-e2e-preflight" is invalid: spec.containers[0].restartPolicyRules[0].action: Unsupported value: "RestartAllContainers": supported values: "Restart"',
                  causes: [],
                },
                warnings: [],
              },
            };
          }
          const m = JSON.parse(JSON.stringify(manifest)) as { spec: { containers: Array<Record<string, unknown>> } };
          if (opts.dryRun === 'drop') delete m.spec.containers[0]?.restartPolicyRules;
          return { outcome: { accepted: true, warnings: [] }, object: m as unknown as JsonObject };
        },
      };
    };
    const expected = { apiserver: GATES_ON, kubelets: { '*': GATES_ON }, dryRun: 'accepted' as const };

    it('passes when everything is on, with a dry-run of a pod using the action, and notes cgroup v1', async () => {
      const c = client({ workerGate: 1, dryRun: 'accept' });
      const r = await runPreflight(c, expected);
      expect(r.checks.filter((x) => !x.passed)).to.deep.equal([]);
      expect(r.passed).to.equal(true);
      expect(r.serverVersion).to.equal('v1.35.8');
      expect(r.nodes.map((n) => [n.name, n.kubeletVersion, n.cgroupVersion])).to.deep.equal([
        ['c-control-plane', 'v1.35.8', 1],
        ['c-worker', 'v1.35.8', 1],
      ]);
      expect(r.notes[0]).to.match(/node c-control-plane runs on cgroup v1/);
      expect(c.sent[0]).to.deep.equal({ waitedFor: 'default' });
      const sent = c.sent[1] as {
        ns: string;
        manifest: { spec: { containers: Array<{ restartPolicyRules: unknown }> } };
        o: unknown;
      };
      expect(sent.ns).to.equal('default');
      expect(sent.o).to.deep.equal({ dryRun: true });
      expect(sent.manifest.spec.containers[0]?.restartPolicyRules).to.deep.equal([
        { action: 'RestartAllContainers', exitCodes: { operator: 'In', values: [42] } },
      ]);
      expect(r.checks.at(-1)?.detail).to.equal(
        'dry-run create of a pod with action RestartAllContainers was accepted with the rule kept',
      );
    });

    it('fails with "gate X is off on node Y" and the missing declared feature', async () => {
      const r = await runPreflight(client({ workerGate: 0, dryRun: 'accept' }), expected);
      expect(r.passed).to.equal(false);
      expect(r.checks.filter((x) => !x.passed).map((x) => x.detail)).to.deep.equal([
        'gate RestartAllContainersOnContainerExits is off on node c-worker (kubelet metric kubernetes_feature_enabled=0, stage ALPHA); expected on',
        'node c-worker does not declare RestartAllContainersOnContainerExits (status.declaredFeatures is absent); expected it declared',
      ]);
    });

    it('a gate-off profile expects the rejection; dropped rules never pass as accepted', async () => {
      const off = await runPreflight(client({ workerGate: 1, dryRun: 'reject' }), { ...expected, dryRun: 'rejected' });
      expect(off.checks.at(-1)).to.include({ passed: true });
      expect(off.checks.at(-1)?.detail).to.match(/was rejected: 422 Invalid: .*supported values: "Restart"$/);
      const dropped = await runPreflight(client({ workerGate: 1, dryRun: 'drop' }), expected);
      expect(dropped.checks.at(-1)).to.include({ passed: false });
      expect(dropped.checks.at(-1)?.detail).to.match(/dropped restartPolicyRules .*; expected accepted$/);
    });

    it('does not judge the gates by a dry-run refused for a missing default ServiceAccount', async () => {
      const c = client({ workerGate: 1, dryRun: 'accept' });
      c.waitForServiceAccount = async () => {
        throw new Error('timed out after 60s waiting for ServiceAccount default/default; last seen: it does not exist');
      };
      const r = await runPreflight(c, expected);
      expect(r.checks.at(-1)).to.deep.equal({
        check: 'apiserver.dryRun.RestartAllContainers',
        passed: false,
        detail:
          'dry-run not attempted: timed out after 60s waiting for ServiceAccount default/default; last seen: it does not exist',
      });
      expect(c.sent).to.deep.equal([]);
    });
  });
});
