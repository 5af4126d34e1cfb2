// `validate` gives, offline, the verdict the real API server gave: for every restart-rule mistake the R22/R23
// scenarios provoke (their field and message were measured on real v1.35.8 and v1.36.3 API servers and are
// asserted in suites/validation.yaml and suites/gate-off.yaml), the same manifest as a plain file is refused
// by `validate` with that field, that text and a file:line:column; the suites' own expectations are predicted
// offline alike.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { stringify } from 'yaml';
import { main } from '../../../lib/cli/main.js';
import { textForVersion } from '../../../lib/k8s-version.js';
import { loadProfile } from '../../../lib/profiles/load.js';
import { loadSuites, type LoadedScenario } from '../../../lib/suite/index.js';
import { selectScenario } from '../../../lib/verdict/selection.js';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { line: (t) => out.push(t) }, { line: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const PROFILES = ['1.35-gates-on', '1.36-defaults', '1.37-defaults', '1.35-gates-off'];

/** The object a user would `kubectl apply` for the scenario: its pod, with a patch-added ephemeral container inline. */
function manifestOf(s: LoadedScenario): Record<string, unknown> | undefined {
  const t = s.scenario.trigger;
  if (!t) return s.pod;
  if ('patch' in t && t.patch.subresource === 'ephemeralcontainers') {
    const body = t.patch.body as { spec: { ephemeralContainers: unknown[] } };
    return { ...s.pod, spec: { ...(s.pod.spec as object), ephemeralContainers: body.spec.ephemeralContainers } };
  }
  return undefined; // an update of a running pod (R22g): no manifest says it
}

describe('validate matches the real API server on the R22/R23 mistakes', function () {
  this.timeout(60_000); // a CLI run per scenario and profile
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'inplace-e2e-r22-'));
  });

  for (const profileName of PROFILES) {
    it(`refuses each mistake on ${profileName} as the API server does, with its field, text and position`, async () => {
      const profile = await loadProfile(profileName);
      const scenarios = (await loadSuites(['validation', 'gate-off'])).flatMap((s) => s.scenarios);
      let checked = 0;
      for (const s of scenarios) {
        const role = selectScenario(s, {
          kubernetesVersion: `${profile.minor}.0`,
          gates: profile.clusterGates.effective,
          control: false,
        });
        const rejected =
          typeof s.scenario.expect?.admission === 'object'
            ? s.scenario.expect?.admission.rejected
            : typeof s.scenario.expect?.patch === 'object'
              ? s.scenario.expect?.patch.rejected
              : undefined;
        const manifest = manifestOf(s);
        if (role.kind !== 'run' || !rejected || !manifest) continue;
        const file = path.join(dir, `${profileName}-${s.scenario.id ?? s.scenario.name}.yaml`);
        await writeFile(file, stringify(manifest));
        const r = await cli('validate', file, '--profile', profileName);
        const label = `${s.scenario.id ?? ''} on ${profileName}`;
        expect(r.code, `${label}: ${r.out}`).to.equal(2);
        const text =
          rejected.message === undefined ? undefined : textForVersion(rejected.message, `${profile.minor}.0`);
        const line = r.err
          .split('\n')
          .find((l) => (!rejected.field || l.includes(`"${rejected.field}: `)) && (!text || l.includes(text)));
        expect(
          line,
          `${label}: no problem with field ${rejected.field ?? '(any)'} and text ${text ?? '(any)'}:\n${r.err}`,
        ).to.not.equal(undefined);
        expect(line).to.match(new RegExp(`${path.basename(file).replace(/\./g, '\\.')}:[1-9]\\d*:[1-9]\\d*: `));
        checked++;
      }
      expect(checked, 'scenarios compared').to.be.greaterThan(profileName === '1.35-gates-off' ? 1 : 5);
    });

    it(`predicts every expected rejection of the shipped suites alike on ${profileName}`, async () => {
      const profile = await loadProfile(profileName);
      const api = [
        {
          minor: profile.minor,
          gates: profile.clusterGates.effective,
          label: `${profile.minor} (profile ${profileName})`,
        },
      ];
      const suites = await loadSuites(['validation', 'gate-off'], { api });
      for (const s of suites)
        expect(
          s.warnings.map((w) => `${w.path}: ${w.found} / ${w.expected}`),
          s.suite.name,
        ).to.deep.equal([]);
      const inPlay = suites
        .flatMap((s) => s.scenarios)
        .filter(
          (s) =>
            selectScenario(s, {
              kubernetesVersion: `${profile.minor}.0`,
              gates: profile.clusterGates.effective,
              control: false,
            }).kind === 'run',
        )
        .filter(
          (s) => typeof s.scenario.expect?.admission === 'object' || typeof s.scenario.expect?.patch === 'object',
        );
      expect(inPlay.length).to.be.greaterThan(1);
      for (const s of inPlay)
        expect(s.predictedRejections ?? [], `${s.scenario.id} on ${profileName}`).to.not.deep.equal([]);
    });
  }

  it('accepts the shipped pods where their scenarios run, and the correct rule shape in every workload kind', async () => {
    expect((await cli('validate', 'test/fixtures/manifests/workloads.yaml')).code).to.equal(0);
    for (const p of ['1.35-gates-on', '1.36-defaults']) {
      const r = await cli('validate', 'suites/pods/base.yaml', 'suites/pods/single.yaml', '--profile', p);
      expect(r.code, r.err).to.equal(0);
      expect(r.out).to.contain('ok suites/pods/base.yaml: 1 object(s) (Pod/rac-base) pass Kubernetes');
    }
  });
});
