// Writes the report files of one run into a directory (created when missing).
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildJson } from './json.js';
import { buildJUnit } from './junit.js';
import { buildMarkdown } from './markdown.js';
import type { RunReport } from './types.js';

export interface ReportPaths {
  junit: string;
  json: string;
  markdown: string;
}

export const REPORT_FILES = { junit: 'junit.xml', json: 'report.json', markdown: 'summary.md' } as const;

export async function writeReports(report: RunReport, dir: string): Promise<ReportPaths> {
  const root = resolve(dir);
  await mkdir(root, { recursive: true });
  const paths: ReportPaths = {
    junit: join(root, REPORT_FILES.junit),
    json: join(root, REPORT_FILES.json),
    markdown: join(root, REPORT_FILES.markdown),
  };
  await Promise.all([
    writeFile(paths.junit, buildJUnit(report)),
    writeFile(paths.json, buildJson(report)),
    writeFile(paths.markdown, buildMarkdown(report)),
  ]);
  return paths;
}
