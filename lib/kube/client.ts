// KubeClient: what the harness asks of the API server, over one private kubeconfig file.
import { ExecError, KubeApiError } from './errors.js';
import { execInContainer, type ExecOptions, type ExecResult } from './exec.js';
import { arrayAt, isObject, resourceVersionOf, stringAt, type JsonObject } from './json.js';
import { type ApiOutcome, outcomeFrom } from './status.js';
import { KubeAccess } from './kubeconfig.js';
import { KubeTransport, type QueryParams } from './transport.js';
import { watchUntil } from './watch-until.js';
import {
  httpWatchConnector,
  startWatch,
  type WatchConnector,
  type WatchHandle,
  type WatchListener,
  type WatchOptions,
} from './watch.js';
import { errorText } from '../errors.js';

/** Label put on every namespace the harness creates; its value is the run id. */
export const RUN_LABEL = 'inplace-e2e.dev/run';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

export type PatchType = 'strategic' | 'merge' | 'json';
/** The pod subresources a patch may address. */
export type PodSubresource = 'status' | 'ephemeralcontainers';
const PATCH_CONTENT_TYPE: Record<PatchType, string> = {
  strategic: 'application/strategic-merge-patch+json',
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
};

/** A write whose rejection is a result: the outcome, plus the object the server returned when accepted. */
export interface WriteResult {
  outcome: ApiOutcome;
  object?: JsonObject;
}

export interface ServerVersion {
  gitVersion: string;
  major: string;
  minor: string;
  platform?: string;
}

export interface LogsResult {
  container: string;
  previous: boolean;
  /** The log text, or the API server's error text when it could not be read. */
  text: string;
  /** Set when the log could not be read (the text is then the error, kept as evidence). */
  error?: string;
}

const enc = encodeURIComponent;

export class KubeClient {
  readonly transport: KubeTransport;
  private readonly connector: WatchConnector;

  constructor(readonly access: KubeAccess) {
    this.transport = new KubeTransport(access);
    this.connector = httpWatchConnector(this.transport);
  }

  /** Loads only `file` (never $KUBECONFIG, never ~/.kube/config) and uses its current context unless `context` is given. */
  static async fromFile(file: string, context?: string): Promise<KubeClient> {
    return new KubeClient(await KubeAccess.fromFile(file, context));
  }

  /** The kubeconfig file this client was loaded from. */
  get kubeconfigPath(): string {
    return this.access.info.file;
  }

  /** Closes pooled connections (watches are stopped through their handles). */
  close(): void {
    this.access.close();
  }

  get server(): string {
    return this.transport.server;
  }

  // ---- pods -----------------------------------------------------------------------------------

  /**
   * Creates a pod from a raw manifest, sent verbatim with strict field validation (unknown or
   * duplicate fields are errors, not silently dropped). Rejection is a result, not an exception.
   */
  async createPod(namespace: string, manifest: object, opts: { dryRun?: boolean } = {}): Promise<WriteResult> {
    const res = await this.transport.request('POST', `/api/v1/namespaces/${enc(namespace)}/pods`, {
      query: { fieldValidation: 'Strict', dryRun: opts.dryRun ? 'All' : undefined },
      body: manifest,
    });
    return withObject(res.status, res.body, res.warnings);
  }

  /** Creates a batch/v1 Job from a raw manifest, as createPod does a pod (strict field validation, verbatim). */
  async createJob(namespace: string, manifest: object): Promise<WriteResult> {
    const res = await this.transport.request('POST', `/apis/batch/v1/namespaces/${enc(namespace)}/jobs`, {
      query: { fieldValidation: 'Strict' },
      body: manifest,
    });
    return withObject(res.status, res.body, res.warnings);
  }

