import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { Observation } from '../../../lib/observe/types.js';
import { buildJUnit } from '../../../lib/report/junit.js';
import { buildMarkdown } from '../../../lib/report/markdown.js';
import { formatSummaryTable } from '../../../lib/report/console.js';
import { scenarioKey, type RunReport } from '../../../lib/report/types.js';
import { writeReports } from '../../../lib/report/write.js';
import { judge, skipVerdict } from '../../../lib/verdict/judge.js';
import { loadObservation, r01Expectations, scenarioWith } from '../expectations/observations.js';

/** A run of three scenarios: R01 passed, R03 failed (the emptyDir token changed), R22 skipped. */
function sampleReport(): RunReport {
  const r01 = loadObservation('r01-in-place-restart-v1.36');
  const r03: Observation = { ...loadObservation('r01-in-place-restart-v1.36'), scenario: 'emptydir-preserved' };
  r03.files.find((f) => f.path === '/shared/token')!.after = { exists: true, content: 'tok-00000000' };
  const r03Expect = { files: [{ path: '/shared/token', preserved: true }], restarts: { '*': 1 } };
  return {
    tool: { name: 'inplace-e2e', version: '0.1.0' },
    profile: {
      name: 'v1.36-defaults',
      kubernetesVersion: 'v1.36.1',
      nodeImage: 'kindest/node:v1.36.1@sha256:0123abcd',
      gates: { RestartAllContainersOnContainerExits: true, ContainerRestartRules: true, NodeDeclaredFeatures: true },
    },
    cluster: { name: 'inplace-e2e-4f2a', created: true },
    host: { notes: ['cgroup v2'] },
    preflight: {
      checks: [
        {
          check: 'gate RestartAllContainersOnContainerExits on kube-apiserver',
          passed: true,
          detail: 'kubernetes_feature_enabled=1',
        },
        {
          check: 'node inplace-e2e-4f2a-control-plane declares RestartAllContainersOnContainerExits',
          passed: true,
          detail: 'status.declaredFeatures',
        },
      ],
    },
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:02:10Z',
    verdicts: [
      judge(scenarioWith(r01Expectations(), 'core-in-place-restart', 'R01'), r01, { durationMs: 48300 }),
      judge(scenarioWith(r03Expect, 'emptydir-preserved', 'R03'), r03, { durationMs: 40100 }),
      skipVerdict(
        'validation',
        { name: 'too-many-values', id: 'R22' },
        'requires gates | RestartAllContainersOnContainerExits=false',
      ),
    ],
    observations: [r01, r03],
    evidence: {
      [scenarioKey('restart-all-containers', 'emptydir-preserved')]: {
        events:
          'Normal Killing pod/rac-base Stopping container bystander\nNormal Started pod/rac-base Started container init\n',
        logs: [{ container: 'bystander', previous: true, text: 'a\nb\n' }],
        journalFile: '1767225571 init netns=net:[4026532300]\n',
        kubeletJournal: 'l1\nl2\nl3\n',
        errors: ['crictl: docker exec failed: No such container'],
      },
    },
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
});
type XmlNode = Record<string, unknown> & { '@_name'?: string };
const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

