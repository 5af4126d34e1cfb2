import { expect } from 'chai';
import {
  COMPONENTS,
  CONTAINER_RESTART_RULES,
  GATE_TABLE,
  NODE_DECLARED_FEATURES,
  RESTART_ALL_CONTAINERS,
  TABLE_MINORS,
  gateDefinition,
} from '../../../lib/gates/index.js';

describe('gate table', () => {
  const facts = (gate: string, minor: (typeof TABLE_MINORS)[number]) => gateDefinition(gate)?.perMinor[minor];

  it('covers the three gates for 1.34 to 1.37, each fact with its evidence', () => {
    expect(GATE_TABLE.map((g) => g.name)).to.deep.equal([
      RESTART_ALL_CONTAINERS,
      CONTAINER_RESTART_RULES,
      NODE_DECLARED_FEATURES,
    ]);
    expect([...TABLE_MINORS]).to.deep.equal(['1.34', '1.35', '1.36', '1.37']);
    for (const g of GATE_TABLE) {
      for (const m of TABLE_MINORS) {
        const f = g.perMinor[m];
        if (f) expect(f.evidence, `${g.name} ${m}`).to.match(/^VERIFIED /);
      }
    }
  });

  it('1.34 knows only ContainerRestartRules (alpha, off), without dependencies', () => {
    expect(facts(RESTART_ALL_CONTAINERS, '1.34')).to.equal(null);
    expect(facts(NODE_DECLARED_FEATURES, '1.34')).to.equal(null);
    expect(facts(CONTAINER_RESTART_RULES, '1.34')).to.include({ stage: 'alpha', default: false, locked: false });
    expect(facts(CONTAINER_RESTART_RULES, '1.34')?.dependencies).to.deep.equal([]);
  });

  it('1.35: RestartAllContainers alpha and off, depending on ContainerRestartRules and NodeDeclaredFeatures', () => {
    expect(facts(RESTART_ALL_CONTAINERS, '1.35')).to.include({ stage: 'alpha', default: false });
    expect(facts(RESTART_ALL_CONTAINERS, '1.35')?.dependencies).to.deep.equal([
      CONTAINER_RESTART_RULES,
      NODE_DECLARED_FEATURES,
    ]);
    expect(facts(CONTAINER_RESTART_RULES, '1.35')).to.include({ stage: 'beta', default: true });
    expect(facts(NODE_DECLARED_FEATURES, '1.35')).to.include({ stage: 'alpha', default: false });
  });

  it('1.36: all three beta and on', () => {
    for (const g of [RESTART_ALL_CONTAINERS, CONTAINER_RESTART_RULES, NODE_DECLARED_FEATURES]) {
      expect(facts(g, '1.36'), g).to.include({ stage: 'beta', default: true, locked: false });
    }
  });

  it('1.37: NodeDeclaredFeatures GA and locked; the others still beta', () => {
    expect(facts(NODE_DECLARED_FEATURES, '1.37')).to.include({ stage: 'ga', default: true, locked: true });
    expect(facts(RESTART_ALL_CONTAINERS, '1.37')).to.include({ stage: 'beta', default: true, locked: false });
    expect(facts(CONTAINER_RESTART_RULES, '1.37')).to.include({ stage: 'beta', default: true, locked: false });
  });

  it('ContainerRestartRules is never locked (v1.35.8, v1.36.3, v1.37.2): a rules-off control profile is valid on every minor', () => {
    for (const m of TABLE_MINORS) expect(facts(CONTAINER_RESTART_RULES, m)?.locked, m).to.equal(false);
  });

  it('every gate is registered by all five components; the scheduler uses only NodeDeclaredFeatures', () => {
    for (const g of GATE_TABLE) expect([...g.registeredBy]).to.deep.equal([...COMPONENTS]);
    expect(gateDefinition(NODE_DECLARED_FEATURES)?.usedBy).to.include('kube-scheduler');
    expect(gateDefinition(RESTART_ALL_CONTAINERS)?.usedBy).to.deep.equal(['kube-apiserver', 'kubelet']);
  });
});