  /** Patches a pod (or its status/ephemeralcontainers subresource) with the body as given. */
  async patchPod(
    namespace: string,
    name: string,
    body: unknown,
    type: PatchType,
    subresource?: PodSubresource,
  ): Promise<WriteResult> {
    const path = `/api/v1/namespaces/${enc(namespace)}/pods/${enc(name)}${subresource ? `/${subresource}` : ''}`;
    const res = await this.transport.request('PATCH', path, {
      query: { fieldValidation: 'Strict' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      contentType: PATCH_CONTENT_TYPE[type],
    });
    return withObject(res.status, res.body, res.warnings);
  }

  async getPod(namespace: string, name: string): Promise<JsonObject> {
    return asObject(await this.transport.json('GET', `/api/v1/namespaces/${enc(namespace)}/pods/${enc(name)}`));
  }

  /** Deletes a pod; a pod that is already gone is fine. */
  async deletePod(namespace: string, name: string, opts: { gracePeriodSeconds?: number } = {}): Promise<void> {
    const res = await this.transport.request('DELETE', `/api/v1/namespaces/${enc(namespace)}/pods/${enc(name)}`, {
      query: { gracePeriodSeconds: opts.gracePeriodSeconds },
    });
    if (res.status === 404 || (res.status >= 200 && res.status < 300)) return;
    throw apiError('DELETE', `/api/v1/namespaces/${namespace}/pods/${name}`, res.status, res.body);
  }

  async logs(
    namespace: string,
    pod: string,
    container: string,
    opts: { previous?: boolean; tailLines?: number } = {},
  ): Promise<LogsResult> {
    const previous = opts.previous ?? false;
    try {
      const res = await this.transport.request('GET', `/api/v1/namespaces/${enc(namespace)}/pods/${enc(pod)}/log`, {
        query: { container, previous: previous || undefined, timestamps: true, tailLines: opts.tailLines },
        accept: '*/*',
      });
      if (res.status >= 200 && res.status < 300) return { container, previous, text: res.body };
      const err = outcomeFrom(res.status, res.body, []).error;
      const text = `${res.status}${err?.reason ? ` ${err.reason}` : ''}: ${err?.message ?? res.body}`;
      return { container, previous, text, error: text };
    } catch (e) {
      const text = errorText(e);
      return { container, previous, text, error: text };
    }
  }

  /**
   * Runs a command in a container; resolves with its exit code (non-zero is a result, not an
   * error). ExecError when the exec could not run: the message then says what the pod shows for
   * that container (the API server's websocket refusal alone is only "Unexpected server response: 400").
   */
  async exec(
    namespace: string,
    pod: string,
    container: string,
    command: string[],
    opts: ExecOptions = {},
  ): Promise<ExecResult> {
    try {
      return await execInContainer(this.access, namespace, pod, container, command, opts);
    } catch (e) {
      if (!(e instanceof ExecError) || !/could not start/.test(e.message)) throw e;
      let why: string;
      try {
        why = containerSituation(await this.getPod(namespace, pod), container);
      } catch (g) {
        why = `the pod could not be read: ${errorText(g)}`;
      }
      throw new ExecError(
        `${namespace}/${pod} -c ${container}`,
        command,
        `${e.message.replace(/^.*?: could not start: /, 'could not start: ')} (${why})`,
      );
    }
  }

  // ---- namespaces -----------------------------------------------------------------------------

  /**
   * Creates a namespace labelled with the run id (and managed-by inplace-e2e), then waits (by
   * watch) for its "default" ServiceAccount: until the controller manager has made it, every pod
   * create there is refused with 403 `error looking up service account <ns>/default` (measured on
   * a fresh kind v1.35.8 cluster). `waitForServiceAccountSeconds: 0` skips the wait.
   */
  async createNamespace(
    name: string,
    runId: string,
    labels: Record<string, string> = {},
    opts: { waitForServiceAccountSeconds?: number } = {},
  ): Promise<JsonObject> {
    const body = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { ...labels, [RUN_LABEL]: runId, [MANAGED_BY_LABEL]: 'inplace-e2e' } },
    };
    const ns = asObject(await this.transport.json('POST', '/api/v1/namespaces', { body }));
    const wait = opts.waitForServiceAccountSeconds ?? 60;
    if (wait > 0) await this.waitForServiceAccount(name, 'default', wait);
    return ns;
  }

  /** Resolves once ServiceAccount `name` exists in `namespace` (watch-driven); DeadlineError otherwise. */
  async waitForServiceAccount(namespace: string, name = 'default', deadlineSeconds = 60): Promise<void> {
    const path = `/api/v1/namespaces/${enc(namespace)}/serviceaccounts`;
    // Without a resourceVersion the server first sends what exists: an existing account ends the wait at once.
    await watchUntil(this, path, { fieldSelector: `metadata.name=${name}` }, (type) => type !== 'DELETED', {
      what: `ServiceAccount ${namespace}/${name}`,
      deadlineSeconds,
      lastSeen: () => 'it does not exist (is kube-controller-manager running?)',
    });
  }

  async listNamespaces(labelSelector?: string): Promise<JsonObject[]> {
    const list = await this.transport.json('GET', '/api/v1/namespaces', { query: { labelSelector } });
    return arrayAt(list, 'items').filter(isObject);
  }

  /**
   * Deletes a namespace and, unless `waitSeconds` is 0, waits (by watch) until it is gone.
   * A namespace that does not exist is fine. Deadline → DeadlineError.
   */
  async deleteNamespace(name: string, opts: { waitSeconds?: number } = {}): Promise<void> {
    const path = `/api/v1/namespaces/${enc(name)}`;
    const res = await this.transport.request('DELETE', path);
    if (res.status === 404) return;
    if (res.status < 200 || res.status >= 300) throw apiError('DELETE', path, res.status, res.body);
    const waitSeconds = opts.waitSeconds ?? 120;
    if (waitSeconds <= 0) return;
    let rv: string;
    try {
      rv = resourceVersionOf(JSON.parse(res.body));
    } catch {
      rv = '';
    }
    let lastPhase = 'Terminating';
    await watchUntil(
      this,
      '/api/v1/namespaces',
      { fieldSelector: `metadata.name=${name}` },
      (type, obj) => {
        lastPhase = stringAt(obj, 'status', 'phase') ?? lastPhase;
        const conditions = arrayAt(obj, 'status', 'conditions')
          .filter((c) => isObject(c) && c.status === 'True')
          .map((c) => `${stringAt(c, 'type')}: ${stringAt(c, 'message')}`);
        if (conditions.length) lastPhase = `${lastPhase} (${conditions.join('; ')})`;
        return type === 'DELETED';
      },
      {
        what: `namespace ${name} to be deleted`,
        deadlineSeconds: waitSeconds,
        lastSeen: () => `phase ${lastPhase}`,
        ...(rv ? { resourceVersion: rv } : {}),
        // It may have gone before the watch started: confirm once.
        onOpen: async (done) => {
          if ((await this.transport.request('GET', path)).status === 404) done();
        },
      },
    );
  }

  // ---- any resource (workload controllers, nodes) ----------------------------------------------

  /** Creates an object in a collection (e.g. /apis/apps/v1/namespaces/ns/statefulsets), strictly validated; non-2xx throws. */
  async createResource(collectionPath: string, body: object): Promise<JsonObject> {
    return asObject(await this.transport.json('POST', collectionPath, { query: { fieldValidation: 'Strict' }, body }));
  }

  /** Patches the object at `path` (e.g. /api/v1/nodes/n with {spec: {unschedulable: true}}); non-2xx throws. */
  async patchResource(path: string, body: unknown, type: PatchType = 'merge'): Promise<JsonObject> {
    return asObject(
      await this.transport.json('PATCH', path, {
        body: typeof body === 'string' ? body : JSON.stringify(body),
        contentType: PATCH_CONTENT_TYPE[type],
      }),
    );
  }

  /** Deletes the object at `path`, or every object of a collection path matching `query.labelSelector`; already gone is fine. */
  async deleteResource(path: string, query: QueryParams = {}): Promise<void> {
    const res = await this.transport.request('DELETE', path, { query });
    if (res.status === 404 || (res.status >= 200 && res.status < 300)) return;
    throw apiError('DELETE', path, res.status, res.body);
  }

  // ---- cluster-wide ---------------------------------------------------------------------------

  async serverVersion(): Promise<ServerVersion> {
    const v = await this.transport.json('GET', '/version');
    return {
      gitVersion: stringAt(v, 'gitVersion') ?? '',
      major: stringAt(v, 'major') ?? '',
      minor: stringAt(v, 'minor') ?? '',
      ...(stringAt(v, 'platform') ? { platform: stringAt(v, 'platform') } : {}),
    };
  }

  async listNodes(): Promise<JsonObject[]> {
    return arrayAt(await this.transport.json('GET', '/api/v1/nodes'), 'items').filter(isObject);
  }

  async listEvents(namespace: string, fieldSelector?: string): Promise<JsonObject[]> {
    const list = await this.transport.json('GET', `/api/v1/namespaces/${enc(namespace)}/events`, {
      query: { fieldSelector },
    });
    return arrayAt(list, 'items').filter(isObject);
  }

  /** GET of any path as text (e.g. /metrics, /api/v1/nodes/<n>/proxy/metrics); non-2xx throws KubeApiError. */
  async getRaw(path: string, opts: { accept?: string; timeoutMs?: number } = {}): Promise<string> {
    const res = await this.transport.requestOk('GET', path, {
      accept: opts.accept ?? 'text/plain, */*',
      timeoutMs: opts.timeoutMs,
    });
    return res.body;
  }

  /** A JSON list of a collection path with its resourceVersion. */
  async list(path: string, query: QueryParams = {}): Promise<{ items: JsonObject[]; resourceVersion: string }> {
    const list = await this.transport.json('GET', path, { query });
    return { items: arrayAt(list, 'items').filter(isObject), resourceVersion: resourceVersionOf(list) };
  }

  /**
   * Watches a collection path (e.g. /api/v1/namespaces/ns/pods with a fieldSelector). Objects
   * arrive as raw JSON. Disconnects resume from the last resourceVersion; a 410 relists.
   */
  async watch(
    path: string,
    params: QueryParams,
    onEvent: WatchListener,
    opts: WatchOptions = {},
  ): Promise<WatchHandle> {
    return startWatch(this.connector, (p, q) => this.list(p, q), path, params, onEvent, opts);
  }
}

