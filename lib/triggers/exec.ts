// exec: run an arbitrary command in a container. Its exit code is recorded, not judged: the
// command may well kill the container it runs in.
import { errorText } from '../errors.js';
import type { TriggerKind, TriggerSpec } from './types.js';

export const execTrigger: TriggerKind<TriggerSpec<'exec'>> = {
  describe: (s) => `exec in ${s.container}: ${JSON.stringify(s.command)}`,
  async run(spec, ctx) {
    const now = ctx.now ?? Date.now;
    const at = now();
    try {
      const result = await ctx.target.exec(spec.container, spec.command, { timeoutMs: ctx.execTimeoutMs ?? 30_000 });
      return {
        at,
        exec: { ...result, container: spec.container, command: spec.command },
        note: `exec in ${spec.container} exited ${result.exitCode}`,
      };
    } catch (e) {
      // A command that takes its container down can end the exec stream without a status.
      return { at, note: `exec in ${spec.container} ended without an exit status: ${errorText(e)}` };
    }
  },
};
