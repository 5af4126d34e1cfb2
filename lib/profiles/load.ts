// Finding and reading profile files: shipped names (clusters/<name>.yaml in this package) or paths.
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { closestKey } from '../input/describe.js';
import { schemaProblems } from '../input/schema-problems.js';
import { packageRoot } from '../package.js';
import { SourceMap, parseYaml } from '../input/yaml-source.js';
import { resolveProfile } from './resolve.js';
import { ProfileSchema, type ProfileDocument } from './schema.js';
import type { ClusterProfile } from './types.js';

/** The profile a run, a plan or a validation uses when none is named. */
export const DEFAULT_PROFILE = '1.35-gates-on';

/** Directory of the profiles shipped with the package (the same from the source tree, dist/ and node_modules). */
export function shippedProfilesDir(): string {
  return join(packageRoot(), 'clusters');
}

/** Names of the shipped profiles, sorted. */
export async function listShippedProfiles(): Promise<string[]> {
  const files = await readdir(shippedProfilesDir());
  return files
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** A bare name ("1.35-gates-on") means a shipped profile; anything with a slash or a YAML extension is a path. */
export function isProfilePath(nameOrPath: string): boolean {
  return nameOrPath.includes('/') || nameOrPath.includes('\\') || /\.ya?ml$/.test(nameOrPath);
}

/**
 * Parses, validates and resolves profile text. Pure: no file access (`file` only names the source in
 * problems). Throws InputError listing every problem with file:line:column.
 */
export function parseProfile(text: string, file: string): ClusterProfile {
  const map = new SourceMap();
  const doc = parseYaml(text, file, map);
  if (doc.problems.length > 0) throw new InputError(doc.problems);
  const locate = map.locator(doc.value, doc.at);
  const problems = schemaProblems(ProfileSchema, doc.value, locate);
  if (problems.length > 0) throw new InputError(problems.sort((a, b) => a.line - b.line || a.column - b.column));
  return resolveProfile(doc.value as ProfileDocument, { file, locate });
}

/** Loads a shipped profile by name or a profile file by path (relative to the working directory). */
export async function loadProfile(nameOrPath: string): Promise<ClusterProfile> {
  const file = isProfilePath(nameOrPath) ? resolve(nameOrPath) : join(shippedProfilesDir(), `${nameOrPath}.yaml`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (isProfilePath(nameOrPath)) {
      const found = `no readable profile (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
      throw new InputError([{ file, line: 0, column: 0, path: '', found, expected: 'a profile YAML file' }]);
    }
    // A name: said as the name, with the closest shipped one, never as a path inside the installed package.
    const shipped = await listShippedProfiles().catch(() => []);
    const guess = closestKey(nameOrPath, shipped);
    throw new InputError([
      {
        file: `profile ${nameOrPath}`,
        line: 0,
        column: 0,
        path: '',
        found: `no shipped profile named "${nameOrPath}"${guess ? ` (did you mean "${guess}"?)` : ''}`,
        expected: `a shipped profile name (${shipped.join(', ') || 'none found'}) or a path to a profile file`,
      },
    ]);
  }
  return parseProfile(text, file);
}
