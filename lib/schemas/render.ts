// The shipped JSON Schema files are rendered here, so write.ts and the test that keeps the
// committed files current produce byte-identical text.
import type { TSchema } from '@sinclair/typebox';

/**
 * The stable identity of a shipped schema: it names the format version (apiVersion
 * inplace-e2e.dev/v1alpha1), so a schema of another format version never shares it. An identifier,
 * not a download location: editors take the file from the package (`$schema` in each suite).
 */
export function schemaId(name: string): string {
  return `https://inplace-e2e.dev/schemas/v1alpha1/${name}.schema.json`;
}

/** schemas/<name>.schema.json for a registered schema (TypeBox's symbol keys are dropped by JSON). */
export function renderSchema(name: string, schema: TSchema): string {
  const doc = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: schemaId(name),
    title: typeof schema.title === 'string' ? schema.title : `inplace-e2e ${name}`,
    ...schema,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
