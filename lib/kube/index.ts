// lib/kube: the API server, raw. A KubeClient over one private kubeconfig file: pods created and
// patched from raw JSON with strict field validation (rejections are results: ApiOutcome),
// resumable watches yielding raw objects, exec with real exit codes, logs, metrics paths.
export { KubeClient, RUN_LABEL, MANAGED_BY_LABEL, containerSituation } from './client.js';
export type { PatchType, PodSubresource, WriteResult, ServerVersion, LogsResult } from './client.js';
export type { ApiErrorInfo, ApiOutcome } from './status.js';
export { KubeApiError, ExecError } from './errors.js';
export { exitCodeFromStatus, execSocketSource } from './exec.js';
export type { ExecResult, ExecOptions } from './exec.js';
export { at, arrayAt, isObject, nameOf, numberAt, resourceVersionOf, stringAt, uidOf } from './json.js';
export type { JsonObject } from './json.js';
export { apiErrorFrom, formatApiError, outcomeFrom, parseWarningHeader, warningsFromRawHeaders } from './status.js';
export { KubeTransport, HttpStatusError, withQuery } from './transport.js';
export { KubeAccess, loadKubeConfig } from './kubeconfig.js';
export type { KubeContextInfo, ConnectionOptions } from './kubeconfig.js';
export type { QueryParams, RawResponse, RequestOptions } from './transport.js';
export { startWatch, httpWatchConnector } from './watch.js';
export type {
  WatchSource,
  WatchConnector,
  WatchEventType,
  WatchHandle,
  WatchListener,
  WatchOptions,
  ListCollection,
} from './watch.js';
