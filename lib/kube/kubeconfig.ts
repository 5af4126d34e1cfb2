// A kubeconfig FILE turned into what an HTTPS request or a websocket needs, by
// @kubernetes/client-node's KubeConfig: every auth kind it supports (client certificates and keys
// as data or files, bearer tokens, basic auth, exec credential plugins, OIDC and the Azure/GCP auth
// providers, impersonation, tls-server-name, proxy-url through its agents).
//
// Only the given file is read: never $KUBECONFIG, never ~/.kube/config (loadFromFile, not
// loadFromDefault). The harness sends manifests through its own raw transport (transport.ts), not
// through the typed API clients KubeConfig can make: see there for why.
import type http from 'node:http';
import type https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { errorText } from '../errors.js';

let clientNode: Promise<typeof import('@kubernetes/client-node')> | undefined;

/**
 * @kubernetes/client-node, loaded on first use: its index loads the whole generated API (about a
 * second of CPU), which the offline commands (validate, plan, --help) never need.
 */
export function clientNodeModule(): Promise<typeof import('@kubernetes/client-node')> {
  return (clientNode ??= import('@kubernetes/client-node'));
}

/** What the harness reports about the context it uses. */
export interface KubeContextInfo {
  file: string;
  context: string;
  cluster: string;
  user: string;
  server: string;
  namespace?: string;
}

/** Options for one request: what http(s).request and `ws` both take. */
export type ConnectionOptions = https.RequestOptions & { headers: Record<string, string> };

/** Loads one context of one kubeconfig file; throws with the reason (file, context, what is missing). */
export async function loadKubeConfig(
  file: string,
  context?: string,
): Promise<{ kubeConfig: KubeConfig; info: KubeContextInfo }> {
  const kc = new (await clientNodeModule()).KubeConfig();
  try {
    kc.loadFromFile(file);
  } catch (e) {
    throw new Error(`cannot load kubeconfig ${file}: ${errorText(e)}`, { cause: e });
  }
  const name = context ?? kc.getCurrentContext();
  if (!name) throw new Error(`kubeconfig ${file}: no current-context (name a context explicitly)`);
  const ctx = kc.getContextObject(name);
  if (!ctx) {
    const names = kc.getContexts().map((c) => c.name);
    throw new Error(
      `kubeconfig ${file}: no context named "${name}" (it has: ${names.length ? names.join(', ') : 'none'})`,
    );
  }
  kc.setCurrentContext(name);
  const cluster = kc.getCluster(ctx.cluster);
  if (!cluster)
    throw new Error(
      `kubeconfig ${file}: context "${name}" names cluster "${ctx.cluster}", which the file does not define`,
    );
  if (!cluster.server) throw new Error(`kubeconfig ${file}: cluster "${cluster.name}" has no server`);
  const info: KubeContextInfo = {
    file,
    context: name,
    cluster: cluster.name,
    user: ctx.user,
    server: cluster.server.replace(/\/+$/, ''),
  };
  if (ctx.namespace) info.namespace = ctx.namespace;
  return { kubeConfig: kc, info };
}

/** Access to the API server of one kubeconfig context: its URL and the TLS and auth of each request. */
export class KubeAccess {
  private readonly agents = new Set<http.Agent>();

  constructor(
    readonly kubeConfig: KubeConfig,
    readonly info: KubeContextInfo,
  ) {}

  static async fromFile(file: string, context?: string): Promise<KubeAccess> {
    const { kubeConfig, info } = await loadKubeConfig(file, context);
    return new KubeAccess(kubeConfig, info);
  }

  get server(): string {
    return this.info.server;
  }

  /**
   * TLS material, agent (proxy-aware) and credentials for the next request, with `headers` kept
   * (credentials are fetched again when an exec plugin's have expired).
   */
  async connectionOptions(headers: Record<string, string> = {}): Promise<ConnectionOptions> {
    const opts: ConnectionOptions = { headers: { ...headers } };
    await this.kubeConfig.applyToHTTPSOptions(opts);
    if (opts.agent instanceof Object) this.agents.add(opts.agent);
    return opts;
  }

  /** Closes pooled connections (lets the process exit promptly). */
  close(): void {
    for (const agent of this.agents) agent.destroy();
    this.agents.clear();
  }
}
