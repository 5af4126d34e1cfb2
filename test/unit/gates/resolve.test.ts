import { expect } from 'chai';
import {
  GateRefusalError,
  evaluateGates,
  resolveGates,
  tableColumnFor,
  type GateRefusal,
} from '../../../lib/gates/index.js';

const RACOCE = 'RestartAllContainersOnContainerExits';
const CRR = 'ContainerRestartRules';
const NDF = 'NodeDeclaredFeatures';

function refusalsOf(version: string, requested: Record<string, boolean>): GateRefusal[] {
  try {
    resolveGates(version, requested);
  } catch (e) {
    expect(e).to.be.instanceOf(GateRefusalError);
    return (e as GateRefusalError).refusals;
  }
  throw new Error(`expected a refusal for ${JSON.stringify(requested)} on ${version}`);
}

describe('resolveGates', () => {
  describe('defaults per minor', () => {
    const cases: [string, Record<string, boolean>][] = [
      ['1.34', { [CRR]: false }],
      ['v1.35.8', { [RACOCE]: false, [CRR]: true, [NDF]: false }],
      ['1.36', { [RACOCE]: true, [CRR]: true, [NDF]: true }],
      ['v1.37.0-rc.1', { [RACOCE]: true, [CRR]: true, [NDF]: true }],
    ];
    for (const [version, effective] of cases) {
      it(`${version}: ${JSON.stringify(effective)} with nothing requested`, () => {
        const r = resolveGates(version, {});
        expect(r.effective).to.deep.equal(effective);
        expect(r.explicit).to.deep.equal({});
      });
    }
  });

  it('1.35 with both gates on: effective on, explicit as requested', () => {
    const r = resolveGates('1.35', { [RACOCE]: true, [NDF]: true });
    expect(r.version).to.equal('1.35');
    expect(r.effective).to.deep.equal({ [RACOCE]: true, [CRR]: true, [NDF]: true });
    expect(r.explicit).to.deep.equal({ [RACOCE]: true, [NDF]: true });
  });

  it('1.35 gate off is the control: accepted, with a note that it is the default', () => {
    const r = resolveGates('1.35', { [RACOCE]: false });
    expect(r.effective[RACOCE]).to.equal(false);
    expect(r.notes.join('\n')).to.contain(`${RACOCE}=false is already the default on 1.35`);
  });

  it('refuses RestartAllContainersOnContainerExits on 1.34 as an unknown gate', () => {
    const [r, ...rest] = refusalsOf('1.34', { [RACOCE]: true });
    expect(rest).to.have.length(0);
    expect(r).to.include({ kind: 'unknown-gate', gate: RACOCE, version: '1.34' });
    expect(r?.reason).to.contain(`"unrecognized feature gate: ${RACOCE}"`);
    expect(r?.reason).to.contain('it exists from 1.35');
  });

  it('refuses NodeDeclaredFeatures on 1.34 too (it is new in 1.35)', () => {
    expect(refusalsOf('1.34', { [NDF]: true })[0]).to.include({ kind: 'unknown-gate', gate: NDF });
  });

  it('refuses 1.35 RestartAllContainers without NodeDeclaredFeatures: the kubelet panics', () => {
    const [r] = refusalsOf('1.35', { [RACOCE]: true });
    expect(r).to.include({ kind: 'dependency-disabled', gate: RACOCE });
    expect(r?.disabledDependencies).to.deep.equal([NDF]);
    expect(r?.reason).to.contain('the kubelet panics at startup');
    expect(r?.reason).to.contain(`${RACOCE} is enabled, but depends on features that are disabled: [${NDF}]`);
    expect(r?.remedy).to.equal(`${NDF}: true as well, or ${RACOCE}: false`);
    expect(r?.involved).to.deep.equal([RACOCE]);
  });

  it('lists both dependencies in Go order when ContainerRestartRules is off as well', () => {
    const [r] = refusalsOf('1.35', { [RACOCE]: true, [CRR]: false });
    expect(r?.reason).to.contain(`depends on features that are disabled: [${CRR} ${NDF}]`);
    expect(r?.involved).to.deep.equal([RACOCE, CRR]);
  });

  it('refuses 1.36 NodeDeclaredFeatures=false, because RestartAllContainers is on by default there', () => {
    const [r] = refusalsOf('1.36', { [NDF]: false });
    expect(r).to.include({ kind: 'dependency-disabled', gate: RACOCE });
    expect(r?.involved).to.deep.equal([NDF]);
  });

  it('accepts 1.36 with NodeDeclaredFeatures=false when RestartAllContainers is off too', () => {
    const r = resolveGates('1.36', { [NDF]: false, [RACOCE]: false });
    expect(r.effective).to.deep.equal({ [RACOCE]: false, [CRR]: true, [NDF]: false });
  });

  it('refuses 1.37 NodeDeclaredFeatures=false: GA and locked', () => {
    const [r] = refusalsOf('1.37', { [NDF]: false, [RACOCE]: false });
    expect(r).to.include({ kind: 'locked', gate: NDF, version: '1.37' });
    expect(r?.reason).to.contain(`"cannot set feature gate ${NDF} to false, feature is locked to true"`);
  });

  it('accepts 1.37 NodeDeclaredFeatures=true with a note (a locked GA gate set to its value)', () => {
    const r = resolveGates('1.37', { [NDF]: true });
    expect(r.notes.join('\n')).to.contain('GA and locked on 1.37');
  });

  it('passes gates outside the table through with a note', () => {
    const r = resolveGates('1.35', { [RACOCE]: true, [NDF]: true, InPlacePodVerticalScaling: true });
    expect(r.effective.InPlacePodVerticalScaling).to.equal(true);
    expect(r.explicit.InPlacePodVerticalScaling).to.equal(true);
    expect(r.notes.join('\n')).to.contain(
      "InPlacePodVerticalScaling=true is not in inplace-e2e's gate table: passed through unchecked",
    );
  });

  it('GateRefusalError says gate, version, reason and what is expected instead', () => {
    expect(() => resolveGates('1.35', { [RACOCE]: true })).to.throw(
      GateRefusalError,
      `${RACOCE} on Kubernetes 1.35: the kubelet panics at startup`,
    );
  });

  it('evaluateGates never throws and returns every refusal with the resolution', () => {
    const { resolution, refusals } = evaluateGates('1.34', { [RACOCE]: true, [NDF]: true });
    expect(refusals.map((r) => r.gate)).to.deep.equal([RACOCE, NDF]);
    expect(resolution.effective[RACOCE]).to.equal(true);
  });

  describe('layers (a kubelet override over the cluster gates)', () => {
    const cluster = { [RACOCE]: true, [NDF]: true };

    it('the override wins and notes speak only about the override', () => {
      const { resolution, refusals } = evaluateGates('1.35', { [RACOCE]: false }, cluster);
      expect(refusals).to.deep.equal([]);
      expect(resolution.effective).to.deep.equal({ [RACOCE]: false, [CRR]: true, [NDF]: true });
      expect(resolution.explicit).to.deep.equal({ [RACOCE]: false, [NDF]: true });
      expect(resolution.notes).to.deep.equal([]); // false is the 1.35 default, but it overrides the cluster's true
    });

    it('an override that breaks a dependency is refused and names the override', () => {
      const { refusals } = evaluateGates('1.35', { [NDF]: false }, cluster);
      expect(refusals[0]).to.include({ kind: 'dependency-disabled', gate: RACOCE });
      expect(refusals[0]?.involved).to.deep.equal([RACOCE, NDF]);
    });
  });

  describe('versions outside the table', () => {
    it('1.38 is resolved with the 1.37 facts and says so', () => {
      expect(tableColumnFor('1.38')).to.deep.equal({ minor: '1.38', column: '1.37', extrapolated: true });
      const r = resolveGates('v1.38.0', {});
      expect(r.effective[NDF]).to.equal(true);
      expect(r.notes[0]).to.contain('newer than the gate table').and.contain('UNVERIFIED');
    });

    it('1.33 knows none of the gates', () => {
      expect(tableColumnFor('1.33').column).to.equal(undefined);
      expect(resolveGates('1.33', {}).effective).to.deep.equal({});
      expect(refusalsOf('1.33', { [CRR]: true })[0]?.reason).to.contain('it exists from 1.34');
    });
  });
});
