// The observations recorded on real kind clusters (test/fixtures/observations/real) and the shipped
// scenarios they were runs of.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Observation } from '../../../lib/observe/types.js';
import { loadSuites } from '../../../lib/suite/load.js';
import type { ScenarioT } from '../../../lib/suite/schema.js';

export const REAL_FIXTURES = join(process.cwd(), 'test', 'fixtures', 'observations', 'real');

export const real = (file: string): Observation =>
  JSON.parse(readFileSync(join(REAL_FIXTURES, file), 'utf8')) as Observation;

let core: ReturnType<typeof loadSuites> | undefined;

/** A scenario of the shipped core suite (loaded once: loading takes seconds on a busy machine). */
export async function coreScenario(name: string): Promise<ScenarioT> {
  const [loaded] = await (core ??= loadSuites(['core']));
  const s = loaded?.scenarios.find((x) => x.scenario.name === name)?.scenario;
  if (!s) throw new Error(`no core scenario ${name}`);
  return s;
}
