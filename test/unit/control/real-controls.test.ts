// Controls against what real clusters did: observations recorded by `inplace-e2e run --control` on the
// 1.35-gates-off (action refused) and 1.35-rules-off (rules dropped) profiles, judged offline with the
// derived control expectations of the shipped scenario they ran. Each must pass as recorded; a recording
// where the gate was in fact on must fail.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveControl, isUnderivable, type ControlKind, type DerivedControl } from '../../../lib/control/index.js';
import { controlVerdict } from '../../../lib/verdict/control.js';
import type { Observation } from '../../../lib/observe/types.js';
import type { LoadedScenario } from '../../../lib/suite/load.js';
import { shippedScenario } from './shipped.js';

const dir = join(process.cwd(), 'test', 'fixtures', 'observations', 'real-controls');
const KIND_OF_PREFIX: Record<string, ControlKind> = { 'gates-off': 'action-refused', 'rules-off': 'rules-dropped' };
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((file) => {
    const prefix = Object.keys(KIND_OF_PREFIX).find((p) => file.startsWith(`${p}-`));
    if (!prefix) throw new Error(`${file}: name it gates-off-… or rules-off-…`);
    return {
      file,
      kind: KIND_OF_PREFIX[prefix] as ControlKind,
      observation: JSON.parse(readFileSync(join(dir, file), 'utf8')) as Observation,
    };
  });

const shipped = (o: Observation): Promise<LoadedScenario> => shippedScenario(o.suite, o.scenario);

function derive(kind: ControlKind, s: LoadedScenario): DerivedControl {
  const d = deriveControl(kind, s.scenario, s.pod);
  if (isUnderivable(d)) throw new Error(d.underivable);
  return d;
}

const hardFailures = (v: ReturnType<typeof controlVerdict>) =>
  v.checks.filter((c) => !c.passed && !c.soft).map((c) => `${c.check}: ${c.observed}`);

describe('controls over real clusters (recorded on kind v1.35.8 gate-off and rules-off)', () => {
  it('has recordings of both controls, with and without a trigger', () => {
    expect(fixtures.map((f) => f.kind)).to.include.members(['rules-dropped']);
    expect(fixtures.map((f) => f.file)).to.include.members([
      'rules-off-v1.35.8-R01-core-in-place-restart.json',
      'rules-off-v1.35.8-R22b-too-many-rules.json',
    ]);
  });

  for (const { file, kind, observation } of fixtures) {
    it(`passes ${file} with the ${kind} control expectations`, async () => {
      const s = await shipped(observation);
      const v = controlVerdict(s.scenario, derive(kind, s), observation);
      expect(hardFailures(v)).to.deep.equal([]);
      expect(v.status).to.equal('passed');
    });
  }

  it('R01 on rules-off: had the API server kept the rule, the control fails on the stored pod', async () => {
    const f = fixtures.find((x) => x.file === 'rules-off-v1.35.8-R01-core-in-place-restart.json');
    if (!f) throw new Error('fixture missing');
    const o = structuredClone(f.observation);
    const trigger = o.stored?.find((c) => c.name === 'trigger');
    if (!trigger) throw new Error('no stored trigger');
    Object.assign(trigger, { restartPolicy: 'Never', restartPolicyRules: 1 });
    const s = await shipped(o);
    expect(hardFailures(controlVerdict(s.scenario, derive('rules-dropped', s), o))).to.deep.equal([
      'control.stored.trigger: restartPolicy Never, 1 rule',
    ]);
  });

  it('R01 on rules-off: had every container restarted, the control fails on the restart counts', async () => {
    const f = fixtures.find((x) => x.file === 'rules-off-v1.35.8-R01-core-in-place-restart.json');
    if (!f) throw new Error('fixture missing');
    const o = structuredClone(f.observation);
    for (const c of o.after?.containers ?? []) c.restartCount += 1;
    const s = await shipped(o);
    const failed = hardFailures(controlVerdict(s.scenario, derive('rules-dropped', s), o)).map((x) => x.split(':')[0]);
    expect(failed).to.include.members([
      'control.restarts.init',
      'control.restarts.trigger',
      'control.restarts.bystander',
    ]);
  });
});
