import { expect } from 'chai';
import type { ExecResult } from '../../../lib/kube/exec.js';
import { describeTrigger, runTrigger, triggerKindOf, triggerKinds } from '../../../lib/triggers/registry.js';
import { TriggerError, type TriggerTarget } from '../../../lib/triggers/types.js';
import type { ApiOutcome } from '../../../lib/kube/status.js';

/** A target that records calls and answers as told. */
function target(answer: { exec?: ExecResult | Error; patch?: ApiOutcome } = {}): TriggerTarget & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    async exec(container, command, opts) {
      calls.push({ exec: { container, command, opts } });
      const a = answer.exec ?? { exitCode: 0, stdout: '', stderr: '' };
      if (a instanceof Error) throw a;
      return a;
    },
    async patchPod(body, type, subresource) {
      calls.push({ patch: { body, type, subresource } });
      return answer.patch ?? { accepted: true, warnings: [] };
    },
  };
}

describe('triggers', () => {
  it('has one module per kind in one table', () => {
    expect(Object.keys(triggerKinds)).to.deep.equal(['exit', 'exec', 'self', 'patch']);
    expect(triggerKindOf({ exit: { container: 'trigger', code: 42 } })).to.equal('exit');
    expect(() => triggerKindOf({} as never)).to.throw(/exactly one of exit, exec, self, patch/);
  });

  it('exit writes the code into the flag file in the exiting container, passing values as arguments', async () => {
    const t = target();
    const r = await runTrigger({ exit: { container: 'trigger', code: 42 } }, { target: t, now: () => 7 });
    expect(t.calls).to.deep.equal([
      {
        exec: {
          container: 'trigger',
          command: ['sh', '-c', 'printf %s "$1" > "$2.tmp" && mv "$2.tmp" "$2"', 'sh', '42', '/shared/go'],
          opts: { timeoutMs: 30000 },
        },
      },
    ]);
    expect(r).to.include({ kind: 'exit', at: 7 });
    expect(r.note).to.equal('wrote 42 to /shared/go in trigger; trigger is expected to exit with 42');
  });

  it('exit goes through `via` with a custom flag file', async () => {
    const t = target();
    await runTrigger(
      { exit: { container: 'sidecar', code: 3, flagFile: '/shared/sidecar-go', via: 'bystander' } },
      { target: t },
    );
    expect((t.calls[0] as { exec: { container: string; command: string[] } }).exec.container).to.equal('bystander');
    expect((t.calls[0] as { exec: { command: string[] } }).exec.command.slice(-2)).to.deep.equal([
      '3',
      '/shared/sidecar-go',
    ]);
    expect(
      describeTrigger({ exit: { container: 'sidecar', code: 3, flagFile: '/shared/sidecar-go', via: 'bystander' } }),
    ).to.equal('exit sidecar with code 3 (flag /shared/sidecar-go via bystander)');
  });

  it('exit fails loudly when the flag file cannot be written', async () => {
    const t = target({
      exec: { exitCode: 1, stdout: '', stderr: "sh: can't create /shared/go: Read-only file system" },
    });
    const err = await runTrigger({ exit: { container: 'trigger', code: 42 } }, { target: t }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(TriggerError);
    expect(String(err)).to.equal(
      "TriggerError: trigger exit failed: writing /shared/go in container trigger exited 1: sh: can't create /shared/go: Read-only file system",
    );
    const err2 = await runTrigger(
      { exit: { container: 'trigger', code: 42 } },
      { target: target({ exec: new Error('container not found') }) },
    ).catch((e: unknown) => e);
    expect(String(err2)).to.match(/writing \/shared\/go in container trigger: container not found/);
  });

  it('exec records the exit code without judging it, and survives a stream the command cut', async () => {
    const r = await runTrigger(
      { exec: { container: 'bystander', command: ['sh', '-c', 'exit 3'] } },
      { target: target({ exec: { exitCode: 3, stdout: 'o', stderr: '' } }) },
    );
    expect(r.exec).to.deep.equal({
      exitCode: 3,
      stdout: 'o',
      stderr: '',
      container: 'bystander',
      command: ['sh', '-c', 'exit 3'],
    });
    const cut = await runTrigger(
      { exec: { container: 'bystander', command: ['kill', '1'] } },
      { target: target({ exec: new Error('connection closed') }) },
    );
    expect(cut.exec).to.equal(undefined);
    expect(cut.note).to.match(/ended without an exit status: connection closed/);
  });

  it('self does nothing but note the time', async () => {
    const t = target();
    const r = await runTrigger({ self: { container: 'trigger' } }, { target: t, now: () => 5 });
    expect(t.calls).to.deep.equal([]);
    expect(r).to.deep.equal({ kind: 'self', at: 5, note: 'no action: waiting for trigger to exit on its own' });
  });

  it('patch sends the body as given and keeps the API outcome', async () => {
    const rejected: ApiOutcome = {
      accepted: false,
      error: {
        status: 422,
        reason: 'Invalid',
        message: 'Pod "x" is invalid: spec: Forbidden: pod updates may not change fields other than ...',
        causes: [],
      },
      warnings: [],
    };
    const t = target({ patch: rejected });
    const body = { spec: { containers: [{ name: 'trigger', restartPolicyRules: [] }] } };
    const r = await runTrigger({ patch: { type: 'strategic', body } }, { target: t });
    expect(t.calls).to.deep.equal([{ patch: { body, type: 'strategic', subresource: undefined } }]);
    expect(r.outcome).to.equal(rejected);
    expect(r.note).to.match(/^patch rejected: 422 Invalid: Pod "x" is invalid/);
  });
});
