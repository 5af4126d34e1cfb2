// self: the pod exits on its own; nothing to do but note the time observation starts.
import type { TriggerKind, TriggerSpec } from './types.js';

export const selfTrigger: TriggerKind<TriggerSpec<'self'>> = {
  describe: (s) => `${s.container} exits on its own${s.description ? ` (${s.description})` : ''}`,
  async run(spec, ctx) {
    const at = (ctx.now ?? Date.now)();
    return { at, note: `no action: waiting for ${spec.container} to exit on its own` };
  },
};
