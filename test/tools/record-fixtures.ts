// Copies the observations of a real run into test/fixtures/observations/real/, unchanged, so `npm test`
// judges what that kubelet did offline (test/unit/verdict/real-cluster.test.ts). Only scenarios that
// passed, and not controls: a fixture must pass the shipped expectations as recorded. An existing
// recording is never replaced.
//   npx tsx test/tools/record-fixtures.ts reports/1.37-defaults/report.json [--only R01,R18]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Observation } from '../../lib/observe/types.js';

interface Report {
  verdicts: Array<{ suite: string; scenario: string; status: string; id?: string; note?: string }>;
  observations: Observation[];
}

const [file, flag, only] = process.argv.slice(2);
if (!file || (flag && flag !== '--only')) {
  console.error('usage: record-fixtures.ts REPORT.json [--only ID,ID]');
  process.exit(2);
}
const ids = only ? new Set(only.split(',')) : undefined;
const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
const dir = join(import.meta.dirname, '..', 'fixtures', 'observations', 'real');
let written = 0;
for (const o of report.observations) {
  const v = report.verdicts.find((x) => x.suite === o.suite && x.scenario === o.scenario);
  if (!v || v.status !== 'passed' || v.note?.includes('control')) continue;
  if (ids && !(v.id && ids.has(v.id))) continue;
  const name = `${o.kubernetesVersion}-${v.id ? `${v.id}-` : ''}${o.scenario}.json`;
  // Recordings other tests build deviations on stay as they are.
  if (existsSync(join(dir, name))) continue;
  writeFileSync(join(dir, name), `${JSON.stringify(o, null, 1)}\n`);
  written++;
}
console.log(`wrote ${written} recordings to ${dir}`);
