// lib/input: what every input format (suites, cluster profiles, plain manifests) shares. YAML read with
// positions, so every problem points at file:line:column (yaml-source.ts); ajv errors turned into problems
// a person can act on (schema-problems.ts); the schema building blocks of the formats (schema-parts.ts); and
// how a problem speaks: "did you mean …?" and a found value described (describe.ts).
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
export { schemaProblems } from './schema-problems.js';
export {
  containerName,
  DNS_LABEL,
  GateName,
  Seconds,
  StrictMap,
  strict,
  VersionedText,
  VersionRange,
} from './schema-parts.js';
export { closestKey, describeValue, editDistance } from './describe.js';
