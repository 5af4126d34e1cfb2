// Checks the report of `inplace-e2e run test/e2e/must-fail.yaml` against a correct cluster: every
// scenario failed, on exactly the checks it is about, and a failure carries evidence from the node.
// usage: tsx test/e2e/verify-must-fail.ts <report.json>
import { readFileSync } from 'node:fs';
import type { RunReport } from '../../lib/report/types.js';

import { checkMatches, expectedFailures, withoutPodEvidence } from './must-fail-expected.js';

const file = process.argv[2];
if (!file) throw new Error('usage: verify-must-fail.ts <report.json>');
const report = JSON.parse(readFileSync(file, 'utf8')) as RunReport;
const problems: string[] = [];
for (const v of report.verdicts)
  if (!(v.scenario in expectedFailures)) problems.push(`${v.scenario}: in the report but not in must-fail-expected.ts`);
for (const [scenario, wanted] of Object.entries(expectedFailures)) {
  const before = problems.length;
  const v = report.verdicts.find((x) => x.scenario === scenario);
  if (!v) {
    problems.push(`${scenario}: no verdict`);
    continue;
  }
  const failed = v.checks.filter((c) => !c.passed && !c.soft).map((c) => c.check);
  const missing = wanted.filter((w) => !failed.some((f) => checkMatches(f, w)));
  const extra = failed.filter((f) => !wanted.some((w) => checkMatches(f, w)));
  if (v.status !== 'failed') problems.push(`${scenario}: ${v.status}, expected failed`);
  if (missing.length)
    problems.push(`${scenario}: did not fail ${missing.join(', ')} (failed: ${failed.join(', ') || 'nothing'})`);
  if (extra.length) problems.push(`${scenario}: also failed ${extra.join(', ')}: not the check it is about`);
  const evidence = report.evidence[`${v.suite}/${scenario}`];
  if (!withoutPodEvidence.includes(scenario) && (!evidence?.kubeletJournal || !evidence.events))
    problems.push(`${scenario}: failure without kubelet journal or events as evidence`);
  console.log(`${problems.length > before ? 'NOT OK' : 'ok'} ${scenario}: failed ${failed.join(', ')}`);
}
if (problems.length) {
  console.error(`harness self-check FAILED:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `harness self-check: ${Object.keys(expectedFailures).length} wrong expectations, each failed precisely, with evidence`,
);
