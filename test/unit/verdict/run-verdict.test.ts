// The verdict of a whole run: a failure fails it; only skips prove nothing, unless skips are accepted.
import { expect } from 'chai';
import { runVerdict } from '../../../lib/verdict/run.js';
import type { Verdict, VerdictStatus } from '../../../lib/verdict/types.js';

const v = (status: VerdictStatus): Verdict => ({ suite: 's', scenario: status, status, checks: [], durationMs: 0 });

describe('run verdict', () => {
  it('fails on any failed scenario, whatever else passed', () => {
    expect(runVerdict([v('passed'), v('failed'), v('skipped')], { allowSkips: true })).to.equal('failed');
  });
  it('passes when something was proven: a pass or a declared expected failure', () => {
    expect(runVerdict([v('skipped'), v('passed')], { allowSkips: false })).to.equal('passed');
    expect(runVerdict([v('skipped'), v('expected-failure')], { allowSkips: false })).to.equal('passed');
  });
  it('proves nothing when every scenario was skipped, unless skips are accepted', () => {
    expect(runVerdict([v('skipped'), v('skipped')], { allowSkips: false })).to.equal('nothing-proven');
    expect(runVerdict([v('skipped')], { allowSkips: true })).to.equal('passed');
  });
});
