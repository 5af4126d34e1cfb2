// The shipped suites, loaded once for all control tests (loading validates every pod: slow on a busy host).
import { loadSuites, type LoadedScenario, type LoadedSuite } from '../../../lib/suite/load.js';
import { shippedSuitesDir } from '../../../lib/suite/shipped.js';

let loaded: Promise<LoadedSuite[]> | undefined;

export function shippedSuites(): Promise<LoadedSuite[]> {
  loaded ??= loadSuites([shippedSuitesDir()]);
  return loaded;
}

/** A shipped scenario by "suite/id" (e.g. core/R01) or by suite and scenario name. */
export async function shippedScenario(key: string, name?: string): Promise<LoadedScenario> {
  const all = (await shippedSuites()).flatMap((s) => s.scenarios);
  const found = all.find((s) =>
    name ? s.suiteName === key && s.scenario.name === name : `${s.suiteName}/${s.scenario.id}` === key,
  );
  if (!found) throw new Error(`no shipped scenario ${key}${name ? ` ${name}` : ''}`);
  return found;
}
