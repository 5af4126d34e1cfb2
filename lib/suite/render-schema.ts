// The shipped JSON Schema files are rendered here, so write-schemas.ts and the test that keeps the
// committed files current produce byte-identical text.
import type { TSchema } from '@sinclair/typebox';

/** schemas/<name>.schema.json for a registered schema (TypeBox's symbol keys are dropped by JSON). */
export function renderSchema(name: string, schema: TSchema): string {
  const doc = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: typeof schema.title === 'string' ? schema.title : `inplace-e2e ${name}`,
    ...schema,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
