// The API says "running" when a container's process starts, a few milliseconds before its first command
// appends to the journal; a v1.37.2 certify run read R17b's journal in between and counted one run too
// few. The runner reads the journal again until every running container's current run is in it.
import { expect } from 'chai';
import { journalBehind, runScenario } from '../../../lib/runner/scenario-run.js';
import type { JournalLine, PodSnapshot } from '../../../lib/observe/types.js';
import { parseJournal } from '../../../lib/observe/journal.js';
import { loaded, options, pod, running, scriptedCluster } from './scripted-cluster.js';

const T0 = Date.parse('2026-12-01T17:00:00Z') / 1000;

/** The scripted pod with each running container started at the given second (epoch). */
function startedAt(p: PodSnapshot, seconds: Record<string, number>): PodSnapshot {
  for (const c of p.containers) {
    const at = seconds[c.name];
    if (at !== undefined && c.state.running) c.state.running.startedAt = new Date(at * 1000).toISOString();
  }
  return p;
}
const journal = (...lines: Array<[number, string]>): JournalLine[] =>
  parseJournal(lines.map(([at, name]) => `${at} ${name} netns=a`).join('\n'));

describe('runner: the journal caught up with the pod status', () => {
  it('names a running container whose current run has no line yet, and no other', () => {
    const p = startedAt(pod(1, 'Running', true, running), { sidecar: T0, trigger: T0 + 5, bystander: T0 });
    const lines = journal([T0 - 1, 'init'], [T0, 'sidecar'], [T0, 'trigger'], [T0, 'bystander']);
    expect(journalBehind(p, lines)).to.deep.equal(['trigger']);
    expect(journalBehind(p, [...lines, ...journal([T0 + 5, 'trigger'])])).to.deep.equal([]);
  });

  it("takes a line a second before startedAt as the current run's: containerd stamps startedAt late", () => {
    const p = startedAt(pod(1, 'Running', true, running), { sidecar: T0, trigger: T0 + 5, bystander: T0 });
    const lines = journal([T0, 'sidecar'], [T0, 'bystander'], [T0, 'trigger']);
    expect(journalBehind(p, [...lines, ...journal([T0 + 4, 'trigger'])])).to.deep.equal([]);
    expect(journalBehind(p, [...lines, ...journal([T0 + 3, 'trigger'])])).to.deep.equal(['trigger']);
  });

  it('waits for no container that never journaled, nor for one that is not running', () => {
    const p = startedAt(pod(1, 'Running', true, ['trigger']), { trigger: T0 + 5 });
    expect(journalBehind(p, journal([T0, 'sidecar'], [T0, 'bystander']))).to.deep.equal([]);
  });

  it('reads the journal again until the restarted container has written its line', async () => {
    const before = startedAt(pod(2, 'Running', true, running), { sidecar: T0, trigger: T0, bystander: T0 });
    const after = startedAt(pod(4, 'Running', true, running, { trigger: 1 }), {
      sidecar: T0,
      trigger: T0 + 3,
      bystander: T0,
    });
    const { cluster, files, execs } = scriptedCluster([pod(1, 'Pending', false, []), before, after], {
      files: {
        '/shared/journal': `${T0 - 1} init netns=a\n${T0} sidecar netns=a\n${T0} trigger netns=a\n${T0} bystander netns=a\n`,
      },
    });
    // The restarted trigger appends its line only after the runner's first read after the trigger.
    const exec = cluster.exec.bind(cluster);
    let readsAfterTrigger = 0;
    cluster.exec = async (ns, name, container, command) => {
      const result = await exec(ns, name, container, command);
      const triggered = execs.some((e) => (e.command[2] ?? '').startsWith('printf'));
      if (triggered && command.includes('/shared/journal') && ++readsAfterTrigger === 1)
        files.set('/shared/journal', `${files.get('/shared/journal') ?? ''}${T0 + 3} trigger netns=a\n`);
      return result;
    };
    const r = await runScenario(
      loaded({
        trigger: { exit: { container: 'trigger', code: 42 } },
        expect: { restarts: { trigger: 1 }, runs: { trigger: 2 } },
      }),
      cluster,
      options,
    );
    expect(r.observation.abortedWith).to.equal(undefined);
    expect(readsAfterTrigger).to.equal(2);
    expect(r.observation.journal?.filter((l) => l.container === 'trigger')).to.have.length(2);
  });
});
