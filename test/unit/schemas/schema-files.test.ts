import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import { expect } from 'chai';
import { parse } from 'yaml';
import { renderSchema } from '../../../lib/schemas/render.js';
import { schemas } from '../../../lib/schemas/registry.js';
import { repoRoot } from '../suite/helpers.js';

describe('shipped JSON Schemas', () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`schemas/${name}.schema.json is current (run \`npm run schemas\` after changing the schema)`, async () => {
      const committed = await readFile(path.join(repoRoot, 'schemas', `${name}.schema.json`), 'utf8');
      expect(committed).to.equal(renderSchema(name, schema));
    });
  }

  it('the suite schema file alone (as an editor uses it) accepts the shipped suites and refuses a typo', async () => {
    const file = JSON.parse(await readFile(path.join(repoRoot, 'schemas/suite.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: true, allErrors: true }).compile(file);
    for (const name of ['core', 'validation', 'gate-off', 'sequences']) {
      const suite: unknown = parse(await readFile(path.join(repoRoot, 'suites', `${name}.yaml`), 'utf8'));
      expect(validate(suite), `${name}: ${JSON.stringify(validate.errors)}`).to.equal(true);
    }
    expect(validate({ apiVersion: 'inplace-e2e.dev/v1alpha1', kind: 'Suite', name: 'x', scenarios: [], extra: 1 })).to.equal(false);
  });
});
