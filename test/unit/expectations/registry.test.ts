import { expect } from 'chai';
import { checkers, expectationKinds, expectationTable, observationNeeds } from '../../../lib/expectations/registry.js';
import { Expectations } from '../../../lib/suite/schema.js';

describe('expectation registry', () => {
  it('has a checker for every `expect` key of the suite schema except the settle deadline', () => {
    const schemaKeys = Object.keys(Expectations.properties).sort();
    expect([...expectationKinds, 'within'].sort()).to.deep.equal(schemaKeys);
    for (const kind of expectationKinds) expect(checkers[kind], kind).to.be.a('function');
    for (const kind of expectationKinds) expect(expectationTable[kind].observes, kind).to.be.a('function');
  });

  it('each kind declares what the runner must read for it beyond the watches', () => {
    expect(
      observationNeeds({ restarts: { '*': 1 }, conditions: {}, final: { phase: 'Running' }, consistently: 30 }),
    ).to.deep.equal({});
    expect(observationNeeds({ runs: { init: 2 } })).to.deep.equal({ journal: true });
    expect(observationNeeds({ startOrder: ['init', 'sidecar'] })).to.deep.equal({ journal: true });
    expect(observationNeeds({ identity: { uid: 'preserved' } })).to.deep.equal({});
    expect(observationNeeds({ identity: { netns: 'preserved', sandbox: 'preserved' } })).to.deep.equal({
      journal: true,
      sandbox: true,
    });
    expect(observationNeeds({ files: [{ path: '/shared/token', preserved: true }], runs: { x: 1 } })).to.deep.equal({
      journal: true,
      files: [{ path: '/shared/token', preserved: true }],
    });
  });
});
