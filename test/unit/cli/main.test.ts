// The CLI end to end, offline: exit codes and what a person reads for bad input. Nothing here needs Docker;
// bad input must be refused before anything could touch a cluster.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { main } from '../../../lib/cli/main.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { line: (t) => out.push(t) }, { line: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('inplace-e2e command', () => {
  it('validates the shipped suites (exit 0)', async () => {
    const r = await cli('validate');
    expect(r.code).to.equal(0, r.err);
    expect(r.out).to.match(/ok suites\/core\.yaml: suite core, \d+ scenario/);
  });

  it('refuses a suite with an invented field in a pod rule, with file:line:column (exit 2)', async () => {
    const r = await cli('validate', 'test/fixtures/suites/onexit-in-pod-file.yaml');
    expect(r.code).to.equal(2);
    expect(r.err).to.contain('nothing touched a cluster');
    expect(r.err).to.match(/onexit-pod\.yaml:\d+:\d+: .*restartPolicyRules\/0\/onExit/);
  });

  it('refuses bad input to run before any cluster work (exit 2)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'inplace-e2e-cli-'));
    const r = await cli(
      'run',
      'test/fixtures/suites/unknown-key.yaml',
      '--profile',
      '1.35-gates-on',
      '--report-dir',
      dir,
    );
    expect(r.code).to.equal(2);
    expect(r.err).to.match(/unknown-key\.yaml:\d+:\d+:/);
    expect(r.out).to.not.contain('cluster:');
  });

  it('refuses a profile whose gates the version cannot start with, saying why (exit 2)', async () => {
    const r = await cli('plan', '--profile', 'test/fixtures/profiles/invalid-dependency-1.35.yaml');
    expect(r.code).to.equal(2);
    expect(r.err).to.contain('NodeDeclaredFeatures');
  });

  it('prints usage for an unknown command or flag (exit 2)', async () => {
    const r = await cli('run', '--paralel', '3');
    expect(r.code).to.equal(2);
    expect(r.err).to.contain('unknown option --paralel for run (did you mean --parallel?)');
    expect(r.err).to.contain('Usage: inplace-e2e run');
  });

  it('plans a cluster offline: kind config with the gates and the manifests as sent (exit 0)', async () => {
    const r = await cli('plan', '--profile', '1.35-gates-on', 'core');
    expect(r.code).to.equal(0, r.err);
    expect(r.out).to.contain('apiVersion: kind.x-k8s.io/v1alpha4');
    expect(r.out).to.contain('RestartAllContainersOnContainerExits: true');
    expect(r.out).to.contain('action: RestartAllContainers');
  });

  it('lists the shipped profiles', async () => {
    const r = await cli('profiles');
    expect(r.code).to.equal(0, r.err);
    for (const p of ['1.35-gates-on', '1.35-gates-off', '1.36-defaults', '1.35-multinode']) expect(r.out).to.contain(p);
  });
});
