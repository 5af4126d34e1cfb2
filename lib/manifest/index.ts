// Pod manifests: their containers and kinds, structural checks against the Pod API, and JSON patches applied to them.
export {
  containerKinds,
  containerSpecs,
  type ContainerKind,
  type ContainerSpec,
  type PodContainer,
} from './containers.js';
export {
  applyJsonPatch,
  type JsonPatchFailure,
  type JsonPatchHooks,
  type JsonPatchOp,
  type JsonPatchResult,
} from './json-patch.js';
export {
  displayModelName,
  loadApiModels,
  parseTypeExpr,
  type ApiModels,
  type FieldModel,
  type ObjectModel,
  type TypeExpr,
} from './model.js';
export {
  checkPodManifest,
  checkPodWith,
  type ManifestFinding,
  type ManifestRule,
  type PodCheckOptions,
  type PointerLocator,
} from './validate.js';
