// Names are checked before anything runs: gate names against the gate table for the versions in play (with
// "did you mean"), container names, version ranges; every problem of a file in one pass; pods against the
// API of the minor in play. Each of these passed `validate` before and let `run` skip or weaken a check.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { main } from '../../../lib/cli/main.js';
import { parseProfile } from '../../../lib/profiles/load.js';
import { InputError } from '../../../lib/errors.js';
import { loadSuites } from '../../../lib/suite/index.js';
import { problemsOf, where } from '../suite/helpers.js';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { line: (t) => out.push(t) }, { line: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('validate: names and one pass', function () {
  this.timeout(60_000); // CLI runs in-process
  it('refuses a misspelled gate under requires.gates, suggesting the real one', async () => {
    const problems = await problemsOf('gate-typo.yaml');
    const typo = problems.find((p) => p.path === '/scenarios/0/requires/gates/RestartAllContainersOnContainerExit');
    expect(typo?.found).to.equal('unknown feature gate "RestartAllContainersOnContainerExit"');
    expect(typo?.expected).to.contain('did you mean "RestartAllContainersOnContainerExits"?');
    expect([typo?.line, typo?.column]).to.deep.equal([7, 13]);
  });

  it('refuses a gate state no version in play can have, and a text for versions the scenario never runs on', async () => {
    expect(where(await problemsOf('gate-typo.yaml'))).to.deep.equal([
      'gate-typo.yaml:7:13 /scenarios/0/requires/gates/RestartAllContainersOnContainerExit',
      'gate-typo.yaml:15:13 /scenarios/1/requires/gates/RestartAllContainersOnContainerExits',
      'gate-typo.yaml:29:11 /scenarios/2/expect/admission/rejected/message/<1.36',
    ]);
  });

  it('reports the schema problems and the semantic ones of the same file in one pass', async () => {
    expect(where(await problemsOf('one-pass.yaml'))).to.deep.equal([
      'one-pass.yaml:7:13 /scenarios/0/requires/gates/RestartAllContainersOnContainerExit', // semantic, in a scenario the schema refused
      'one-pass.yaml:9:46 /scenarios/0/trigger/exit/code', // schema
      'one-pass.yaml:11:25 /scenarios/0/expect/restarts/trigger', // schema
      'one-pass.yaml:12:24 /scenarios/0/expect/startOrder/1', // semantic: "sidecr"
      'one-pass.yaml:15:31 /scenarios/1/trigger/exit/container', // semantic, next scenario: "triger"
    ]);
  });

  it('warns where a rejection depends on a gate the scenario does not pin; with a profile that has it off, refuses', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'inplace-e2e-unpinned-'));
    const file = path.join(dir, 'unpinned.yaml');
    await writeFile(
      file,
      'apiVersion: inplace-e2e.dev/v1alpha1\nkind: Suite\nname: unpinned\nscenarios:\n- name: unpinned\n  pod: {builtin: single}\n  expect: {admission: accepted}\n',
    );
    const [loaded] = await loadSuites([file]);
    const action = loaded?.warnings.find((w) => w.path === '/spec/containers/0/restartPolicyRules/0/action');
    expect(action?.expected).to.contain(
      'with ContainerRestartRules on and RestartAllContainersOnContainerExits off (Kubernetes 1.35, 1.36, 1.37)',
    );
    expect(action?.expected).to.contain('pin the gate with requires.gates');
    const r = await cli('validate', file, '--profile', '1.35-gates-off');
    expect(r.code).to.equal(2);
    expect(r.err).to.contain(
      'spec.containers[0].restartPolicyRules[0].action: Unsupported value: "RestartAllContainers": supported values: "Restart"',
    );
  });

  it('refuses a misspelled gate in a profile, at the key', () => {
    const text = `apiVersion: inplace-e2e.dev/v1alpha1
kind: ClusterProfile
name: typo
description: a typo
kubernetesVersion: "1.35"
nodeImage: kindest/node:v1.35.1@sha256:05d7bcdefbda08b4e038f644c4df690cdac3fba8b06f8289f30e10026720a1ab
featureGates:
  RestartAllContainersOnContainerExits: true
  NodeDeclaredFeature: true
`;
    try {
      parseProfile(text, 'typo.yaml');
      expect.fail('accepted');
    } catch (e) {
      expect(e).to.be.instanceOf(InputError);
      const p = (e as InputError).problems.find((x) => x.path === '/featureGates/NodeDeclaredFeature');
      expect(p?.expected).to.contain('did you mean "NodeDeclaredFeatures"?');
      expect([p?.line, p?.column]).to.deep.equal([9, 3]);
    }
  });

  it('judges pod fields by the API of the minor in play, not always 1.36', async () => {
    const r135 = await cli('validate', 'test/fixtures/manifests/template-mistakes.yaml', '--kubernetes', '1.35');
    expect(r135.err).to.match(
      /template-mistakes\.yaml:31:7: \/spec\/template\/spec\/schedulingGroup: found unknown field "schedulingGroup" for Kubernetes 1\.35/,
    );
    const r136 = await cli('validate', 'test/fixtures/manifests/template-mistakes.yaml', '--kubernetes', '1.36');
    expect(r136.err).to.not.contain('schedulingGroup');
  });

  it('takes plain manifests with several documents and workload templates, skipping other kinds', async () => {
    const r = await cli('validate', 'test/fixtures/manifests/workloads.yaml', '--kubernetes', '1.36');
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.contain(
      '2 object(s) (Deployment/web, CronJob/nightly) pass Kubernetes 1.36 (default gates); not checked: Service/web',
    );
    const blog = await cli('validate', 'test/fixtures/manifests/blog-example.yaml');
    expect(blog.code).to.equal(2);
    expect(blog.err).to.match(
      /blog-example\.yaml:14:7: \/spec\/containers\/0\/restartPolicyRules\/0\/onExit: found unknown field "onExit"/,
    );
    expect(blog.err).to.contain('restartPolicyRules[0].exitCodes: Required value: must be specified');
  });

  it('refuses --kubernetes together with --profile, and a --kubernetes that is no version', async () => {
    expect((await cli('validate', '--kubernetes', '1.35', '--profile', '1.35-gates-on')).code).to.equal(2);
    const r = await cli('validate', '--kubernetes', 'latest');
    expect(r.code).to.equal(2);
    expect(r.err).to.contain('--kubernetes must be a version');
  });
});
