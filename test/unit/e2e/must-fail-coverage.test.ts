// The harness self-check covers every expectation kind: test/e2e/must-fail.yaml has, for each kind of
// lib/expectations/registry.ts, a wrong-on-purpose scenario that must fail on exactly that check on a real
// cluster (verified by test/e2e/verify-must-fail.ts). A new kind without one fails here, offline.
import { expect } from 'chai';
import { expectationKinds } from '../../../lib/expectations/registry.js';
import { loadSuites } from '../../../lib/suite/index.js';
import { checkMatches, expectedFailures } from '../../e2e/must-fail-expected.js';

describe('harness self-check coverage (test/e2e/must-fail.yaml)', function () {
  this.timeout(60_000); // loads and checks 14 scenarios
  it('validates, and lists exactly the scenarios whose failures the verifier expects', async () => {
    const [suite] = await loadSuites(['test/e2e/must-fail.yaml']);
    expect(suite?.scenarios.map((s) => s.scenario.name).sort()).to.deep.equal(Object.keys(expectedFailures).sort());
  });

  it('has, for every expectation kind, a scenario that must fail on that kind', () => {
    const wanted = Object.values(expectedFailures).flat();
    const uncovered = expectationKinds.filter((kind) => !wanted.some((w) => checkMatches(w, kind)));
    expect(uncovered, 'expectation kinds without a must-fail scenario').to.deep.equal([]);
  });

  it('asks each scenario to fail on checks of the kinds it states', async () => {
    const [suite] = await loadSuites(['test/e2e/must-fail.yaml']);
    for (const s of suite?.scenarios ?? []) {
      const kinds = Object.keys(s.scenario.expect ?? {});
      for (const w of expectedFailures[s.scenario.name] ?? [])
        if (w !== 'run')
          expect(
            kinds.some((k) => checkMatches(w, k)),
            `${s.scenario.name}: ${w}`,
          ).to.equal(true);
    }
  });
});
