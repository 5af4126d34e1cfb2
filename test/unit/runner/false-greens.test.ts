// No false greens: every way a run can go wrong ends red, in the exit code and in every report (JUnit
// <error>, a red first line in summary.md, an `error` in report.json), with one console message. Offline:
// each path below ends before a cluster could exist (bad input, an empty selection, no Docker, an API server
// that refuses connections). Each passed as green (exit 0, or a JUnit without errors) before.
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import { main } from '../../../lib/cli/main.js';
import type { RunReport } from '../../../lib/report/types.js';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { line: (t) => out.push(t) }, { line: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface Reports {
  json: RunReport;
  markdown: string;
  /** Root counters and the error testcases of junit.xml. */
  junit: { tests: number; errors: number; failures: number; errorCases: Array<{ name: string; message: string }> };
}

async function reports(dir: string): Promise<Reports> {
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
    await readFile(path.join(dir, 'junit.xml'), 'utf8'),
  ) as {
    testsuites: { tests: string; errors: string; failures: string; testsuite: unknown };
  };
  const suites = [xml.testsuites.testsuite].flat() as Array<{ testcase?: unknown }>;
  const cases = suites.flatMap((s) => [s.testcase ?? []].flat()) as Array<{
    classname: string;
    name: string;
    error?: { message: string };
  }>;
  return {
    json: JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as RunReport,
    markdown: await readFile(path.join(dir, 'summary.md'), 'utf8'),
    junit: {
      tests: Number(xml.testsuites.tests),
      errors: Number(xml.testsuites.errors),
      failures: Number(xml.testsuites.failures),
      errorCases: cases
        .filter((c) => c.error)
        .map((c) => ({ name: `${c.classname}/${c.name}`, message: c.error?.message ?? '' })),
    },
  };
}

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'inplace-e2e-red-'));

/** Every consumer sees red: JUnit has the error testcase, summary.md starts red, report.json has the error. */
function expectRed(r: Reports, stage: string, message: RegExp) {
  expect(r.junit.errors, 'JUnit errors').to.equal(1);
  expect(r.junit.errorCases.map((c) => c.name)).to.deep.equal([stage]);
  expect(r.junit.errorCases[0]?.message).to.match(message);
  expect(r.markdown.split('\n')[0]).to.match(new RegExp(`^## ❌ inplace-e2e on .*: .* at ${stage}: `));
  expect(r.json.error?.stage).to.equal(stage);
  expect(r.json.error?.message).to.match(message);
}

/** One clear console message: no mocha hook wording, no stack trace, the error line once. */
function expectOneMessage(text: string, stage: string) {
  expect(text).to.not.match(/"before all" hook|before all/);
  expect(text).to.not.match(/\n\s+at .+:\d+:\d+/);
  expect(text.split('\n').filter((l) => l.startsWith(`error: ${stage}`) || l.startsWith('error: ')).length).to.equal(1);
}

