// Suites: the format (schema.ts), loading with positions and checks (load.ts), shipped files.
export * from './schema.js';
export { containerKinds, containerSpecs, type ContainerKind, type ContainerSpec, type PodContainer } from './containers.js';
export { loadSuites, type LoadedScenario, type LoadedSuite, type LoadOptions } from './load.js';
export { schemaProblems } from './schema-problems.js';
export { GateName, StrictMap } from './schema-parts.js';
export { packageRoot, schemasDir, shippedPodNames, shippedSuiteNames, shippedSuitesDir } from './shipped.js';
export { renderSchema } from './render-schema.js';
export {
  joinPointer,
  parsePointer,
  parseYaml,
  problemAt,
  readYaml,
  SourceMap,
  type Anchor,
  type Locator,
  type SourcePosition,
  type YamlDocument,
} from './yaml-source.js';
