// Turning API server responses into values: ApiOutcome for writes whose rejection is itself a
// result (admission, patches), Warning headers, and the error text of a failed request.
import { arrayAt, isObject, numberAt, stringAt } from './json.js';

/** An API server's refusal: its HTTP status and metav1.Status (reason, message, causes). */
export interface ApiErrorInfo {
  status: number;
  reason?: string;
  message: string;
  causes: Array<{ field?: string; reason?: string; message?: string }>;
}

/** A write whose rejection is itself a result (a create at admission, a patch). */
export interface ApiOutcome {
  accepted: boolean;
  error?: ApiErrorInfo;
  /** Warnings the API server returned (Warning headers). */
  warnings: string[];
}

/**
 * Texts of RFC 7234 Warning header values as the API server sends them
 * (`299 - "unknown field \"spec.foo\""`). One header value may hold several comma-separated
 * warnings; quoted text may contain commas and escaped quotes.
 */
export function parseWarningHeader(value: string): string[] {
  const out: string[] = [];
  const re = /(\d{3})\s+(\S+)\s+"((?:[^"\\]|\\.)*)"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value)) !== null) out.push((m[3] as string).replace(/\\(.)/g, '$1'));
  return out;
}

/** All warning texts in Node's rawHeaders list ([name, value, name, value, ...]). */
export function warningsFromRawHeaders(rawHeaders: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if ((rawHeaders[i] as string).toLowerCase() === 'warning')
      out.push(...parseWarningHeader(rawHeaders[i + 1] as string));
  }
  return out;
}

/** The error in a non-2xx response: a metav1.Status when the body is one, else the body text. */
export function apiErrorFrom(status: number, body: string): ApiErrorInfo {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (isObject(parsed) && parsed.kind === 'Status') {
    const causes = arrayAt(parsed, 'details', 'causes')
      .filter(isObject)
      .map((c) => ({
        ...(typeof c.field === 'string' ? { field: c.field } : {}),
        ...(typeof c.reason === 'string' ? { reason: c.reason } : {}),
        ...(typeof c.message === 'string' ? { message: c.message } : {}),
      }));
    const reason = stringAt(parsed, 'reason');
    return {
      status: numberAt(parsed, 'code') ?? status,
      ...(reason ? { reason } : {}),
      message: stringAt(parsed, 'message') ?? body.trim(),
      causes,
    };
  }
  return { status, message: body.trim() || `HTTP ${status}`, causes: [] };
}

export function outcomeFrom(status: number, body: string, warnings: string[]): ApiOutcome {
  if (status >= 200 && status < 300) return { accepted: true, warnings };
  return { accepted: false, error: apiErrorFrom(status, body), warnings };
}

/** One line for a log or an error: `422 Invalid: Pod "x" is invalid: ...`. */
export function formatApiError(e: ApiErrorInfo): string {
  return `${e.status}${e.reason ? ` ${e.reason}` : ''}: ${e.message}`;
}
