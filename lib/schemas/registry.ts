// Every input format with a shipped JSON Schema: `npm run schemas` (write.ts) writes schemas/<key>.schema.json
// for each entry, and a unit test keeps the committed files equal to what render.ts makes of them.
import type { TSchema } from '@sinclair/typebox';
import { ProfileSchema } from '../profiles/schema.js';
import { Suite } from '../suite/schema.js';

export const schemas: Record<string, TSchema> = { suite: Suite, profile: ProfileSchema };
