// Exec in a container over the API server's websocket, through client-node's public Exec (it
// builds the exec URL and splits the channels), with the exit code taken from the status channel
// (channel 3), not guessed from the streams.
//
// Exec gets its websocket from the connector below, which its constructor accepts in place of the
// library's own handler: that one, on a v5 close frame, ends the *process's* stdin/stdout/stderr
// (its default streams), which would silence the harness's own output. The connector opens the
// socket with the kubeconfig's TLS and credentials (KubeAccess.connectionOptions) and hands every
// frame to Exec; streams are the caller's.
import { Readable, Writable } from 'node:stream';
import type { Exec } from '@kubernetes/client-node';
import WebSocket from 'ws';
import { DeadlineError } from '../errors.js';
import { ExecError } from './errors.js';
import { arrayAt, isObject, stringAt } from './json.js';
import { clientNodeModule, type KubeAccess } from './kubeconfig.js';

/** The websocket source Exec's constructor takes (client-node names it WebSocketInterface). */
type ExecSocketSource = NonNullable<ConstructorParameters<typeof Exec>[1]>;

/** Newest first; v5 adds the close frame that ends stdin without closing the socket. */
const CHANNEL_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const CLOSE_CHANNEL = 255;

/** Websockets to the API server of `access`, answering Exec's connect(path, textHandler, binaryHandler). */
export function execSocketSource(access: KubeAccess): ExecSocketSource {
  return {
    async connect(path, textHandler, binaryHandler) {
      const url = `${access.server.replace(/^http/, 'ws')}${path}`;
      const opts = await access.connectionOptions();
      return (await new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(url, CHANNEL_PROTOCOLS, opts);
        let open = false;
        ws.once('open', () => {
          open = true;
          resolve(ws);
        });
        ws.on('error', (err) => {
          if (!open) reject(err);
        });
        ws.on('message', (data, isBinary) => {
          const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
          if (!isBinary) {
            if (textHandler && !textHandler(buf.toString('utf8'))) ws.close();
            return;
          }
          const channel = buf.readUInt8(0);
          if (channel === CLOSE_CHANNEL) return; // the server ends a stream; our collectors need no signal
          if (binaryHandler && !binaryHandler(channel, buf.subarray(1))) ws.close();
        });
      })) as Awaited<ReturnType<ExecSocketSource['connect']>>;
    },
  };
}

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
  const exec = new (await clientNodeModule()).Exec(access.kubeConfig, execSocketSource(access));
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