describe('reports', () => {
  describe('JUnit XML', () => {
    const xml = buildJUnit(sampleReport());
    const doc = parser.parse(xml) as { testsuites: XmlNode & { testsuite: XmlNode[] } };
    const suites = doc.testsuites.testsuite;
    const suite = (name: string) => suites.find((s) => s['@_name'] === name) as XmlNode & { testcase: XmlNode[] };
    const props = (node: XmlNode) =>
      Object.fromEntries(
        asArray((node.properties as { property?: XmlNode[] } | undefined)?.property).map((p) => [
          p['@_name'],
          p['@_value'],
        ]),
      );

    it('counts tests, failures and skipped at the root and per suite', () => {
      expect(doc.testsuites).to.include({ '@_tests': '5', '@_failures': '1', '@_skipped': '1', '@_errors': '0' });
      expect(suites.map((s) => s['@_name'])).to.deep.equal(['preflight', 'restart-all-containers', 'validation']);
      expect(suite('restart-all-containers')).to.include({ '@_tests': '2', '@_failures': '1', '@_skipped': '0' });
      expect(suite('validation')).to.include({ '@_tests': '1', '@_failures': '0', '@_skipped': '1' });
    });

    it('puts the failing check, expected vs observed, and an evidence summary into <failure>', () => {
      const [passed, failed] = suite('restart-all-containers').testcase;
      expect(passed).to.include({
        '@_name': 'R01 core-in-place-restart',
        '@_classname': 'restart-all-containers',
        '@_time': '48.3',
      });
      expect(passed).not.to.have.property('failure');
      const failure = failed!.failure as XmlNode;
      expect(failed).to.include({ '@_name': 'R03 emptydir-preserved' });
      expect(failure['@_message']).to.equal(
        'files[/shared/token].preserved: expected content unchanged by the trigger; observed "tok-5b1c9e7d" → "tok-00000000"',
      );
      const text = String(failure['#text']);
      expect(text).to.contain(
        '✗ files[/shared/token].preserved\n    expected: content unchanged by the trigger\n    observed: "tok-5b1c9e7d" → "tok-00000000"',
      );
      expect(text).to.contain('kubelet journal: 3 lines');
      expect(text).to.contain('logs: bystander (previous) 2 lines');
      expect(text).to.contain('not collected: crictl: docker exec failed: No such container');
    });

    it('gives each scenario its timeline slice in <system-out>', () => {
      const out = String(suite('restart-all-containers').testcase[1]!['system-out']);
      expect(out).to.contain('timeline (times relative to the trigger; 43 entries');
      expect(out).to.contain(
        [
          '+1.100s MODIFIED phase=Running AllContainersRestarting=True(RestartAllContainersStarted) PodReadyToStartContainers=True Initialized=True Ready=False',
          '        ContainersReady=False PodScheduled=True',
          '        | init:terminated(0) rc=0 sidecar:running rc=0 ready trigger:terminated(42) rc=0 bystander:running rc=0 ready',
        ].join('\n'),
      );
    });

    it('marks skipped scenarios with the reason and carries the environment as properties', () => {
      const skipped = suite('validation').testcase[0]!;
      expect(skipped).to.have.property('skipped');
      expect(props(skipped)).to.deep.equal({
        skipReason: 'requires gates | RestartAllContainersOnContainerExits=false',
      });
      expect(props(suite('restart-all-containers'))).to.include({
        profile: 'v1.36-defaults',
        kubernetesVersion: 'v1.36.1',
        nodeImage: 'kindest/node:v1.36.1@sha256:0123abcd',
        'gate.RestartAllContainersOnContainerExits': 'true',
      });
    });

    it('shows a failed preflight as failing testcases when no scenario ran', () => {
      const report = { ...sampleReport(), verdicts: [], observations: [] };
      report.preflight = {
        checks: [
          {
            check: 'gate RestartAllContainersOnContainerExits on node w1',
            passed: false,
            detail: 'gate X is off on node w1',
          },
        ],
      };
      const d = parser.parse(buildJUnit(report)) as {
        testsuites: XmlNode & { testsuite: Array<XmlNode & { testcase: XmlNode[] }> };
      };
      expect(d.testsuites).to.include({ '@_tests': '1', '@_failures': '1' });
      expect((d.testsuites.testsuite[0]!.testcase[0]!.failure as XmlNode)['@_message']).to.equal(
        'gate X is off on node w1',
      );
    });

    it('shows a run that stopped at the preflight as an <error> testcase cluster/preflight, with message and hint', () => {
      const report: RunReport = { ...sampleReport(), observations: [] };
      report.verdicts = report.verdicts.map((v) =>
        skipVerdict(v.suite, { name: v.scenario }, 'not run: the run stopped at cluster/preflight (see the error)'),
      );
      report.preflight = {
        checks: [
          {
            check: 'apiserver.gate.RestartAllContainersOnContainerExits',
            passed: false,
            detail: 'gate RestartAllContainersOnContainerExits is off in kube-apiserver',
          },
        ],
      };
      report.error = {
        kind: 'environment',
        stage: 'cluster/preflight',
        message: 'preflight failed on c1: gate RestartAllContainersOnContainerExits is off in kube-apiserver',
        hint: 'the cluster does not have the feature gates the profile expects; nothing was run',
        details: [],
      };
      const d = parser.parse(buildJUnit(report)) as {
        testsuites: XmlNode & { testsuite: Array<XmlNode & { testcase: XmlNode | XmlNode[] }> };
      };
      expect(d.testsuites).to.include({ '@_errors': '1', '@_failures': '1' });
      const errorCase = [d.testsuites.testsuite[0]!.testcase].flat()[0]!;
      expect(errorCase).to.include({ '@_classname': 'cluster', '@_name': 'preflight' });
      expect((errorCase.error as XmlNode)['@_message']).to.equal(
        'preflight failed on c1: gate RestartAllContainersOnContainerExits is off in kube-apiserver',
      );
      expect(String((errorCase.error as XmlNode)['#text'])).to.contain(
        'hint: the cluster does not have the feature gates',
      );
      const md = buildMarkdown(report);
      expect(md.split('\n')[0]).to.equal(
        '## ❌ inplace-e2e on v1.36-defaults: environment failure at cluster/preflight: preflight failed on c1: gate RestartAllContainersOnContainerExits is off in kube-apiserver',
      );
    });
  });

  describe('Markdown summary', () => {
    const md = buildMarkdown(sampleReport());

    it('heads with the totals and has the results table', () => {
      expect(md.split('\n')[0]).to.equal('## inplace-e2e on v1.36-defaults: 1 passed, 1 failed, 1 skipped');
      expect(md).to.contain('| Suite | Scenario | Result | Failed checks |\n|---|---|---|---|\n');
      expect(md).to.contain('| restart-all-containers | R01 core-in-place-restart | ✅ passed |  |');
      expect(md).to.contain(
        '| restart-all-containers | R03 emptydir-preserved | ❌ **failed** | files[/shared/token].preserved: expected content unchanged by the trigger; observed "tok-5b1c9e7d" → "tok-00000000" |',
      );
    });

    it('escapes table cells so a pipe in a reason does not break the table', () => {
      expect(md).to.contain(
        '| validation | R22 too-many-values | ⏭️ skipped | requires gates \\| RestartAllContainersOnContainerExits=false |',
      );
    });

    it('lists preflight and environment, and folds the failure details', () => {
      expect(md).to.contain(
        '| gate RestartAllContainersOnContainerExits on kube-apiserver | ✅ passed | kubernetes_feature_enabled=1 |',
      );
      expect(md).to.contain('| Node image | `kindest/node:v1.36.1@sha256:0123abcd` |');
      expect(md).to.contain(
        '| Feature gates | RestartAllContainersOnContainerExits=true, ContainerRestartRules=true, NodeDeclaredFeatures=true |',
      );
      expect(md).to.contain('<details><summary>restart-all-containers / R03 emptydir-preserved</summary>');
      expect(md).to.contain('    observed: "tok-5b1c9e7d" → "tok-00000000"');
    });

    it('draws each failed scenario (and only those) as a Mermaid gantt right before its details', () => {
      expect(md.match(/```mermaid/g)).to.have.length(1);
      const gantt = md.slice(md.indexOf('```mermaid'), md.indexOf('<details><summary>restart-all-containers / R03'));
      expect(gantt).to.contain('    title restart-all-containers / R03 emptydir-preserved (mm ss after the trigger)');
      expect(gantt).to.contain('    section failed checks\n    ✗1 files[/shared/token].preserved :milestone, crit, ');
    });
  });

  describe('console summary', () => {
    it('aligns the columns and names the failing checks', () => {
      const lines = formatSummaryTable(sampleReport().verdicts).split('\n');
      expect(lines[0]).to.match(/^SUITE\s+SCENARIO\s+RESULT\s+CHECKS\s+TIME\s+FAILED CHECKS \/ SKIP REASON \/ NOTE$/);
      const col = lines[0]!.indexOf('RESULT');
      expect(lines.slice(1, 4).map((l) => l.slice(col).split(/\s+/)[0])).to.deep.equal(['passed', 'FAILED', 'skipped']);
      expect(lines[2]).to.match(/FAILED\s+5\/6\s+40\.1s\s+files\[\/shared\/token\]\.preserved$/);
      expect(lines.at(-1)).to.equal('1 passed, 1 failed, 1 skipped (3 scenarios, 88.4s scenario time)');
      expect(lines.join('\n')).not.to.contain('\u001b[');
    });

    it('colors only the result column, and only when asked', () => {
      const colored = formatSummaryTable(sampleReport().verdicts, { color: true }).split('\n');
      expect(colored[2]).to.contain('\u001b[31mFAILED \u001b[0m');
      expect(colored[0]).not.to.contain('\u001b[');
    });
  });

  describe('an expected failure (declared per version with an upstream link)', () => {
    const xfail = (): RunReport => {
      const report = sampleReport();
      const r03 = report.verdicts[1]!;
      const link = 'https://github.com/kubernetes/kubernetes/issues/136964';
      report.verdicts[1] = {
        ...r03,
        status: 'expected-failure',
        note: `expected failure on v1.36.1: files[/shared/token].preserved (${link})`,
        checks: r03.checks.map((c) => (c.passed ? c : { ...c, expectedFailure: link })),
      };
      return report;
    };

    it('is its own result everywhere: console, Markdown, JUnit (skipped with the reason, as pytest reports xfail)', () => {
      const report = xfail();
      const table = formatSummaryTable(report.verdicts);
      expect(table).to.match(
        /R03 emptydir-preserved\s+expected-failure .* expected failure on v1.36.1: files\[\/shared\/token\].preserved/,
      );
      expect(table).to.contain('1 passed, 0 failed, 1 skipped, 1 expected failure');
      const md = buildMarkdown(report);
      expect(md).to.contain('⚠️ expected failure');
      expect(md).to.contain('1 passed, 0 failed, 1 skipped, 1 expected failure');
      const xml = buildJUnit(report);
      expect(xml).to.match(
        /<testcase classname="restart-all-containers" name="R03 emptydir-preserved"[^>]*>\s*<properties>\s*<property name="expectedFailure" value="expected failure on v1.36.1/,
      );
      expect(xml).to.not.contain('<failure');
    });
  });

  describe('writeReports', () => {
    let dir: string;
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'inplace-e2e-report-'));
    });
    after(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('writes JUnit, JSON, Markdown and HTML into the directory and returns their paths', async () => {
      const report = sampleReport();
      const paths = await writeReports(report, join(dir, 'nested'));
      const evidenceDir = join(dir, 'nested', 'evidence', 'restart-all-containers', 'emptydir-preserved');
      expect(paths).to.deep.equal({
        junit: join(dir, 'nested', 'junit.xml'),
        json: join(dir, 'nested', 'report.json'),
        markdown: join(dir, 'nested', 'summary.md'),
        html: join(dir, 'nested', 'report.html'),
        evidence: [evidenceDir],
      });
      expect(await readFile(join(evidenceDir, 'failure.txt'), 'utf8')).to.contain('✗ files[/shared/token].preserved');
      expect(await readFile(join(evidenceDir, 'kubelet.log'), 'utf8')).to.equal('l1\nl2\nl3\n');
      expect(await readFile(join(evidenceDir, 'logs', 'bystander.previous.log'), 'utf8')).to.equal('a\nb\n');
      expect(await readFile(join(evidenceDir, 'not-collected.txt'), 'utf8')).to.contain('crictl: docker exec failed');
      expect(JSON.parse(await readFile(paths.json, 'utf8'))).to.deep.equal(JSON.parse(JSON.stringify(report)));
      expect(await readFile(paths.junit, 'utf8')).to.match(
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="inplace-e2e v1.36-defaults" tests="5"/,
      );
      expect(await readFile(paths.markdown, 'utf8')).to.contain('| Suite | Scenario | Result | Failed checks |');
      const html = await readFile(paths.html, 'utf8');
      expect(html.match(/<section class="card (\w+)"/g)).to.deep.equal([
        '<section class="card failed"',
        '<section class="card passed"',
        '<section class="card skipped"',
      ]);
      expect(html.match(/<svg /g)).to.have.length(2 + 12); // two scenario pictures, twelve legend swatches
    });
  });
});
