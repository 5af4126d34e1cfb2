// report.html from files on disk: run reports (report.json) and recorded observations (one
// Observation per file, as in test/fixtures/observations/real/). An observation is judged with the
// scenario of the same suite and name from the given suites (default: the shipped ones); one
// without a matching scenario is drawn as recorded, not judged.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { errorText, InputError } from '../errors.js';
import type { Observation } from '../observe/types.js';
import { findScenario } from '../suite/find.js';
import { loadSuites, type LoadedSuite } from '../suite/load.js';
import { shippedSuitesDir } from '../suite/shipped.js';
import { judge } from '../verdict/judge.js';
import { renderHtmlPage, type HtmlScenario } from './html.js';
import { observationFor, type RunReport } from './types.js';

export interface HtmlFromFiles {
  html: string;
  scenarios: HtmlScenario[];
}

function isRunReport(v: unknown): v is RunReport {
  return (
    typeof v === 'object' &&
    v !== null &&
    Array.isArray((v as RunReport).verdicts) &&
    Array.isArray((v as RunReport).observations)
  );
}

function isObservation(v: unknown): v is Observation {
  const o = v as Observation;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof o.scenario === 'string' &&
    typeof o.suite === 'string' &&
    Array.isArray(o.timeline)
  );
}

export async function htmlFromFiles(
  files: string[],
  opts: { suites?: string[]; title?: string } = {},
): Promise<HtmlFromFiles> {
  let suites: LoadedSuite[] | undefined;
  const scenarios: HtmlScenario[] = [];
  for (const file of files) {
    let value: unknown;
    try {
      value = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      const found = errorText(e);
      throw new InputError([
        { file, line: 0, column: 0, path: '', found, expected: 'a JSON file: report.json or a recorded observation' },
      ]);
    }
    const source = path.basename(file);
    if (isRunReport(value)) {
      const report = value;
      for (const verdict of report.verdicts) {
        const observation = observationFor(report, verdict);
        scenarios.push({
          verdict,
          ...(observation ? { observation } : {}),
          source: `${source} (${report.profile.name})`,
        });
      }
    } else if (isObservation(value)) {
      suites ??= await loadSuites(opts.suites?.length ? opts.suites : [shippedSuitesDir()]);
      const scenario = findScenario(suites, value);
      scenarios.push(
        scenario ? { observation: value, verdict: judge(scenario, value), source } : { observation: value, source },
      );
    } else {
      throw new InputError([
        {
          file,
          line: 0,
          column: 0,
          path: '',
          found: 'JSON of another shape',
          expected: 'a run report (verdicts, observations) or a recorded observation (suite, scenario, timeline)',
        },
      ]);
    }
  }
  const html = renderHtmlPage({
    title:
      opts.title ??
      (files.length === 1 ? `inplace-e2e: ${path.basename(files[0] as string)}` : `inplace-e2e: ${files.length} files`),
    facts: [['Files', files.map((f) => path.basename(f)).join(', ')]],
    scenarios,
  });
  return { html, scenarios };
}
