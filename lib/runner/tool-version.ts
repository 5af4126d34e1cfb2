import { readFileSync } from 'node:fs';
import { packageRoot } from '../suite/shipped.js';
import { join } from 'node:path';

export function toolVersion(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}
