// The verdict engine against what a real kubelet did: observations recorded by `inplace-e2e run` on a
// kind cluster (Kubernetes v1.35.8 with RestartAllContainersOnContainerExits on, v1.36.3 with defaults), judged with the shipped
// suites' own expectations. Each must pass as recorded, and each single deviation must fail precisely.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Observation } from '../../../lib/observe/types.js';
import { loadSuites } from '../../../lib/suite/load.js';
import type { ScenarioT } from '../../../lib/suite/schema.js';
import { judge } from '../../../lib/verdict/judge.js';

const dir = join(process.cwd(), 'test', 'fixtures', 'observations', 'real');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, observation: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Observation }));

// Each shipped suite is loaded once: dozens of recordings are judged against a handful of suites.
const loadedSuites = new Map<string, ReturnType<typeof loadSuites>>();
async function scenarioNamed(suite: string, name: string): Promise<ScenarioT> {
  if (!loadedSuites.has(suite)) loadedSuites.set(suite, loadSuites([suite]));
  const [loaded] = (await loadedSuites.get(suite)) ?? [];
  const s = loaded?.scenarios.find((x) => x.scenario.name === name);
  if (!s) throw new Error(`no scenario ${name} in shipped suite ${suite}`);
  return s.scenario;
}

const failed = (scenario: ScenarioT, o: Observation) =>
  judge(scenario, o)
    .checks.filter((c) => !c.passed && !c.soft)
    .map((c) => c.check);

const clone = (o: Observation): Observation => structuredClone(o);
const r01 = () => clone(fixtures.find((f) => f.file.includes('-R01-'))?.observation as Observation);

describe('verdicts over real kubelet behaviour (recorded on kind, v1.35.8 and v1.36.3)', () => {
  it('has recordings of the core scenarios', () => {
    expect(fixtures.map((f) => f.file.split('-')[1])).to.include.members(['R01', 'R03', 'R07', 'R12']);
  });

  for (const { file, observation } of fixtures) {
    it(`passes ${file} with the shipped suite's expectations`, async () => {
      const scenario = await scenarioNamed(observation.suite, observation.scenario);
      const verdict = judge(scenario, observation);
      expect(verdict.checks.filter((c) => !c.passed && !c.soft).map((c) => `${c.check}: ${c.observed}`)).to.deep.equal(
        [],
      );
      expect(verdict.status).to.equal('passed');
    });
  }

  describe('R01 with one thing the kubelet did differently', () => {
    let scenario: ScenarioT;
    before(async () => {
      scenario = await scenarioNamed('core', 'core-in-place-restart');
    });

    it('a second restart of the trigger fails restarts.trigger only', () => {
      const o = r01();
      const trigger = o.after?.containers.find((c) => c.name === 'trigger');
      if (!trigger) throw new Error('fixture has no trigger status');
      trigger.restartCount += 1;
      expect(failed(scenario, o)).to.deep.equal(['restarts.trigger']);
    });

    it('a new UID fails identity.uid', () => {
      const o = r01();
      if (!o.after) throw new Error('fixture has no after');
      o.after.uid = 'another-uid';
      expect(failed(scenario, o)).to.include('identity.uid');
    });

    it('a new CRI sandbox fails identity.sandbox', () => {
      const o = r01();
      if (!o.sandbox) throw new Error('fixture has no sandbox ids');
      o.sandbox.after = 'f00d';
      expect(failed(scenario, o)).to.deep.equal(['identity.sandbox']);
    });

    it('a restart the condition never announced fails the AllContainersRestarting checks', () => {
      const o = r01();
      for (const e of o.timeline) {
        if (e.kind !== 'pod') continue;
        e.pod.conditions = e.pod.conditions.map((c) =>
          c.type === 'AllContainersRestarting' ? { ...c, status: 'False' } : c,
        );
      }
      expect(failed(scenario, o).filter((c) => c.startsWith('conditions.AllContainersRestarting'))).to.not.deep.equal(
        [],
      );
    });

    it('the sidecar starting before the init container on the second run fails startOrder', () => {
      const o = r01();
      const journal = o.journal ?? [];
      const after = journal.filter((l) => l.index >= (o.journalLinesBeforeTrigger ?? 0));
      const init = after.find((l) => l.container === 'init');
      const sidecar = after.find((l) => l.container === 'sidecar');
      if (!init || !sidecar) throw new Error('fixture journal lacks second-run init/sidecar lines');
      [init.container, sidecar.container] = [sidecar.container, init.container];
      expect(failed(scenario, o)).to.deep.equal(['startOrder']);
    });
  });

  it('R12 with a restart-all after exit 1 fails the condition and restart checks', async () => {
    const scenario = await scenarioNamed('core', 'non-matching-exit-code');
    const o = clone(fixtures.find((f) => f.file.includes('-R12-'))?.observation as Observation);
    const last = [...o.timeline].reverse().find((e) => e.kind === 'pod');
    if (!last || last.kind !== 'pod' || !o.after) throw new Error('fixture has no pod entries');
    const restarted = structuredClone(last);
    restarted.at += 1000;
    restarted.pod.conditions = restarted.pod.conditions.map((c) =>
      c.type === 'AllContainersRestarting' ? { ...c, status: 'True' } : c,
    );
    o.timeline.push(restarted);
    for (const c of o.after.containers) c.restartCount += 1;
    const names = failed(scenario, o);
    expect(names.some((n) => n.startsWith('conditions.AllContainersRestarting'))).to.equal(true, names.join(', '));
    expect(names.some((n) => n.startsWith('restarts.'))).to.equal(true, names.join(', '));
  });
});
