// patch: patch the running pod; the API server's answer is the result (update-validation negatives).
import { formatApiError } from '../kube/status.js';
import type { TriggerKind } from './types.js';

export interface PatchSpec {
  type: 'strategic' | 'merge' | 'json';
  body?: unknown;
  subresource?: 'ephemeralcontainers' | 'status';
}

export const patchTrigger: TriggerKind<PatchSpec> = {
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
