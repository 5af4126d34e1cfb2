// patch: patch the running pod; the API server's answer is the result (update-validation negatives).
import { formatApiError } from '../kube/status.js';
import type { TriggerKind, TriggerSpec } from './types.js';

export const patchTrigger: TriggerKind<TriggerSpec<'patch'>> = {
  describe: (s) => `${s.type} patch of the pod${s.subresource ? `/${s.subresource}` : ''}`,
  async run(spec, ctx) {
    const at = (ctx.now ?? Date.now)();
    const outcome = await ctx.target.patchPod(spec.body ?? {}, spec.type, spec.subresource);
    return {
      at,
      outcome,
      note: outcome.accepted
        ? `patch accepted${outcome.warnings.length ? ` with warnings: ${outcome.warnings.join('; ')}` : ''}`
        : `patch rejected: ${outcome.error ? formatApiError(outcome.error) : 'no error text'}`,
    };
  },
};
