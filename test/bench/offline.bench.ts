// Offline throughput of the pure pipeline stages, printed as figures (not asserted):
// suite loading + validation, gate resolution + kind config rendering, and judging a real recorded
// observation. Run: npm run bench
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { hostFactsFromSamples } from '../../lib/host/facts.js';
import type { Observation } from '../../lib/observe/types.js';
import { listShippedProfiles, loadProfile } from '../../lib/profiles/load.js';
import { renderKindConfig } from '../../lib/profiles/render-kind.js';
import { loadSuites } from '../../lib/suite/load.js';
import { judge } from '../../lib/verdict/judge.js';

async function measure(name: string, iterations: number, fn: () => unknown | Promise<unknown>): Promise<void> {
  await fn(); // warm-up: module loading and JIT are not what is measured
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) =>
    (times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] as number).toFixed(2);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(
    `${name.padEnd(48)} n=${String(iterations).padStart(4)}  mean ${mean.toFixed(2)} ms  p50 ${pct(50)} ms  p95 ${pct(95)} ms`,
  );
}

const fixture = JSON.parse(
  readFileSync(join('test', 'fixtures', 'observations', 'real', 'v1.35.8-R01-core-in-place-restart.json'), 'utf8'),
) as Observation;
const [core] = await loadSuites(['core']);
const r01 = core?.scenarios.find((s) => s.scenario.id === 'R01')?.scenario;
if (!r01) throw new Error('shipped suite core has no R01');
const host = hostFactsFromSamples({
  platform: 'linux',
  nodeArch: 'x64',
  mountinfo: '',
  procStatus: 'CapBnd:\t000001fffeffffff\n',
});
const profiles = await Promise.all((await listShippedProfiles()).map((p) => loadProfile(p)));

console.log(`inplace-e2e offline benchmarks (node ${process.version})`);
await measure('load + validate every shipped suite', 30, () => loadSuites(['core', 'validation', 'gate-off']));
await measure(`resolve + render ${profiles.length} profiles`, 200, () =>
  profiles.forEach((p) => renderKindConfig(p, host)),
);
await measure(`judge R01 (real, ${fixture.timeline.length} timeline entries)`, 500, () => judge(r01, fixture));
