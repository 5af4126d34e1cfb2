// The trigger table: one module per kind. A trigger kind added to the suite format (schema.ts) does not
// compile until it has a row here.
import type { TriggerT } from '../suite/schema.js';
import { execTrigger } from './exec.js';
import { exitTrigger } from './exit.js';
import { patchTrigger } from './patch.js';
import { selfTrigger } from './self.js';
import type { TriggerContext, TriggerKind, TriggerKindName, TriggerResult, TriggerSpec } from './types.js';

export const triggerKinds: { readonly [K in TriggerKindName]: TriggerKind<TriggerSpec<K>> } = {
  exit: exitTrigger,
  exec: execTrigger,
  self: selfTrigger,
  patch: patchTrigger,
};

/** The kind of a trigger spec (its single key). */
export function triggerKindOf(trigger: TriggerT): TriggerKindName {
  const keys = Object.keys(trigger).filter((k): k is TriggerKindName => k in triggerKinds);
  if (keys.length !== 1)
    throw new Error(
      `a trigger has exactly one of ${Object.keys(triggerKinds).join(', ')}; got ${JSON.stringify(Object.keys(trigger))}`,
    );
  return keys[0] as TriggerKindName;
}

function specOf(trigger: TriggerT): { kind: TriggerKindName; spec: unknown } {
  const kind = triggerKindOf(trigger);
  return { kind, spec: (trigger as Record<string, unknown>)[kind] };
}

export function describeTrigger(trigger: TriggerT): string {
  const { kind, spec } = specOf(trigger);
  return (triggerKinds[kind] as TriggerKind<unknown>).describe(spec);
}

export async function runTrigger(
  trigger: TriggerT,
  ctx: TriggerContext,
): Promise<TriggerResult & { kind: TriggerKindName }> {
  const { kind, spec } = specOf(trigger);
  const result = await (triggerKinds[kind] as TriggerKind<unknown>).run(spec, ctx);
  return { ...result, kind };
}
