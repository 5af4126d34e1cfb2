import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { listShippedProfiles, shippedProfilesDir } from '../../../lib/profiles/index.js';
import { schemas } from '../../../lib/schemas/registry.js';
import { renderSchema } from '../../../lib/schemas/render.js';

describe('profile JSON Schema (for editors)', () => {
  it('is registered as "profile" and renders with a title', () => {
    expect(Object.keys(schemas)).to.include('profile');
    const doc = JSON.parse(renderSchema('profile', schemas.profile as never)) as { title: string; required: string[] };
    expect(doc.title).to.equal('inplace-e2e cluster profile');
    expect(doc.required).to.include.members(['apiVersion', 'kind', 'name', 'kubernetesVersion', 'nodeImage']);
  });

  it('the rendered schema, as a plain JSON Schema, accepts every shipped profile', async () => {
    const validate = new Ajv({ strict: false }).compile(JSON.parse(renderSchema('profile', schemas.profile as never)));
    for (const name of await listShippedProfiles()) {
      const doc = parse(await readFile(join(shippedProfilesDir(), `${name}.yaml`), 'utf8')) as unknown;
      expect(validate(doc), `${name}: ${JSON.stringify(validate.errors)}`).to.equal(true);
    }
  });
});
