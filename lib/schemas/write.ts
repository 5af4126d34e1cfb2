// `npm run schemas`: writes schemas/<name>.schema.json for every schema in the registry (registry.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { schemasDir } from '../suite/shipped.js';
import { schemas } from './registry.js';
import { renderSchema } from './render.js';

const dir = schemasDir();
await mkdir(dir, { recursive: true });
for (const [name, schema] of Object.entries(schemas)) {
  const file = path.join(dir, `${name}.schema.json`);
  await writeFile(file, renderSchema(name, schema));
  console.log(`wrote ${path.relative(process.cwd(), file) || file}`);
}
