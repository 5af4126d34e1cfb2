// A benchmark report for renderer tests: latency repetitions built from the real v1.35.8 and v1.36.3 R01
// timelines, and a small fleet result with a skipped cell.
import { readFileSync } from 'node:fs';
import { restartTimes } from '../../../lib/bench/restart-times.js';
import { fleetCell, fleetRatios, judgeKep, phaseSummaries, scaleFits } from '../../../lib/bench/summarize.js';
import type { BenchReport, FleetRep, LatencyRep } from '../../../lib/bench/types.js';
import type { Observation } from '../../../lib/observe/types.js';

export function realObservation(name: string): Observation {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/observations/real/${name}.json`, import.meta.url), 'utf8'),
  ) as Observation;
}

function latencyReps(o: Observation, n: number): LatencyRep[] {
  const times = restartTimes({
    before: o.before!,
    entries: o.timeline.filter((e) => e.at >= o.triggerAt!),
    trigger: 'trigger',
  });
  return Array.from({ length: n }, (_, index) => ({ index, pod: o.podName, triggeredAt: o.triggerAt!, times }));
}

function fleetRep(n: number, strategy: FleetRep['strategy'], ms: number, index: number): FleetRep {
  return {
    index,
    strategy,
    n,
    failureAt: 0,
    failure: 'worker-0 main exited 1',
    recovery: {
      pods: [],
      recoveryMs: ms,
      milestones:
        strategy === 'recreate'
          ? {
              deleted: ms * 0.1,
              created: ms * 0.15,
              scheduled: ms * 0.2,
              sandbox: ms * 0.4,
              initDone: ms * 0.8,
              ready: ms,
            }
          : {},
      steps: {},
      missing: [],
    },
  };
}

export function sampleReport(version: '1.35.8' | '1.36.3'): BenchReport {
  const o = realObservation(`v${version}-R01-core-in-place-restart`);
  const reps = latencyReps(o, 3);
  const cells = [
    fleetCell(1, 'recreate', [fleetRep(1, 'recreate', 9000, 0), fleetRep(1, 'recreate', 10000, 1)]),
    fleetCell(1, 'in-place', [fleetRep(1, 'in-place', 5000, 0), fleetRep(1, 'in-place', 5500, 1)]),
    fleetCell(1, 'hybrid', [fleetRep(1, 'hybrid', 9500, 0)]),
    fleetCell(4, 'recreate', [fleetRep(4, 'recreate', 14000, 0)]),
    fleetCell(4, 'in-place', [fleetRep(4, 'in-place', 6000, 0)]),
    fleetCell(4, 'hybrid', [], 'needs a harness-created kind cluster, or --allow-node-stop'),
  ];
  return {
    tool: { name: 'inplace-e2e', version: '0.1.0' },
    startedAt: '2026-12-01T10:00:00.000Z',
    finishedAt: '2026-12-01T10:20:00.000Z',
    cluster: {
      name: 'inplace-e2e-bench-abc123',
      kubernetesVersion: `v${version}`,
      nodes: ['cp', 'w1', 'w2'],
      created: true,
      nodeImage: `inplace-e2e/node:v${version}`,
    },
    host: { cpus: 2, memoryGiB: 24 },
    latency: [
      {
        shape: 'base',
        description: 'S-BASE',
        stamped: [],
        trigger: 'trigger',
        reps,
        phases: phaseSummaries(reps),
        kep: judgeKep(reps),
      },
    ],
    fleet: {
      workers: ['w1', 'w2'],
      setupSeconds: 1,
      coldSetupSeconds: 0,
      cells,
      ratios: fleetRatios(cells),
      fits: scaleFits(cells),
    },
    notes: ['kind on one 2-core machine: no image pulls, one scheduler with little load, no volume attach.'],
  };
}