describe('no false greens (offline)', function () {
  this.timeout(60_000); // CLI runs in-process
  it('a selection that leaves nothing to run (positive suite on the gate-off profile) fails before any cluster, exit 2, listing what was filtered and why', async () => {
    const dir = await tmp();
    const r = await cli('run', 'suites/core.yaml', '--profile', '1.35-gates-off', '--report-dir', dir);
    expect(r.code).to.equal(2);
    expect(r.out).to.not.contain('cluster:');
    expect(r.err).to.match(/^error: no scenario to run: all 4 selected scenario\(s\) are filtered out/);
    expect(r.err).to.match(
      /suites\/core\.yaml:\d+:\d+: R01: found core\/R01 core-in-place-restart filtered out: requires RestartAllContainersOnContainerExits=true; the profile has RestartAllContainersOnContainerExits=false/,
    );
    expect(r.err).to.contain('hint: ');
    expectOneMessage(`${r.out}\n${r.err}`, 'selection/empty');
    expectRed(await reports(dir), 'selection/empty', /^no scenario to run/);
  });

  it('a --grep that matches nothing fails before any cluster, even with --allow-skips', async () => {
    const dir = await tmp();
    const r = await cli('run', 'core', '--grep', 'R99', '--allow-skips', '--report-dir', dir);
    expect(r.code).to.equal(2);
    expect(r.out).to.not.contain('cluster:');
    expect(r.err).to.contain('--grep R99 matches none of the 4 scenario(s)');
    expectRed(await reports(dir), 'selection/empty', /--grep R99 matches none/);
  });

  it('--allow-skips accepts a run of skips: exit 0, no cluster, the reports say every scenario was skipped', async () => {
    const dir = await tmp();
    const r = await cli('run', 'core', '--profile', '1.35-gates-off', '--allow-skips', '--report-dir', dir);
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.not.contain('cluster:');
    expect(r.out).to.contain('note: every selected scenario was skipped (--allow-skips)');
    const rep = await reports(dir);
    expect(rep.json.error).to.equal(undefined);
    expect(rep.json.verdicts.map((v) => v.status)).to.deep.equal(['skipped', 'skipped', 'skipped', 'skipped']);
  });

  it('an unknown gate name in a suite is bad input (exit 2) and red in JUnit', async () => {
    const dir = await tmp();
    const r = await cli('run', 'test/fixtures/suites/gate-typo.yaml', '--report-dir', dir);
    expect(r.code).to.equal(2);
    expect(r.err).to.contain('did you mean "RestartAllContainersOnContainerExits"?');
    const rep = await reports(dir);
    expectRed(rep, 'input/suites', /^invalid input \(3 problems\)/);
    expect(rep.json.error?.details.join('\n')).to.contain('gate-typo.yaml:7:13');
  });

  it("a pod the profile's API server would refuse is bad input before any cluster", async () => {
    const dir = await tmp();
    const file = path.join(dir, 'unpinned.yaml');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      file,
      'apiVersion: inplace-e2e.dev/v1alpha1\nkind: Suite\nname: unpinned\nscenarios:\n- name: unpinned\n  pod: {builtin: single}\n  expect: {admission: accepted}\n',
    );
    const r = await cli('run', file, '--profile', '1.35-gates-off', '--report-dir', dir);
    expect(r.code).to.equal(2);
    expect(r.out).to.not.contain('cluster:');
    expect(r.err).to.contain(
      'Kubernetes 1.35 (profile 1.35-gates-off) answers "spec.containers[0].restartPolicyRules[0].action: Unsupported value: "RestartAllContainers": supported values: "Restart""',
    );
  });

  it('a missing --existing-cluster kubeconfig is exit 2 before anything runs', async () => {
    const dir = await tmp();
    const missing = path.join(dir, 'no-such-kubeconfig');
    const r = await cli('run', 'core', '--existing-cluster', missing, '--report-dir', dir);
    expect(r.code).to.equal(2);
    expect(r.out).to.not.contain('cluster:');
    expect(r.err).to.contain(
      `${missing}: /: found no such file; expected a kubeconfig file of the cluster to run against (--existing-cluster or --kubeconfig)`,
    );
    expectRed(await reports(dir), 'input/existing-cluster', /^invalid input/);
  });

  it('no Docker is an environment failure: exit 3, red everywhere, one message, no hook wording or stack', async () => {
    const dir = await tmp();
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `unix://${path.join(dir, 'no-docker.sock')}`;
    try {
      const r = await cli('run', 'core', '--report-dir', dir);
      expect(r.code).to.equal(3);
      expectOneMessage(`${r.out}\n${r.err}`, 'cluster/docker');
      expect(r.out).to.match(/^error: cluster\/docker: (the Docker daemon is not answering|docker is not installed)/m);
      expect(r.out).to.match(/^ {2}hint: /m);
      const rep = await reports(dir);
      expectRed(rep, 'cluster/docker', /Docker daemon is not answering|docker is not installed/);
      expect(
        rep.json.verdicts.every(
          (v) => v.status === 'skipped' && /not run: the run stopped at cluster\/docker/.test(v.skipReason ?? ''),
        ),
      ).to.equal(true);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });

  it('an existing cluster whose API server does not answer: exit 3, and summary.md names that cluster, not a harness name', async () => {
    const dir = await tmp();
    const kubeconfig = path.join(dir, 'kubeconfig');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      kubeconfig,
      'apiVersion: v1\nkind: Config\ncurrent-context: prod-east\ncontexts:\n- name: prod-east\n  context: {cluster: east, user: me}\nclusters:\n- name: east\n  cluster: {server: "https://127.0.0.1:9", insecure-skip-tls-verify: true}\nusers:\n- name: me\n  user: {token: abc}\n',
    );
    const r = await cli('run', 'core', '--existing-cluster', kubeconfig, '--report-dir', dir);
    expect(r.code).to.equal(3);
    const rep = await reports(dir);
    expectRed(rep, 'cluster/attach', /API server of cluster east \(https:\/\/127\.0\.0\.1:9\) does not answer/);
    expect(rep.markdown).to.contain(
      `| Cluster | east (existing: https://127.0.0.1:9, context prod-east of ${kubeconfig}; never created or deleted by the harness) |`,
    );
    expect(rep.json.cluster).to.deep.include({ name: 'east', created: false });
  }).timeout(60_000);
});
