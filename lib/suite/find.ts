// Which loaded scenario a recorded observation was a run of: the same suite name and scenario name.
import type { Observation } from '../observe/types.js';
import type { LoadedSuite } from './load.js';
import type { ScenarioT } from './schema.js';

export function findScenario(
  suites: LoadedSuite[],
  observation: Pick<Observation, 'suite' | 'scenario'>,
): ScenarioT | undefined {
  return suites
    .find((s) => s.suite.name === observation.suite)
    ?.scenarios.find((x) => x.scenario.name === observation.scenario)?.scenario;
}
