// The plan of a run, offline: each scenario's selection decision, the skip verdicts, the journal of its
// suite, and whether anything is left to run.
import { expect } from 'chai';
import { loadProfile } from '../../../lib/profiles/load.js';
import { planRun } from '../../../lib/runner/plan.js';
import { loadSuites } from '../../../lib/suite/load.js';

const options = { control: false, allowSkips: false, profile: '1.35-gates-on', suites: ['core', 'gate-off'] };

describe('planRun', () => {
  it('runs what the profile can run and holds a skip verdict for the rest', async () => {
    const profile = await loadProfile('1.35-gates-on');
    const suites = await loadSuites(['core', 'gate-off']);
    const plan = planRun(profile, suites, options);
    expect(plan.scenarios).to.have.length(suites.flatMap((s) => s.scenarios).length);
    const skipped = plan.scenarios.filter((p) => p.decision.kind === 'skip');
    expect(skipped.map((p) => p.loaded.suiteName)).to.include('gate-off');
    expect([...plan.skipped.keys()]).to.deep.equal(skipped.map((p) => p.loaded));
    expect([...plan.skipped.values()].every((v) => v.status === 'skipped' && v.skipReason)).to.equal(true);
    expect(plan.scenarios.find((p) => p.loaded.suiteName === 'core')?.journal).to.equal('/shared/journal');
    expect(plan.empty).to.equal(undefined);
  });

  it('marks gate-off controls in their titles, and refuses a selection that leaves nothing to run', async () => {
    const off = await loadProfile('1.35-gates-off');
    const core = await loadSuites(['core']);
    const control = planRun(off, core, { ...options, control: true });
    expect(
      control.scenarios.some((p) => p.decision.kind === 'control' && p.title.endsWith('[action-refused control]')),
    ).to.equal(true);
    const refused = planRun(off, core, options);
    expect(refused.empty).to.include({ refused: true });
    expect(planRun(off, core, { ...options, allowSkips: true }).empty).to.deep.equal({ refused: false });
  });
});
