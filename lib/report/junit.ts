// JUnit XML for CI test tabs: one <testsuite> per suite, one <testcase> per scenario, failing checks
// (expected vs observed) and an evidence summary in <failure>, the timeline slice in <system-out>.
import junit, { type Builder, type TestSuite } from 'junit-report-builder';
import type { Verdict } from '../verdict/types.js';
import { failureDetails, failureMessage } from './failure-text.js';
import { formatTimelineSlice } from './timeline.js';
import { evidenceFor, observationFor, type RunReport } from './types.js';

// The package's CommonJS entry sets module.exports to the builder while its types declare an ES
// default export, so under NodeNext the types and the runtime disagree about `.default`.
const rootBuilder: Builder = (junit as unknown as { default?: Builder }).default ?? (junit as unknown as Builder);

function environmentProperties(suite: TestSuite, report: RunReport): void {
  suite
    .property('profile', report.profile.name)
    .property('kubernetesVersion', report.profile.kubernetesVersion)
    .property('nodeImage', report.profile.nodeImage)
    .property('cluster', report.cluster.name);
  for (const [gate, on] of Object.entries(report.profile.gates)) suite.property(`gate.${gate}`, String(on));
}

const ERROR_TYPES: Record<NonNullable<RunReport['error']>['kind'], string> = {
  input: 'InputError',
  environment: 'EnvironmentError',
  'nothing-proven': 'NothingProven',
};

export function testCaseName(verdict: Pick<Verdict, 'id' | 'scenario'>): string {
  return verdict.id ? `${verdict.id} ${verdict.scenario}` : verdict.scenario;
}

export function buildJUnit(report: RunReport): string {
  const builder = rootBuilder.newBuilder();
  builder.name(`inplace-e2e ${report.profile.name}`);

  // A run that ended without judging what it selected is one <error> testcase named after where it
  // stopped (cluster/preflight, selection/empty, input/suites, …), so a JUnit consumer shows it red.
  if (report.error) {
    const e = report.error;
    const [group, step] = e.stage.includes('/')
      ? [e.stage.slice(0, e.stage.indexOf('/')), e.stage.slice(e.stage.indexOf('/') + 1)]
      : ['inplace-e2e', e.stage];
    const suite = builder.testSuite().name('inplace-e2e').timestamp(report.startedAt);
    environmentProperties(suite, report);
    const body = [...e.details, ...(e.hint ? [`hint: ${e.hint}`] : [])].join('\n');
    suite
      .testCase()
      .className(group)
      .name(step)
      .error(e.message, ERROR_TYPES[e.kind], body || e.message);
  }

  // Preflight proves the gates are on before any scenario; when it fails there are no scenario
  // results, and CI must still show why.
  if (report.preflight.checks.length > 0) {
    const suite = builder.testSuite().name('preflight').timestamp(report.startedAt);
    environmentProperties(suite, report);
    for (const c of report.preflight.checks) {
      const tc = suite.testCase().className('preflight').name(c.check);
      if (!c.passed) tc.failure(c.detail, 'PreflightFailed');
      else tc.standardOutput(c.detail);
    }
  }

  const suiteNames = [...new Set(report.verdicts.map((v) => v.suite))];
  for (const suiteName of suiteNames) {
    const suite = builder.testSuite().name(suiteName).timestamp(report.startedAt);
    environmentProperties(suite, report);
    for (const verdict of report.verdicts.filter((v) => v.suite === suiteName)) {
      const tc = suite
        .testCase()
        .className(suiteName)
        .name(testCaseName(verdict))
        .time(verdict.durationMs / 1000);
      const observation = observationFor(report, verdict);
      if (verdict.status === 'skipped') {
        tc.skipped().property('skipReason', verdict.skipReason ?? 'skipped');
      } else if (verdict.status === 'expected-failure') {
        // As pytest reports xfail: not a failure, not a pass; the declared reason stays visible.
        tc.skipped().property('expectedFailure', verdict.note ?? 'expected failure');
      } else if (verdict.status === 'failed') {
        tc.failure(failureMessage(verdict), 'ExpectationFailed').stacktrace(
          failureDetails(verdict, observation, evidenceFor(report, verdict)),
        );
      }
      if (observation) tc.standardOutput(formatTimelineSlice(observation));
    }
  }
  return builder.build();
}
