// The summary table printed at the end of a run: plain, aligned text; color only when the caller
// says the output is a terminal.
import type { Verdict } from '../verdict/types.js';
import { failedChecks } from './failure-text.js';
import { testCaseName } from './junit.js';
import { totals } from './types.js';

const ANSI: Record<Verdict['status'], string> = {
  passed: '\u001b[32m',
  failed: '\u001b[31m',
  skipped: '\u001b[33m',
  'expected-failure': '\u001b[36m',
};
const RESET = '\u001b[0m';

export interface ConsoleOptions {
  /** ANSI colors for the result column (pass process.stdout.isTTY). */
  color?: boolean;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

export function formatSummaryTable(verdicts: Verdict[], opts: ConsoleOptions = {}): string {
  const header = ['SUITE', 'SCENARIO', 'RESULT', 'CHECKS', 'TIME', 'FAILED CHECKS / SKIP REASON / NOTE'];
  const rows = verdicts.map((v) => {
    const scored = v.checks.filter((c) => !c.soft);
    const note =
      v.status === 'skipped'
        ? (v.skipReason ?? '')
        : v.status === 'failed'
          ? failedChecks(v)
              .map((c) => c.check)
              .join(', ')
          : (v.note ?? '');
    return {
      status: v.status,
      cells: [
        v.suite,
        testCaseName(v),
        v.status === 'failed' ? 'FAILED' : v.status,
        v.status === 'skipped' ? '-' : `${scored.filter((c) => c.passed).length}/${scored.length}`,
        v.status === 'skipped' ? '-' : seconds(v.durationMs),
        note,
      ],
    };
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r.cells[i] ?? '').length)));
  // Pad before coloring: escape codes have no width on screen but count in String.length.
  const line = (cells: string[], status?: Verdict['status']) =>
    cells
      .map((c, i) => {
        const padded = i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0);
        return i === 2 && status && opts.color ? `${ANSI[status]}${padded}${RESET}` : padded;
      })
      .join('  ')
      .trimEnd();
  const t = totals(verdicts);
  const total = verdicts.reduce((sum, v) => sum + v.durationMs, 0);
  return [
    line(header),
    ...rows.map((r) => line(r.cells, r.status)),
    '',
    `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped${t.expectedFailures > 0 ? `, ${t.expectedFailures} expected failure${t.expectedFailures === 1 ? '' : 's'}` : ''} (${t.total} scenario${t.total === 1 ? '' : 's'}, ${seconds(total)} scenario time)`,
  ].join('\n');
}
