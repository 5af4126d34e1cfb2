#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled library (npm ci / npm install run `prepare`, which builds it).
import process from 'node:process';

// engines.node is >=22.19 (@kubernetes/client-node 2.x loads undici 8, which needs it): say so plainly.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  process.stderr.write(`inplace-e2e needs Node.js 22.19 or newer; this is ${process.version}.\n`);
  process.exit(3);
}

// Output piped into `head` and closed early is not an error worth a stack trace.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
const { main } = await import('../dist/lib/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
