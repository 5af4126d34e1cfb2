// A kubeconfig FILE turned into what an HTTPS request needs (server, TLS material, credentials).
//
// Why not client-node's KubeConfig: @kubernetes/client-node 2.0.1 imports undici 8 at load time,
// and undici 8 needs Node >= 22.19 (it calls zlib.createZstdDecompress at import); on Node 20 the
// package index cannot even be imported. This loader covers what kind and ordinary clusters use:
// certificate/key (data or file), bearer token (inline or file), basic auth, and exec credential
// plugins. Only the given file is read: never $KUBECONFIG, never ~/.kube/config.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { arrayAt, isObject, stringAt } from './json.js';

export interface ExecPlugin {
  command: string;
  args: string[];
  env: Record<string, string>;
  apiVersion: string;
}

/** The parts of one context of a kubeconfig, with file references already resolved to paths. */
export interface ResolvedKubeconfig {
  file: string;
  context: string;
  cluster: string;
  user: string;
  namespace?: string;
  server: string;
  ca?: Buffer;
  insecureSkipTLSVerify?: boolean;
  tlsServerName?: string;
  cert?: Buffer;
  key?: Buffer;
  token?: string;
  tokenFile?: string;
  basic?: { username: string; password: string };
  exec?: ExecPlugin;
}

function b64(value: string): Buffer {
  return Buffer.from(value, 'base64');
}

/** Pure: resolves `context` (default: current-context) of a kubeconfig text. Throws with the reason when it cannot. */
export function parseKubeconfig(text: string, file: string, context?: string, readFile: (p: string) => Buffer = (p) => readFileSync(p)): ResolvedKubeconfig {
  const doc: unknown = parseYaml(text);
  if (!isObject(doc)) throw new Error(`kubeconfig ${file}: not a YAML mapping`);
  const dir = path.dirname(path.resolve(file));
  const abs = (p: string): string => (path.isAbsolute(p) ? p : path.join(dir, p));
  const named = (list: string, name: string, key: string): unknown => {
    const entry = arrayAt(doc, list).find((e) => stringAt(e, 'name') === name);
    if (!entry) throw new Error(`kubeconfig ${file}: no ${list.replace(/s$/, '')} named "${name}"`);
    return isObject(entry) ? entry[key] : undefined;
  };
  const ctxName = context ?? stringAt(doc, 'current-context');
  if (!ctxName) throw new Error(`kubeconfig ${file}: no current-context (name a context explicitly)`);
  const ctx = named('contexts', ctxName, 'context');
  const clusterName = stringAt(ctx, 'cluster');
  const userName = stringAt(ctx, 'user') ?? '';
  if (!clusterName) throw new Error(`kubeconfig ${file}: context "${ctxName}" names no cluster`);
  const cluster = named('clusters', clusterName, 'cluster');
  const server = stringAt(cluster, 'server');
  if (!server) throw new Error(`kubeconfig ${file}: cluster "${clusterName}" has no server`);
  if (stringAt(cluster, 'proxy-url')) throw new Error(`kubeconfig ${file}: cluster "${clusterName}" uses proxy-url, which inplace-e2e does not support`);
  const out: ResolvedKubeconfig = { file, context: ctxName, cluster: clusterName, user: userName, server: server.replace(/\/+$/, '') };
  const ns = stringAt(ctx, 'namespace');
  if (ns) out.namespace = ns;
  const caData = stringAt(cluster, 'certificate-authority-data');
  const caFile = stringAt(cluster, 'certificate-authority');
  if (caData) out.ca = b64(caData);
  else if (caFile) out.ca = readFile(abs(caFile));
  if (isObject(cluster) && cluster['insecure-skip-tls-verify'] === true) out.insecureSkipTLSVerify = true;
  const tlsServerName = stringAt(cluster, 'tls-server-name');
  if (tlsServerName) out.tlsServerName = tlsServerName;

  if (userName) {
    const user = named('users', userName, 'user');
    const certData = stringAt(user, 'client-certificate-data');
    const certFile = stringAt(user, 'client-certificate');
    const keyData = stringAt(user, 'client-key-data');
    const keyFile = stringAt(user, 'client-key');
    if (certData) out.cert = b64(certData);
    else if (certFile) out.cert = readFile(abs(certFile));
    if (keyData) out.key = b64(keyData);
    else if (keyFile) out.key = readFile(abs(keyFile));
    const token = stringAt(user, 'token');
    const tokenFile = stringAt(user, 'tokenFile');
    if (token) out.token = token;
    else if (tokenFile) out.tokenFile = abs(tokenFile);
    const username = stringAt(user, 'username');
    const password = stringAt(user, 'password');
    if (username && password !== undefined) out.basic = { username, password };
    if (isObject(user) && isObject(user.exec)) {
      const command = stringAt(user.exec, 'command');
      if (!command) throw new Error(`kubeconfig ${file}: user "${userName}" has an exec plugin without a command`);
      const env: Record<string, string> = {};
      for (const e of arrayAt(user.exec, 'env')) {
        const n = stringAt(e, 'name');
        if (n) env[n] = stringAt(e, 'value') ?? '';
      }
      out.exec = {
        // A relative command with a slash is relative to the kubeconfig; a bare name is looked up on PATH.
        command: command.includes('/') ? abs(command) : command,
        args: arrayAt(user.exec, 'args').filter((a): a is string => typeof a === 'string'),
        env,
        apiVersion: stringAt(user.exec, 'apiVersion') ?? 'client.authentication.k8s.io/v1',
      };
    }
    if (isObject(user) && isObject(user['auth-provider'])) {
      throw new Error(
        `kubeconfig ${file}: user "${userName}" uses the legacy auth-provider "${stringAt(user['auth-provider'], 'name') ?? '?'}", which inplace-e2e does not support (use an exec credential plugin)`,
      );
    }
  }
  return out;
}

