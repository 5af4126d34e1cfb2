// Suites: the format (schema.ts), loading with positions and checks (load.ts), a scenario's steps
// (steps.ts), shipped files (shipped.ts). YAML positions and schema problems come from lib/input.
export * from './schema.js';
export { loadSuites, type LoadedScenario, type LoadedSuite, type LoadOptions } from './load.js';
export { schemasDir, shippedPodNames, shippedSuiteNames, shippedSuitesDir } from './shipped.js';
