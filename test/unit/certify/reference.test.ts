// The reference comparison: an image's verdicts against its minor's reference, check by check, kept apart
// from pass/fail.
import { expect } from 'chai';
import {
  compareToReference,
  formatDifference,
  makeReference,
  parseReference,
  runFacts,
  scenarioFact,
} from '../../../lib/certify/reference.js';
import { decide } from '../../../lib/certify/result.js';
import type { ImageVerdicts, ScenarioFact } from '../../../lib/certify/types.js';
import type { Verdict } from '../../../lib/verdict/types.js';

function scenario(id: string, status: ScenarioFact['status'], checks: Record<string, [boolean, string]>): ScenarioFact {
  return {
    suite: 'core',
    scenario: `scenario-${id}`,
    id,
    status,
    checks: Object.fromEntries(Object.entries(checks).map(([k, [passed, observed]]) => [k, { passed, observed }])),
  };
}

function verdicts(scenarios: ScenarioFact[], extra: Partial<ImageVerdicts> = {}): ImageVerdicts {
  return {
    image: 'inplace-e2e/node:v1.36.3',
    kubernetesVersion: 'v1.36.3',
    minor: '1.36',
    harness: {
      profile: '1.36-defaults',
      end: scenarios.every((s) => s.status !== 'failed') ? 'passed' : 'failures',
      scenarios,
    },
    control: {
      profile: '1.36-gates-off',
      end: 'passed',
      scenarios: [scenario('R23', 'passed', { 'admission.rejected': [true, 'rejected'] })],
    },
    upstream: {
      version: 'v1.36.3',
      focus: 'RestartAllContainers',
      seconds: 150,
      specs: [{ name: 'RestartAllContainers should restart all', state: 'passed', seconds: 20 }],
    },
    ...extra,
  };
}

const REF_SCENARIOS = [
  scenario('R01', 'passed', { 'identity.uid': [true, 'unchanged'], 'restarts.trigger': [true, 'restartCount +1'] }),
  scenario('R18', 'passed', { 'lastState.trigger': [true, 'terminated(42)'], 'identity.sandbox': [true, 'unchanged'] }),
];
const reference = makeReference(
  verdicts(REF_SCENARIOS),
  'sha256:abc',
  { name: 'inplace-e2e', version: '0.1.0' },
  new Date('2026-12-01T00:00:00Z'),
);

