// Exec in a container over the API server's websocket (client-node's Exec), with the exit code
// taken from the status channel (channel 3), not guessed from the streams.
//
// Deep imports on purpose: the package index (and its KubeConfig) imports undici 8, which cannot
// load on Node 20; dist/exec.js and dist/web-socket-handler.js only need `ws`. The package has no
// "exports" map, so these paths are part of what 2.0.1 ships. The handler gets a two-method shim
// in place of a KubeConfig: the server URL and our TLS/auth options.
import { PassThrough, Readable, Writable } from 'node:stream';
import type { KubeConfig } from '@kubernetes/client-node';
import { Exec } from '@kubernetes/client-node/dist/exec.js';
import { WebSocketHandler } from '@kubernetes/client-node/dist/web-socket-handler.js';
import { DeadlineError } from '../errors.js';
import { ExecError } from './errors.js';
import { arrayAt, isObject, stringAt } from './json.js';
import type { KubeAccess } from './kubeconfig.js';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** Deadline for the command to finish (default 30 s). */
  timeoutMs?: number;
  /** Written to the command's stdin, which is then closed. */
  stdin?: string;
}

/**
 * The exit code in a status-channel message: `Success` → 0; `NonZeroExitCode` → the `ExitCode`
 * cause; anything else (the exec itself failed) → an error text.
 */
export function exitCodeFromStatus(status: unknown): { exitCode: number } | { error: string } {
  if (!isObject(status)) return { error: `unreadable exec status: ${JSON.stringify(status)}` };
  if (status.status === 'Success') return { exitCode: 0 };
  if (status.reason === 'NonZeroExitCode') {
    const cause = arrayAt(status, 'details', 'causes').find((c) => isObject(c) && c.reason === 'ExitCode');
    const code = Number(stringAt(cause, 'message'));
    if (Number.isInteger(code)) return { exitCode: code };
  }
  const message = stringAt(status, 'message') ?? JSON.stringify(status);
  const m = /exit code (\d+)/.exec(message);
  if (m) return { exitCode: Number(m[1]) };
  return { error: message };
}

class Collector extends Writable {
  private chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.chunks.push(Buffer.from(chunk));
    cb();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** The two KubeConfig methods WebSocketHandler uses, answered from a KubeAccess. */
function configShim(access: KubeAccess): KubeConfig {
  const shim = {
    getCurrentCluster: () => ({ name: access.config.cluster, server: access.server, skipTLSVerify: access.config.insecureSkipTLSVerify === true }),
    applyToHTTPSOptions: async (opts: Record<string, unknown>) => {
      const tls = await access.tlsAndAuth();
      Object.assign(opts, {
        headers: { ...((opts.headers as Record<string, string> | undefined) ?? {}), ...tls.headers },
        ...(tls.ca ? { ca: tls.ca } : {}),
        ...(tls.cert ? { cert: tls.cert } : {}),
        ...(tls.key ? { key: tls.key } : {}),
        ...(tls.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
        ...(tls.servername ? { servername: tls.servername } : {}),
      });
    },
  };
  return shim as unknown as KubeConfig;
}

export async function execInContainer(
  access: KubeAccess,
  namespace: string,
  pod: string,
  container: string,
  command: string[],
  opts: ExecOptions = {},
): Promise<ExecResult> {
  const target = `${namespace}/${pod} -c ${container}`;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const stdout = new Collector();
  const stderr = new Collector();
  const stdin = opts.stdin !== undefined ? Readable.from([Buffer.from(opts.stdin)]) : null;
  // Own stream objects: by default the handler would close process.stdin/stdout on a v5 close frame.
  const config = configShim(access);
  const handler = new WebSocketHandler(config, undefined, {
    stdin: stdin ?? new PassThrough(),
    stdout,
    stderr,
  });
  const exec = new Exec(config, handler);
  return await new Promise<ExecResult>((resolve, reject) => {
    let settled = false;
    let socket: { close(): void; on?: (ev: string, fn: (...a: unknown[]) => void) => void } | undefined;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      socket?.close();
      settle(() =>
        reject(
          new DeadlineError(
            `exec in ${target} ${JSON.stringify(command)} to finish`,
            timeoutMs / 1000,
            `stdout: ${JSON.stringify(stdout.text().slice(-200))}, stderr: ${JSON.stringify(stderr.text().slice(-200))}`,
          ),
        ),
      );
    }, timeoutMs);
    exec
      .exec(namespace, pod, container, command, stdout, stderr, stdin, false, (status) => {
        const r = exitCodeFromStatus(status);
        // Let the stream writes of this tick land before reading the buffers.
        setImmediate(() =>
          settle(() =>
            'exitCode' in r
              ? resolve({ exitCode: r.exitCode, stdout: stdout.text(), stderr: stderr.text() })
              : reject(new ExecError(target, command, `${r.error}; stderr: ${stderr.text().slice(-500)}`)),
          ),
        );
      })
      .then((ws) => {
        socket = ws as unknown as typeof socket;
        ws.on('close', (code: number, reason: Buffer) => {
          setImmediate(() =>
            settle(() =>
              reject(
                new ExecError(
                  target,
                  command,
                  `connection closed (${code}${reason.length ? ` ${reason.toString()}` : ''}) before the command reported an exit status; stdout: ${JSON.stringify(stdout.text().slice(-200))}, stderr: ${JSON.stringify(stderr.text().slice(-200))}`,
                ),
              ),
            ),
          );
        });
        if (settled) ws.close();
      })
      .catch((err: unknown) => {
        const detail = isObject(err) && typeof err.message === 'string' ? err.message : String(err);
        settle(() => reject(new ExecError(target, command, `could not start: ${detail}`)));
      });
  });
}
