// Loaded by mocha before any test (.mocharc.json "require"): a Node older than package.json's
// engines fails here with what to do, instead of later inside @kubernetes/client-node (undici 8).
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const { engines } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const min = String(engines.node).replace(/^>=\s*/, '');
const newer = (a, b) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return true;
};
if (!newer(process.versions.node, min)) {
  process.stderr.write(`inplace-e2e tests need Node.js ${min} or newer; this is ${process.version}.\n`);
  process.stderr.write('Put a current Node on PATH first:  eval "$(bash lib/host/node-up.sh)"\n');
  process.exit(1);
}

// The first import of @kubernetes/client-node's index (the whole generated API) takes seconds on a
// busy 2-core machine; done here once, it is not charged to whichever test's timeout comes first.
await import('@kubernetes/client-node');
