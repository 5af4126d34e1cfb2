import type { PatchType, PodSubresource } from '../kube/client.js';
import type { ExecResult } from '../kube/exec.js';
import type { ApiOutcome } from '../kube/status.js';
import type { TriggerT } from '../suite/schema.js';

/** The trigger kinds of the suite format: the single key of each `trigger` variant (exit, exec, self, patch). */
export type TriggerKindName = TriggerT extends infer U ? (U extends unknown ? keyof U : never) : never;

/** The spec of one trigger kind, as the suite format declares it. */
export type TriggerSpec<K extends TriggerKindName> = Extract<TriggerT, Record<K, unknown>>[K];

/** The pod a trigger acts on: exec in one of its containers, patch it. Bound to one pod. */
export interface TriggerTarget {
  exec(container: string, command: string[], opts?: { timeoutMs?: number }): Promise<ExecResult>;
  patchPod(body: unknown, type: PatchType, subresource?: PodSubresource): Promise<ApiOutcome>;
}

export interface TriggerContext {
  target: TriggerTarget;
  /** Milliseconds since the epoch (injectable for tests). */
  now?: () => number;
  /** Deadline for an exec the trigger runs (default 30 s). */
  execTimeoutMs?: number;
}

export interface TriggerResult {
  /** When the trigger acted: taken right before the action, so nothing it caused can predate it. */
  at: number;
  /** API answer of a patch trigger. */
  outcome?: ApiOutcome;
  /** The exec the trigger ran, when it ran one. */
  exec?: ExecResult & { container: string; command: string[] };
  /** What was done, in words (for the timeline). */
  note: string;
}

/** A trigger could not do its job (the flag file could not be written, ...). */
export class TriggerError extends Error {
  constructor(
    readonly trigger: string,
    detail: string,
  ) {
    super(`trigger ${trigger} failed: ${detail}`);
    this.name = 'TriggerError';
  }
}

/** One trigger kind: how to run its spec. */
export interface TriggerKind<Spec> {
  describe(spec: Spec): string;
  run(spec: Spec, ctx: TriggerContext): Promise<TriggerResult>;
}
