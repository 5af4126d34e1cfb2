// The one way the harness runs a program on the host (kind, docker, kubectl, go, the node-image scripts):
// execa, never rejecting, the result a plain value. Callers take a HostCommand, so tests inject a fake.
import { execa } from 'execa';

export interface CommandResult {
  /** Exit code; -1 when the command could not be started (see `notFound`). */
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The executable was not found on PATH. */
  notFound?: boolean;
  timedOut?: boolean;
  /** Ended through CommandOptions.signal. */
  canceled?: boolean;
  /** The signal that ended the command, when one did. */
  signal?: string;
  /** The command line, for messages. */
  command: string;
}

export interface CommandOptions {
  timeoutMs?: number;
  env?: Record<string, string>;
  input?: string;
  /** Called with each line of stderr and stdout as it arrives (progress output). */
  onLine?: (line: string) => void;
  /** Aborting it ends the command (SIGTERM); the result then has `canceled`. */
  signal?: AbortSignal;
}

export type HostCommand = (file: string, args: string[], opts?: CommandOptions) => Promise<CommandResult>;

function quote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(file: string, args: string[]): string {
  return [file, ...args].map(quote).join(' ');
}

/** execa, never rejecting: a failure is a CommandResult with its exit code and output. */
export const runHostCommand: HostCommand = async (file, args, opts = {}) => {
  const sub = execa(file, args, {
    reject: false,
    ...(opts.timeoutMs ? { timeout: opts.timeoutMs } : {}),
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
    ...(opts.input !== undefined ? { input: opts.input } : { stdin: 'ignore' as const }),
    stripFinalNewline: true,
  });
  if (opts.onLine) {
    const onLine = opts.onLine;
    for (const stream of [sub.stdout, sub.stderr]) {
      let pending = '';
      stream?.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        const lines = pending.split(/\r?\n/);
        pending = lines.pop() ?? '';
        for (const l of lines) if (l.trim()) onLine(l);
      });
      stream?.on('end', () => {
        if (pending.trim()) onLine(pending);
      });
    }
  }
  const r = await sub;
  const notFound = (r as { code?: string }).code === 'ENOENT' || /ENOENT/.test(String(r.shortMessage ?? ''));
  return {
    exitCode: typeof r.exitCode === 'number' ? r.exitCode : -1,
    stdout: String(r.stdout ?? ''),
    stderr: String(r.stderr ?? '') || (typeof r.exitCode === 'number' ? '' : String(r.shortMessage ?? '')),
    ...(notFound ? { notFound: true } : {}),
    ...(r.timedOut ? { timedOut: true } : {}),
    ...(r.isCanceled ? { canceled: true } : {}),
    ...(r.signal ? { signal: r.signal } : {}),
    command: commandLine(file, args),
  };
};

/** One line describing a failed command: `kind delete cluster --name x exited 1: <stderr tail>`. */
export function describeFailure(r: CommandResult): string {
  const how = r.notFound
    ? 'could not start (not found on PATH)'
    : r.timedOut
      ? 'timed out'
      : r.canceled
        ? 'was stopped'
        : `exited ${r.exitCode}`;
  const tail = (r.stderr || r.stdout).trim().split('\n').slice(-5).join('\n');
  return `${r.command} ${how}${tail ? `: ${tail}` : ''}`;
}
