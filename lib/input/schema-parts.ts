// Schema building blocks shared by the input formats (the suite schema, cluster profiles).
import { Type, type Static, type TSchema, type TString, type SchemaOptions } from '@sinclair/typebox';

/** Objects in input files never carry keys the schema does not name: a typo must be an error. */
export const strict = { additionalProperties: false } as const;

export const Seconds = (description: string, dflt?: number) =>
  Type.Integer({ minimum: 1, maximum: 3600, description, ...(dflt === undefined ? {} : { default: dflt }) });

/** DNS-1123 label, as Kubernetes requires for container names. */
export const DNS_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

export const containerName = (description = 'Name of a container of the scenario pod (init, sidecar or regular).') =>
  Type.String({ pattern: DNS_LABEL, maxLength: 63, description });

/**
 * A map whose keys must match `key` and whose values match `value`. Unlike TypeBox's Record
 * (patternProperties, unknown keys silently allowed), a key that does not match is an error, and
 * the key schema keeps its description for error messages and editors (JSON Schema propertyNames).
 */
export function StrictMap<V extends TSchema>(key: TString, value: V, options: SchemaOptions = {}) {
  return Type.Unsafe<Record<string, Static<V>>>({
    ...options,
    type: 'object',
    propertyNames: key,
    additionalProperties: value,
  });
}

/** A version range such as ">=1.36", "<1.36", "1.35" (that minor), or "*". Same grammar as lib/k8s-version.ts. */
export const VersionRange = Type.String({
  pattern: '^(\\*|(>=|<=|>|<|=)?\\s*v?\\d+\\.\\d+(\\.\\d+)?)$',
  description: 'Kubernetes version range: "*", "1.35" (that minor), ">=1.36", "<1.36", "=1.35.8".',
});

/** A text that may differ per Kubernetes version: a plain string, or a map of version range to text. */
export const VersionedText = Type.Union(
  [
    Type.String(),
    StrictMap(VersionRange, Type.String(), {
      description: 'Text per Kubernetes version range; the first range that contains the server version wins.',
    }),
  ],
  { description: 'A substring expected in a message, optionally per Kubernetes version range.' },
);

/** Feature gate name, e.g. RestartAllContainersOnContainerExits. */
export const GateName = Type.String({ pattern: '^[A-Z][A-Za-z0-9]+$', description: 'A Kubernetes feature gate name.' });
