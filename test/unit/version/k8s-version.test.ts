// Kubernetes versions and ranges: pre-releases compare by Semantic Versioning precedence, numerically.
import { expect } from 'chai';
import { comparePreRelease, compareVersions, inRange, parseVersion } from '../../../lib/k8s-version.js';

const cmp = (a: string, b: string) => Math.sign(compareVersions(parseVersion(a), parseVersion(b)));

describe('Kubernetes versions', () => {
  it('orders numeric pre-release identifiers as numbers (alpha.10 after alpha.9)', () => {
    expect(cmp('v1.37.0-alpha.10', 'v1.37.0-alpha.9')).to.equal(1);
    expect(cmp('v1.37.0-alpha.9', 'v1.37.0-alpha.10')).to.equal(-1);
    expect(cmp('v1.37.0-rc.2', 'v1.37.0-rc.10')).to.equal(-1);
    expect(cmp('v1.37.0-beta.0', 'v1.37.0-alpha.12')).to.equal(1);
  });

  it('puts a pre-release before its release and the release before the next patch', () => {
    expect(cmp('v1.37.0-rc.1', 'v1.37.0')).to.equal(-1);
    expect(cmp('v1.37.0', 'v1.37.0-rc.1')).to.equal(1);
    expect(cmp('v1.37.0', 'v1.37.1-alpha.0')).to.equal(-1);
    expect(cmp('v1.36.3', 'v1.36.3')).to.equal(0);
  });

  it('follows SemVer §11 for mixed and prefix identifiers', () => {
    expect(Math.sign(comparePreRelease('alpha', 'alpha.1'))).to.equal(-1);
    expect(Math.sign(comparePreRelease('alpha.1', 'alpha.beta'))).to.equal(-1); // numeric before alphanumeric
    expect(Math.sign(comparePreRelease('alpha.beta', 'beta'))).to.equal(-1);
    expect(Math.sign(comparePreRelease('rc.1', 'rc.1'))).to.equal(0);
  });

  it('judges three-part ranges with pre-releases numerically', () => {
    expect(inRange('v1.37.0-alpha.10', '>1.36')).to.equal(true);
    expect(inRange('v1.37.0-alpha.10', '<1.37.0')).to.equal(true);
    expect(inRange('v1.37.0-rc.1', '>=1.37')).to.equal(true);
  });
});
