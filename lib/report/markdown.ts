// A Markdown summary CI can append to $GITHUB_STEP_SUMMARY: results table first (what a reviewer
// opens it for), then preflight and environment, then each failure: its timeline as a Mermaid gantt
// (GitHub draws it on the job page) and the details folded away.
import { failedChecks, describeCheck, failureDetails } from './failure-text.js';
import { testCaseName } from './junit.js';
import { buildGantt } from './mermaid.js';
import { evidenceFor, observationFor, totals, type RunReport } from './types.js';
import type { Verdict } from '../verdict/types.js';

/** Table cells are one line; pipes and angle brackets would break the table or become HTML. */
function cell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}

const ERROR_WORDS: Record<NonNullable<RunReport['error']>['kind'], string> = {
  input: 'bad input',
  environment: 'environment failure',
  'nothing-proven': 'nothing proven',
};

const RESULT: Record<Verdict['status'], string> = {
  passed: '✅ passed',
  failed: '❌ **failed**',
  skipped: '⏭️ skipped',
  'expected-failure': '⚠️ expected failure',
};

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

function resultNote(v: Verdict): string {
  if (v.status === 'skipped') return cell(v.skipReason ?? '');
  if (v.status === 'passed' || v.status === 'expected-failure') return cell(v.note ?? '');
  return failedChecks(v)
    .map((c) => cell(describeCheck(c)))
    .join('<br>');
}

export function buildMarkdown(report: RunReport): string {
  const t = totals(report.verdicts);
  const preflightFailed = report.preflight.checks.filter((c) => !c.passed).length;
  const counts = `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped${t.expectedFailures > 0 ? `, ${t.expectedFailures} expected failure${t.expectedFailures === 1 ? '' : 's'}` : ''}`;
  const e = report.error;
  const out: string[] = e
    ? [
        `## ❌ inplace-e2e on ${report.profile.name}: ${ERROR_WORDS[e.kind]} at ${e.stage}: ${cell(e.message)}`,
        '',
        ...(e.hint ? [`**Hint:** ${cell(e.hint)}`, ''] : []),
        ...(e.details.length ? [...e.details.map((d) => `- ${cell(d)}`), ''] : []),
        `${counts} (skipped includes not run).`,
        '',
      ]
    : [`## inplace-e2e on ${report.profile.name}: ${counts}`, ''];
  if (preflightFailed > 0)
    out.push(
      `**Preflight failed (${preflightFailed} check${preflightFailed === 1 ? '' : 's'}): scenarios did not run.**`,
      '',
    );

  out.push('### Results', '');
  if (report.verdicts.length === 0) out.push('No scenario ran.');
  else {
    out.push(
      ...table(
        ['Suite', 'Scenario', 'Result', 'Failed checks'],
        report.verdicts.map((v) => [cell(v.suite), cell(testCaseName(v)), RESULT[v.status], resultNote(v)]),
      ),
    );
  }

  out.push('', '### Preflight', '');
  if (report.preflight.checks.length === 0) out.push('No preflight checks ran.');
  else {
    out.push(
      ...table(
        ['Check', 'Result', 'Detail'],
        report.preflight.checks.map((c) => [cell(c.check), c.passed ? '✅ passed' : '❌ **failed**', cell(c.detail)]),
      ),
    );
  }

  const gates =
    Object.entries(report.profile.gates)
      .map(([g, on]) => `${g}=${on}`)
      .join(', ') || '(defaults)';
  out.push(
    '',
    '### Environment',
    '',
    ...table(
      ['', ''],
      [
        ['Tool', cell(`${report.tool.name} ${report.tool.version}`)],
        ['Profile', cell(report.profile.name)],
        ['Kubernetes', cell(report.profile.kubernetesVersion)],
        ['Node image', `\`${report.profile.nodeImage}\``],
        ['Feature gates', cell(gates)],
        ['Cluster', cell(clusterText(report.cluster))],
        ['Started', cell(report.startedAt)],
        ['Finished', cell(report.finishedAt)],
        ...report.host.notes.map((n) => ['Host note', cell(n)]),
      ],
    ),
  );

  const failed = report.verdicts.filter((v) => v.status === 'failed');
  if (failed.length > 0) {
    out.push('', '### Failure details', '');
    for (const v of failed) {
      const observation = observationFor(report, v);
      const details = failureDetails(v, observation, evidenceFor(report, v)).replace(/```/g, "'''");
      // The timeline as a picture GitHub renders (Mermaid gantt), then the words.
      if (observation && observation.timeline.length > 0)
        out.push(buildGantt(observation, `${v.suite} / ${testCaseName(v)}`, failedChecks(v)), '');
      out.push(
        `<details><summary>${cell(`${v.suite} / ${testCaseName(v)}`)}</summary>`,
        '',
        '```text',
        details,
        '```',
        '',
        '</details>',
        '',
      );
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function clusterText(c: RunReport['cluster']): string {
  if (c.existing)
    return `${c.name} (existing: ${c.existing.server}, context ${c.existing.context} of ${c.existing.kubeconfig}; never created or deleted by the harness)`;
  return `${c.name} (${c.created ? 'created by this run' : 'reused'})`;
}
