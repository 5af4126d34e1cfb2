#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled library (npm ci / npm install run `prepare`, which builds it).
import process from 'node:process';
import { main } from '../dist/lib/cli/main.js';

// Output piped into `head` and closed early is not an error worth a stack trace.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = await main(process.argv.slice(2));
