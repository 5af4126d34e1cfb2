// The words for a failed or skipped scenario, shared by the JUnit, Markdown and console reporters
// so a failure reads the same wherever it is seen.
import { originOf } from '../expectations/timeline.js';
import type { Observation } from '../observe/types.js';
import type { Verdict } from '../verdict/types.js';
import { formatTimeline } from './timeline.js';
import type { EvidenceBundle } from './types.js';
import type { CheckResult } from '../expectations/types.js';

/** Checks that fail the scenario: hard failures not declared as expected for this version. */
export function failedChecks(verdict: Verdict): CheckResult[] {
  return verdict.checks.filter((c) => !c.passed && !c.soft && c.expectedFailure === undefined);
}

/** One line: "identity.uid: expected uid unchanged, observed a → b". */
export function describeCheck(c: CheckResult): string {
  return `${c.check}: expected ${c.expected}; observed ${c.observed}`;
}

/** The one-line summary that goes into `<failure message>` and table cells. */
export function failureMessage(verdict: Verdict): string {
  const failed = failedChecks(verdict);
  if (failed.length === 0) return verdict.status === 'failed' ? 'failed (no failing check recorded)' : '';
  if (failed.length === 1) return describeCheck(failed[0] as CheckResult);
  return `${failed.length} checks failed: ${failed.map((c) => c.check).join(', ')}`;
}

const lineCount = (text: string) => (text === '' ? 0 : text.replace(/\n$/, '').split('\n').length);

/** What evidence exists for the scenario, one line each: where to look, not the whole text. */
export function evidenceSummary(bundle: EvidenceBundle | undefined): string[] {
  if (!bundle) return ['no evidence collected'];
  const lines: string[] = [];
  if (bundle.events !== undefined) lines.push(`events: ${lineCount(bundle.events)} lines`);
  if (bundle.logs && bundle.logs.length > 0) {
    lines.push(
      `logs: ${bundle.logs.map((l) => `${l.container}${l.previous ? ' (previous)' : ''} ${lineCount(l.text)} lines`).join(', ')}`,
    );
  }
  if (bundle.journalFile !== undefined) lines.push(`journal file: ${lineCount(bundle.journalFile)} lines`);
  if (bundle.kubeletJournal !== undefined) lines.push(`kubelet journal: ${lineCount(bundle.kubeletJournal)} lines`);
  if (bundle.crictl !== undefined) lines.push(`crictl: ${lineCount(bundle.crictl)} lines`);
  for (const e of bundle.errors ?? []) lines.push(`not collected: ${e}`);
  return lines.length > 0 ? lines : ['no evidence collected'];
}

/**
 * The full failure text: every failing check with expected vs observed and the timeline entries
 * that show it, then soft findings, then the evidence summary.
 */
export function failureDetails(verdict: Verdict, observation?: Observation, evidence?: EvidenceBundle): string {
  const out: string[] = [];
  for (const c of failedChecks(verdict)) {
    out.push(`✗ ${c.check}`, `    expected: ${c.expected}`, `    observed: ${c.observed}`);
    const first = c.evidence?.[0];
    if (c.evidence && first) {
      // Relative to the trigger like everywhere else; without the observation, to the first entry shown.
      const origin = observation ? originOf(observation) : first.at;
      out.push(
        '    timeline:',
        ...formatTimeline(c.evidence, origin)
          .split('\n')
          .map((l) => `      ${l}`),
      );
    }
  }
  const softFailed = verdict.checks.filter((c) => !c.passed && c.soft);
  for (const c of softFailed)
    out.push(
      `~ ${c.check} (soft, does not fail the scenario)`,
      `    expected: ${c.expected}`,
      `    observed: ${c.observed}`,
    );
  out.push('evidence:', ...evidenceSummary(evidence).map((l) => `    ${l}`));
  return out.join('\n');
}
