// The machine-readable report: the whole RunReport, timelines included, so a run can be re-judged
// or turned into a fixture later.
import type { RunReport } from './types.js';

export function buildJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
