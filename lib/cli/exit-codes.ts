// The exit codes of the inplace-e2e command, one per way a run (or any command) can end: every error kind
// maps to one code (InputError and usage errors 2, EnvironmentError 3; see main.ts).
import type { RunEnd } from '../runner/run.js';

export const EXIT: Readonly<Record<RunEnd, number>> = { passed: 0, failures: 1, input: 2, environment: 3 };