interface ExecCredential {
  token?: string;
  cert?: Buffer;
  key?: Buffer;
  expiresAt?: number;
}

function runExecPlugin(plugin: ExecPlugin, server: string): Promise<ExecCredential> {
  const info = { apiVersion: plugin.apiVersion, kind: 'ExecCredential', spec: { interactive: false, cluster: { server } } };
  return new Promise((resolve, reject) => {
    execFile(
      plugin.command,
      plugin.args,
      { env: { ...process.env, ...plugin.env, KUBERNETES_EXEC_INFO: JSON.stringify(info) }, timeout: 60_000, maxBuffer: 4 << 20 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`exec credential plugin ${plugin.command} failed: ${err.message}${stderr ? `: ${stderr.trim()}` : ''}`));
        try {
          const status: unknown = (JSON.parse(stdout) as Record<string, unknown>).status;
          const token = stringAt(status, 'token');
          const cert = stringAt(status, 'clientCertificateData');
          const key = stringAt(status, 'clientKeyData');
          const exp = stringAt(status, 'expirationTimestamp');
          resolve({
            ...(token ? { token } : {}),
            ...(cert ? { cert: Buffer.from(cert) } : {}),
            ...(key ? { key: Buffer.from(key) } : {}),
            ...(exp ? { expiresAt: Date.parse(exp) } : {}),
          });
        } catch (e) {
          reject(new Error(`exec credential plugin ${plugin.command}: unreadable output: ${e instanceof Error ? e.message : String(e)}`));
        }
      },
    );
  });
}

/** TLS options shared by HTTPS requests and websockets. */
export interface TlsAndAuth {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized?: boolean;
  servername?: string;
  headers: Record<string, string>;
}

/** Access to the API server of one kubeconfig context: server URL and per-request TLS/auth. */
export class KubeAccess {
  private credential?: ExecCredential;
  private agentCache?: { key: string; agent: https.Agent };

  constructor(readonly config: ResolvedKubeconfig) {}

  static fromFile(file: string, context?: string): KubeAccess {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new Error(`cannot read kubeconfig ${file}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    return new KubeAccess(parseKubeconfig(text, file, context));
  }

  get server(): string {
    return this.config.server;
  }

  /** TLS material and the Authorization header for the next request (exec credentials refreshed when expired). */
  async tlsAndAuth(): Promise<TlsAndAuth> {
    const c = this.config;
    const out: TlsAndAuth = { headers: {} };
    if (c.ca) out.ca = c.ca;
    if (c.insecureSkipTLSVerify) out.rejectUnauthorized = false;
    if (c.tlsServerName) out.servername = c.tlsServerName;
    if (c.cert) out.cert = c.cert;
    if (c.key) out.key = c.key;
    if (c.exec) {
      if (!this.credential || (this.credential.expiresAt !== undefined && this.credential.expiresAt - 30_000 < Date.now())) {
        this.credential = await runExecPlugin(c.exec, c.server);
      }
      if (this.credential.cert) out.cert = this.credential.cert;
      if (this.credential.key) out.key = this.credential.key;
      if (this.credential.token) out.headers.Authorization = `Bearer ${this.credential.token}`;
    }
    if (c.token) out.headers.Authorization = `Bearer ${c.token}`;
    else if (c.tokenFile) out.headers.Authorization = `Bearer ${readFileSync(c.tokenFile, 'utf8').trim()}`;
    else if (c.basic && !out.headers.Authorization) {
      out.headers.Authorization = `Basic ${Buffer.from(`${c.basic.username}:${c.basic.password}`).toString('base64')}`;
    }
    return out;
  }

  /** A keep-alive agent for these TLS settings (recreated when exec credentials rotate). */
  agentFor(tls: TlsAndAuth): https.Agent {
    const key = [tls.cert?.toString('base64').slice(-32), tls.key?.length, tls.rejectUnauthorized, tls.servername].join('|');
    if (!this.agentCache || this.agentCache.key !== key) {
      this.agentCache?.agent.destroy();
      this.agentCache = {
        key,
        agent: new https.Agent({
          keepAlive: true,
          ...(tls.ca ? { ca: tls.ca } : {}),
          ...(tls.cert ? { cert: tls.cert } : {}),
          ...(tls.key ? { key: tls.key } : {}),
          ...(tls.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
          ...(tls.servername ? { servername: tls.servername } : {}),
        }),
      };
    }
    return this.agentCache.agent;
  }

  /** Closes pooled connections (lets the process exit promptly). */
  close(): void {
    this.agentCache?.agent.destroy();
    this.agentCache = undefined;
  }
}
