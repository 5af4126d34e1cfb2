// The per-scenario evidence bundle as files a person opens directly (sonobuoy-style), next to the
// machine reports: <dir>/evidence/<suite>/<scenario>/{failure.txt,timeline.txt,events.txt,...}.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { originOf } from '../expectations/timeline.js';
import { failureDetails } from './failure-text.js';
import { formatTimeline } from './timeline.js';
import { evidenceFor, observationFor, type RunReport } from './types.js';

const safe = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '_');

/** Writes one folder per scenario that has evidence; returns the folders written. */
export async function writeEvidenceFiles(report: RunReport, root: string): Promise<string[]> {
  const written: string[] = [];
  for (const verdict of report.verdicts) {
    const evidence = evidenceFor(report, verdict);
    if (!evidence) continue;
    const observation = observationFor(report, verdict);
    const dir = join(root, 'evidence', safe(verdict.suite), safe(verdict.scenario));
    await mkdir(join(dir, 'logs'), { recursive: true });
    const files: Array<[string, string | undefined]> = [
      ['failure.txt', failureDetails(verdict, observation, evidence)],
      ['timeline.txt', observation ? formatTimeline(observation.timeline, originOf(observation)) : undefined],
      ['events.txt', evidence.events],
      ['journal.txt', evidence.journalFile],
      ['kubelet.log', evidence.kubeletJournal],
      ['crictl.txt', evidence.crictl],
      ['not-collected.txt', evidence.errors?.join('\n')],
      ...(evidence.logs ?? []).map((l): [string, string] => [
        join('logs', `${safe(l.container)}${l.previous ? '.previous' : ''}.log`),
        l.text,
      ]),
    ];
    await Promise.all(
      files
        .filter(([, text]) => text !== undefined)
        .map(([name, text = '']) => writeFile(join(dir, name), text.endsWith('\n') ? text : `${text}\n`)),
    );
    written.push(dir);
  }
  return written;
}
