// Writes a benchmark's outputs: bench.json (the report, re-renderable offline), bench.md, bench.html
// (charts and tables in one self-contained page) and the charts as separate SVG files.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { latencyCdfSvg, recoveryBarsSvg, stackedStepsSvg } from './chart.js';
import { benchHtml, latencySeries, recoveryGroups, recreateBars } from './html.js';
import { benchMarkdown } from './markdown.js';
import { KEP_TARGET_MS, KEP_TARGET_PERCENTILE, type BenchReport } from './types.js';

export interface BenchFiles {
  json?: string;
  markdown: string;
  html: string;
  svgs: string[];
}

/** Writes the files for one report (with its JSON) or several merged (rendered again from their JSON). */
export async function writeBenchFiles(
  reports: readonly BenchReport[],
  dir: string,
  opts: { json?: boolean } = {},
): Promise<BenchFiles> {
  await mkdir(dir, { recursive: true });
  const files: BenchFiles = { markdown: join(dir, 'bench.md'), html: join(dir, 'bench.html'), svgs: [] };
  if (opts.json !== false && reports.length === 1) {
    files.json = join(dir, 'bench.json');
    await writeFile(files.json, `${JSON.stringify(reports[0], null, 2)}\n`);
  }
  await writeFile(files.markdown, benchMarkdown(reports));
  await writeFile(files.html, benchHtml(reports));
  const svg = async (name: string, text: string) => {
    const file = join(dir, name);
    await writeFile(file, text);
    files.svgs.push(file);
  };
  const series = latencySeries(reports);
  if (series.length > 0) {
    await svg(
      'latency.svg',
      latencyCdfSvg(series, {
        title: 'Restart latency: exit → first container running',
        targetMs: KEP_TARGET_MS,
        targetPercentile: KEP_TARGET_PERCENTILE,
      }),
    );
  }
  for (const r of reports) {
    if (!r.fleet) continue;
    const v = r.cluster.kubernetesVersion;
    await svg(
      `recovery-${v}.svg`,
      recoveryBarsSvg(recoveryGroups(r), { title: `Fleet recovery by strategy and N (${v})` }),
    );
    const bars = recreateBars(r);
    if (bars.length > 0)
      await svg(`recreate-phases-${v}.svg`, stackedStepsSvg(bars, { title: `Recreate: where the time goes (${v})` }));
  }
  return files;
}
