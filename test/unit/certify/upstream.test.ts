// Upstream's e2e.test beside the harness: its ginkgo JSON report read into specs, and where the two agree.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { CERTIFY_TARGETS } from '../../../lib/certify/known.js';
import {
  agreement,
  busyboxStandIns,
  harnessArea,
  parseGinkgoJson,
  parseListImages,
  runUpstream,
  upstreamArea,
  type Area,
} from '../../../lib/certify/upstream.js';
import type { ScenarioFact } from '../../../lib/certify/types.js';
import type { HostCommand } from '../../../lib/host/command.js';
import { loadProfile } from '../../../lib/profiles/load.js';

const fixture = () => readFile('test/fixtures/certify/ginkgo-report.json', 'utf8');

const fact = (id: string, status: ScenarioFact['status']): ScenarioFact => ({
  suite: 'core',
  scenario: id,
  id,
  status,
  checks: {},
});

describe('certify: upstream e2e.test', () => {
  it('is told not to wait for the taints the certify profiles put on their nodes (it waits up to 30 min for any other)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ie2e-upstream-'));
    let argv: string[] = [];
    const run: HostCommand = async (_file, args) => {
      argv = args;
      await writeFile(join(dir, 'ginkgo.json'), await fixture());
      return { exitCode: 0, stdout: '', stderr: '', command: 'e2e.test' };
    };
    const r = await runUpstream(
      { binary: 'e2e.test', version: 'v1.36.3', kubeconfig: 'kc', dir },
      () => undefined,
      run,
    ).finally(() => rm(dir, { recursive: true, force: true }));
    expect(r.error).to.equal(undefined);
    const i = argv.indexOf('--non-blocking-taints');
    expect(i, argv.join(' ')).to.be.greaterThan(-1);
    const nonBlocking = new Set((argv[i + 1] ?? '').split(','));
    expect(nonBlocking.has('node-role.kubernetes.io/control-plane')).to.equal(true);
    // upstream runs on each minor's catalogue cluster
    for (const { profile: name } of CERTIFY_TARGETS) {
      const keys = (await loadProfile(name)).nodes.flatMap((n) => (n.taints ?? []).map((t) => t.key));
      expect(keys, name).to.not.deep.equal([]);
      for (const k of keys) expect(nonBlocking.has(k), `${name}: ${k}`).to.equal(true);
    }
  });

  it('reads the It specs that ran from a ginkgo JSON report, not the ones the focus left out', async () => {
    const specs = parseGinkgoJson(await fixture());
    expect(specs.map((s) => `${s.state} ${s.name}`)).to.deep.equal(
      [
        'failed [sig-node] RestartAllContainers [Feature:RestartAllContainersOnContainerExits] should restart all containers when a container exits with a matching code',
        'passed [sig-node] RestartAllContainers [Feature:RestartAllContainersOnContainerExits] should keep the pod sandbox',
        'passed [sig-node] Pods container restart policy rules should restart a container on a matching exit code',
      ].sort((a, b) => a.slice(a.indexOf(' ') + 1).localeCompare(b.slice(b.indexOf(' ') + 1))),
    );
    const failed = specs.find((s) => s.state === 'failed')!;
    expect(failed.failure).to.equal('Timed out after 60.000s.\nExpected pod to restart all containers');
    expect(failed.seconds).to.equal(61.5);
  });

  it('reads the report of a real run on v1.35.8 (trimmed to the specs that ran and two the focus left out): 11 specs, 5 RestartAllContainers', async () => {
    const specs = parseGinkgoJson(await readFile('test/fixtures/certify/ginkgo-v1.35.8.json', 'utf8'));
    expect(specs).to.have.length(11);
    expect(specs.every((s) => s.state === 'passed')).to.equal(true);
    expect(specs.filter((s) => upstreamArea(s) === 'RestartAllContainers')).to.have.length(5);
    expect(specs.map((s) => s.name)).to.include(
      '[sig-node] Pod Extended (RestartAllContainers) [FeatureGate:ContainerRestartRules] [Beta] [FeatureGate:RestartAllContainersOnContainerExits] [Alpha] [Feature:OffByDefault] RestartAllContainers should restart all containers on sidecar container exit',
    );
  });

  it('puts specs and scenarios into areas by what they exercise', () => {
    expect(upstreamArea({ name: '[sig-node] RestartAllContainers x', state: 'passed', seconds: 1 })).to.equal(
      'RestartAllContainers',
    );
    expect(upstreamArea({ name: '[sig-node] Pods container restart policy y', state: 'passed', seconds: 1 })).to.equal(
      'container restart rules',
    );
    expect(
      harnessArea({ spec: { containers: [{ restartPolicyRules: [{ action: 'RestartAllContainers' }] }] } }),
    ).to.equal('RestartAllContainers');
    expect(harnessArea({ spec: { containers: [{ restartPolicyRules: [{ action: 'Restart' }] }] } })).to.equal(
      'container restart rules',
    );
    expect(harnessArea({ spec: { containers: [{ name: 'x' }] } })).to.equal(undefined);
  });

  it('finds the area of every shipped scenario (most use RestartAllContainers)', async () => {
    const { shippedScenarioAreas } = await import('../../../lib/certify/run.js');
    const areas = await shippedScenarioAreas();
    const values = [...areas.values()];
    expect(values.filter((a) => a === 'RestartAllContainers').length).to.be.greaterThan(10);
    expect(values.filter((a) => a === 'container restart rules').length).to.be.greaterThan(0);
    expect(areas.get('core/core-in-place-restart')).to.equal('RestartAllContainers');
  });

  it('says where upstream and the harness disagree, and where they agree', async () => {
    const specs = parseGinkgoJson(await fixture());
    const scenarios = [fact('R01', 'passed'), fact('R02', 'passed'), fact('R30', 'passed'), fact('R99', 'skipped')];
    const areaOf = (s: ScenarioFact): Area => (s.id === 'R30' ? 'container restart rules' : 'RestartAllContainers');
    const [rac, rules] = agreement(specs, scenarios, areaOf);
    expect(rac!.agree).to.equal(false);
    expect(rac!.text).to.equal(
      'RestartAllContainers: upstream 1/2 specs passed, harness 2/2 scenarios passed: DISAGREE: the harness passes every scenario, upstream fails 1 spec(s): [sig-node] RestartAllContainers [Feature:RestartAllContainersOnContainerExits] should restart all containers when a container exits with a matching code',
    );
    expect(rules!.agree).to.equal(true);
    expect(rules!.text).to.equal(
      'container restart rules: upstream 1/1 specs passed, harness 1/1 scenarios passed: agree',
    );
    const [racFailing] = agreement(
      specs.filter((s) => s.state === 'passed'),
      [fact('R01', 'failed')],
      () => 'RestartAllContainers',
    );
    expect(racFailing!.text).to.contain('DISAGREE: upstream passes every spec, the harness fails R01');
  });

  it('names the busybox tags e2e.test uses that the harness busybox stands in for (v1.37.2 asks for 1.37.0-2)', () => {
    const listed = parseListImages(
      'registry.k8s.io/e2e-test-images/agnhost:2.56\nregistry.k8s.io/e2e-test-images/busybox:1.36.1-1\nregistry.k8s.io/e2e-test-images/busybox:1.37.0-2\nI1201 some log line\n',
    );
    expect(listed).to.deep.equal([
      'registry.k8s.io/e2e-test-images/agnhost:2.56',
      'registry.k8s.io/e2e-test-images/busybox:1.36.1-1',
      'registry.k8s.io/e2e-test-images/busybox:1.37.0-2',
    ]);
    expect(busyboxStandIns(listed, 'registry.k8s.io/e2e-test-images/busybox:1.37.0-1')).to.deep.equal([
      'registry.k8s.io/e2e-test-images/busybox:1.36.1-1',
      'registry.k8s.io/e2e-test-images/busybox:1.37.0-2',
    ]);
    expect(
      busyboxStandIns(
        ['registry.k8s.io/e2e-test-images/busybox:1.37.0-1'],
        'registry.k8s.io/e2e-test-images/busybox:1.37.0-1',
      ),
    ).to.deep.equal([]);
  });
});