/** Why an exec into `container` may fail, from the pod object: missing, waiting, terminated, or running. */
export function containerSituation(pod: unknown, container: string): string {
  const kinds: Array<[string, string]> = [
    ['initContainerStatuses', 'init container'],
    ['containerStatuses', 'container'],
    ['ephemeralContainerStatuses', 'ephemeral container'],
  ];
  for (const [field, label] of kinds) {
    const st = arrayAt(pod, 'status', field).find((c) => stringAt(c, 'name') === container);
    if (!st) continue;
    const state = isObject(st) && isObject(st.state) ? st.state : {};
    if (isObject(state.running)) return `${label} ${container} is running`;
    if (isObject(state.waiting))
      return `${label} ${container} is waiting (${stringAt(state.waiting, 'reason') ?? 'no reason'})`;
    if (isObject(state.terminated))
      return `${label} ${container} has terminated (exit code ${String(state.terminated.exitCode)})`;
    return `${label} ${container} has no state yet`;
  }
  const names = ['initContainers', 'containers', 'ephemeralContainers'].flatMap((f) =>
    arrayAt(pod, 'spec', f).map((c) => stringAt(c, 'name')),
  );
  return `the pod has no container ${container} (it has: ${names.filter(Boolean).join(', ')})`;
}

function asObject(v: unknown): JsonObject {
  if (!isObject(v))
    throw new Error(`expected a JSON object from the API server, got ${JSON.stringify(v)?.slice(0, 200)}`);
  return v;
}

function apiError(method: string, path: string, status: number, body: string): KubeApiError {
  return new KubeApiError(method, path, outcomeFrom(status, body, []).error);
}

function withObject(status: number, body: string, warnings: string[]): WriteResult {
  const outcome = outcomeFrom(status, body, warnings);
  if (!outcome.accepted) return { outcome };
  try {
    const obj: unknown = JSON.parse(body);
    return isObject(obj) ? { outcome, object: obj } : { outcome };
  } catch {
    return { outcome };
  }
}
