// `npm run schemas`: writes schemas/<name>.schema.json for every schema in the registry (schema.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderSchema } from './render-schema.js';
import { schemas } from './schema.js';
import { schemasDir } from './shipped.js';

const dir = schemasDir();
await mkdir(dir, { recursive: true });
for (const [name, schema] of Object.entries(schemas)) {
  const file = path.join(dir, `${name}.schema.json`);
  await writeFile(file, renderSchema(name, schema));
  console.log(`wrote ${path.relative(process.cwd(), file) || file}`);
}
