// Errors are values with context. Each kind maps to one CLI exit code (lib/cli/exit-codes.ts, lib/cli/main.ts).

/** One problem in user input, located as precisely as the source allows. */
export interface InputProblem {
  file: string;
  /** 1-based; 0 when the problem has no position (e.g. a missing file). */
  line: number;
  column: number;
  /** JSON-pointer-like path inside the document, e.g. /scenarios/0/trigger/exit/code. */
  path: string;
  /** What was found there. */
  found: string;
  /** What was expected instead. */
  expected: string;
}

export function formatProblem(p: InputProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  return `${where}: ${p.path || '/'}: found ${p.found}; expected ${p.expected}`;
}

/** Bad input (suite, profile, manifest, flags): nothing touched a cluster. Exit code 2. */
export class InputError extends Error {
  constructor(
    readonly problems: InputProblem[],
    /** One line that says what is wrong as a whole (e.g. "no scenario to run: …"), when the list alone does not. */
    readonly summary?: string,
    /** What to do about it, when the problems do not say. */
    readonly hint?: string,
  ) {
    super(summary ?? problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
  }
}

/** The environment cannot run the suites: a tool missing, Docker down, a preflight check failed. Exit code 3. */
export class EnvironmentError extends Error {
  /** The message without the hint. */
  readonly reason: string;
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(hint ? `${message}\n  hint: ${hint}` : message);
    this.reason = message;
    this.name = 'EnvironmentError';
  }
}

/** A wait reached its deadline. Says what it waited for and what it saw last. */
export class DeadlineError extends Error {
  constructor(
    readonly what: string,
    readonly seconds: number,
    readonly lastSeen: string,
  ) {
    super(`timed out after ${seconds}s waiting for ${what}; last seen: ${lastSeen}`);
    this.name = 'DeadlineError';
  }
}

/** The text of anything thrown: an Error's message, or the value as a string. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
