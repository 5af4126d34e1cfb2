import { type ApiErrorInfo, formatApiError } from './status.js';
import { errorText } from '../errors.js';

/**
 * A request to the API server that did not succeed: either the server answered with an error
 * status (`error` set) or the request never got an answer (`cause` set: refused, TLS, timeout).
 */
export class KubeApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly error?: ApiErrorInfo,
    override readonly cause?: unknown,
  ) {
    super(
      `${method} ${path}: ${error ? formatApiError(error) : `no answer from the API server (${errorText(cause)})`}`,
    );
    this.name = 'KubeApiError';
  }

  /** HTTP status, or 0 when the server never answered. */
  get status(): number {
    return this.error?.status ?? 0;
  }
}

/** An exec could not run or did not finish (as opposed to a command that ran and exited non-zero). */
export class ExecError extends Error {
  constructor(
    readonly target: string,
    readonly command: string[],
    detail: string,
  ) {
    super(`exec in ${target} ${JSON.stringify(command)}: ${detail}`);
    this.name = 'ExecError';
  }
}
