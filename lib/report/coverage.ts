// The coverage table: each claim made about RestartAllContainers (docs/claims.yaml) → the scenarios that
// check it → what real runs (report.json files) gave on each Kubernetes version, and whether each
// claim's control held. Pure: the same claims and reports always give the same table.
import type { Verdict } from '../verdict/types.js';
import type { RunReport } from './types.js';

export interface Claim {
  claim: string;
  source: string;
  scenarios: string[];
  /** Where a public source says otherwise than what the clusters do. */
  docError?: string;
}

type Cell = { text: string; failed: boolean };

/** A verdict the control machinery made (a positive scenario judged on a control cluster). */
const isControl = (v: Verdict) => v.checks.some((c) => c.check.startsWith('control.'));

const minorOf = (version: string) => /^v?(\d+\.\d+)/.exec(version)?.[1] ?? version;

/** The versions in the reports, each with the verdicts by catalogue id (positive and control kept apart). */
function byVersion(reports: RunReport[]) {
  const versions = new Map<string, { positive: Map<string, Verdict[]>; control: Map<string, Verdict[]> }>();
  for (const r of reports) {
    const v = r.profile.kubernetesVersion;
    const entry = versions.get(v) ?? { positive: new Map(), control: new Map() };
    versions.set(v, entry);
    for (const verdict of r.verdicts) {
      if (!verdict.id || verdict.status === 'skipped') continue;
      const into = isControl(verdict) ? entry.control : entry.positive;
      into.set(verdict.id, [...(into.get(verdict.id) ?? []), verdict]);
    }
  }
  return new Map([...versions].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
}

function cell(ids: string[], verdicts: Map<string, Verdict[]>): Cell {
  const seen = ids.flatMap((id) => (verdicts.get(id) ?? []).map((v) => ({ id, v })));
  if (seen.length === 0) return { text: 'not run', failed: false };
  const failed = seen.filter((x) => x.v.status === 'failed').map((x) => x.id);
  const expected = seen.filter((x) => x.v.status === 'expected-failure').map((x) => x.id);
  const missing = ids.filter((id) => !verdicts.has(id));
  if (failed.length > 0) return { text: `FAIL (${[...new Set(failed)].join(', ')})`, failed: true };
  const parts = [`pass ${seen.length - expected.length}/${seen.length}`];
  if (expected.length > 0) parts.push(`known failure: ${[...new Set(expected)].join(', ')}`);
  if (missing.length > 0) parts.push(`not run: ${missing.join(', ')}`);
  return { text: parts.join('; '), failed: false };
}

const escape = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown table, and whether any claim failed on any version (a failed table must not be published quietly). */
export function coverageTable(claims: Claim[], reports: RunReport[]): { markdown: string; failed: boolean } {
  const versions = byVersion(reports);
  const headers = ['Claim', 'Claimed by', 'Scenarios', ...[...versions.keys()].map((v) => `${v}`), 'Control'];
  const rows: string[] = [];
  let failed = false;
  for (const c of claims) {
    const cells = [...versions.values()].map((v) => cell(c.scenarios, v.positive));
    const controls = [...versions].filter(([, v]) => c.scenarios.some((id) => v.control.has(id)));
    const control =
      controls.length === 0
        ? { text: 'none run', failed: false }
        : (() => {
            const all = controls.map(([version, v]) => ({ version, c: cell(c.scenarios, v.control) }));
            return {
              text: all.map((x) => `${minorOf(x.version)}: ${x.c.text}`).join('; '),
              failed: all.some((x) => x.c.failed),
            };
          })();
    failed ||= cells.some((x) => x.failed) || control.failed;
    const claimText = c.docError ? `${c.claim} ⚠ ${c.docError}` : c.claim;
    rows.push(
      `| ${[claimText, c.source, c.scenarios.join(', '), ...cells.map((x) => x.text), control.text].map(escape).join(' | ')} |`,
    );
  }
  const markdown = [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows].join('\n');
  return { markdown, failed };
}
