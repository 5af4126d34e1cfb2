// Reading a saved bench.json back (to render several runs together): a file that is not a benchmark
// report is bad input, said as such. Latency figures are recomputed from the stored repetitions.
import { readFile } from 'node:fs/promises';
import { errorText, InputError } from '../errors.js';
import { judgeKep, phaseSummaries } from './summarize.js';
import type { BenchReport } from './types.js';

export async function readBenchReport(file: string): Promise<BenchReport> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new InputError([
      {
        file,
        line: 0,
        column: 0,
        path: '',
        found: errorText(e),
        expected: 'a bench.json written by inplace-e2e bench',
      },
    ]);
  }
  const r = value as Partial<BenchReport>;
  if (
    typeof r !== 'object' ||
    r === null ||
    !Array.isArray(r.latency) ||
    typeof r.cluster?.kubernetesVersion !== 'string'
  ) {
    throw new InputError([
      {
        file,
        line: 0,
        column: 0,
        path: '',
        found: 'JSON without latency and cluster.kubernetesVersion',
        expected: 'a bench.json written by inplace-e2e bench',
      },
    ]);
  }
  // The figures are computed again from the repetitions, so reports written by older versions render like new ones.
  const report = r as BenchReport;
  return {
    ...report,
    latency: report.latency.map((l) => ({ ...l, phases: phaseSummaries(l.reps), kep: judgeKep(l.reps) })),
  };
}
