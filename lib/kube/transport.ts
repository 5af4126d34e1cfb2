// Raw REST against the API server named by a kubeconfig file, with that file's TLS and auth
// (client-node's KubeConfig, kubeconfig.ts). Bodies are sent and received as text: JSON manifests go
// out byte for byte as the caller built them.
//
// Why not client-node's typed API clients (CoreV1Api.createNamespacedPod and friends): they pass
// every object through ObjectSerializer, which keeps only the fields its generated models know
// (2.0.1 is generated from the 1.36 OpenAPI) and drops the rest without a word. This harness tests
// fields that are newer than any client release (restartPolicyRules and what follows them) and
// suites that send unknown fields on purpose to see the API server refuse them (fieldValidation
// Strict); a dropped field would turn "the server rejected it" into "the server accepted a
// different pod". Raw text also keeps Warning headers and the server's Status body as they came.
import http from 'node:http';
import https from 'node:https';
import { createInterface } from 'node:readline';
import { KubeApiError } from './errors.js';
import { KubeAccess } from './kubeconfig.js';
import { apiErrorFrom, warningsFromRawHeaders } from './status.js';

export interface RawResponse {
  status: number;
  body: string;
  warnings: string[];
  headers: http.IncomingHttpHeaders;
}

export type QueryParams = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  query?: QueryParams;
  /** Sent verbatim; objects are JSON.stringify'd (never through a typed model). */
  body?: string | object;
  contentType?: string;
  accept?: string;
  /** Socket inactivity timeout; default 30 s. */
  timeoutMs?: number;
}

export function withQuery(path: string, query?: QueryParams): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

/** An HTTP status error from a stream request, with the server's message. */
export class HttpStatusError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpStatusError';
  }
}

export class KubeTransport {
  constructor(readonly access: KubeAccess) {}

  get server(): string {
    return this.access.server;
  }

  private async open(
    method: string,
    full: string,
    headers: Record<string, string>,
    timeoutMs: number,
  ): Promise<http.ClientRequest> {
    const url = new URL(this.server + full);
    const opts = await this.access.connectionOptions({ 'User-Agent': 'inplace-e2e', ...headers });
    const req =
      url.protocol === 'https:' ? https.request(url, { ...opts, method }) : http.request(url, { ...opts, method });
    req.setTimeout(timeoutMs, () =>
      req.destroy(Object.assign(new Error(`no data within ${timeoutMs} ms`), { name: 'TimeoutError' })),
    );
    return req;
  }

  /** Any status comes back as a RawResponse; only a request that got no answer throws (KubeApiError with cause). */
  async request(method: string, path: string, opts: RequestOptions = {}): Promise<RawResponse> {
    const full = withQuery(path, opts.query);
    const headers: Record<string, string> = { Accept: opts.accept ?? 'application/json' };
    let payload: string | undefined;
    if (opts.body !== undefined) {
      payload = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['Content-Type'] = opts.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    let req: http.ClientRequest;
    try {
      req = await this.open(method, full, headers, opts.timeoutMs ?? 30_000);
    } catch (e) {
      throw new KubeApiError(method, full, undefined, e);
    }
    return await new Promise<RawResponse>((resolve, reject) => {
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => reject(new KubeApiError(method, full, undefined, err)));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            warnings: warningsFromRawHeaders(res.rawHeaders),
            headers: res.headers,
          }),
        );
      });
      req.on('error', (err) => reject(new KubeApiError(method, full, undefined, err)));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** Like request, but a non-2xx status throws KubeApiError with the server's Status. */
  async requestOk(method: string, path: string, opts: RequestOptions = {}): Promise<RawResponse> {
    const res = await this.request(method, path, opts);
    if (res.status < 200 || res.status >= 300) {
      throw new KubeApiError(method, withQuery(path, opts.query), apiErrorFrom(res.status, res.body));
    }
    return res;
  }

  async json(method: string, path: string, opts: RequestOptions = {}): Promise<unknown> {
    const res = await this.requestOk(method, path, opts);
    try {
      return JSON.parse(res.body) as unknown;
    } catch {
      throw new KubeApiError(method, withQuery(path, opts.query), {
        status: res.status,
        message: `response is not JSON: ${res.body.slice(0, 200)}`,
        causes: [],
      });
    }
  }

  /**
   * A streaming GET whose body is newline-delimited JSON (a watch). `onLine` gets each parsed
   * line; `onClose` is called exactly once: null when the server ended the stream, else the error
   * (HttpStatusError for a non-200 answer). Resolves once the request is sent.
   */
  async stream(
    path: string,
    query: QueryParams,
    onLine: (value: unknown) => void,
    onClose: (err: unknown) => void,
    opts: { idleTimeoutMs?: number } = {},
  ): Promise<{ abort(): void }> {
    const full = withQuery(path, query);
    let closed = false;
    const close = (err: unknown): void => {
      if (closed) return;
      closed = true;
      onClose(err);
    };
    let req: http.ClientRequest;
    try {
      req = await this.open('GET', full, { Accept: 'application/json' }, opts.idleTimeoutMs ?? 300_000);
    } catch (e) {
      close(e);
      return { abort: () => undefined };
    }
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const e = apiErrorFrom(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'));
          close(new HttpStatusError(res.statusCode ?? 0, `${e.reason ?? 'HTTP'} ${e.status}: ${e.message}`));
        });
        res.on('error', close);
        return;
      }
      const lines = createInterface({ input: res, crlfDelay: Infinity });
      lines.on('line', (line) => {
        if (closed || !line.trim()) return;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          return; // a torn line when the stream is cut; the resume covers it
        }
        onLine(value);
      });
      res.on('error', close);
      lines.on('error', close); // readline re-emits input errors; unhandled they would crash the process
      res.on('aborted', () => close(Object.assign(new Error('stream aborted'), { name: 'AbortError' })));
      lines.on('close', () => close(null));
    });
    req.on('error', close);
    req.end();
    return {
      abort: () => {
        if (closed) return;
        close(Object.assign(new Error('watch stopped'), { name: 'AbortError' }));
        // No error argument: once the response has begun, an error passed here lands on the
        // socket, which by then has no listener, and would crash the process.
        req.destroy();
      },
    };
  }
}