describe('certify: the reference comparison', () => {
  it('finds no difference for the same verdicts', () => {
    expect(compareToReference(verdicts(REF_SCENARIOS), reference)).to.deep.equal([]);
  });

  it('names the scenario and the check that behaves differently, with both observations', () => {
    const mine = verdicts([
      REF_SCENARIOS[0]!,
      scenario('R18', 'failed', {
        'lastState.trigger': [false, 'lastState missing'],
        'identity.sandbox': [true, 'unchanged'],
      }),
    ]);
    const diffs = compareToReference(mine, reference);
    expect(diffs.map((d) => formatDifference('1.36', d))).to.deep.equal([
      'differs from the 1.36 reference on R18: passed in the reference, failed here',
      'differs from the 1.36 reference on R18: lastState.trigger: passed in the reference (observed terminated(42)), fails here (observed lastState missing)',
    ]);
  });

  it('keeps differences apart from pass/fail: a passing image can differ, a failing one is decided by its own runs', () => {
    const differentButGreen = verdicts([
      REF_SCENARIOS[0]!,
      scenario('R18', 'passed', { 'lastState.trigger': [true, 'terminated(42)'] }),
    ]);
    expect(decide(differentButGreen).certified).to.equal(true);
    expect(compareToReference(differentButGreen, reference).map((d) => d.what)).to.deep.equal([
      'identity.sandbox: checked in the reference (observed unchanged), not checked here',
    ]);
    const failing = verdicts([
      REF_SCENARIOS[0]!,
      scenario('R18', 'failed', { 'lastState.trigger': [false, 'lastState missing'] }),
    ]);
    expect(decide(failing)).to.deep.equal({
      certified: false,
      reasons: ['catalogue: R18 scenario-R18 failed (lastState.trigger: lastState missing)'],
    });
  });

  it('says which scenarios are new since the reference and which the reference has that did not run', () => {
    const mine = verdicts([REF_SCENARIOS[0]!, scenario('R40', 'passed', {})]);
    const what = compareToReference(mine, reference).map((d) => `${d.subject}: ${d.what}`);
    expect(what).to.deep.equal([
      'R40: not in the reference (a scenario added since it was made): passed here',
      'R18: in the reference (passed) but not run here (a scenario removed or renamed)',
    ]);
  });

  it('compares the gate-off control and upstream specs too', () => {
    const mine = verdicts(REF_SCENARIOS, {
      control: {
        profile: '1.36-gates-off',
        end: 'environment',
        error: 'cluster/preflight: gate RestartAllContainersOnContainerExits is on',
        scenarios: [scenario('R23', 'skipped', {})],
      },
      upstream: {
        version: 'v1.36.3',
        focus: 'x',
        seconds: 9,
        specs: [{ name: 'RestartAllContainers should restart all', state: 'failed', seconds: 3, failure: 'timed out' }],
      },
    });
    const lines = compareToReference(mine, reference).map((d) => formatDifference('1.36', d));
    expect(lines).to.include(
      'differs from the 1.36 reference on (run) (gate-off control): the run ended early here (cluster/preflight: gate RestartAllContainersOnContainerExits is on); the reference ran to the end',
    );
    expect(lines).to.include(
      'differs from the 1.36 reference on R23 (gate-off control): passed in the reference, skipped here',
    );
    expect(lines).to.include(
      'differs from the 1.36 reference on RestartAllContainers should restart all (upstream e2e.test): passed in the reference, failed here (timed out)',
    );
  });

  it('reduces a report verdict to its facts, and reads back only reference files of the minor asked for', () => {
    const v: Verdict = {
      suite: 'core',
      scenario: 'core-in-place-restart',
      id: 'R01',
      status: 'passed',
      checks: [{ check: 'identity.uid', passed: true, expected: 'same', observed: 'unchanged', soft: true }],
      durationMs: 5,
    };
    expect(scenarioFact(v)).to.deep.equal({
      suite: 'core',
      scenario: 'core-in-place-restart',
      id: 'R01',
      status: 'passed',
      checks: { 'identity.uid': { passed: true, observed: 'unchanged', soft: true } },
    });
    const text = JSON.stringify(reference);
    expect(parseReference(text, 'r.json', '1.36').minor).to.equal('1.36');
    expect(() => parseReference(text, 'r.json', '1.35')).to.throw('r.json: a reference for 1.36, not 1.35');
    expect(() => parseReference('{"kind":"Pod"}', 'p.json')).to.throw('not a certify reference');
    expect(() => parseReference('{', 'p.json')).to.throw('p.json: not JSON');
  });

  it('carries a run that stopped early into its facts and into the reasons', () => {
    const facts = runFacts('1.35-gates-on', 'environment', {
      error: {
        kind: 'environment',
        stage: 'cluster/preflight',
        message: 'preflight failed: gate RestartAllContainersOnContainerExits is off on node x',
        details: [],
      },
      verdicts: [],
    } as unknown as Parameters<typeof runFacts>[2]);
    expect(facts.error).to.equal(
      'cluster/preflight: preflight failed: gate RestartAllContainersOnContainerExits is off on node x',
    );
    expect(decide(verdicts([], { harness: facts })).reasons).to.deep.equal([
      'catalogue: cluster/preflight: preflight failed: gate RestartAllContainersOnContainerExits is off on node x',
    ]);
  });
});

describe('certify: the shipped references', () => {
  it('are certify references of a known minor, made by the tool from an image of that minor', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const { knownMinors } = await import('../../../lib/certify/known.js');
    const files = (await readdir('references')).filter((f) => f.endsWith('.json'));
    expect(files.length).to.be.greaterThan(0);
    for (const f of files) {
      const minor = f.slice(0, -'.json'.length);
      expect(knownMinors()).to.include(minor);
      const ref = parseReference(await readFile(`references/${f}`, 'utf8'), f, minor);
      expect(ref.verdicts.kubernetesVersion.startsWith(`v${minor}.`), f).to.equal(true);
      expect(ref.verdicts.harness.scenarios.length, f).to.be.greaterThan(0);
      expect(ref.generatedBy.name).to.equal('inplace-e2e');
    }
  });
});
