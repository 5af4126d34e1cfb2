// CI check of a short `inplace-e2e bench --keep` run (see .ci/run): the report holds figures for every
// part that was asked for, and the kept cluster shows nothing the benchmark left behind — no benchmark
// namespace, every node container running, every node Ready and schedulable. Then the kept cluster is
// deleted, and that it is gone is checked too.
// Usage: npx tsx test/e2e/verify-bench.ts reports/bench/bench.json [--strategies recreate,in-place,hybrid]
import { readFileSync } from 'node:fs';
import { KindProvider } from '../../lib/cluster/kind-provider.js';
import { runtimeNodeContainers } from '../../lib/cluster/node-containers.js';
import { nodeReadiness } from '../../lib/cluster/ready.js';
import { KubeClient } from '../../lib/kube/client.js';
import type { BenchReport } from '../../lib/bench/types.js';
import { BENCH_LABEL } from '../../lib/bench/pods.js';

const [file, flag, list] = process.argv.slice(2);
if (!file) throw new Error('usage: verify-bench.ts BENCH_JSON [--strategies LIST]');
const strategies = flag === '--strategies' && list ? list.split(',') : ['recreate', 'in-place', 'hybrid'];
const report = JSON.parse(readFileSync(file, 'utf8')) as BenchReport;
const problems: string[] = [];

for (const l of report.latency) {
  const failed = l.reps.filter((r) => r.error);
  if (l.reps.length === 0 || failed.length > 0)
    problems.push(`latency ${l.shape}: ${l.reps.length} repetition(s), ${failed.length} failed`);
  if (l.kep.p99 === undefined) problems.push(`latency ${l.shape}: no p99`);
  console.log(`latency ${l.shape}: ${l.kep.statement}`);
}
for (const s of strategies) {
  const cells = report.fleet?.cells.filter((c) => c.strategy === s) ?? [];
  if (cells.length === 0) problems.push(`fleet ${s}: no cell`);
  for (const c of cells) {
    if (!c.recovery)
      problems.push(`fleet N=${c.n} ${s}: no recovery figure${c.skipped ? ` (skipped: ${c.skipped})` : ''}`);
    else console.log(`fleet N=${c.n} ${s}: p50 ${(c.recovery.p50 / 1000).toFixed(2)} s over ${c.recovery.n}`);
  }
}

const name = report.cluster.name;
const provider = new KindProvider();
const client = await KubeClient.fromFile(await provider.kubeconfig(name));
try {
  const left = await client.listNamespaces(BENCH_LABEL);
  for (const ns of left) problems.push(`namespace ${String((ns.metadata as { name?: string }).name)} was left behind`);
  for (const node of await client.listNodes()) {
    const r = nodeReadiness(node);
    if (!r.ready) problems.push(`node ${r.name} is not Ready: ${r.detail}`);
    if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable)
      problems.push(`node ${r.name} was left cordoned`);
  }
  const containers = runtimeNodeContainers();
  for (const node of await provider.nodes(name)) {
    const c = await containers.inspect(node);
    if (!c?.running) problems.push(`node container ${node} is ${c ? 'not running' : 'missing'}`);
  }
} finally {
  client.close();
}

await provider.delete(name);
if ((await provider.list()).includes(name)) problems.push(`cluster ${name} is still there after its deletion`);

if (problems.length > 0) {
  for (const p of problems) console.error(`bench check: ${p}`);
  process.exit(1);
}
console.log(
  `bench check: figures for every part; nothing left behind on ${name} (namespace, stopped or cordoned node); cluster deleted`,
);
