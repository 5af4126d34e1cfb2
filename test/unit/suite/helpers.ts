// Shared by the suite tests: load a fixture and get the problems it must produce.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, type InputProblem } from '../../../lib/errors.js';
import { loadSuites } from '../../../lib/suite/index.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const fixtures = path.join(repoRoot, 'test/fixtures/suites');

/** Loads fixture files (paths relative to the fixtures dir, which is also the cwd: files show as given). */
export async function problemsOf(...names: string[]): Promise<InputProblem[]> {
  try {
    await loadSuites(names, { cwd: fixtures });
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error(`expected ${names.join(', ')} to be rejected`);
}

/** "file:line:column path" of each problem: the part a user navigates by. */
export const where = (problems: InputProblem[]) => problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.path}`);
