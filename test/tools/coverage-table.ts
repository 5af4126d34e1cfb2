// Writes the README's coverage table from docs/claims.yaml and the report.json of real runs:
//   npx tsx test/tools/coverage-table.ts reports/*/report.json            (prints it)
//   npx tsx test/tools/coverage-table.ts --write README.md reports/*/report.json
// The table sits between <!-- coverage:start --> and <!-- coverage:end -->. Exit 1 when a claim failed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { coverageTable, type Claim } from '../../lib/report/coverage.js';
import type { RunReport } from '../../lib/report/types.js';

const args = process.argv.slice(2);
const writeTo = args[0] === '--write' ? args[1] : undefined;
const files = writeTo ? args.slice(2) : args;
if (files.length === 0 || (args[0] === '--write' && !writeTo)) {
  console.error('usage: coverage-table.ts [--write README.md] REPORT.json...');
  process.exit(2);
}
const claims = (
  parse(readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'claims.yaml'), 'utf8')) as { claims: Claim[] }
).claims;
const reports = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as RunReport);
const { markdown, failed } = coverageTable(claims, reports);
const profiles = reports
  .map((r) => `${r.profile.name} (${r.profile.kubernetesVersion}, ${r.finishedAt.slice(0, 10)})`)
  .join(', ');
const block = `<!-- coverage:start -->\nFrom real runs: ${profiles}.\n\n${markdown}\n<!-- coverage:end -->`;
if (writeTo) {
  const readme = readFileSync(writeTo, 'utf8');
  if (!/<!-- coverage:start -->[\s\S]*<!-- coverage:end -->/.test(readme)) {
    console.error(`${writeTo} has no <!-- coverage:start --> … <!-- coverage:end --> block`);
    process.exit(2);
  }
  writeFileSync(writeTo, readme.replace(/<!-- coverage:start -->[\s\S]*<!-- coverage:end -->/, block));
} else console.log(block);
process.exit(failed ? 1 : 0);
