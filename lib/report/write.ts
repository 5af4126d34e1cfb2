// Writes the report files of one run into a directory (created when missing).
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildHtml } from './html.js';
import { buildJson } from './json.js';
import { buildJUnit } from './junit.js';
import { writeEvidenceFiles } from './evidence-files.js';
import { buildMarkdown } from './markdown.js';
import type { RunReport } from './types.js';

export interface ReportPaths {
  junit: string;
  json: string;
  markdown: string;
  /** Self-contained page with a swimlane picture per scenario. */
  html: string;
  /** One folder per scenario with evidence (evidence/<suite>/<scenario>/). */
  evidence: string[];
}

export const REPORT_FILES = {
  junit: 'junit.xml',
  json: 'report.json',
  markdown: 'summary.md',
  html: 'report.html',
} as const;

export async function writeReports(report: RunReport, dir: string): Promise<ReportPaths> {
  const root = resolve(dir);
  await mkdir(root, { recursive: true });
  const files = {
    junit: join(root, REPORT_FILES.junit),
    json: join(root, REPORT_FILES.json),
    markdown: join(root, REPORT_FILES.markdown),
    html: join(root, REPORT_FILES.html),
  };
  await Promise.all([
    writeFile(files.junit, buildJUnit(report)),
    writeFile(files.json, buildJson(report)),
    writeFile(files.markdown, buildMarkdown(report)),
    writeFile(files.html, buildHtml(report)),
  ]);
  return { ...files, evidence: await writeEvidenceFiles(report, root) };
}
