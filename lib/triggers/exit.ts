// exit: make a cooperating container exit with a code. The container waits for a flag file and
// exits with the code written in it; the harness writes the file by exec (in `via`, or in the
// exiting container itself).
import { errorText } from '../errors.js';
import { DEFAULT_FLAG_FILE } from '../suite/schema.js';
import { TriggerError, type TriggerKind, type TriggerSpec } from './types.js';

/**
 * argv that writes `code` into `flagFile` (values passed as arguments, never spliced into the script).
 * Written beside and renamed into place, so the waiting container never reads a half-written file.
 */
export function flagCommand(code: number, flagFile: string): string[] {
  return ['sh', '-c', 'printf %s "$1" > "$2.tmp" && mv "$2.tmp" "$2"', 'sh', String(code), flagFile];
}

export const exitTrigger: TriggerKind<TriggerSpec<'exit'>> = {
  describe: (s) =>
    `exit ${s.container} with code ${s.code} (flag ${s.flagFile ?? DEFAULT_FLAG_FILE}${s.via ? ` via ${s.via}` : ''})`,
  async run(spec, ctx) {
    const now = ctx.now ?? Date.now;
    const flagFile = spec.flagFile ?? DEFAULT_FLAG_FILE;
    const container = spec.via ?? spec.container;
    const command = flagCommand(spec.code, flagFile);
    const at = now();
    let result;
    try {
      result = await ctx.target.exec(container, command, { timeoutMs: ctx.execTimeoutMs ?? 30_000 });
    } catch (e) {
      throw new TriggerError('exit', `writing ${flagFile} in container ${container}: ${errorText(e)}`);
    }
    if (result.exitCode !== 0) {
      throw new TriggerError(
        'exit',
        `writing ${flagFile} in container ${container} exited ${result.exitCode}: ${result.stderr.trim() || result.stdout.trim()}`,
      );
    }
    return {
      at,
      exec: { ...result, container, command },
      note: `wrote ${spec.code} to ${flagFile} in ${container}; ${spec.container} is expected to exit with ${spec.code}`,
    };
  },
};
