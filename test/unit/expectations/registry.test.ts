import { expect } from 'chai';
import { checkers, expectationKinds } from '../../../lib/expectations/registry.js';
import { Expectations } from '../../../lib/suite/schema.js';

describe('expectation registry', () => {
  it('has a checker for every `expect` key of the suite schema except the settle deadline', () => {
    const schemaKeys = Object.keys(Expectations.properties).sort();
    expect([...expectationKinds, 'within'].sort()).to.deep.equal(schemaKeys);
    for (const kind of expectationKinds) expect(checkers[kind], kind).to.be.a('function');
  });
});
